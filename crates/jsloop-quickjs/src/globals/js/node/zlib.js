// node:zlib, buffer and stream forms: gzip,
// zlib and raw deflate through flate2 (miniz_oxide), brotli through the
// brotli crate (natives in host.zlib). The callback forms compress on the
// calling thread and call back on a later turn (setImmediate), not on a
// thread pool. `windowBits`, `memLevel`, `strategy`, `chunkSize` and
// `dictionary` are validated but not applied; brotli applies only the
// quality and lgwin params. Output bytes may differ from Node's zlib for
// the same level; every output decompresses in both.
'use strict';
const native = host.zlib;
const { Buffer } = shared.requireBuiltin('buffer');
const { nodeError, invalidArgType, outOfRange, validateFunction } = shared;
const { setImmediate } = globalThis;
const { process } = shared;

// As node: null-prototype, each constant read-only, the object extensible.
const constants = Object.create(null);
for (const [key, value] of Object.entries({
  Z_NO_FLUSH: 0, Z_PARTIAL_FLUSH: 1, Z_SYNC_FLUSH: 2, Z_FULL_FLUSH: 3, Z_FINISH: 4, Z_BLOCK: 5, Z_OK: 0,
  Z_STREAM_END: 1, Z_NEED_DICT: 2, Z_ERRNO: -1, Z_STREAM_ERROR: -2, Z_DATA_ERROR: -3, Z_MEM_ERROR: -4,
  Z_BUF_ERROR: -5, Z_VERSION_ERROR: -6, Z_NO_COMPRESSION: 0, Z_BEST_SPEED: 1, Z_BEST_COMPRESSION: 9,
  Z_DEFAULT_COMPRESSION: -1, Z_FILTERED: 1, Z_HUFFMAN_ONLY: 2, Z_RLE: 3, Z_FIXED: 4, Z_DEFAULT_STRATEGY: 0,
  ZLIB_VERNUM: 4880, DEFLATE: 1, INFLATE: 2, GZIP: 3, GUNZIP: 4, DEFLATERAW: 5, INFLATERAW: 6, UNZIP: 7,
  BROTLI_DECODE: 8, BROTLI_ENCODE: 9, Z_MIN_WINDOWBITS: 8, Z_MAX_WINDOWBITS: 15, Z_DEFAULT_WINDOWBITS: 15,
  Z_MIN_CHUNK: 64, Z_MAX_CHUNK: Infinity, Z_DEFAULT_CHUNK: 16384, Z_MIN_MEMLEVEL: 1, Z_MAX_MEMLEVEL: 9,
  Z_DEFAULT_MEMLEVEL: 8, Z_MIN_LEVEL: -1, Z_MAX_LEVEL: 9, Z_DEFAULT_LEVEL: -1, BROTLI_OPERATION_PROCESS: 0,
  BROTLI_OPERATION_FLUSH: 1, BROTLI_OPERATION_FINISH: 2, BROTLI_OPERATION_EMIT_METADATA: 3, BROTLI_PARAM_MODE: 0,
  BROTLI_MODE_GENERIC: 0, BROTLI_MODE_TEXT: 1, BROTLI_MODE_FONT: 2, BROTLI_DEFAULT_MODE: 0, BROTLI_PARAM_QUALITY: 1,
  BROTLI_MIN_QUALITY: 0, BROTLI_MAX_QUALITY: 11, BROTLI_DEFAULT_QUALITY: 11, BROTLI_PARAM_LGWIN: 2,
  BROTLI_MIN_WINDOW_BITS: 10, BROTLI_MAX_WINDOW_BITS: 24, BROTLI_LARGE_MAX_WINDOW_BITS: 30,
  BROTLI_DEFAULT_WINDOW: 22, BROTLI_PARAM_LGBLOCK: 3, BROTLI_MIN_INPUT_BLOCK_BITS: 16,
  BROTLI_MAX_INPUT_BLOCK_BITS: 24, BROTLI_PARAM_DISABLE_LITERAL_CONTEXT_MODELING: 4, BROTLI_PARAM_SIZE_HINT: 5,
  BROTLI_PARAM_LARGE_WINDOW: 6, BROTLI_PARAM_NPOSTFIX: 7, BROTLI_PARAM_NDIRECT: 8, BROTLI_DECODER_RESULT_ERROR: 0,
  BROTLI_DECODER_RESULT_SUCCESS: 1, BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT: 2,
  BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT: 3, BROTLI_DECODER_PARAM_DISABLE_RING_BUFFER_REALLOCATION: 0,
  BROTLI_DECODER_PARAM_LARGE_WINDOW: 1, BROTLI_DECODER_NO_ERROR: 0, BROTLI_DECODER_SUCCESS: 1,
  BROTLI_DECODER_NEEDS_MORE_INPUT: 2, BROTLI_DECODER_NEEDS_MORE_OUTPUT: 3,
  BROTLI_DECODER_ERROR_FORMAT_EXUBERANT_NIBBLE: -1, BROTLI_DECODER_ERROR_FORMAT_RESERVED: -2,
  BROTLI_DECODER_ERROR_FORMAT_EXUBERANT_META_NIBBLE: -3, BROTLI_DECODER_ERROR_FORMAT_SIMPLE_HUFFMAN_ALPHABET: -4,
  BROTLI_DECODER_ERROR_FORMAT_SIMPLE_HUFFMAN_SAME: -5, BROTLI_DECODER_ERROR_FORMAT_CL_SPACE: -6,
  BROTLI_DECODER_ERROR_FORMAT_HUFFMAN_SPACE: -7, BROTLI_DECODER_ERROR_FORMAT_CONTEXT_MAP_REPEAT: -8,
  BROTLI_DECODER_ERROR_FORMAT_BLOCK_LENGTH_1: -9, BROTLI_DECODER_ERROR_FORMAT_BLOCK_LENGTH_2: -10,
  BROTLI_DECODER_ERROR_FORMAT_TRANSFORM: -11, BROTLI_DECODER_ERROR_FORMAT_DICTIONARY: -12,
  BROTLI_DECODER_ERROR_FORMAT_WINDOW_BITS: -13, BROTLI_DECODER_ERROR_FORMAT_PADDING_1: -14,
  BROTLI_DECODER_ERROR_FORMAT_PADDING_2: -15, BROTLI_DECODER_ERROR_FORMAT_DISTANCE: -16,
  BROTLI_DECODER_ERROR_DICTIONARY_NOT_SET: -19, BROTLI_DECODER_ERROR_INVALID_ARGUMENTS: -20,
  BROTLI_DECODER_ERROR_ALLOC_CONTEXT_MODES: -21, BROTLI_DECODER_ERROR_ALLOC_TREE_GROUPS: -22,
  BROTLI_DECODER_ERROR_ALLOC_CONTEXT_MAP: -25, BROTLI_DECODER_ERROR_ALLOC_RING_BUFFER_1: -26,
  BROTLI_DECODER_ERROR_ALLOC_RING_BUFFER_2: -27, BROTLI_DECODER_ERROR_ALLOC_BLOCK_TYPE_TREES: -30,
  BROTLI_DECODER_ERROR_UNREACHABLE: -31,
})) Object.defineProperty(constants, key, { value, enumerable: true });
const codes = {
  Z_OK: 0, Z_STREAM_END: 1, Z_NEED_DICT: 2, Z_ERRNO: -1, Z_STREAM_ERROR: -2, Z_DATA_ERROR: -3, Z_MEM_ERROR: -4,
  Z_BUF_ERROR: -5, Z_VERSION_ERROR: -6,
};
for (const k of Object.keys(codes)) codes[codes[k]] = k;
Object.freeze(codes);

