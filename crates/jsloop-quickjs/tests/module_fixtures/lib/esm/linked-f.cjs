console.log('linked-f.cjs requires linked-g.mjs');
console.log(require('./linked-g.mjs'));
