const src = {
  n: 1, s: 'two', b: true, nil: null, u: undefined, big: 3n,
  arr: [1, , 3], date: new Date(0), re: /x/gi,
  map: new Map([['k', { v: 1 }]]), set: new Set([1, 2]),
  bytes: new Uint8Array([1, 2, 3]), f64: new Float64Array([0.5]),
  boxed: [new Number(1), new String('s'), new Boolean(true)],
};
src.self = src;
src.shared = [src.map, src.map];
const copy = structuredClone(src);
console.log(copy);
console.log(copy !== src, copy.self === copy, copy.map !== src.map, copy.shared[0] === copy.shared[1], copy.shared[0] === copy.map);
console.log(copy.date instanceof Date, copy.re.lastIndex, copy.bytes.buffer !== src.bytes.buffer);
class K { constructor() { this.x = 1; } }
console.log(structuredClone(new K()), structuredClone(new K()) instanceof K);
const err = structuredClone(new RangeError('bad'));
console.log(err instanceof RangeError, err.name, err.message);
console.log(structuredClone(1), structuredClone('s'), structuredClone(null), structuredClone(undefined));
for (const bad of [() => {}, function named() {}, Symbol('q'), { f() {} }, [Symbol.iterator]]) {
  try { structuredClone(bad); } catch (e) { console.log(e.name, e.code, e.message, e instanceof DOMException); }
}
try { structuredClone(); } catch (e) { console.log(e.name, e.code, e.message); }
