// node:crypto: digests, HMAC and PBKDF2 (natives in host.crypto, through
// RustCrypto), randomness from the OS, and the global `crypto` as
// `webcrypto`. The callback forms of PBKDF2 and random bytes run on the
// loop's pool and call back in the poll phase, as node's.
'use strict';
const native = host.crypto;
const { Buffer } = shared.requireBuiltin('buffer');
const {
  nodeError, invalidArgType, outOfRange, validateFunction, validateInteger, validateNumber, validateObject,
  validateBoolean,
} = shared;
const webcrypto = shared.webcrypto;

const HASHES = ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512'];
const RAND_MAX = 0xFFFFFFFFFFFF;
const INT32_MAX = 2147483647;
const kState = Symbol('kState');

const isView = (v) => ArrayBuffer.isView(v);
const isBytes = (v) => isView(v) || v instanceof ArrayBuffer || v instanceof SharedArrayBuffer;
const bytesOf = (v) => (v instanceof Uint8Array ? v
  : isView(v) ? new Uint8Array(v.buffer, v.byteOffset, v.byteLength) : new Uint8Array(v));
const toBuffer = (u8) => Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength);
const output = (u8, enc) => {
  const b = toBuffer(u8);
  return enc !== undefined && enc !== 'buffer' && Buffer.isEncoding(enc) ? b.toString(enc) : b;
};
const finalized = () => nodeError(Error, 'ERR_CRYPTO_HASH_FINALIZED', 'Digest already called');
const invalidDigest = (d) => nodeError(TypeError, 'ERR_CRYPTO_INVALID_DIGEST', `Invalid digest: ${d}`);
const validateString = (v, name) => {
  if (typeof v !== 'string') throw invalidArgType(name, 'string', v);
};

// A string (in `encoding`, utf8 when unknown) or any byte view as bytes.
function dataBytes(data, encoding, name, expected) {
  if (typeof data === 'string') {
    return Buffer.from(data, typeof encoding === 'string' && Buffer.isEncoding(encoding) ? encoding : 'utf8');
  }
  if (isView(data) || (expected.includes('ArrayBuffer') && isBytes(data))) return bytesOf(data);
  throw invalidArgType(name, expected, data);
}
const DATA = ['string', 'Buffer', 'TypedArray', 'DataView'];
const BYTES = ['string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView'];
const KEY = [...BYTES, 'KeyObject', 'CryptoKey'];

function update(data, encoding) {
  const state = this[kState];
  if (state.done) throw finalized();
  const bytes = dataBytes(data, encoding, 'data', DATA);
  native.hashUpdate(state.digest, bytes);
  return this;
}

function digest(encoding) {
  const state = this[kState];
  if (state.done) throw finalized();
  state.done = true;
  return output(native.hashDigest(state.digest), encoding);
}

function Hash(algorithm, options) {
  if (!new.target) return new Hash(algorithm, options);
  let d;
  if (algorithm instanceof Hash) {
    if (algorithm[kState].done) throw finalized();
    d = native.hashCopy(algorithm[kState].digest);
  } else {
    validateString(algorithm, 'algorithm');
    d = native.hashNew(algorithm.toLowerCase());
    if (d == null) throw new Error('Digest method not supported');
  }
  if (options !== undefined && options !== null) validateObject(options, 'options');
  Object.defineProperty(this, kState, { value: { digest: d, done: false } });
}
Hash.prototype.update = update;
Hash.prototype.digest = digest;
Hash.prototype.copy = function copy(options) {
  if (this[kState].done) throw finalized();
  return new Hash(this, options);
};

function Hmac(hmac, key, options) {
  if (!new.target) return new Hmac(hmac, key, options);
  validateString(hmac, 'hmac');
  const k = dataBytes(key, 'utf8', 'key', KEY);
  const d = native.hmacNew(hmac.toLowerCase(), k);
  if (d == null) throw invalidDigest(hmac);
  Object.defineProperty(this, kState, { value: { digest: d, done: false } });
}
Hmac.prototype.update = update;
// As Node: a second digest() of an Hmac gives an empty result, not an error.
Hmac.prototype.digest = function digest(encoding) {
  const state = this[kState];
  if (state.done) return output(new Uint8Array(0), encoding);
  state.done = true;
  return output(native.hashDigest(state.digest), encoding);
};

const createHash = (algorithm, options) => new Hash(algorithm, options);
const createHmac = (hmac, key, options) => new Hmac(hmac, key, options);

function hash(algorithm, input, outputEncoding = 'hex') {
  validateString(algorithm, 'algorithm');
  const bytes = dataBytes(input, 'utf8', 'input', DATA);
  validateString(outputEncoding, 'outputEncoding');
  const d = native.hashNew(algorithm.toLowerCase());
  if (d == null) throw new Error(`Digest method ${algorithm} is not supported`);
  native.hashUpdate(d, bytes);
  return output(native.hashDigest(d), outputEncoding);
}

const getHashes = () => HASHES.slice();

function validateSize(size) {
  if (typeof size !== 'number') throw invalidArgType('size', 'number', size);
  if (!(size >= 0 && size <= INT32_MAX)) throw outOfRange('size', `>= 0 && <= ${INT32_MAX}`, size);
}

function randomBytes(size, callback) {
  validateSize(size);
  if (callback !== undefined) validateFunction(callback, 'callback');
  if (callback === undefined) {
    const buf = Buffer.alloc(size);
    native.randomFill(buf);
    return buf;
  }
  native.randomJob(size, (bytes) => {
    if (bytes === null) throw new Error('no entropy available');
    callback(null, toBuffer(bytes));
  });
}