const FAILS = {
  header: ['incorrect header check', 'Z_DATA_ERROR'],
  data: ['invalid compressed data', 'Z_DATA_ERROR'],
  check: ['incorrect data check', 'Z_DATA_ERROR'],
  eof: ['unexpected end of file', 'Z_BUF_ERROR'],
  dictionary: ['Missing dictionary', 'Z_NEED_DICT'],
  brotli: ['Decompression failed', 'ERR_BROTLI_DECOMPRESSION_FAILED'],
};

function zlibError(fail) {
  const [message, code] = FAILS[fail];
  const e = new Error(message);
  e.errno = code in codes ? codes[code] : -3;
  e.code = code;
  return e;
}

function bytesOf(buffer) {
  if (typeof buffer === 'string') return Buffer.from(buffer, 'utf8');
  if (ArrayBuffer.isView(buffer)) return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  if (buffer instanceof ArrayBuffer || buffer instanceof SharedArrayBuffer) return new Uint8Array(buffer);
  throw invalidArgType('buffer', ['string', 'Buffer', 'TypedArray', 'DataView', 'ArrayBuffer'], buffer);
}

function checkRange(options, key, min, max, def) {
  const v = options[key];
  if (v === undefined || Number.isNaN(v)) return def;
  if (typeof v !== 'number') throw invalidArgType(`options.${key}`, 'number', v);
  if (!Number.isFinite(v)) throw outOfRange(`options.${key}`, 'a finite number', v);
  if (v < min || v > max) throw outOfRange(`options.${key}`, `>= ${min} and <= ${max}`, v);
  return v;
}

