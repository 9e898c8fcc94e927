// clsx (dual: `exports` `default` condition for require, `clsx/lite` subpath).
const { clsx } = require('clsx');
const clsxDefault = require('clsx');
const lite = require('clsx/lite');

console.log(clsx('foo', true && 'bar', 'baz'));
console.log(clsx({ foo: true, bar: false, baz: 1 }));
console.log(clsx(['foo', 0, false, 'bar', [null, ['baz', { qux: true }]]]));
console.log(clsx('a', undefined, null, '', 0, 'b'), JSON.stringify(clsx()));
console.log(typeof clsxDefault, clsxDefault === clsx, clsxDefault('x', { y: true }));
console.log(lite.clsx('a', 'b', { c: true }), typeof lite.default);
