console.log(new Map([['a', 1], ['b', { c: 2 }]]), new Set([1, 'two']), new Map(), new Set());
console.log(new Map([[{ k: 1 }, new Set([[1]])]]));
console.log(new Set([new Map([[1, 2]])]), { m: new Map([[1, { a: { b: 1 } }]]) });
console.log(new WeakMap(), new WeakSet());
console.log(new Uint8Array([1, 2, 3]), new Float64Array([1.5, -0]), new BigInt64Array([1n, -2n]), new Int16Array(0));
console.log(new ArrayBuffer(4), new Uint8Array(120));
class MyMap extends Map {}
console.log(new MyMap([[1, 2]]));
