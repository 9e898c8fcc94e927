// crypto.getRandomValues and crypto.randomUUID over the OS's entropy
// (host.randomBytes(n) fills n <= 65536 bytes).
'use strict';
const { define, missingArgs, DOMException } = shared;
const integerArrays = [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array,
  Int32Array, Uint32Array, BigInt64Array, BigUint64Array];

const crypto = {
  getRandomValues(array) {
    if (arguments.length === 0) throw missingArgs('typedArray');
    if (!integerArrays.some((C) => array instanceof C)) {
      throw new DOMException('The data argument must be an integer-type TypedArray', 'TypeMismatchError');
    }
    if (array.byteLength > 65536) {
      throw new DOMException('The requested length exceeds 65,536 bytes', 'QuotaExceededError');
    }
    new Uint8Array(array.buffer, array.byteOffset, array.byteLength).set(host.randomBytes(array.byteLength));
    return array;
  },
  randomUUID() {
    const b = host.randomBytes(16);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h = '';
    for (let i = 0; i < 16; i++) h += b[i].toString(16).padStart(2, '0');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  },
};
Object.defineProperty(crypto, Symbol.toStringTag, { value: 'Crypto', configurable: true });

define('crypto', crypto);
shared.webcrypto = crypto;
