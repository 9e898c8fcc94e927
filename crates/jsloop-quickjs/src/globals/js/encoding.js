// atob and btoa (forgiving base64, Latin-1 strings); TextEncoder and
// TextDecoder over the host's textEncode/textEncodeInto/textDecode.
'use strict';
const { define, missingArgs, DOMException, nodeError, invalidArgType } = shared;
const b64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function btoa(input) {
  if (arguments.length === 0) throw missingArgs('input');
  const s = `${input}`;
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) > 0xff) throw new DOMException('Invalid character', 'InvalidCharacterError');
  }
  let out = '';
  for (let i = 0; i < s.length; i += 3) {
    const a = s.charCodeAt(i);
    const b = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
    const c = i + 2 < s.length ? s.charCodeAt(i + 2) : 0;
    const n = (a << 16) | (b << 8) | c;
    out += b64[(n >> 18) & 63] + b64[(n >> 12) & 63];
    out += i + 1 < s.length ? b64[(n >> 6) & 63] : '=';
    out += i + 2 < s.length ? b64[n & 63] : '=';
  }
  return out;
}

// Node's checks (lib/buffer.js), then the decoding.
function atob(input) {
  if (arguments.length === 0) throw missingArgs('input');
  input = `${input}`;
  let significant = 0;
  let equals = 0;
  for (let n = 0; n < input.length; n++) {
    const ch = input[n];
    if (ch === '\t' || ch === '\n' || ch === '\f' || ch === '\r' || ch === ' ') continue;
    if (ch === '=') {
      significant++;
      equals++;
    } else if (b64.includes(ch)) {
      significant++;
      if (equals) throw new DOMException('Invalid character', 'InvalidCharacterError');
    } else {
      throw new DOMException('Invalid character', 'InvalidCharacterError');
    }
    if (equals > 2) throw new DOMException('Invalid character', 'InvalidCharacterError');
  }
  let remainder = significant % 4;
  if (!remainder) remainder = (significant - equals) % 4;
  else if (equals) throw new DOMException('Invalid character', 'InvalidCharacterError');
  if (remainder === 1) {
    throw new DOMException('The string to be decoded is not correctly encoded.', 'InvalidCharacterError');
  }
  let out = '';
  let bits = 0;
  let acc = 0;
  for (let i = 0; i < input.length; i++) {
    const v = b64.indexOf(input[i]);
    if (v < 0) continue;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += String.fromCharCode((acc >> bits) & 0xff);
    }
  }
  return out;
}

define('atob', atob);
define('btoa', btoa);
Object.assign(shared, { atob, btoa });

const kInspect = Symbol.for('nodejs.util.inspect.custom');
const { textEncode, textEncodeInto, textDecode } = host;
const TypedArrayTag = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), Symbol.toStringTag).get;
const isArrayBuffer = (v) => { try { Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, 'byteLength').get.call(v); return true; } catch { return false; } };
const isShared = typeof SharedArrayBuffer === 'function'
  ? (v) => { try { Object.getOwnPropertyDescriptor(SharedArrayBuffer.prototype, 'byteLength').get.call(v); return true; } catch { return false; } }
  : () => false;

class TextEncoder {
  get encoding() { return 'utf-8'; }
  encode(input = '') { return textEncode(`${input}`); }
  encodeInto(src, dest) {
    if (TypedArrayTag.call(dest) !== 'Uint8Array') throw invalidArgType('dest', 'Uint8Array', dest);
    const [bytes, read] = textEncodeInto(`${src}`, dest.length);
    dest.set(bytes);
    return { read, written: bytes.length };
  }
  [kInspect](depth, options, inspect) {
    return inspect({ encoding: this.encoding });
  }
}
Object.defineProperty(TextEncoder.prototype, Symbol.toStringTag, { value: 'TextEncoder', configurable: true });

