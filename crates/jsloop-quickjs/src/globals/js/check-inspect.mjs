// Compares inspect.js with node's util.inspect / util.format on a corpus.
// Run: node crates/jsloop-quickjs/src/globals/js/check-inspect.mjs
import { readFileSync } from 'node:fs';
import util from 'node:util';

const src = readFileSync(new URL('./inspect.js', import.meta.url), 'utf8');
// Promise states observed through then(), standing in for the engine's peek,
// and proxy targets recorded at creation, standing in for the engine's.
const states = new WeakMap();
const targets = new WeakMap();
const proxy = (target, handler) => {
  const p = new Proxy(target, handler);
  targets.set(p, target);
  return p;
};
const revoked = (target) => {
  const { proxy: p, revoke } = Proxy.revocable(target, {});
  revoke();
  targets.set(p, null);
  return p;
};
const throwing = (target) => proxy(target, new Proxy({}, { get(_, trap) { throw new Error(`trap ${String(trap)}`); } }));
const lib = new Function('host', src)({
  promiseState: (p) => (util.types.isPromise(p) ? states.get(p) ?? [0] : undefined),
  proxyTarget: (p) => (util.types.isProxy(p) ? targets.get(p) ?? null : undefined),
});

class A { constructor() { this.x = 1; } }
class B extends A {}
const circ = { name: 'c' }; circ.self = circ;
const nullProto = Object.create(null); nullProto.a = 1;
const holes = [1, , 3]; // eslint-disable-line no-sparse-arrays
const withProps = [1, 2]; withProps.extra = 'e';
const getters = { get a() { return 1; }, set b(v) {}, get c() { return 1; }, set c(v) {} };
class Foo extends Error {}
class Bar extends Error { constructor(m) { super(m); this.name = 'Bar'; } }
const coded = new Error('with code'); coded.code = 'E_X'; coded.errno = 3;
const renamed = new Error('x'); renamed.name = 'Custom';
const nested = { a: 1, e: new RangeError('r') };
const circ2 = { a: { b: {} } }; circ2.a.b.c = circ2.a; circ2.a.b.d = circ2;
const rejected = Promise.reject(new Error('no')); rejected.catch(() => {});
const rejected2 = Promise.reject(42); rejected2.catch(() => {});
const ac = new AbortController();
const aborted = new AbortController(); aborted.abort();
const extra = [
  new Error('plain'), new TypeError('type'), new Foo('foo'), new Bar('bar'), coded, renamed, nested, [new Error('in array')],
  circ2, Promise.resolve(1), Promise.resolve({ a: [1, 2] }), new Promise(() => {}), rejected, rejected2,
  new ArrayBuffer(4), new ArrayBuffer(60), new Float64Array([1.5, -0]), new BigInt64Array([1n]),
  ['a'.repeat(100), 'b'], Array.from({ length: 7 }, (_, i) => 'x'.repeat(i * 3)),
  Array.from({ length: 101 }, (_, i) => i * 1000), { k: Array.from({ length: 20 }, (_, i) => ({ i })) },
  async () => {}, async function* ag() {}, (function () {}).bind(null), function named() {}.bind(null),
  Object.assign(() => {}, { a: 1 }), Object.assign(function f() {}, { b: 2 }),
  { [Symbol.iterator]: 1, [Symbol('a b')]: 2 }, { '1': 1, '01': 2, 'x.y': 3, 'ünï': 4 },
  'x'.repeat(200), ['x'.repeat(75)], { text: 'a\tb\u0001' }, -1e-7, 2 ** 64, 0.1 + 0.2, [-0, 0],
  new Date(NaN), new Date(Date.UTC(2020, 0, 2, 3, 4, 5, 6)), /a\/b/imsu, Object.create(Array.prototype),
  new (class Empty {})(), new (class { constructor() { this.z = 1; } })(), Object.create(null),
  { u: undefined, n: null, f: false }, [[1, 2, [3, 4, [5, [6]]]]], new Map([[{ k: 1 }, new Set([[1]])]]),
  new Set([new Map([[1, 2]])]), { m: new Map([[1, { a: { b: 1 } }]]) }, [new Map(), new Set(), new WeakSet()],
  new Uint8Array(120), new (class MyMap extends Map {})([[1, 2]]), new (class MyArr extends Array {})(), { [Symbol.toStringTag]: 'T' },
  new (class Tagged { get [Symbol.toStringTag]() { return 'Tg'; } })(),
  Object(1n), Object(Symbol('b')),
  Array.from({ length: 12 }, (_, i) => '漢字'.repeat(i % 3 + 1)), Array.from({ length: 9 }, (_, i) => 'é'.repeat(i + 1)),
  Array.from({ length: 10 }, (_, i) => `e\u0301${i}`), ['한국어', '日本語', 'abc', 'ｆｕｌｌ', 'x', 'y', 'z', 'w'],
  (function () { return arguments; })(1, 2), (function* g() {})(), proxy({ t: 1 }, {}), proxy([1], {}),
  new Error('with cause', { cause: new Error('the cause') }), new Error('cause value', { cause: 'str' }),
  new AggregateError([new Error('a1')], 'agg'), new Error('multi\nline message'),
  class S { static x = 1; }, Object.create(A.prototype), new (class T2 { get [Symbol.toStringTag]() { return 'T2'; } })(),
  { a: 1, get b() { return 2; }, c: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] }, [1, 2, 3].keys(),
  Symbol.for('registered'), { [Symbol.for('x')]: Symbol('v') }, [new Set([1]), new Map([[1, [1, 2]]])],
  globalThis.Math, JSON, Reflect, new WeakRef({}),
  revoked({}), [revoked([])], { p: revoked(() => {}) }, throwing({ a: 1 }), [throwing([1, 2])],
  { t: throwing(new Map([[1, 2]])) }, proxy(function f() {}, {}), proxy(proxy({ inner: 1 }, {}), {}),
  (() => { const b = []; b.length = 2 ** 32 - 1; return b; })(), (() => { const b = []; b[1e9] = 1; return b; })(),
  new Uint8Array(1e6), new Array(1e5).fill(0), (() => { const b = [1, , 3]; b.length = 1e6; return b; })(),
  (() => { const b = []; b[5] = 1; b[1e6] = 2; b[2e6] = 3; return b; })(),
  (() => { const b = []; for (let i = 0; i < 200; i += 2) b[i] = i; b.length = 1e9; return b; })(),
  Object.assign([], { length: 2 ** 32 - 1, x: 1 }), Object.assign(new Array(200).fill(1), { x: 1 }),
  Object.assign(new Uint8Array(200), { x: 1 }), Object.assign([1, 2, 3], { '01': 1, 1e2: 2, '4294967295': 3 }),
  new Set(Array.from({ length: 103 }, (_, i) => i)), new Map(Array.from({ length: 101 }, (_, i) => [i, -i])),
  'x'.repeat(10001), ["it's \"q\" \x85 \x7f \ud83d \ude00y 😀".repeat(2)], { s: 'a\'b'.repeat(4000) },
  Object.create(Map.prototype), Object.create(Date.prototype), Object.create(Uint8Array.prototype),
  Object.setPrototypeOf(new Set([1]), null), Object.setPrototypeOf(new Uint8Array(2), null),
  ac, aborted.signal.aborted, new Event('x').type, new DOMException('m', 'AbortError').name,
];
const corpus = [
  1, -0, 0, NaN, Infinity, 'str', "it's", 'both \' and "', true, null, undefined, 10n, Symbol('s'),
  [], {}, [1, 2, 3], { a: 1, b: 'two', c: [3] }, { 'a-b': 1, b: { c: { d: { e: 1 } } } },
  [[1, [2, [3, [4]]]]], function named() {}, () => {}, async function af() {}, function* gen() {},
  A, B, new A(), new B(), new Map([['a', 1], ['b', { c: 2 }]]), new Set([1, 'two']), new Map(), new Set(),
  circ, nullProto, holes, withProps, getters, [undefined, null], { s: Symbol('x'), [Symbol('k')]: 1 },
  Array.from({ length: 30 }, (_, i) => i), Array.from({ length: 120 }, (_, i) => i),
  Array.from({ length: 10 }, (_, i) => 'item' + i), Array.from({ length: 26 }, (_, i) => String.fromCharCode(97 + i).repeat(i % 5 + 1)),
  { aaaaaaaaaa: 1, bbbbbbbbbbbb: 2, cccccccccccccc: 3, dddddddddddd: 4, eeeeeeeeeee: 5, fffffffff: 6 },
  { nested: { arr: [1, 2, { deep: true }] } }, new Uint8Array([1, 2, 3]), new Date(0), /re/g,
  new Number(3), new String('s'), new Boolean(false), { f() {} }, [function () {}],
  'line\nbreak', ['line\nbreak'], { 'key with space': 1, valid_id: 2, $d: 3 }, [1.5, -2, 3e21],
  new Array(5), [[]], [{}], { a: {} }, { a: [] }, new WeakMap(),
  { a: { b: { c: {} } } }, { a: { b: { c: { d: 1 } } } }, [[[[1]]]], [[[[]]]],
  ...extra,
];
for (const v of corpus) {
  if (util.types.isPromise(v)) v.then((x) => states.set(v, [1, x]), (e) => states.set(v, [2, e]));
}
await new Promise((resolve) => setTimeout(resolve, 0));
let bad = 0;
for (const v of corpus) {
  const want = util.inspect(v);
  const got = lib.inspect(v);
  if (want !== got) {
    bad++;
    console.log('MISMATCH\n--- node:\n' + want + '\n--- ours:\n' + got);
  }
}
// Without the engine's proxyTarget, a revoked Proxy is still recognised.
const bare = new Function('host', src)({});
for (const v of [revoked({}), [revoked([])], { p: revoked(() => {}) }]) {
  corpus.push(v);
  if (util.inspect(v) !== bare.inspect(v)) {
    bad++;
    console.log('MISMATCH without proxyTarget\n--- node:\n' + util.inspect(v) + '\n--- ours:\n' + bare.inspect(v));
  }
}
const fmt = [
  ['%s is %d years', 'Bob', 42], ['%i|%f', '42.9x', '1.5'], ['%j', { a: [1] }], ['%o', [1]], ['%O', { a: 1 }],
  ['100%% sure', 1], ['%s', { a: { b: { c: 1 } } }], ['no args %s'], ['%c styled', 'color: red'],
  ['a', 'b', 1, { c: 2 }], [1, '%s', 2], ['%d', -0], ['%s', -0], ['%s', 5n], ['%x unknown', 1],
  ['%s', { toString() { return 'own toString'; } }], ['%s', new (class T { toString() { return 'class toString'; } })()],
  ['%s', new (class U {})()], ['%s', [1, [2, [3]]]], ['%s', new Date(0)], ['%s', new Map([[1, 2]])], ['%s', () => 1],
  ['%d', {}], ['%d', '42abc'], ['%i', '-7.9'], ['%f', 'x'], ['%d', 3n], ['%i', 10n], ['%j', { toJSON() { return 'j'; } }],
  ['%j', circ], ['%s', Symbol('s')], ['%d', Symbol('s')], ['%O', circ], ['%o', { a: [1, 2] }], ['%s:%s', 'a'],
  ['%%s %s', 'x'], ['%o', { f() {} }], ['%o', function foo(a, b) {}], ['%o', class K {}], ['%o', [1, [2]]], ['%o', 'str'], ['%', 1], ['a%', 1], ['%s', null, undefined], [{ a: 1 }, '%s', 'x'], ['%s', 'a\nb'], ['%c%c', 'x'],
];
for (const args of fmt) {
  const want = util.format(...args);
  const got = lib.format(...args);
  if (want !== got) {
    bad++;
    console.log('MISMATCH format ' + JSON.stringify(args.map(String)) + '\n--- node:\n' + want + '\n--- ours:\n' + got);
  }
}
console.log(`${corpus.length + fmt.length - bad} of ${corpus.length + fmt.length} match`);
process.exitCode = bad ? 1 : 0;
