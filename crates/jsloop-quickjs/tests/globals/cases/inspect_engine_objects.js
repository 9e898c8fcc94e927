console.log((function () { return arguments; })(1, 2));
console.log(new Proxy({ t: 1 }, {}), new Proxy([1], {}));
class S { static x = 1; }
console.log(S, Object.create(S.prototype));
console.log(new (class T2 { get [Symbol.toStringTag]() { return 'T2'; } })());
console.log({ a: 1, get b() { return 2; }, c: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] });
console.log(Symbol.for('registered'), { [Symbol.for('x')]: Symbol('v') });
console.log([new Set([1]), new Map([[1, [1, 2]]])]);
console.log(Math, JSON, new WeakRef({}));
