// A .js file no package.json "type" claims, with module syntax, imported:
// an ES module by detection, with node's warning.
// (Collected and printed at exit: node loads files asynchronously, so when
// its warnings fire among the imports depends on its I/O.)
const warnings = [];
process.on('warning', (w) => warnings.push(`${w.name} ${w.code}`));
process.on('exit', () => console.log('warnings:', warnings));
const m = await import('./typeless/esm-syntax.js');
console.log(m);
const t = await import('./typeless/tla-only.js');
console.log(t);
console.log(await import('./typeless/cjs-lookalike.js'));
