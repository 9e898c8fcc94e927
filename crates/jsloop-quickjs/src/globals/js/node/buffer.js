// node:buffer — Buffer as a Uint8Array subclass, Blob; encodings run in
// Rust (host.buffer, globals/node/buffer.rs).
'use strict';
const { nodeError, invalidArgType, outOfRange, validateInteger } = shared;
const native = host.buffer;

const kMaxLength = 2 ** 32;
const kStringMaxLength = 2 ** 29 - 24;
const constants = { MAX_LENGTH: kMaxLength, MAX_STRING_LENGTH: kStringMaxLength };
let INSPECT_MAX_BYTES = 50;
const kCustom = Symbol.for('nodejs.util.inspect.custom');

// Encoding numbers as globals/node/buffer/codec.rs reads them.
const UTF8 = 0; const UTF16LE = 1; const LATIN1 = 2; const ASCII = 3;
const BASE64 = 4; const BASE64URL = 5; const HEX = 6;
const kNames = ['utf8', 'utf16le', 'latin1', 'ascii', 'base64', 'base64url', 'hex'];
const kAliases = {
  utf8: UTF8, 'utf-8': UTF8, ucs2: UTF16LE, 'ucs-2': UTF16LE, utf16le: UTF16LE, 'utf-16le': UTF16LE,
  latin1: LATIN1, binary: LATIN1, ascii: ASCII, base64: BASE64, base64url: BASE64URL, hex: HEX,
};

// The encoding's number, or -1 for a name Node does not know.
function encodingOf(enc) {
  const s = `${enc}`;
  const n = kAliases[s];
  if (n !== undefined && Object.prototype.hasOwnProperty.call(kAliases, s)) return n;
  const l = s.toLowerCase();
  return Object.prototype.hasOwnProperty.call(kAliases, l) ? kAliases[l] : -1;
}

const unknownEncoding = (enc) => nodeError(TypeError, 'ERR_UNKNOWN_ENCODING', `Unknown encoding: ${enc}`);
const outOfBounds = (name) => nodeError(RangeError, 'ERR_BUFFER_OUT_OF_BOUNDS',
  name ? `"${name}" is outside of buffer bounds` : 'Attempt to access memory outside buffer bounds');
const { invalidArgValue } = shared;

function validateNumber(value, name, min, max) {
  if (typeof value !== 'number') throw invalidArgType(name, 'number', value);
  if ((min != null && value < min) || (max != null && value > max) || ((min != null || max != null) && Number.isNaN(value))) {
    throw outOfRange(name, `${min != null ? `>= ${min}` : ''}${min != null && max != null ? ' && ' : ''}${max != null ? `<= ${max}` : ''}`, value);
  }
}
const validateOffset = (value, name, min = 0, max = kMaxLength) => validateInteger(value, name, min, max);
const typedArrayTag = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), Symbol.toStringTag).get;
const isUint8Array = (v) => typedArrayTag.call(v) === 'Uint8Array';
// Brand checks: the byteLength getters throw for anything else.
const brand = (getter, v) => {
  try {
    getter.call(v);
    return true;
  } catch {
    return false;
  }
};
const abLength = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, 'byteLength').get;
const sabLength = typeof SharedArrayBuffer === 'function'
  ? Object.getOwnPropertyDescriptor(SharedArrayBuffer.prototype, 'byteLength').get : null;
const isAnyArrayBuffer = (v) => v !== null && typeof v === 'object'
  && (brand(abLength, v) || (sabLength !== null && brand(sabLength, v)));

class FastBuffer extends Uint8Array {}

let warnedDeprecation = false;
// DEP0005, once, unless the caller is a file under node_modules (as Node).
function warnDeprecation() {
  if (warnedDeprecation) return;
  const caller = `${new Error().stack}`.split('\n').slice(1).find((l) => !l.includes('node:buffer'));
  if (caller && caller.includes('/node_modules/')) return;
  warnedDeprecation = true;
  shared.process?.emitWarning?.('Buffer() is deprecated due to security and usability issues. Please use the '
    + 'Buffer.alloc(), Buffer.allocUnsafe(), or Buffer.from() methods instead.', 'DeprecationWarning', 'DEP0005');
}

function Buffer(arg, encodingOrOffset, length) {
  warnDeprecation();
  if (typeof arg === 'number') {
    if (typeof encodingOrOffset === 'string') throw invalidArgType('string', 'string', arg);
    return Buffer.alloc(arg);
  }
  return Buffer.from(arg, encodingOrOffset, length);
}
Object.defineProperty(Buffer, 'name', { value: 'Buffer' });
FastBuffer.prototype.constructor = Buffer;
Buffer.prototype = FastBuffer.prototype;
Object.setPrototypeOf(Buffer, Uint8Array);
Object.defineProperty(Buffer, Symbol.species, { get() { return FastBuffer; }, configurable: true, enumerable: false });

Buffer.poolSize = 8 * 1024;

function fromString(string, encoding) {
  let enc = UTF8;
  if (typeof encoding === 'string' && encoding.length !== 0) {
    enc = encodingOf(encoding);
    if (enc < 0) throw unknownEncoding(encoding);
  } else if (string.length === 0) {
    return new FastBuffer();
  }
  return new FastBuffer(native.fromString(string, enc));
}

function fromArrayBuffer(ab, byteOffset, length) {
  if (byteOffset === undefined) {
    byteOffset = 0;
  } else {
    byteOffset = +byteOffset;
    if (Number.isNaN(byteOffset)) byteOffset = 0;
  }
  const maxLength = ab.byteLength - byteOffset;
  if (maxLength < 0) throw outOfBounds('offset');
  if (length === undefined) {
    length = maxLength;
  } else {
    length = +length;
    if (length > 0) {
      if (length > maxLength) throw outOfBounds('length');
    } else {
      length = 0;
    }
  }
  return new FastBuffer(ab, byteOffset, length);
}

function fromArrayLike(obj) {
  if (obj.length <= 0) return new FastBuffer();
  const b = new FastBuffer(obj.length);
  for (let i = 0; i < obj.length; i++) b[i] = obj[i];
  return b;
}