function zlibOptions(options, raw) {
  if (options === null || typeof options !== 'object') options = {};
  const level = checkRange(options, 'level', -1, 9, -1);
  checkRange(options, 'windowBits', raw ? 8 : 9, 15, 15);
  checkRange(options, 'memLevel', 1, 9, 8);
  checkRange(options, 'strategy', 0, 4, 0);
  checkRange(options, 'chunkSize', 64, Infinity, 16384);
  return level;
}

function brotliOptions(options) {
  if (options === null || typeof options !== 'object') options = {};
  checkRange(options, 'chunkSize', 64, Infinity, 16384);
  let quality = 11;
  let lgwin = 22;
  const { params } = options;
  if (params !== undefined) {
    if (params === null || typeof params !== 'object') throw invalidArgType('options.params', 'Object', params);
    for (const key of Object.keys(params)) {
      const n = +key;
      if (!(n >= 0 && n <= 9)) throw nodeError(RangeError, 'ERR_BROTLI_INVALID_PARAM', `${key} is not a valid Brotli parameter`);
      const v = params[key];
      if (typeof v !== 'number' && typeof v !== 'boolean') {
        throw invalidArgType('options.params[key]', 'number', v);
      }
      if (n === constants.BROTLI_PARAM_QUALITY) quality = Math.min(Math.max(+v, 0), 11);
      if (n === constants.BROTLI_PARAM_LGWIN) lgwin = Math.min(Math.max(+v, 10), 24);
    }
  }
  return [quality, lgwin];
}

const toBuffer = (u8) => Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength);

function decoded(result) {
  if (typeof result === 'string') throw zlibError(result);
  return toBuffer(result);
}

const KINDS = {
  deflate: (b, o) => toBuffer(native.compress('deflate', b, zlibOptions(o, false))),
  inflate: (b, o) => (zlibOptions(o, false), decoded(native.decompress('deflate', b))),
  gzip: (b, o) => toBuffer(native.compress('gzip', b, zlibOptions(o, false))),
  gunzip: (b, o) => (zlibOptions(o, false), decoded(native.decompress('gzip', b))),
  deflateRaw: (b, o) => toBuffer(native.compress('raw', b, zlibOptions(o, true))),
  inflateRaw: (b, o) => (zlibOptions(o, true), decoded(native.decompress('raw', b))),
  unzip: (b, o) => (zlibOptions(o, false), decoded(native.decompress('unzip', b))),
  brotliCompress: (b, o) => toBuffer(native.brotliCompress(b, ...brotliOptions(o))),
  brotliDecompress: (b, o) => (brotliOptions(o), decoded(native.brotliDecompress(b))),
};

function withInfo(result, options) {
  if (options && options.info) return { buffer: result, engine: undefined };
  return result;
}

const exports = {};
for (const name of Object.keys(KINDS)) {
  const run = KINDS[name];
  exports[`${name}Sync`] = {
    [`${name}Sync`](buffer, options) {
      return withInfo(run(bytesOf(buffer), options), options);
    },
  }[`${name}Sync`];
  exports[name] = {
    [name](buffer, options, callback) {
      if (typeof options === 'function') {
        callback = options;
        options = {};
      }
      validateFunction(callback, 'callback');
      const bytes = bytesOf(buffer);
      let result;
      try {
        result = run(bytes, options);
      } catch (e) {
        if (e.code !== undefined && e.code.startsWith('ERR_') && e.code !== 'ERR_BROTLI_DECOMPRESSION_FAILED') throw e;
        setImmediate(callback, e);
        return;
      }
      setImmediate(callback, null, result);
    },
  }[name];
}

function crc32(data, value = 0) {
  if (typeof data === 'string') data = Buffer.from(data, 'utf8');
  else if (!ArrayBuffer.isView(data)) throw invalidArgType('data', ['string', 'Buffer', 'TypedArray', 'DataView'], data);
  if (typeof value !== 'number') throw invalidArgType('value', 'number', value);
  return native.crc32(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), value >>> 0);
}

// ---- stream forms ----------------------------------------------------------------
// Compressors and decompressors are incremental (host.zlibStream): output
// flows with input; decompression has the buffer forms' checks and
// errors. Each step completes on a later
// turn (setImmediate), as Node's thread-pool work does, so events keep
// Node's order.
const { Transform } = shared.requireBuiltin('stream');
const incremental = host.zlibStream;
const kId = Symbol('kId');
const kFlushFlag = Symbol('kFlushFlag');

function transformOptions(options) {
  if (options === null || typeof options !== 'object') return {};
  const out = {};
  for (const key of ['highWaterMark', 'readableHighWaterMark', 'writableHighWaterMark', 'objectMode', 'signal']) {
    if (options[key] !== undefined) out[key] = options[key];
  }
  return out;
}

function pushAll(stream, bytes) {
  const chunkSize = 16 * 1024;
  for (let at = 0; at < bytes.length; at += chunkSize) stream.push(toBuffer(bytes.subarray(at, at + chunkSize)));
}

