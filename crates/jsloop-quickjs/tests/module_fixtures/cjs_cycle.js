// A require cycle returns the partial exports, as Node does.
const a = require('./lib/cycle-a');
const b = require('./lib/cycle-b');
console.log('main', a.done, b.done);