function fromObject(obj) {
  if (ArrayBuffer.isView(obj)) {
    if (isUint8Array(obj)) return obj.length === 0 ? new FastBuffer() : new FastBuffer(obj);
    return fromArrayLike(obj);
  }
  if (obj.length !== undefined || isAnyArrayBuffer(obj.buffer)) {
    if (typeof obj.length !== 'number') return new FastBuffer();
    return fromArrayLike(obj);
  }
  if (obj.type === 'Buffer' && Array.isArray(obj.data)) return fromArrayLike(obj.data);
  return undefined;
}

Buffer.from = function from(value, encodingOrOffset, length) {
  if (typeof value === 'string') return fromString(value, encodingOrOffset);
  if (typeof value === 'object' && value !== null) {
    if (isAnyArrayBuffer(value)) return fromArrayBuffer(value, encodingOrOffset, length);
    const valueOf = value.valueOf && value.valueOf();
    if (valueOf != null && valueOf !== value && (typeof valueOf === 'string' || typeof valueOf === 'object')) {
      return from(valueOf, encodingOrOffset, length);
    }
    const b = fromObject(value);
    if (b) return b;
    if (typeof value[Symbol.toPrimitive] === 'function') {
      const primitive = value[Symbol.toPrimitive]('string');
      if (typeof primitive === 'string') return fromString(primitive, encodingOrOffset);
    }
  }
  throw invalidArgType('first argument', ['string', 'Buffer', 'ArrayBuffer', 'Array', 'Array-like Object'], value);
};

Buffer.copyBytesFrom = function copyBytesFrom(view, offset, length) {
  if (!ArrayBuffer.isView(view) || Object.prototype.toString.call(view) === '[object DataView]') {
    throw invalidArgType('view', 'TypedArray', view);
  }
  const size = view.length;
  if (size === 0) return new FastBuffer();
  if (offset !== undefined || length !== undefined) {
    if (offset !== undefined) {
      validateInteger(offset, 'offset', 0);
      if (offset >= size) return new FastBuffer();
    } else {
      offset = 0;
    }
    let end;
    if (length !== undefined) {
      validateInteger(length, 'length', 0);
      end = offset + length;
    } else {
      end = size;
    }
    view = view.subarray(offset, end);
  }
  return new FastBuffer(new Uint8Array(view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength)));
};

Buffer.of = function of(...items) {
  const b = new FastBuffer(items.length);
  for (let i = 0; i < items.length; i++) b[i] = items[i];
  return b;
};

Buffer.alloc = function alloc(size, fill, encoding) {
  validateNumber(size, 'size', 0, kMaxLength);
  if (fill !== undefined && fill !== 0 && size > 0) {
    const buf = new FastBuffer(size);
    return fillBuffer(buf, fill, 0, buf.length, encoding);
  }
  return new FastBuffer(size);
};

Buffer.allocUnsafe = function allocUnsafe(size) {
  validateNumber(size, 'size', 0, kMaxLength);
  return new FastBuffer(size);
};

Buffer.allocUnsafeSlow = function allocUnsafeSlow(size) {
  validateNumber(size, 'size', 0, kMaxLength);
  return new FastBuffer(size);
};

function SlowBuffer(size) {
  validateNumber(size, 'size', 0, kMaxLength);
  return new FastBuffer(size);
}
Object.setPrototypeOf(SlowBuffer.prototype, Uint8Array.prototype);
Object.setPrototypeOf(SlowBuffer, Uint8Array);

Buffer.isBuffer = function isBuffer(b) { return b instanceof Buffer; };

Buffer.compare = function compare(buf1, buf2) {
  if (!isUint8Array(buf1)) throw invalidArgType('buf1', ['Buffer', 'Uint8Array'], buf1);
  if (!isUint8Array(buf2)) throw invalidArgType('buf2', ['Buffer', 'Uint8Array'], buf2);
  if (buf1 === buf2) return 0;
  return native.compare(buf1, buf2);
};

Buffer.isEncoding = function isEncoding(encoding) {
  return typeof encoding === 'string' && encoding.length !== 0 && encodingOf(encoding) >= 0;
};

Buffer.concat = function concat(list, length) {
  if (!Array.isArray(list)) throw invalidArgType('list', 'Array', list);
  if (list.length === 0) return new FastBuffer();
  if (length === undefined) {
    length = 0;
    for (let i = 0; i < list.length; i++) {
      if (list[i].length) length += list[i].length;
    }
  } else {
    validateOffset(length, 'length');
  }
  const buffer = new FastBuffer(length);
  let pos = 0;
  for (let i = 0; i < list.length; i++) {
    const buf = list[i];
    if (!isUint8Array(buf)) throw invalidArgType(`list[${i}]`, ['Buffer', 'Uint8Array'], list[i]);
    pos += copyActual(buf, buffer, pos, 0, buf.length);
  }
  return buffer;
};

function byteLengthOf(string, enc) {
  switch (enc) {
    case UTF8: return native.byteLengthUtf8(string);
    case UTF16LE: return string.length * 2;
    case LATIN1: case ASCII: return string.length;
    case HEX: return string.length >>> 1;
    default: {
      let n = string.length;
      if (n > 0 && string.charCodeAt(n - 1) === 0x3D) n--;
      if (n > 1 && string.charCodeAt(n - 1) === 0x3D) n--;
      return (n * 3) >>> 2;
    }
  }
}

Buffer.byteLength = function byteLength(string, encoding) {
  if (typeof string !== 'string') {
    if (ArrayBuffer.isView(string) || isAnyArrayBuffer(string)) return string.byteLength;
    throw invalidArgType('string', ['string', 'Buffer', 'ArrayBuffer'], string);
  }
  if (string.length === 0) return 0;
  if (!encoding) return native.byteLengthUtf8(string);
  const enc = encodingOf(encoding);
  return byteLengthOf(string, enc < 0 ? UTF8 : enc);
};

// ---- prototype ----------------------------------------------------------------
const proto = Buffer.prototype;

