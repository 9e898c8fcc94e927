const uuid = crypto.randomUUID();
console.log(typeof uuid, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(uuid));
console.log(crypto.randomUUID() !== crypto.randomUUID());
const a = new Uint8Array(64);
console.log(crypto.getRandomValues(a) === a, a.some((x) => x !== 0));
const b = new Uint32Array(16);
crypto.getRandomValues(b);
console.log(b.some((x) => x !== 0), crypto.getRandomValues(new BigInt64Array(2)).length);
const off = new Uint8Array(new ArrayBuffer(16), 8, 4);
crypto.getRandomValues(off);
console.log(new Uint8Array(off.buffer, 0, 8).every((x) => x === 0));
console.log(crypto.getRandomValues(new Uint8Array(65536)).length);
for (const bad of [new Float32Array(1), new Float64Array(1), [1, 2], new DataView(new ArrayBuffer(1)), new Uint8Array(65537), new Uint32Array(16385)]) {
  try { crypto.getRandomValues(bad); console.log('no throw'); } catch (e) { console.log(e.name, e.code, e.message); }
}
