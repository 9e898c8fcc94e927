// node:string_decoder — StringDecoder: decodes chunks of bytes, keeping a
// character cut at a chunk's end until the next one completes it. The
// state lives in a 7-byte Buffer laid out as Node's (and inspected as it):
// bytes 0-3 the incomplete character, 4 the bytes missing, 5 the bytes
// buffered, 6 Node's number for the encoding.
'use strict';
const { nodeError, invalidArgType } = shared;
const { Buffer } = shared.requireBuiltin('buffer');
const native = host.buffer;

const kNativeDecoder = Symbol('kNativeDecoder');
const kMissing = 4;
const kBuffered = 5;
const kEncodingField = 6;

// name -> [Node's encoding number, the number buffer.rs reads]
const kEncodings = {
  utf8: [1, 0], utf16le: [3, 1], latin1: [4, 2], ascii: [0, 3], base64: [2, 4], base64url: [7, 5], hex: [5, 6],
};
const kAliases = { 'utf-8': 'utf8', ucs2: 'utf16le', 'ucs-2': 'utf16le', 'utf-16le': 'utf16le', binary: 'latin1' };

function normalizeEncoding(enc) {
  if (enc == null || enc === '') return 'utf8';
  const l = `${enc}`.toLowerCase();
  const name = Object.prototype.hasOwnProperty.call(kAliases, l) ? kAliases[l] : l;
  if (!Object.prototype.hasOwnProperty.call(kEncodings, name)) {
    throw nodeError(TypeError, 'ERR_UNKNOWN_ENCODING', `Unknown encoding: ${enc}`);
  }
  return name;
}

const UTF8 = 0; const UTF16LE = 1; const BASE64 = 4; const BASE64URL = 5;

// The decoded text of `data[start, end)`.
const text = (data, enc, start, end) => (end > start ? native.toString(data, enc, start, end) : '');

function decode(state, enc, data) {
  let start = 0;
  let end = data.length;
  let prepend = '';
  if (state[kMissing] > 0) {
    if (enc === UTF8) {
      for (let i = 0; i < end && i < state[kMissing]; i++) {
        if ((data[i] & 0xc0) !== 0x80) {
          // Not the continuation byte it should have been: the incomplete
          // character ends here, and this byte starts a new one.
          state[kMissing] = 0;
          state.set(data.subarray(0, i), state[kBuffered]);
          state[kBuffered] += i;
          start = i;
          break;
        }
      }
    }
    const found = Math.min(end - start, state[kMissing]);
    state.set(data.subarray(start, start + found), state[kBuffered]);
    start += found;
    state[kMissing] -= found;
    state[kBuffered] += found;
    if (state[kMissing] === 0) {
      prepend = text(state, enc, 0, state[kBuffered]);
      state[kBuffered] = 0;
    }
  }
  if (start === end) return prepend;
  if (enc === UTF8 && data[end - 1] & 0x80) {
    for (let i = end - 1; ; i--) {
      state[kBuffered]++;
      if ((data[i] & 0xc0) === 0x80) {
        if (state[kBuffered] >= 4 || i === start) {
          state[kBuffered] = 0;
          break;
        }
      } else {
        const b = data[i];
        if ((b & 0xe0) === 0xc0) state[kMissing] = 2;
        else if ((b & 0xf0) === 0xe0) state[kMissing] = 3;
        else if ((b & 0xf8) === 0xf0) state[kMissing] = 4;
        else {
          state[kBuffered] = 0;
          break;
        }
        if (state[kBuffered] >= state[kMissing]) {
          state[kMissing] = 0;
          state[kBuffered] = 0;
        }
        state[kMissing] -= state[kBuffered];
        break;
      }
    }
  } else if (enc === UTF16LE) {
    if ((end - start) % 2 === 1) {
      state[kBuffered] = 1;
      state[kMissing] = 1;
    } else if ((data[end - 1] & 0xfc) === 0xd8) {
      state[kBuffered] = 2;
      state[kMissing] = 2;
    }
  } else if (enc === BASE64 || enc === BASE64URL) {
    state[kBuffered] = (end - start) % 3;
    if (state[kBuffered] > 0) state[kMissing] = 3 - state[kBuffered];
  }
  if (state[kBuffered] > 0) {
    end -= state[kBuffered];
    state.set(data.subarray(end, end + state[kBuffered]), 0);
  }
  return prepend + text(data, enc, start, end);
}

function flush(state, enc) {
  if (enc === UTF16LE && state[kBuffered] % 2 === 1) {
    state[kMissing]--;
    state[kBuffered]--;
  }
  const out = text(state, enc, 0, state[kBuffered]);
  state[kMissing] = 0;
  state[kBuffered] = 0;
  return out;
}

const bytesOf = (view) => (view instanceof Uint8Array ? view : new Uint8Array(view.buffer, view.byteOffset, view.byteLength));
const codeOf = (decoder) => kEncodings[decoder.encoding][1];

// A plain function, as Node's: old-style subclasses call it on `this`.
function StringDecoder(encoding) {
  this.encoding = normalizeEncoding(encoding);
  this[kNativeDecoder] = Buffer.alloc(7);
  this[kNativeDecoder][kEncodingField] = kEncodings[this.encoding][0];
}

StringDecoder.prototype.write = function write(buf) {
  if (typeof buf === 'string') return buf;
  if (!ArrayBuffer.isView(buf)) throw invalidArgType('buf', ['Buffer', 'TypedArray', 'DataView'], buf);
  const state = this[kNativeDecoder];
  if (!state) throw nodeError(TypeError, 'ERR_INVALID_THIS', 'Value of "this" must be of type StringDecoder');
  return decode(state, codeOf(this), bytesOf(buf));
};

StringDecoder.prototype.end = function end(buf) {
  let ret = '';
  if (buf !== undefined) ret = this.write(buf);
  if (this[kNativeDecoder][kBuffered] > 0) ret += flush(this[kNativeDecoder], codeOf(this));
  return ret;
};

StringDecoder.prototype.text = function text(buf, offset) {
  this[kNativeDecoder][kMissing] = 0;
  this[kNativeDecoder][kBuffered] = 0;
  return this.write(buf.slice(offset));
};

Object.defineProperties(StringDecoder.prototype, {
  lastChar: { configurable: true, enumerable: true, get() { return this[kNativeDecoder].subarray(0, 4); } },
  lastNeed: { configurable: true, enumerable: true, get() { return this[kNativeDecoder][kMissing]; } },
  lastTotal: {
    configurable: true,
    enumerable: true,
    get() { return this[kNativeDecoder][kBuffered] + this[kNativeDecoder][kMissing]; },
  },
});

return { StringDecoder };