// The WHATWG labels of the encodings jsloop decodes.
const kLabels = { __proto__: null };
for (const [name, labels] of [
  ['utf-8', 'unicode-1-1-utf-8 unicode11utf8 unicode20utf8 utf-8 utf8 x-unicode20utf8'],
  ['utf-16le', 'csunicode iso-10646-ucs-2 ucs-2 unicode unicodefeff utf-16 utf-16le'],
  ['utf-16be', 'unicodefffe utf-16be'],
  ['windows-1252', 'ansi_x3.4-1968 ascii cp1252 cp819 csisolatin1 ibm819 iso-8859-1 iso-ir-100 iso8859-1 iso88591 iso_8859-1 iso_8859-1:1987 l1 latin1 us-ascii windows-1252 x-cp1252'],
]) {
  for (const label of labels.split(' ')) kLabels[label] = name;
}

function bytesOf(input) {
  if (input === undefined) return new Uint8Array(0);
  if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  if (isArrayBuffer(input) || isShared(input)) return new Uint8Array(input);
  throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE',
    'The "list" argument must be an instance of SharedArrayBuffer, ArrayBuffer or ArrayBufferView.');
}

class TextDecoder {
  #encoding; #fatal; #ignoreBOM; #pending = null; #started = false;
  constructor(encoding = 'utf-8', options = {}) {
    if (options !== undefined && options !== null && typeof options !== 'object' && typeof options !== 'function') {
      throw invalidArgType('options', 'object', options);
    }
    const label = `${encoding}`.replace(/^[\t\n\f\r ]+|[\t\n\f\r ]+$/g, '').toLowerCase();
    const name = kLabels[label];
    if (name === undefined) throw nodeError(RangeError, 'ERR_ENCODING_NOT_SUPPORTED', `The "${encoding}" encoding is not supported`);
    this.#encoding = name;
    this.#fatal = Boolean(options?.fatal);
    this.#ignoreBOM = Boolean(options?.ignoreBOM);
  }
  static #check(self) {
    if (self === null || typeof self !== 'object' || !(#encoding in self)) {
      throw nodeError(TypeError, 'ERR_INVALID_THIS', 'Value of "this" must be of type TextDecoder');
    }
  }
  decode(input = undefined, options = undefined) {
    TextDecoder.#check(this);
    let bytes = bytesOf(input);
    const stream = Boolean(options?.stream);
    if (this.#pending !== null) {
      const joined = new Uint8Array(this.#pending.length + bytes.length);
      joined.set(this.#pending);
      joined.set(bytes, this.#pending.length);
      bytes = joined;
      this.#pending = null;
    }
    const [text, kept] = textDecode(this.#encoding, bytes, this.#fatal, stream);
    if (text === null) {
      this.#started = false;
      throw nodeError(TypeError, 'ERR_ENCODING_INVALID_ENCODED_DATA', `The encoded data was not valid for encoding ${this.#encoding}`);
    }
    if (kept > 0) this.#pending = bytes.slice(bytes.length - kept);
    let out = text;
    if (!this.#started && out.length > 0) {
      this.#started = true;
      if (!this.#ignoreBOM && this.#encoding !== 'windows-1252' && out.charCodeAt(0) === 0xfeff) out = out.slice(1);
    }
    if (!stream) this.#started = false;
    return out;
  }
  get encoding() { TextDecoder.#check(this); return this.#encoding; }
  get fatal() { TextDecoder.#check(this); return this.#fatal; }
  get ignoreBOM() { TextDecoder.#check(this); return this.#ignoreBOM; }
  [kInspect](depth, options, inspect) {
    if (typeof depth === 'number' && depth < 0) return this;
    return `TextDecoder ${inspect({ encoding: this.#encoding, fatal: this.#fatal, ignoreBOM: this.#ignoreBOM })}`;
  }
}
Object.defineProperty(TextDecoder.prototype, Symbol.toStringTag, { value: 'TextDecoder', configurable: true });
for (const C of [TextEncoder, TextDecoder]) {
  for (const key of Object.getOwnPropertyNames(C.prototype)) {
    if (key === 'constructor') continue;
    const d = Object.getOwnPropertyDescriptor(C.prototype, key);
    d.enumerable = true;
    Object.defineProperty(C.prototype, key, d);
  }
}

define('TextEncoder', TextEncoder);
define('TextDecoder', TextDecoder);
shared.TextEncoder = TextEncoder;
shared.TextDecoder = TextDecoder;
