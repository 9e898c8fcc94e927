// Drives inherits, util-deprecate and object-inspect, which load node:util.
const inherits = require('inherits');
const deprecate = require('util-deprecate');
const inspect = require('object-inspect');
const util = require('util');

function Animal(name) { this.name = name; }
Animal.prototype.speak = function () { return `${this.name} makes a sound`; };
function Dog(name) { Animal.call(this, name); }
inherits(Dog, Animal);
const d = new Dog('Rex');
console.log(d.speak(), d instanceof Animal, Dog.super_ === Animal, inherits === util.inherits);

process.on('warning', (w) => console.log('warning:', w.name, w.message));
const old = deprecate(function old(x) { return x * 2; }, 'old() is deprecated, use new()');
console.log(old(2), old(3));

class Custom { [util.inspect.custom]() { return 'Custom!'; } }
console.log(inspect({ a: [1, 'two', { three: 3n }], b: new Map([[1, 2]]), c: new Set(['x']), d: null }));
console.log(inspect(new Custom()), inspect('str'), inspect(Symbol('s')));
console.log(inspect(new Error('boom')), inspect(function named() {}), inspect([, 1]));
const circ = { x: 1 }; circ.self = circ;
console.log(inspect(circ), inspect(new Uint8Array(2)), inspect(Object.create(null)));