function copyActual(source, target, targetStart, sourceStart, sourceEnd) {
  if (sourceEnd - sourceStart > target.length - targetStart) sourceEnd = sourceStart + target.length - targetStart;
  let nb = sourceEnd - sourceStart;
  const sourceLen = source.length - sourceStart;
  if (nb > sourceLen) nb = sourceLen;
  if (nb <= 0) return 0;
  if (sourceStart !== 0 || sourceEnd < source.length) {
    source = new Uint8Array(source.buffer, source.byteOffset + sourceStart, nb);
  }
  target.set(source, targetStart);
  return nb;
}

function toInteger(n, dflt) {
  n = +n;
  if (!Number.isNaN(n) && n >= Number.MIN_SAFE_INTEGER && n <= Number.MAX_SAFE_INTEGER) {
    return n % 1 === 0 ? n : Math.floor(n);
  }
  return dflt;
}

proto.copy = function copy(target, targetStart, sourceStart, sourceEnd) {
  if (!isUint8Array(target)) throw invalidArgType('target', ['Buffer', 'Uint8Array'], target);
  if (targetStart === undefined) {
    targetStart = 0;
  } else {
    targetStart = toInteger(targetStart, 0);
    if (targetStart < 0) throw outOfRange('targetStart', '>= 0', targetStart);
  }
  if (sourceStart === undefined) {
    sourceStart = 0;
  } else {
    sourceStart = toInteger(sourceStart, 0);
    if (sourceStart < 0 || sourceStart > this.length) throw outOfRange('sourceStart', `>= 0 && <= ${this.length}`, sourceStart);
  }
  if (sourceEnd === undefined) {
    sourceEnd = this.length;
  } else {
    sourceEnd = toInteger(sourceEnd, 0);
    if (sourceEnd < 0) throw outOfRange('sourceEnd', '>= 0', sourceEnd);
  }
  if (targetStart >= target.length || sourceStart >= sourceEnd) return 0;
  return copyActual(this, target, targetStart, sourceStart, sourceEnd);
};

// The length of the string `n` bytes decode to (for UTF-8, `n`: Node
// refuses more bytes than a string may hold before decoding).
function decodedLength(enc, n) {
  switch (enc) {
    case HEX: return 2 * n;
    case BASE64: return Math.ceil(n / 3) * 4;
    case BASE64URL: return Math.ceil((4 * n) / 3);
    case UTF16LE: return n >>> 1;
    default: return n;
  }
}

// Node's limit on the strings it makes (V8's), checked before decoding.
function slice(buf, enc, start, end) {
  if (decodedLength(enc, end - start) > kStringMaxLength) {
    throw nodeError(Error, 'ERR_STRING_TOO_LONG', `Cannot create a string longer than 0x${kStringMaxLength.toString(16)} characters`);
  }
  return native.toString(buf, enc, start, end);
}

proto.toString = function toString(encoding, start, end) {
  if (arguments.length === 0) return slice(this, UTF8, 0, this.length);
  const len = this.length;
  if (start <= 0) start = 0;
  else if (start >= len) return '';
  else start = Math.trunc(start) || 0;
  if (end === undefined || end > len) end = len;
  else end = Math.trunc(end) || 0;
  if (end <= start) return '';
  if (encoding === undefined) return slice(this, UTF8, start, end);
  const enc = encodingOf(encoding);
  if (enc < 0) throw unknownEncoding(encoding);
  return slice(this, enc, start, end);
};

proto.equals = function equals(otherBuffer) {
  if (!isUint8Array(otherBuffer)) throw invalidArgType('otherBuffer', ['Buffer', 'Uint8Array'], otherBuffer);
  if (this === otherBuffer) return true;
  if (this.byteLength !== otherBuffer.byteLength) return false;
  return this.byteLength === 0 || native.compare(this, otherBuffer) === 0;
};

proto.compare = function compare(target, targetStart, targetEnd, sourceStart, sourceEnd) {
  if (!isUint8Array(target)) throw invalidArgType('target', ['Buffer', 'Uint8Array'], target);
  if (arguments.length === 1) return native.compare(this, target);
  if (targetStart === undefined) targetStart = 0;
  else validateOffset(targetStart, 'targetStart');
  if (targetEnd === undefined) targetEnd = target.length;
  else validateOffset(targetEnd, 'targetEnd', 0, target.length);
  if (sourceStart === undefined) sourceStart = 0;
  else validateOffset(sourceStart, 'sourceStart');
  if (sourceEnd === undefined) sourceEnd = this.length;
  else validateOffset(sourceEnd, 'sourceEnd', 0, this.length);
  if (sourceStart >= sourceEnd) return targetStart >= targetEnd ? 0 : -1;
  if (targetStart >= targetEnd) return 1;
  return native.compare(
    Uint8Array.prototype.subarray.call(this, sourceStart, sourceEnd),
    Uint8Array.prototype.subarray.call(target, targetStart, targetEnd),
  );
};

// Node's IndexOfOffset: where a search starts, or -1 for none.
function searchStart(length, offset, needleLength, forward) {
  if (offset < 0) {
    if (offset + length >= 0) return length + offset;
    if (forward || needleLength === 0) return 0;
    return -1;
  }
  if (offset + needleLength <= length) return offset;
  if (needleLength === 0) return length;
  if (forward) return -1;
  return length - 1;
}

function indexOfBytes(buffer, needle, byteOffset, forward, enc) {
  const start = searchStart(buffer.length, byteOffset, needle.length, forward);
  if (needle.length === 0) return start;
  if (buffer.length === 0 || start <= -1) return -1;
  if ((forward && needle.length + start > buffer.length) || needle.length > buffer.length) return -1;
  if (enc === UTF16LE) return indexOfUnits(buffer, needle, start, forward);
  return native.indexOf(buffer, needle, start, !forward);
}

// UTF-16 search: whole code units of both, matches at even positions only.
function indexOfUnits(buffer, needle, start, forward) {
  if (buffer.length < 2 || needle.length < 2) return -1;
  needle = needle.subarray(0, needle.length & ~1);
  let at = start & ~1;
  for (;;) {
    const i = native.indexOf(buffer, needle, at, !forward);
    if (i < 0 || i % 2 === 0) return i;
    at = forward ? i + 1 : i - 1;
    if (at < 0) return -1;
  }
}

