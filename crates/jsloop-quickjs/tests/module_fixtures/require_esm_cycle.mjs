// require() of an ES module still being evaluated (a cycle) and of one
// linked but not yet evaluated (allowed), from an ES module graph.
import './lib/esm/cycle-a.mjs';
import './lib/esm/linked-f.cjs';
import './lib/esm/linked-g.mjs';
console.log('main done');