function fillRange(buf, offset, size, name) {
  if (!isBytes(buf)) throw invalidArgType(name, ['ArrayBuffer', 'ArrayBufferView'], buf);
  const elementSize = buf.BYTES_PER_ELEMENT || 1;
  const length = buf.byteLength;
  validateNumber(offset, 'offset');
  offset *= elementSize;
  if (Number.isNaN(offset) || offset > length || offset < 0) throw outOfRange('offset', `>= 0 && <= ${length}`, offset);
  if (size === undefined) size = length - offset;
  else {
    validateNumber(size, 'size');
    size *= elementSize;
    if (Number.isNaN(size) || size > INT32_MAX || size < 0) throw outOfRange('size', `>= 0 && <= ${INT32_MAX}`, size);
    if (size + offset > length) throw outOfRange('size + offset', `<= ${length}`, size + offset);
  }
  const whole = bytesOf(buf);
  return whole.subarray(offset >>> 0, (offset >>> 0) + (size >>> 0));
}

function randomFillSync(buf, offset = 0, size) {
  native.randomFill(fillRange(buf, offset, size, 'buf'));
  return buf;
}

function randomFill(buf, offset, size, callback) {
  if (!isBytes(buf)) throw invalidArgType('buf', ['ArrayBuffer', 'ArrayBufferView'], buf);
  if (typeof offset === 'function') {
    callback = offset; offset = 0; size = undefined;
  } else if (typeof size === 'function') {
    callback = size; size = undefined;
  }
  validateFunction(callback, 'callback');
  const target = fillRange(buf, offset, size, 'buf');
  native.randomJob(target.byteLength, (bytes) => {
    if (bytes === null) throw new Error('no entropy available');
    target.set(bytes);
    callback(null, buf);
  });
}

// 48-bit values by rejection sampling, so every result is equally likely.
function randomInt(min, max, callback) {
  const minNotSpecified = max === undefined || typeof max === 'function';
  if (minNotSpecified) {
    callback = max; max = min; min = 0;
  }
  if (callback !== undefined) validateFunction(callback, 'callback');
  if (!Number.isSafeInteger(min)) throw invalidArgType('min', 'a safe integer', min);
  if (!Number.isSafeInteger(max)) throw invalidArgType('max', 'a safe integer', max);
  if (max <= min) throw outOfRange('max', `greater than the value of "min" (${min})`, max);
  const range = max - min;
  if (!(range <= RAND_MAX)) throw outOfRange(`max${minNotSpecified ? '' : ' - min'}`, `<= ${RAND_MAX}`, range);
  const limit = RAND_MAX + 1 - ((RAND_MAX + 1) % range);
  const value48 = (b) => b[0] * 2 ** 40 + b[1] * 2 ** 32 + (b[2] << 24 >>> 0) + (b[3] << 16) + (b[4] << 8) + b[5];
  if (callback === undefined) {
    const bytes = new Uint8Array(6);
    let n;
    do {
      native.randomFill(bytes);
      n = value48(bytes);
    } while (n >= limit);
    return min + (n % range);
  }
  const attempt = () => native.randomJob(6, (bytes) => {
    if (bytes === null) throw new Error('no entropy available');
    const n = value48(bytes);
    if (n >= limit) attempt();
    else callback(undefined, min + (n % range));
  });
  attempt();
}

function randomUUID(options) {
  if (options !== undefined) {
    validateObject(options, 'options');
    // Every UUID is made from fresh entropy: the option changes nothing else.
    const { disableEntropyCache = false } = options;
    validateBoolean(disableEntropyCache, 'options.disableEntropyCache');
  }
  return webcrypto.randomUUID();
}

function getRandomValues(data) {
  return webcrypto.getRandomValues(data);
}

function timingSafeEqual(buf1, buf2) {
  const expected = 'must be an instance of ArrayBuffer, Buffer, TypedArray, or DataView.';
  if (!isBytes(buf1)) throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', `The "buf1" argument ${expected}`);
  if (!isBytes(buf2)) throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', `The "buf2" argument ${expected}`);
  const a = bytesOf(buf1); const b = bytesOf(buf2);
  if (a.byteLength !== b.byteLength) {
    throw nodeError(RangeError, 'ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH', 'Input buffers must have the same byte length');
  }
  return native.timingSafeEqual(a, b);
}

function pbkdf2Args(password, salt, iterations, keylen, digest) {
  validateString(digest, 'digest');
  const p = dataBytes(password, 'utf8', 'password', BYTES);
  const s = dataBytes(salt, 'utf8', 'salt', BYTES);
  validateInteger(iterations, 'iterations', 1, INT32_MAX);
  validateInteger(keylen, 'keylen', 0, INT32_MAX);
  if (!HASHES.includes(digest.toLowerCase())) throw invalidDigest(digest);
  return [p, s, digest.toLowerCase()];
}

function pbkdf2Sync(password, salt, iterations, keylen, digest) {
  const [p, s, alg] = pbkdf2Args(password, salt, iterations, keylen, digest);
  return toBuffer(native.pbkdf2(p, s, iterations, keylen, alg));
}

function pbkdf2(password, salt, iterations, keylen, digest, callback) {
  if (typeof digest === 'function') {
    callback = digest; digest = undefined;
  }
  const [p, s, alg] = pbkdf2Args(password, salt, iterations, keylen, digest);
  validateFunction(callback, 'callback');
  native.pbkdf2Job(p, s, iterations, keylen, alg, (key) => callback(null, toBuffer(key)));
}

return {
  Hash, Hmac, createHash, createHmac, hash, getHashes, pbkdf2, pbkdf2Sync, randomBytes, randomFill, randomFillSync,
  randomInt, randomUUID, getRandomValues, timingSafeEqual, webcrypto,
};
