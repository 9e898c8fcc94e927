// console.log keeps working after the built-ins it relies on are replaced.
const sample = () => ({
  s: "it's",
  n: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
  m: new Map([[1, { a: 'x' }]]),
  set: new Set(['v']),
  d: new Date(0),
  re: /a+/g,
  f() {},
  [Symbol('k')]: 1,
});
const before = sample();
console.log('before tampering');
String.prototype.replaceAll = null;
String.prototype.replace = null;
String.prototype.slice = null;
String.prototype.padStart = null;
String.prototype.includes = null;
String.prototype[Symbol.iterator] = null;
Array.prototype[Symbol.iterator] = null;
Object.keys = null;
Object.getOwnPropertyDescriptor = null;
Object.getPrototypeOf = null;
Object.is = null;
Math.min = null;
Math.max = null;
RegExp.prototype.exec = null;
RegExp.prototype.test = null;
RegExp.prototype[Symbol.replace] = null;
Map.prototype.get = null;
Map.prototype.set = null;
Map.prototype.entries = null;
Set.prototype.values = null;
Symbol.prototype.toString = null;
Object.defineProperty(Array, Symbol.hasInstance, { value: () => true });
console.log(before);
console.log({ arr: [1, 'two', [3, [4, [5]]]], "k-y": { a: { b: { c: {} } } }, big: 10n });
console.log('%s and %d and %j', 'str', 42, { a: 1 });
console.log(new Array(150).fill(7));