function bidirectionalIndexOf(buffer, val, byteOffset, encoding, forward) {
  if (!ArrayBuffer.isView(buffer)) throw invalidArgType('buffer', ['Buffer', 'TypedArray', 'DataView'], buffer);
  if (typeof byteOffset === 'string') {
    encoding = byteOffset;
    byteOffset = undefined;
  } else if (byteOffset > 0x7fffffff) {
    byteOffset = 0x7fffffff;
  } else if (byteOffset < -0x80000000) {
    byteOffset = -0x80000000;
  }
  byteOffset = +byteOffset;
  if (Number.isNaN(byteOffset)) byteOffset = forward ? 0 : buffer.length;
  byteOffset = Math.trunc(byteOffset);
  if (typeof val === 'number') return indexOfBytes(buffer, new Uint8Array([val >>> 0]), byteOffset, forward, UTF8);
  const enc = encoding === undefined ? UTF8 : encodingOf(encoding);
  if (typeof val === 'string') {
    if (enc < 0) throw unknownEncoding(encoding);
    return indexOfBytes(buffer, new Uint8Array(native.fromString(val, enc)), byteOffset, forward, enc);
  }
  if (isUint8Array(val)) return indexOfBytes(buffer, val, byteOffset, forward, enc);
  throw invalidArgType('value', ['number', 'string', 'Buffer', 'Uint8Array'], val);
}

proto.indexOf = function indexOf(val, byteOffset, encoding) {
  return bidirectionalIndexOf(this, val, byteOffset, encoding, true);
};
proto.lastIndexOf = function lastIndexOf(val, byteOffset, encoding) {
  return bidirectionalIndexOf(this, val, byteOffset, encoding, false);
};
proto.includes = function includes(val, byteOffset, encoding) {
  return this.indexOf(val, byteOffset, encoding) !== -1;
};

function fillBuffer(buf, value, offset, end, encoding) {
  let enc = UTF8;
  if (typeof value === 'string') {
    if (offset === undefined || typeof offset === 'string') {
      encoding = offset;
      offset = 0;
      end = buf.length;
    } else if (typeof end === 'string') {
      encoding = end;
      end = buf.length;
    }
    if (encoding !== undefined && encoding !== null) {
      if (typeof encoding !== 'string') throw invalidArgType('encoding', 'string', encoding);
      enc = encodingOf(encoding);
      if (enc < 0) throw unknownEncoding(encoding);
    }
    if (value.length === 0) {
      value = 0;
    } else if (value.length === 1) {
      const code = value.charCodeAt(0);
      if ((enc === UTF8 && code < 128) || enc === LATIN1) value = code;
    }
  }
  if (offset === undefined) {
    offset = 0;
    end = buf.length;
  } else {
    validateOffset(offset, 'offset');
    if (end === undefined) end = buf.length;
    else validateOffset(end, 'end', 0, buf.length);
    if (offset >= end) return buf;
  }
  if (typeof value === 'number') {
    if (offset > end || end > buf.length) throw outOfBounds();
    Uint8Array.prototype.fill.call(buf, value, offset, end);
    return buf;
  }
  let bytes;
  if (typeof value === 'string') bytes = new Uint8Array(native.fromString(value, enc));
  else if (isUint8Array(value)) bytes = value;
  else if (ArrayBuffer.isView(value)) bytes = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  else {
    Uint8Array.prototype.fill.call(buf, (value >>> 0) & 255, offset, end);
    return buf;
  }
  if (bytes.length === 0) throw invalidArgValue('value', value);
  if (end > buf.length) throw outOfBounds();
  let pos = offset;
  const first = Math.min(bytes.length, end - pos);
  buf.set(bytes.subarray(0, first), pos);
  pos += first;
  while (pos < end) {
    const n = Math.min(pos - offset, end - pos);
    buf.copyWithin(pos, offset, offset + n);
    pos += n;
  }
  return buf;
}

proto.fill = function fill(value, offset, end, encoding) {
  return fillBuffer(this, value, offset, end, encoding);
};

const notString = () => nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'argument must be a string');
proto.write = function write(string, offset, length, encoding) {
  if (typeof string !== 'string') throw notString();
  if (offset === undefined) return native.write(this, string, UTF8, 0, this.length);
  if (length === undefined && typeof offset === 'string') {
    encoding = offset;
    length = this.length;
    offset = 0;
  } else {
    validateOffset(offset, 'offset', 0, this.length);
    const remaining = this.length - offset;
    if (length === undefined) {
      length = remaining;
    } else if (typeof length === 'string') {
      encoding = length;
      length = remaining;
    } else {
      validateOffset(length, 'length', 0, this.length);
      if (length > remaining) length = remaining;
    }
  }
  if (!encoding || encoding === 'utf8') return native.write(this, string, UTF8, offset, length);
  const enc = encodingOf(encoding);
  if (enc < 0) throw unknownEncoding(encoding);
  return native.write(this, string, enc, offset, length);
};

proto.toJSON = function toJSON() {
  if (this.length > 0) return { type: 'Buffer', data: Array.prototype.slice.call(this) };
  return { type: 'Buffer', data: [] };
};

function adjustOffset(offset, length) {
  offset = Math.trunc(offset);
  if (offset === 0) return 0;
  if (offset < 0) {
    offset += length;
    return offset > 0 ? offset : 0;
  }
  if (offset < length) return offset;
  return Number.isNaN(offset) ? 0 : length;
}

proto.subarray = function subarray(start, end) {
  const srcLength = this.length;
  start = adjustOffset(start, srcLength);
  end = end !== undefined ? adjustOffset(end, srcLength) : srcLength;
  const newLength = end > start ? end - start : 0;
  return new FastBuffer(this.buffer, this.byteOffset + start, newLength);
};
proto.slice = function slice(start, end) { return this.subarray(start, end); };