class ZlibStream extends Transform {
  constructor(options) {
    super(transformOptions(options));
    this.bytesWritten = 0;
    this._finishFlushFlag = constants.Z_FINISH;
  }

  // As Node's: the flush runs on 'prefinish', so 'finish' precedes 'end'.
  _final(callback) { callback(); }

  close(callback) {
    if (callback) shared.requireBuiltin('stream').finished(this, callback);
    this.destroy();
  }

  // As Node's: a flush is queued as a write, in order with the others.
  flush(kind, callback) {
    if (typeof kind === 'function') callback = kind;
    if (this.writableFinished) {
      if (typeof callback === 'function') process.nextTick(callback);
    } else if (this.writableEnded) {
      if (typeof callback === 'function') this.once('end', callback);
    } else {
      const marker = Buffer.alloc(0);
      marker[kFlushFlag] = true;
      this.write(marker, '', callback);
    }
  }

  params(level, strategy, callback) {
    if (typeof callback === 'function') process.nextTick(callback);
  }

  reset() {}
}

class Compressor extends ZlibStream {
  constructor(kind, options) {
    let level = -1;
    let quality = 11;
    let lgwin = 22;
    if (kind === 'brotli') [quality, lgwin] = brotliOptions(options);
    else level = zlibOptions(options, kind === 'raw');
    super(options);
    this[kId] = incremental.open(kind, level, quality, lgwin);
  }

  _transform(chunk, encoding, callback) {
    this.bytesWritten += chunk.length;
    const out = incremental.write(this[kId], chunk, chunk[kFlushFlag] === true);
    setImmediate(() => {
      pushAll(this, out);
      callback();
    });
  }

  _flush(callback) {
    const id = this[kId];
    this[kId] = 0;
    const out = incremental.end(id);
    setImmediate(() => {
      pushAll(this, out);
      callback();
    });
  }

  _destroy(err, callback) {
    if (this[kId]) incremental.close(this[kId]);
    this[kId] = 0;
    callback(err);
  }


}

const INFLATE_KINDS = { gunzip: 'gzip', inflate: 'deflate', inflateRaw: 'raw', unzip: 'unzip', brotliDecompress: 'brotli' };

class Decompressor extends ZlibStream {
  constructor(kind, options) {
    if (kind === 'brotliDecompress') brotliOptions(options);
    else zlibOptions(options, kind === 'inflateRaw');
    super(options);
    this[kId] = incremental.openInflate(INFLATE_KINDS[kind]);
  }

  _transform(chunk, encoding, callback) {
    this.bytesWritten += chunk.length;
    const out = incremental.write(this[kId], chunk, false);
    if (typeof out === 'string') {
      setImmediate(callback, zlibError(out));
      return;
    }
    setImmediate(() => {
      pushAll(this, out);
      callback();
    });
  }

  _flush(callback) {
    const id = this[kId];
    this[kId] = 0;
    const out = incremental.end(id);
    if (typeof out === 'string') {
      setImmediate(callback, zlibError(out));
      return;
    }
    setImmediate(() => {
      pushAll(this, out);
      callback();
    });
  }

  _destroy(err, callback) {
    if (this[kId]) incremental.close(this[kId]);
    this[kId] = 0;
    callback(err);
  }
}

const STREAMS = {
  Gzip: [Compressor, 'gzip'],
  Deflate: [Compressor, 'deflate'],
  DeflateRaw: [Compressor, 'raw'],
  BrotliCompress: [Compressor, 'brotli'],
  Gunzip: [Decompressor, 'gunzip'],
  Inflate: [Decompressor, 'inflate'],
  InflateRaw: [Decompressor, 'inflateRaw'],
  Unzip: [Decompressor, 'unzip'],
  BrotliDecompress: [Decompressor, 'brotliDecompress'],
};
for (const name of Object.keys(STREAMS)) {
  const [Base, kind] = STREAMS[name];
  const Class = {
    [name]: function (options) {
      if (!new.target) return new Class(options);
      return Reflect.construct(Base, [kind, options], new.target);
    },
  }[name];
  Object.setPrototypeOf(Class.prototype, Base.prototype);
  Object.setPrototypeOf(Class, Base);
  exports[name] = Class;
  exports[`create${name}`] = { [`create${name}`](options) { return new Class(options); } }[`create${name}`];
}

exports.crc32 = crc32;
Object.defineProperties(exports, {
  constants: { enumerable: true, value: constants },
  codes: { enumerable: true, value: codes },
});
// The legacy copies of the zlib (not brotli) constants on the module itself.
for (const key of Object.keys(constants)) {
  if (!key.startsWith('BROTLI')) Object.defineProperty(exports, key, { value: constants[key] });
}
return exports;
