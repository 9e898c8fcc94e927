// Values that fight back: proxies, throwing getters, replaced built-ins.
const { proxy: revoked, revoke } = Proxy.revocable({ a: 1 }, {});
revoke();
console.log(revoked);
console.log([revoked], { p: revoked });
console.log('%o', revoked);

const stackThrows = new Error('boom');
Object.defineProperty(stackThrows, 'stack', { get() { throw new Error('stack getter'); } });
try {
  console.log(stackThrows);
} catch (e) {
  console.log('threw:', e.message);
}
try {
  console.log({ nested: stackThrows });
} catch (e) {
  console.log('threw:', e.message);
}
const nameThrows = new Error('m');
Object.defineProperty(nameThrows, 'name', { get() { throw new Error('name getter'); } });
try {
  console.log(nameThrows);
} catch (e) {
  console.log('threw:', e.message);
}

const toStringThrows = { a: 1, toString() { throw new Error('toString threw'); } };
console.log(toStringThrows);
console.log([toStringThrows]);
try {
  console.log('%s', toStringThrows);
} catch (e) {
  console.log('threw:', e.message);
}
const primitiveThrows = { [Symbol.toPrimitive]() { throw new Error('toPrimitive threw'); } };
console.log(primitiveThrows);
try {
  console.log(`${primitiveThrows}`);
} catch (e) {
  console.log('threw:', e.message);
}