function swap(b, n, m) {
  const i = b[n];
  b[n] = b[m];
  b[m] = i;
}
const invalidBufferSize = (bits) => nodeError(RangeError, 'ERR_INVALID_BUFFER_SIZE', `Buffer size must be a multiple of ${bits}`);
proto.swap16 = function swap16() {
  const len = this.length;
  if (len % 2 !== 0) throw invalidBufferSize('16-bits');
  for (let i = 0; i < len; i += 2) swap(this, i, i + 1);
  return this;
};
proto.swap32 = function swap32() {
  const len = this.length;
  if (len % 4 !== 0) throw invalidBufferSize('32-bits');
  for (let i = 0; i < len; i += 4) {
    swap(this, i, i + 3);
    swap(this, i + 1, i + 2);
  }
  return this;
};
proto.swap64 = function swap64() {
  const len = this.length;
  if (len % 8 !== 0) throw invalidBufferSize('64-bits');
  for (let i = 0; i < len; i += 8) {
    swap(this, i, i + 7);
    swap(this, i + 1, i + 6);
    swap(this, i + 2, i + 5);
    swap(this, i + 3, i + 4);
  }
  return this;
};

proto.toLocaleString = proto.toString;
for (let enc = 0; enc < kNames.length; enc++) {
  const name = enc === UTF16LE ? 'ucs2' : kNames[enc];
  proto[`${name}Slice`] = function (start, end) { return native.toString(this, enc, start, end); };
  proto[`${name}Write`] = function (string, offset = 0, length = this.length - offset) {
    if (typeof string !== 'string') throw notString();
    return native.write(this, string, enc, offset, length);
  };
}

Object.defineProperty(proto, 'parent', {
  enumerable: true,
  configurable: true,
  get() { return this instanceof Buffer ? this.buffer : undefined; },
});
Object.defineProperty(proto, 'offset', {
  enumerable: true,
  configurable: true,
  get() { return this instanceof Buffer ? this.byteOffset : undefined; },
});

// Index-free own keys of a buffer (extra properties a user set), for
// inspect; a buffer's indices are skipped without listing them all.
function extraKeys(buf) {
  const keys = [];
  for (const k of Reflect.ownKeys(buf)) {
    if (typeof k === 'string' && /^\d+$/.test(k)) continue;
    if (Object.prototype.propertyIsEnumerable.call(buf, k)) keys.push(k);
  }
  return keys;
}

proto[kCustom] = function inspect(recurseTimes, ctx) {
  const max = INSPECT_MAX_BYTES;
  const actualMax = Math.min(max, this.length);
  const remaining = this.length - max;
  let str = native.toString(this, HEX, 0, actualMax).replace(/(.{2})/g, '$1 ').trim();
  if (remaining > 0) str += ` ... ${remaining} more byte${remaining > 1 ? 's' : ''}`;
  if (ctx && this.length <= 65536) {
    const keys = extraKeys(this);
    if (keys.length > 0) {
      const obj = { __proto__: null };
      for (const k of keys) obj[k] = this[k];
      if (this.length !== 0) str += ', ';
      str += util.inspect(obj, { ...ctx, breakLength: Infinity, compact: true }).slice(27, -2);
    }
  }
  return `<${this.constructor.name} ${str}>`;
};
proto.inspect = proto[kCustom];

// ---- integers and floats --------------------------------------------------------
function boundsError(value, length, type) {
  if (Math.floor(value) !== value) {
    validateNumber(value, type || 'offset');
    throw outOfRange(type || 'offset', 'an integer', value);
  }
  if (length < 0) throw outOfBounds();
  throw outOfRange(type || 'offset', `>= ${type ? 1 : 0} and <= ${length}`, value);
}

function checkBounds(buf, offset, byteLength1) {
  validateNumber(offset, 'offset');
  if (buf[offset] === undefined || buf[offset + byteLength1] === undefined) {
    boundsError(offset, buf.length - (byteLength1 + 1));
  }
}

function checkInt(value, min, max, buf, offset, byteLength1) {
  if (value > max || value < min) {
    const n = typeof min === 'bigint' ? 'n' : '';
    let range;
    if (byteLength1 > 3) {
      if (min === 0 || min === 0n) range = `>= 0${n} and < 2${n} ** ${(byteLength1 + 1) * 8}${n}`;
      else range = `>= -(2${n} ** ${(byteLength1 + 1) * 8 - 1}${n}) and < 2${n} ** ${(byteLength1 + 1) * 8 - 1}${n}`;
    } else {
      range = `>= ${min}${n} and <= ${max}${n}`;
    }
    throw outOfRange('value', range, value);
  }
  checkBounds(buf, offset, byteLength1);
}

// Reads `n` bytes (1..6) at `offset` as an unsigned number.
function readUnsigned(buf, offset, n, le) {
  if (offset === undefined) offset = 0;
  validateNumber(offset, 'offset');
  if (buf[offset] === undefined || buf[offset + n - 1] === undefined) boundsError(offset, buf.length - n);
  let v = 0;
  if (le) for (let i = n - 1; i >= 0; i--) v = v * 256 + buf[offset + i];
  else for (let i = 0; i < n; i++) v = v * 256 + buf[offset + i];
  return v;
}

function readSigned(buf, offset, n, le) {
  const v = readUnsigned(buf, offset, n, le);
  const limit = 2 ** (8 * n - 1);
  return v >= limit ? v - 2 * limit : v;
}

function writeBytes(buf, value, offset, n, le) {
  const hi = n > 4 ? Math.floor(value * 2 ** -32) : 0;
  for (let i = 0; i < n; i++) {
    const byte = i < 4 ? value >>> (8 * i) : hi >>> (8 * (i - 4));
    buf[le ? offset + i : offset + n - 1 - i] = byte;
  }
  return offset + n;
}

function writeInt(buf, value, offset, n, le, signed) {
  value = +value;
  const bits = 8 * n;
  const min = signed ? -(2 ** (bits - 1)) : 0;
  const max = signed ? 2 ** (bits - 1) - 1 : 2 ** bits - 1;
  if (n === 1) {
    validateNumber(offset, 'offset');
    if (value > max || value < min) throw outOfRange('value', `>= ${min} and <= ${max}`, value);
    if (buf[offset] === undefined) boundsError(offset, buf.length - 1);
  } else {
    checkInt(value, min, max, buf, offset, n - 1);
  }
  return writeBytes(buf, value, offset, n, le);
}

function byteLengthArg(byteLength) {
  if (byteLength === undefined) throw invalidArgType('byteLength', 'number', byteLength);
  if (!(byteLength >= 1 && byteLength <= 6 && Math.floor(byteLength) === byteLength)) boundsError(byteLength, 6, 'byteLength');
  return byteLength;
}

