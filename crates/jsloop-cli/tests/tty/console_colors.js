'use strict';
// console on a terminal with colours: values (not strings) coloured, as
// node's colorMode 'auto'; a Console with colorMode false or its own
// inspectOptions.
console.log('ready');
console.log({ a: 1, s: 'str', n: null, u: undefined, d: new Date(0), r: /x/, f() {}, sym: Symbol('s'), big: 5n });
console.log('%s and %o and %O', 'fmt', [1, 'two'], { three: 3 });
console.log([1, 2, 3], 4, true, 'plain string');
console.info(['aaaa', 'bbbb', 'cccc', 'dddd', 'eeee', 'ffff', 'gggg', 'hhhh', 'iiii', 'jjjj', 'kkkk', 'llll']);
console.error(new Map([[1, { deep: { deeper: { deepest: 1 } } }]]), new Set(['x']));
console.warn([1, , 3], Object(7), function named() {}, class Klass {});
console.dir({ a: [1, 2], p: Promise.resolve(1) });
console.table([{ a: 1, b: 'x' }, { a: 2, b: 'y' }]);
const { Console } = require('console');
new Console({ stdout: process.stdout, colorMode: false }).log({ plain: 1 });
new Console({ stdout: process.stdout, colorMode: true }).log({ forced: 1 });
new Console({ stdout: process.stdout }).log({ auto: 1 });
new Console({ stdout: process.stdout, inspectOptions: { depth: 0 } }).log({ deep: { x: 1 } });
new Console({ stdout: process.stdout, inspectOptions: { colors: false } }).log({ off: 1 });
console.log(`hasColors ${process.stdout.hasColors()} depth ${process.stdout.getColorDepth()}`);
console.log('done');