const intSizes = [[8, 1], [16, 2], [32, 4]];
for (const [bits, n] of intSizes) {
  for (const le of n === 1 ? [true] : [true, false]) {
    const suffix = n === 1 ? '' : (le ? 'LE' : 'BE');
    const methods = {
      [`readUInt${bits}${suffix}`](offset) { return readUnsigned(this, offset, n, le); },
      [`readInt${bits}${suffix}`](offset) { return readSigned(this, offset, n, le); },
      [`writeUInt${bits}${suffix}`](value, offset = 0) { return writeInt(this, value, offset, n, le, false); },
      [`writeInt${bits}${suffix}`](value, offset = 0) { return writeInt(this, value, offset, n, le, true); },
    };
    for (const key of Object.keys(methods)) {
      proto[key] = methods[key];
      if (key.includes('UInt')) proto[key.replace('UInt', 'Uint')] = methods[key];
    }
  }
}

// Fast paths of the fixed-size reads and writes (in range, number
// offset); anything else goes the checked way above, which throws.
function fastMethods(name, fast) {
  const slow = proto[name];
  const f = fast.length === 1
    ? function (offset = 0) {
      const v = typeof offset === 'number' ? fast.call(this, offset) : undefined;
      return v !== undefined ? v : slow.call(this, offset);
    }
    : function (value, offset = 0) {
      const v = typeof offset === 'number' && typeof value === 'number' ? fast.call(this, value, offset) : undefined;
      return v !== undefined ? v : slow.call(this, value, offset);
    };
  Object.defineProperty(f, 'name', { value: name });
  proto[name] = f;
  if (name.includes('UInt')) proto[name.replace('UInt', 'Uint')] = f;
}
const u32 = (b, o) => b[o] + b[o + 1] * 0x100 + b[o + 2] * 0x10000;
fastMethods('readUInt8', function (o) { return this[o]; });
fastMethods('readInt8', function (o) { const v = this[o]; return v === undefined ? v : v | ((v & 0x80) * 0x1fffffe); });
fastMethods('readUInt16LE', function (o) { const l = this[o + 1]; return l === undefined || o < 0 ? undefined : this[o] + l * 0x100; });
fastMethods('readUInt16BE', function (o) { const l = this[o + 1]; return l === undefined || o < 0 ? undefined : this[o] * 0x100 + l; });
fastMethods('readInt16LE', function (o) {
  const l = this[o + 1];
  if (l === undefined || o < 0) return undefined;
  const v = this[o] + l * 0x100;
  return v | ((v & 0x8000) * 0x1fffe);
});
fastMethods('readInt16BE', function (o) {
  const l = this[o + 1];
  if (l === undefined || o < 0) return undefined;
  const v = this[o] * 0x100 + l;
  return v | ((v & 0x8000) * 0x1fffe);
});
fastMethods('readUInt32LE', function (o) { const l = this[o + 3]; return l === undefined || o < 0 ? undefined : u32(this, o) + l * 0x1000000; });
fastMethods('readInt32LE', function (o) { const l = this[o + 3]; return l === undefined || o < 0 ? undefined : u32(this, o) + (l << 24); });
fastMethods('readUInt32BE', function (o) {
  const l = this[o + 3];
  return l === undefined || o < 0 ? undefined : this[o] * 0x1000000 + this[o + 1] * 0x10000 + this[o + 2] * 0x100 + l;
});
fastMethods('readInt32BE', function (o) {
  const l = this[o + 3];
  return l === undefined || o < 0 ? undefined : (this[o] << 24) + this[o + 1] * 0x10000 + this[o + 2] * 0x100 + l;
});
// Writes: an integer offset inside the buffer and a value in range.
function fastWrite(name, n, min, max, le) {
  fastMethods(name, function (value, o) {
    if (!(value >= min && value <= max) || !(o >= 0 && o + n <= this.length) || o % 1 !== 0) return undefined;
    return writeBytes(this, value, o, n, le);
  });
}
fastWrite('writeUInt8', 1, 0, 0xff, true);
fastWrite('writeInt8', 1, -0x80, 0x7f, true);
for (const le of [true, false]) {
  const suffix = le ? 'LE' : 'BE';
  fastWrite(`writeUInt16${suffix}`, 2, 0, 0xffff, le);
  fastWrite(`writeInt16${suffix}`, 2, -0x8000, 0x7fff, le);
  fastWrite(`writeUInt32${suffix}`, 4, 0, 0xffffffff, le);
  fastWrite(`writeInt32${suffix}`, 4, -0x80000000, 0x7fffffff, le);
}

for (const le of [true, false]) {
  const suffix = le ? 'LE' : 'BE';
  const methods = {
    [`readUInt${suffix}`](offset, byteLength) {
      if (offset === undefined) throw invalidArgType('offset', 'number', offset);
      return readUnsigned(this, offset, byteLengthArg(byteLength), le);
    },
    [`readInt${suffix}`](offset, byteLength) {
      if (offset === undefined) throw invalidArgType('offset', 'number', offset);
      return readSigned(this, offset, byteLengthArg(byteLength), le);
    },
    [`writeUInt${suffix}`](value, offset, byteLength) { return writeInt(this, value, offset, byteLengthArg(byteLength), le, false); },
    [`writeInt${suffix}`](value, offset, byteLength) { return writeInt(this, value, offset, byteLengthArg(byteLength), le, true); },
    [`readBigUInt64${suffix}`](offset = 0) {
      validateNumber(offset, 'offset');
      if (this[offset] === undefined || this[offset + 7] === undefined) boundsError(offset, this.length - 8);
      const lo = readUnsigned(this, offset, 4, le);
      const hi = readUnsigned(this, offset + 4, 4, le);
      return le ? (BigInt(hi) << 32n) + BigInt(lo) : (BigInt(lo) << 32n) + BigInt(hi);
    },
    [`readBigInt64${suffix}`](offset) {
      const v = this[`readBigUInt64${suffix}`](offset);
      return BigInt.asIntN(64, v);
    },
    [`writeBigUInt64${suffix}`](value, offset = 0) { return writeBig(this, value, offset, le, 0n, 2n ** 64n - 1n); },
    [`writeBigInt64${suffix}`](value, offset = 0) { return writeBig(this, value, offset, le, -(2n ** 63n), 2n ** 63n - 1n); },
    [`readFloat${suffix}`](offset) { return readFloat(this, offset, 4, le); },
    [`readDouble${suffix}`](offset) { return readFloat(this, offset, 8, le); },
    [`writeFloat${suffix}`](value, offset) { return writeFloat(this, value, offset, 4, le); },
    [`writeDouble${suffix}`](value, offset) { return writeFloat(this, value, offset, 8, le); },
  };
  for (const key of Object.keys(methods)) {
    proto[key] = methods[key];
    if (key.includes('UInt')) proto[key.replace('UInt', 'Uint')] = methods[key];
  }
}

function writeBig(buf, value, offset, le, min, max) {
  checkInt(value, min, max, buf, offset, 7);
  if (typeof value !== 'bigint') throw new TypeError('Cannot mix BigInt and other types, use explicit conversions');
  let v = BigInt.asUintN(64, value);
  for (let i = 0; i < 8; i++) {
    buf[le ? offset + i : offset + 7 - i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return offset + 8;
}

const f64 = new Float64Array(1);
const f32 = new Float32Array(f64.buffer, 0, 1);
const fBytes = new Uint8Array(f64.buffer);

function readFloat(buf, offset, n, le) {
  if (offset === undefined) offset = 0;
  validateNumber(offset, 'offset');
  if (buf[offset] === undefined || buf[offset + n - 1] === undefined) boundsError(offset, buf.length - n);
  for (let i = 0; i < n; i++) fBytes[le ? i : n - 1 - i] = buf[offset + i];
  return n === 4 ? f32[0] : f64[0];
}

function writeFloat(buf, value, offset, n, le) {
  if (offset === undefined) offset = 0;
  value = +value;
  checkBounds(buf, offset, n - 1);
  if (n === 4) f32[0] = value;
  else f64[0] = value;
  for (let i = 0; i < n; i++) buf[offset + i] = fBytes[le ? i : n - 1 - i];
  return offset + n;
}

// ---- Blob -----------------------------------------------------------------------
// A Blob keeps its bytes in one Uint8Array (kBytes) and the lengths of the
// parts they came from (kParts): as node, stream() gives one chunk per part.
const kBytes = Symbol('bytes');
const kParts = Symbol('parts');
const kType = Symbol('type');
const invalidThis = (type) => nodeError(TypeError, 'ERR_INVALID_THIS', `Value of "this" must be of type ${type}`);
const isBlob = (v) => v !== null && typeof v === 'object' && v[kBytes] !== undefined;
function blobBytes(self) {
  if (!isBlob(self)) throw invalidThis('Blob');
  return self[kBytes];
}

function blobPart(part, endings) {
  if (typeof part === 'string') {
    return new Uint8Array(native.fromString(endings ? part.replace(/\r?\n/g, '\n') : part, UTF8));
  }
  if (isBlob(part)) return part;
  if (isAnyArrayBuffer(part)) return new Uint8Array(part.slice(0));
  if (ArrayBuffer.isView(part)) return new Uint8Array(part.buffer.slice(part.byteOffset, part.byteOffset + part.byteLength));
  return blobPart(`${part}`, endings);
}

function blobType(type) {
  type = `${type}`;
  return /^[\x20-\x7e]*$/.test(type) ? type.toLowerCase() : '';
}

function makeBlob(blob, bytes, parts, type) {
  blob[kBytes] = bytes;
  blob[kParts] = parts;
  blob[kType] = type;
  return blob;
}

class Blob {
  constructor(sources = [], options) {
    if (sources === null || typeof sources[Symbol.iterator] !== 'function' || typeof sources === 'string') {
      throw invalidArgType('sources', 'a sequence', sources);
    }
    if (options !== undefined && options !== null && typeof options !== 'object' && typeof options !== 'function') {
      throw invalidArgType('options', 'a dictionary', options);
    }
    const endings = `${options?.endings ?? 'transparent'}`;
    if (endings !== 'transparent' && endings !== 'native') {
      throw invalidArgValue('options.endings', options.endings);
    }
    const chunks = [];
    const parts = [];
    for (const source of sources) {
      const part = blobPart(source, endings === 'native');
      if (part instanceof Uint8Array) {
        if (part.length > 0) { chunks.push(part); parts.push(part.length); }
      } else if (part.size > 0) {
        chunks.push(part[kBytes]);
        parts.push(...part[kParts]);
      }
    }
    const type = options?.type;
    const bytes = chunks.length === 1 ? chunks[0] : new Uint8Array(Buffer.concat(chunks.map((p) => new FastBuffer(p.buffer, p.byteOffset, p.byteLength))));
    makeBlob(this, bytes, parts, type === undefined ? '' : blobType(type));
  }

  get type() {
    if (!isBlob(this)) throw invalidThis('Blob');
    return this[kType];
  }

  get size() { return blobBytes(this).byteLength; }

  slice(start = 0, end = undefined, contentType = '') {
    const size = blobBytes(this).byteLength;
    if (end === undefined) end = size;
    const rel = (v) => (v < 0 ? Math.max(size + v, 0) : Math.min(v, size));
    start = rel(Math.trunc(+start) || 0);
    end = Math.max(start, rel(Math.trunc(+end) || 0));
    const parts = [];
    let at = 0;
    for (const n of this[kParts]) {
      const from = Math.max(at, start);
      const to = Math.min(at + n, end);
      if (to > from) parts.push(to - from);
      at += n;
    }
    return makeBlob(Object.create(Blob.prototype), this[kBytes].subarray(start, end), parts, blobType(contentType));
  }

  arrayBuffer() {
    if (!isBlob(this)) return Promise.reject(invalidThis('Blob'));
    const b = this[kBytes];
    return Promise.resolve(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
  }

  async text() {
    const b = blobBytes(this);
    return native.toString(b, UTF8, 0, b.length);
  }

  bytes() {
    const b = blobBytes(this);
    return Promise.resolve(new Uint8Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength)));
  }

  stream() {
    const bytes = blobBytes(this);
    const parts = this[kParts];
    let index = 0;
    let offset = 0;
    const { ReadableStream } = shared.requireBuiltin('stream/web');
    return new ReadableStream({
      type: 'bytes',
      pull(c) {
        if (index >= parts.length) {
          c.close();
          const req = c.byobRequest;
          if (req) req.respond(0);
          return;
        }
        const n = parts[index++];
        c.enqueue(bytes.slice(offset, offset + n));
        offset += n;
      },
    });
  }

  [kCustom](depth, options) {
    if (depth < 0) return this;
    return `Blob ${util.inspect({ size: this.size, type: this.type }, options)}`;
  }
}
for (const k of ['size', 'type', 'slice', 'arrayBuffer', 'text', 'stream']) {
  Object.defineProperty(Blob.prototype, k, { enumerable: true });
}
Object.defineProperty(Blob.prototype, Symbol.toStringTag, { value: 'Blob', configurable: true });
shared.isBlob = isBlob;
// A copy of `blob` for structuredClone and postMessage (a Blob, as node's).
shared.cloneBlob = (blob) => makeBlob(Object.create(Blob.prototype), blob[kBytes], blob[kParts].slice(), blob[kType]);

const kName = Symbol('name');
const kLastModified = Symbol('lastModified');
const privateMember = (name) => new TypeError(`Cannot read private member #${name} from an object whose class did not declare it`);
const isFile = (v) => isBlob(v) && v[kName] !== undefined;

class File extends Blob {
  constructor(fileBits, fileName, options = {}) {
    if (arguments.length < 2) {
      throw nodeError(TypeError, 'ERR_MISSING_ARGS', 'The "fileBits" and "fileName" arguments must be specified');
    }
    super(fileBits, options);
    let lastModified = options?.lastModified;
    if (lastModified !== undefined) {
      lastModified = +lastModified;
      if (Number.isNaN(lastModified)) lastModified = 0;
    } else {
      lastModified = Date.now();
    }
    this[kName] = `${fileName}`;
    this[kLastModified] = lastModified;
  }

  get name() {
    if (!isFile(this)) throw privateMember('name');
    return this[kName];
  }

  get lastModified() {
    if (!isFile(this)) throw privateMember('lastModified');
    return this[kLastModified];
  }

  [kCustom](depth, options) {
    if (depth < 0) return this;
    return `File ${util.inspect({ size: this.size, type: this.type, name: this.name, lastModified: this.lastModified }, options)}`;
  }
}
for (const k of ['name', 'lastModified']) Object.defineProperty(File.prototype, k, { enumerable: true });
Object.defineProperty(File.prototype, Symbol.toStringTag, { value: 'File', configurable: true });

// transcode(): the encodings ICU converts between in Node.
const kTranscodable = [UTF8, UTF16LE, LATIN1, ASCII];

function transcode(source, fromEncoding, toEncoding) {
  if (!isUint8Array(source)) throw invalidArgType('source', ['Buffer', 'Uint8Array'], source);
  if (source.length === 0) return new FastBuffer();
  const from = encodingOf(fromEncoding);
  const to = encodingOf(toEncoding);
  if (!kTranscodable.includes(from) || !kTranscodable.includes(to)) {
    const e = new Error('Unable to transcode Buffer [U_ILLEGAL_ARGUMENT_ERROR]');
    Object.assign(e, { code: 'U_ILLEGAL_ARGUMENT_ERROR', errno: 1 });
    throw e;
  }
  let s = native.toString(source, from === ASCII ? LATIN1 : from, 0, source.length);
  if (from === ASCII) s = s.replace(/[\x80-\xff]/g, '\ufffd');
  if (to === ASCII) s = s.replace(/[^\x00-\x7f]/gu, '?');
  else if (to === LATIN1) s = s.replace(/[^\x00-\xff]/gu, '?');
  return new FastBuffer(native.fromString(s, to));
}

function resolveObjectURL(url) {
  url = `${url}`;
  if (shared.objectURLs === undefined) return undefined;
  shared.requireBuiltin('url');
  const blob = shared.objectURLs.get(shared.objectURLId(url));
  return blob === undefined ? undefined : shared.cloneBlob(blob);
}

// The bytes isAscii/isUtf8 look at (null if `input` is of no such type).
function validationBytes(input) {
  if (ArrayBuffer.isView(input)) {
    return input.byteLength === 0 ? new Uint8Array(0) : new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  }
  if (!isAnyArrayBuffer(input)) return null;
  if (input.detached) throw nodeError(Error, 'ERR_INVALID_STATE', 'Cannot validate on a detached buffer');
  return new Uint8Array(input);
}

function isAscii(input) {
  const b = validationBytes(input);
  if (b === null) throw invalidArgType('input', ['ArrayBuffer', 'Buffer', 'TypedArray'], input);
  for (let i = 0; i < b.length; i++) if (b[i] > 0x7f) return false;
  return true;
}

function isUtf8(input) {
  const b = validationBytes(input);
  if (b === null) throw invalidArgType('input', ['ArrayBuffer', 'Buffer', 'TypedArray'], input);
  return !native.toString(b, UTF8, 0, b.length).includes('\ufffd') || utf8RoundTrips(b);
}

// A decoded U+FFFD may have been in the input: only a round trip tells.
function utf8RoundTrips(b) {
  const again = new Uint8Array(native.fromString(native.toString(b, UTF8, 0, b.length), UTF8));
  return again.length === b.length && native.compare(again, b) === 0;
}

const exportsObject = {
  Buffer,
  SlowBuffer,
  transcode,
  isUtf8,
  isAscii,
  kMaxLength,
  kStringMaxLength,
  btoa: shared.btoa,
  atob: shared.atob,
  constants,
};
Object.defineProperty(exportsObject, 'INSPECT_MAX_BYTES', {
  enumerable: true,
  configurable: true,
  get() { return INSPECT_MAX_BYTES; },
  set(v) {
    validateNumber(v, 'INSPECT_MAX_BYTES', 0);
    INSPECT_MAX_BYTES = v;
  },
});
exportsObject.Blob = Blob;
exportsObject.resolveObjectURL = resolveObjectURL;
exportsObject.File = File;
return exportsObject;
