// node:http over node:net: HTTP/1.1 servers and clients. Message heads are
// parsed by httparse (host.net.parseHead, chunk sizes by host.net.chunkSize);
// body framing (Content-Length, chunked, until close), keep-alive, pipelined
// requests (answered in order, one at a time) and the Agent's socket pool are
// here. Not provided: upgrades/CONNECT tunnels, trailers on outgoing
// messages, 'information' for 1xx other than 100, maxHeaderSize.
'use strict';
const native = host.net;
const { Buffer } = shared.requireBuiltin('buffer');
const EventEmitter = shared.requireBuiltin('events');
const Stream = shared.requireBuiltin('stream');
const net = shared.requireBuiltin('net');
const { nodeError, invalidArgType, invalidArgValue, validateFunction, validateNumber } = shared;
const { process } = shared;
const { Readable } = Stream;

const STATUS_CODES = {
  100: 'Continue', 101: 'Switching Protocols', 102: 'Processing', 103: 'Early Hints', 200: 'OK', 201: 'Created',
  202: 'Accepted', 203: 'Non-Authoritative Information', 204: 'No Content', 205: 'Reset Content', 206: 'Partial Content',
  207: 'Multi-Status', 208: 'Already Reported', 226: 'IM Used', 300: 'Multiple Choices', 301: 'Moved Permanently',
  302: 'Found', 303: 'See Other', 304: 'Not Modified', 305: 'Use Proxy', 307: 'Temporary Redirect',
  308: 'Permanent Redirect', 400: 'Bad Request', 401: 'Unauthorized', 402: 'Payment Required', 403: 'Forbidden',
  404: 'Not Found', 405: 'Method Not Allowed', 406: 'Not Acceptable', 407: 'Proxy Authentication Required',
  408: 'Request Timeout', 409: 'Conflict', 410: 'Gone', 411: 'Length Required', 412: 'Precondition Failed',
  413: 'Payload Too Large', 414: 'URI Too Long', 415: 'Unsupported Media Type', 416: 'Range Not Satisfiable',
  417: 'Expectation Failed', 418: "I'm a Teapot", 421: 'Misdirected Request', 422: 'Unprocessable Entity',
  423: 'Locked', 424: 'Failed Dependency', 425: 'Too Early', 426: 'Upgrade Required', 428: 'Precondition Required',
  429: 'Too Many Requests', 431: 'Request Header Fields Too Large', 451: 'Unavailable For Legal Reasons',
  500: 'Internal Server Error', 501: 'Not Implemented', 502: 'Bad Gateway', 503: 'Service Unavailable',
  504: 'Gateway Timeout', 505: 'HTTP Version Not Supported', 506: 'Variant Also Negotiates',
  507: 'Insufficient Storage', 508: 'Loop Detected', 509: 'Bandwidth Limit Exceeded', 510: 'Not Extended',
  511: 'Network Authentication Required',
};
const METHODS = ['ACL', 'BIND', 'CHECKOUT', 'CONNECT', 'COPY', 'DELETE', 'GET', 'HEAD', 'LINK', 'LOCK', 'M-SEARCH',
  'MERGE', 'MKACTIVITY', 'MKCALENDAR', 'MKCOL', 'MOVE', 'NOTIFY', 'OPTIONS', 'PATCH', 'POST', 'PROPFIND',
  'PROPPATCH', 'PURGE', 'PUT', 'QUERY', 'REBIND', 'REPORT', 'SEARCH', 'SOURCE', 'SUBSCRIBE', 'TRACE', 'UNBIND',
  'UNLINK', 'UNLOCK', 'UNSUBSCRIBE'];

// ---- validation ---------------------------------------------------------------------------------
const tokenRegExp = /^[\^_`a-zA-Z\-0-9!#$%&'*+.|~]+$/;
const headerCharRegex = /[^\t\x20-\x7e\x80-\xff]/;
const checkIsHttpToken = (v) => tokenRegExp.test(v);
const checkInvalidHeaderChar = (v) => headerCharRegex.test(v);

function validateHeaderName(name, label = 'Header name') {
  if (typeof name !== 'string' || !name || !checkIsHttpToken(name)) {
    throw nodeError(TypeError, 'ERR_INVALID_HTTP_TOKEN', `${label} must be a valid HTTP token ["${name}"]`);
  }
}
function validateHeaderValue(name, value) {
  if (value === undefined) {
    throw nodeError(TypeError, 'ERR_HTTP_INVALID_HEADER_VALUE', `Invalid value "${value}" for header "${name}"`);
  }
  if (checkInvalidHeaderChar(String(value))) {
    throw nodeError(TypeError, 'ERR_INVALID_CHAR', `Invalid character in header content ["${name}"]`);
  }
}
const headersSent = (what) => nodeError(Error, 'ERR_HTTP_HEADERS_SENT', `Cannot ${what} headers after they are sent to the client`);

// ---- IncomingMessage ----------------------------------------------------------------------------
const dropDuplicates = new Set(['content-type', 'content-length', 'user-agent', 'referer', 'host', 'authorization',
  'proxy-authorization', 'if-modified-since', 'if-unmodified-since', 'from', 'location', 'max-forwards',
  'retry-after', 'etag', 'last-modified', 'server', 'age', 'expires']);

function addHeaderLine(dest, field, value) {
  const key = field.toLowerCase();
  if (!(key in dest)) {
    dest[key] = key === 'set-cookie' ? [value] : value;
  } else if (key === 'set-cookie') {
    dest[key].push(value);
  } else if (dropDuplicates.has(key)) {
    // Keep the first.
  } else if (key === 'cookie') {
    dest[key] += `; ${value}`;
  } else {
    dest[key] += `, ${value}`;
  }
}

function IncomingMessage(socket) {
  if (!(this instanceof IncomingMessage)) return new IncomingMessage(socket);
  Readable.call(this, { autoDestroy: false });
  this._readableState.readingMore = true;
  this.socket = socket;
  this.httpVersionMajor = null;
  this.httpVersionMinor = null;
  this.httpVersion = null;
  this.complete = false;
  this.rawHeaders = [];
  this.rawTrailers = [];
  this.aborted = false;
  this.upgrade = null;
  this.url = '';
  this.method = null;
  this.statusCode = null;
  this.statusMessage = null;
  this._headers = null;
  this._trailers = null;
  this._consuming = false;
  this._dumped = false;
}
Object.setPrototypeOf(IncomingMessage.prototype, Readable.prototype);
Object.setPrototypeOf(IncomingMessage, Readable);

Object.defineProperty(IncomingMessage.prototype, 'connection', {
  get() { return this.socket; }, set(v) { this.socket = v; }, configurable: true,
});
Object.defineProperty(IncomingMessage.prototype, 'headers', {
  get() {
    if (!this._headers) {
      this._headers = {};
      const raw = this.rawHeaders;
      for (let i = 0; i < raw.length; i += 2) addHeaderLine(this._headers, raw[i], raw[i + 1]);
    }
    return this._headers;
  },
  set(v) { this._headers = v; },
  configurable: true, enumerable: true,
});
Object.defineProperty(IncomingMessage.prototype, 'headersDistinct', {
  get() {
    const out = {};
    const raw = this.rawHeaders;
    for (let i = 0; i < raw.length; i += 2) {
      const k = raw[i].toLowerCase();
      (out[k] ||= []).push(raw[i + 1]);
    }
    return out;
  },
  configurable: true,
});
Object.defineProperty(IncomingMessage.prototype, 'trailers', {
  get() {
    if (!this._trailers) {
      this._trailers = {};
      const raw = this.rawTrailers;
      for (let i = 0; i < raw.length; i += 2) addHeaderLine(this._trailers, raw[i], raw[i + 1]);
    }
    return this._trailers;
  },
  set(v) { this._trailers = v; },
  configurable: true,
});

IncomingMessage.prototype.setTimeout = function(msecs, callback) {
  if (callback) this.on('timeout', callback);
  this.socket.setTimeout(msecs);
  return this;
};

IncomingMessage.prototype._read = function() {
  if (!this._consuming) {
    this._readableState.readingMore = false;
    this._consuming = true;
  }
  const socket = this.socket;
  if (socket && socket.readable && socket.isPaused() && this[kPausedSocket]) {
    this[kPausedSocket] = false;
    socket.resume();
  }
};

IncomingMessage.prototype._destroy = function(err, cb) {
  if (!this.readableEnded || !this.complete) {
    this.aborted = true;
    this.emit('aborted');
  }
  if (this.socket && !this.socket.destroyed && this.aborted) {
    this.socket.destroy(err);
    const cleanup = () => cb(err);
    this.socket.once('close', cleanup);
    return;
  }
  cb(err);
};

IncomingMessage.prototype._dump = function() {
  if (!this._dumped) {
    this._dumped = true;
    this.removeAllListeners('data');
    this.resume();
  }
};

const kPausedSocket = Symbol('pausedSocket');

// ---- parser -------------------------------------------------------------------------------------
// Frames messages from a socket's bytes: head, then a body by length,
// chunks or until the end of the connection.
class Parser {
  constructor(isRequest, socket, handlers) {
    this.isRequest = isRequest;
    this.socket = socket;
    this.h = handlers;
    this.buf = null;
    this.state = 'head';
    this.remaining = 0;
    this.msg = null;
    this.paused = false;
    this.error = null;
    this.bodyless = false; // set by the client for HEAD requests
  }

  feed(chunk) {
    this.buf = this.buf === null || this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
    this.run();
  }

  run() {
    while (!this.paused && this.error === null && this.buf !== null && this.buf.length > 0) {
      if (!this.step()) break;
    }
  }

  fail(code, reason) {
    const e = new Error(`Parse Error: ${reason}`);
    e.code = code === 'HPE_HEADER_OVERFLOW' ? code : 'HPE_INVALID_CONSTANT';
    if (code !== 'HPE_INVALID_CONSTANT') e.code = code;
    e.bytesParsed = 0;
    e.rawPacket = this.buf;
    this.error = e;
    this.h.onError(e);
    return false;
  }

  step() {
    const buf = this.buf;
    switch (this.state) {
      case 'head': {
        const r = native.parseHead(buf, this.isRequest);
        if (r === null) {
          if (buf.length > 16384) return this.fail('HPE_HEADER_OVERFLOW', 'Header overflow');
          return false;
        }
        if (typeof r === 'string') return this.fail(r, 'Invalid header');
        const [consumed, minor, rawHeaders, a, b] = r;
        this.buf = buf.subarray(consumed);
        const msg = new IncomingMessage(this.socket);
        msg.httpVersionMajor = 1;
        msg.httpVersionMinor = minor;
        msg.httpVersion = `1.${minor}`;
        msg.rawHeaders = rawHeaders;
        if (this.isRequest) {
          msg.method = a;
          msg.url = b;
        } else {
          msg.statusCode = a;
          msg.statusMessage = b;
        }
        let length = -1;
        let chunked = false;
        for (let i = 0; i < rawHeaders.length; i += 2) {
          const k = rawHeaders[i].toLowerCase();
          if (k === 'content-length') {
            const n = Number(rawHeaders[i + 1].trim());
            if (!Number.isInteger(n) || n < 0 || (length !== -1 && length !== n)) {
              return this.fail('HPE_UNEXPECTED_CONTENT_LENGTH', 'Invalid Content-Length');
            }
            length = n;
          } else if (k === 'transfer-encoding') {
            chunked = /(?:^|,)\s*chunked\s*$/i.test(rawHeaders[i + 1]);
          }
        }
        const status = msg.statusCode;
        if (!this.isRequest && (status < 200 || status === 204 || status === 304 || this.bodyless)) {
          if (status >= 100 && status < 200 && status !== 101) {
            this.h.onInfo(msg);
            return true;
          }
          length = 0;
          chunked = false;
        }
        this.msg = msg;
        if (chunked) {
          this.state = 'chunk-size';
        } else if (length > 0) {
          this.state = 'body';
          this.remaining = length;
        } else if (length === 0 || this.isRequest) {
          this.state = 'done';
        } else {
          this.state = 'eof';
        }
        const upgrade = this.h.onHead(msg, this.state === 'eof');
        if (this.state === 'done') this.finish();
        return !upgrade;
      }
      case 'body': {
        const n = Math.min(this.remaining, buf.length);
        this.remaining -= n;
        this.buf = buf.subarray(n);
        this.body(buf.subarray(0, n));
        if (this.remaining === 0) this.finish();
        return true;
      }
      case 'eof':
        this.buf = null;
        this.body(buf);
        return false;
      case 'chunk-size': {
        const r = native.chunkSize(buf);
        if (r === null) return false;
        if (r === -1) return this.fail('HPE_INVALID_CHUNK_SIZE', 'Invalid character in chunk size');
        this.buf = buf.subarray(r[0]);
        if (r[1] === 0) {
          this.state = 'trailers';
        } else {
          this.remaining = r[1];
          this.state = 'chunk';
        }
        return true;
      }
      case 'chunk': {
        const n = Math.min(this.remaining, buf.length);
        this.remaining -= n;
        this.buf = buf.subarray(n);
        this.body(buf.subarray(0, n));
        if (this.remaining === 0) this.state = 'chunk-end';
        return true;
      }
      case 'chunk-end': {
        if (buf.length < 2) return false;
        if (buf[0] !== 13 || buf[1] !== 10) return this.fail('HPE_STRICT', 'Expected CRLF after chunk');
        this.buf = buf.subarray(2);
        this.state = 'chunk-size';
        return true;
      }
      case 'trailers': {
        const end = buf.indexOf('\r\n');
        if (end === -1) return false;
        if (end === 0) {
          this.buf = buf.subarray(2);
          this.finish();
          return true;
        }
        const line = buf.subarray(0, end).toString('latin1');
        this.buf = buf.subarray(end + 2);
        const colon = line.indexOf(':');
        if (colon > 0 && this.msg) this.msg.rawTrailers.push(line.slice(0, colon), line.slice(colon + 1).trim());
        return true;
      }
      default:
        return false;
    }
  }

  body(chunk) {
    const msg = this.msg;
    if (msg === null || chunk.length === 0) return;
    if (msg._dumped) return;
    if (!msg.push(chunk)) {
      msg[kPausedSocket] = true;
      this.socket.pause();
    }
  }

  finish() {
    const msg = this.msg;
    this.msg = null;
    this.state = 'head';
    if (msg === null) return;
    msg.complete = true;
    msg.push(null);
    this.h.onComplete(msg);
  }

  // The connection ended: a message read until the end is complete.
  end() {
    if (this.state === 'eof') {
      this.finish();
      return true;
    }
    return this.state === 'head' && this.msg === null && (this.buf === null || this.buf.length === 0);
  }
}

// ---- OutgoingMessage ----------------------------------------------------------------------------
const kHeaders = Symbol('headers');
const kNeedDrain = Symbol('needDrain');
const kHighWaterMark = 16384;
const crlf = '\r\n';

function OutgoingMessage() {
  Stream.call(this);
  this.outputData = [];
  this.outputSize = 0;
  this[kNeedDrain] = false;
  this.writable = true;
  this.destroyed = false;
  this._last = false;
  this.chunkedEncoding = false;
  this.shouldKeepAlive = true;
  this.useChunkedEncodingByDefault = true;
  this.sendDate = false;
  this._removedConnection = false;
  this._removedContLen = false;
  this._removedTE = false;
  this._contentLength = null;
  this._hasBody = true;
  this.finished = false;
  this._headerSent = false;
  this._header = null;
  this.socket = null;
  this[kHeaders] = null;
  this._onPendingData = null;
  this.strictContentLength = false;
  this._bytesWritten = 0;
}
Object.setPrototypeOf(OutgoingMessage.prototype, Stream.prototype);
Object.setPrototypeOf(OutgoingMessage, Stream);

Object.defineProperties(OutgoingMessage.prototype, {
  headersSent: { get() { return !!this._header; }, configurable: true, enumerable: true },
  writableEnded: { get() { return this.finished; }, configurable: true },
  writableFinished: { get() { return this.finished && this.outputData.length === 0 && (!this.socket || this.socket.writableLength === 0); }, configurable: true },
  writableLength: { get() { return this.outputSize + (this.socket ? this.socket.writableLength : 0); }, configurable: true },
  writableHighWaterMark: { get() { return this.socket ? this.socket.writableHighWaterMark : kHighWaterMark; }, configurable: true },
  writableNeedDrain: { get() { return !this.destroyed && !this.finished && this[kNeedDrain]; }, configurable: true },
  writableCorked: { get() { return 0; }, configurable: true },
  writableObjectMode: { get() { return false; }, configurable: true },
  connection: { get() { return this.socket; }, set(v) { this.socket = v; }, configurable: true },
});

OutgoingMessage.prototype.setHeader = function(name, value) {
  if (this._header) throw headersSent('set');
  validateHeaderName(name);
  validateHeaderValue(name, value);
  (this[kHeaders] ||= Object.create(null))[name.toLowerCase()] = [name, value];
  return this;
};
OutgoingMessage.prototype.setHeaders = function(headers) {
  if (this._header) throw headersSent('set');
  const entries = headers instanceof Map || (headers && typeof headers.entries === 'function' && !Array.isArray(headers))
    ? headers.entries() : Object.entries(headers);
  for (const [k, v] of entries) this.setHeader(k, v);
  return this;
};
OutgoingMessage.prototype.appendHeader = function(name, value) {
  if (this._header) throw headersSent('append');
  validateHeaderName(name);
  validateHeaderValue(name, value);
  const key = name.toLowerCase();
  const headers = (this[kHeaders] ||= Object.create(null));
  if (headers[key]) {
    const old = headers[key][1];
    headers[key][1] = [].concat(old, value);
  } else {
    headers[key] = [name, value];
  }
  return this;
};
OutgoingMessage.prototype.getHeader = function(name) {
  if (typeof name !== 'string') throw invalidArgType('name', 'string', name);
  const entry = this[kHeaders] && this[kHeaders][name.toLowerCase()];
  return entry && entry[1];
};
OutgoingMessage.prototype.getHeaderNames = function() {
  return this[kHeaders] ? Object.keys(this[kHeaders]) : [];
};
OutgoingMessage.prototype.getRawHeaderNames = function() {
  return this[kHeaders] ? Object.values(this[kHeaders]).map((e) => e[0]) : [];
};
OutgoingMessage.prototype.getHeaders = function() {
  const out = Object.create(null);
  if (this[kHeaders]) for (const k of Object.keys(this[kHeaders])) out[k] = this[kHeaders][k][1];
  return out;
};
OutgoingMessage.prototype.hasHeader = function(name) {
  if (typeof name !== 'string') throw invalidArgType('name', 'string', name);
  return !!(this[kHeaders] && this[kHeaders][name.toLowerCase()]);
};
OutgoingMessage.prototype.removeHeader = function(name) {
  if (typeof name !== 'string') throw invalidArgType('name', 'string', name);
  if (this._header) throw headersSent('remove');
  const key = name.toLowerCase();
  if (key === 'content-length') this._removedContLen = true;
  else if (key === 'transfer-encoding') this._removedTE = true;
  else if (key === 'connection') this._removedConnection = true;
  else if (key === 'date') this.sendDate = false;
  if (this[kHeaders]) delete this[kHeaders][key];
};

function headerLines(name, value) {
  if (Array.isArray(value)) {
    if (value.length === 0) return '';
    if (name.toLowerCase() === 'set-cookie' || value.length > 1 && name.toLowerCase() !== 'cookie') {
      return value.map((v) => `${name}: ${v}${crlf}`).join('');
    }
    return `${name}: ${value.join('; ')}${crlf}`;
  }
  return `${name}: ${value}${crlf}`;
}

const kSeenConnection = 1;
const kSeenContLen = 2;
const kSeenTE = 4;
const kSeenDate = 8;
const closeTokenRegExp = /(?:^|,)\s*close\s*(?:,|$)/i;
const chunkedLastRegExp = /(?:^|,)\s*chunked\s*$/i;

// Notes a header `key` (lower case) the head carries: returns `seen` with its flag.
function seeHeader(msg, seen, key, value) {
  switch (key) {
    case 'connection':
      if (closeTokenRegExp.test(String(value))) msg._last = true;
      else msg.shouldKeepAlive = true;
      return seen | kSeenConnection;
    case 'transfer-encoding':
      if (chunkedLastRegExp.test(String(value))) msg.chunkedEncoding = true;
      return seen | kSeenTE;
    case 'content-length':
      return seen | kSeenContLen;
    case 'date':
      return seen | kSeenDate;
    default:
      return seen;
  }
}

// Builds the head: `firstLine`, the headers set, then what node adds.
OutgoingMessage.prototype._storeHeader = function(firstLine, extra) {
  let head = firstLine;
  let seen = 0;
  if (extra) {
    if (Array.isArray(extra)) {
      for (let i = 0; i < extra.length; i += 2) {
        head += headerLines(extra[i], extra[i + 1]);
        seen = seeHeader(this, seen, String(extra[i]).toLowerCase(), extra[i + 1]);
      }
    } else {
      for (const k in extra) {
        const entry = extra[k];
        head += headerLines(entry[0], entry[1]);
        seen = seeHeader(this, seen, k, entry[1]);
      }
    }
  }
  if (this.sendDate && !(seen & kSeenDate)) head += `Date: ${utcDate()}${crlf}`;
  if (this.chunkedEncoding && (this.statusCode === 204 || this.statusCode === 304)) {
    this.chunkedEncoding = false;
    this.shouldKeepAlive = false;
  }
  if (!(seen & kSeenConnection) && !this._removedConnection) {
    const keep = this.shouldKeepAlive && ((seen & kSeenContLen) !== 0 || this.useChunkedEncodingByDefault || this.agent);
    if (keep && !this._last) {
      head += `Connection: keep-alive${crlf}`;
      if (this._keepAliveTimeout && this._defaultKeepAlive) {
        head += `Keep-Alive: timeout=${Math.floor(this._keepAliveTimeout / 1000)}${crlf}`;
      }
    } else {
      this._last = true;
      head += `Connection: close${crlf}`;
    }
  }
  if (!(seen & (kSeenContLen | kSeenTE))) {
    if (!this._hasBody) {
      this.chunkedEncoding = false;
    } else if (!this.useChunkedEncodingByDefault) {
      this._last = true;
    } else if (typeof this._contentLength === 'number') {
      head += `Content-Length: ${this._contentLength}${crlf}`;
    } else if (!this._removedTE) {
      head += `Transfer-Encoding: chunked${crlf}`;
      this.chunkedEncoding = true;
    } else {
      this._last = true;
    }
  }
  this._header = head + crlf;
  this._headerSent = false;
};

let dateCache;
function utcDate() {
  if (!dateCache) {
    dateCache = new Date().toUTCString();
    setTimeout(() => { dateCache = undefined; }, 1000 - new Date().getMilliseconds()).unref();
  }
  return dateCache;
}

function toChunk(chunk, encoding) {
  if (typeof chunk === 'string') return Buffer.from(chunk, encoding);
  if (chunk instanceof Uint8Array) return chunk;
  throw invalidArgType('chunk', ['string', 'Buffer', 'Uint8Array'], chunk);
}

// Sends bytes: through the socket once assigned, else kept until then
// (false once more than a high-water mark waits, as node).
OutgoingMessage.prototype._send = function(data, cb) {
  if (this.socket && this.socket.writable && !this._holding) {
    this._flushOutput(this.socket);
    return this.socket.write(data, cb);
  }
  this.outputData.push({ data, cb });
  this.outputSize += data.length;
  return this.outputSize < kHighWaterMark;
};

OutgoingMessage.prototype._flushOutput = function(socket) {
  const out = this.outputData;
  this.outputData = [];
  this.outputSize = 0;
  let ret = true;
  for (const { data, cb } of out) ret = socket.write(data, cb);
  return ret;
};

OutgoingMessage.prototype.write = function(chunk, encoding, callback) {
  if (typeof encoding === 'function') {
    callback = encoding;
    encoding = null;
  }
  if (this.finished) {
    const err = nodeError(Error, 'ERR_STREAM_WRITE_AFTER_END', 'write after end');
    process.nextTick(() => {
      if (callback) callback(err);
      this.emit('error', err);
    });
    return true;
  }
  if (chunk === null) throw nodeError(TypeError, 'ERR_STREAM_NULL_VALUES', 'May not write null values to stream');
  if (this.destroyed) return false;
  const buf = toChunk(chunk, encoding);
  if (!this._header) {
    this._contentLength = null;
    this._implicitHeader();
  }
  if (!this._hasBody) {
    if (callback) process.nextTick(callback);
    return true;
  }
  const ret = this._writeBody(buf, callback);
  if (!ret) this[kNeedDrain] = true;
  return ret;
};

OutgoingMessage.prototype._writeBody = function(buf, callback) {
  let data = buf;
  if (this.chunkedEncoding) {
    if (buf.length === 0) {
      if (callback) process.nextTick(callback);
      return true;
    }
    data = Buffer.concat([Buffer.from(`${buf.length.toString(16)}${crlf}`), buf, Buffer.from(crlf)]);
  }
  this._bytesWritten += buf.length;
  if (!this._headerSent) {
    data = Buffer.concat([Buffer.from(this._header, 'latin1'), data]);
    this._headerSent = true;
  }
  return this._send(data, callback);
};

OutgoingMessage.prototype.end = function(chunk, encoding, callback) {
  if (typeof chunk === 'function') {
    callback = chunk;
    chunk = null;
  } else if (typeof encoding === 'function') {
    callback = encoding;
    encoding = null;
  }
  if (this.finished) {
    if (typeof callback === 'function') {
      if (!this.writableFinished) this.once('finish', callback);
      else process.nextTick(callback, nodeError(Error, 'ERR_STREAM_ALREADY_FINISHED', 'Cannot call end after a stream was finished'));
    }
    return this;
  }
  if (typeof chunk === 'string' && !this._header && (!encoding || encoding === 'utf8' || encoding === 'utf-8')
    && this.socket && this.socket.writable && !this._holding && this.outputData.length === 0) {
    return this._endString(chunk, callback);
  }
  let buf = null;
  if (chunk != null) buf = toChunk(chunk, encoding);
  if (!this._header) {
    this._contentLength = buf ? buf.length : 0;
    this._implicitHeader();
  }
  if (typeof callback === 'function') this.once('finish', callback);
  const onDone = () => this._finish();
  let tail = null;
  if (buf && buf.length && this._hasBody) {
    if (this.chunkedEncoding) {
      tail = Buffer.concat([Buffer.from(`${buf.length.toString(16)}${crlf}`), buf, Buffer.from(`${crlf}0${crlf}${crlf}`)]);
    } else {
      tail = buf;
    }
    this._bytesWritten += buf.length;
  } else if (this.chunkedEncoding && this._hasBody) {
    tail = Buffer.from(`0${crlf}${crlf}`);
  }
  if (!this._headerSent) {
    const head = Buffer.from(this._header, 'latin1');
    tail = tail ? Buffer.concat([head, tail]) : head;
    this._headerSent = true;
  }
  this.finished = true;
  if (tail) this._send(tail, onDone);
  else this._send(Buffer.alloc(0), onDone);
  return this;
};

// end(string) before the head is sent, with the socket free: head and body
// go out as one string (one encode, one write) when the head is ASCII.
const nonAsciiRegExp = /[^\x00-\x7f]/;
OutgoingMessage.prototype._endString = function(chunk, callback) {
  const length = Buffer.byteLength(chunk);
  this._contentLength = length;
  this._implicitHeader();
  if (typeof callback === 'function') this.once('finish', callback);
  const head = this._header;
  let data;
  if (!this._hasBody || length === 0) {
    data = this.chunkedEncoding && this._hasBody ? `${head}0${crlf}${crlf}` : head;
  } else {
    data = this.chunkedEncoding ? `${head}${length.toString(16)}${crlf}${chunk}${crlf}0${crlf}${crlf}` : head + chunk;
    this._bytesWritten += length;
  }
  this._headerSent = true;
  this.finished = true;
  if (nonAsciiRegExp.test(head)) {
    this.socket.write(head, 'latin1');
    data = data.slice(head.length);
  }
  this.socket.write(data, 'utf8', () => this._finish());
  return this;
};

OutgoingMessage.prototype._finish = function() {
  if (this._finishEmitted) return;
  this._finishEmitted = true;
  this.emit('prefinish');
  this.emit('finish');
};

OutgoingMessage.prototype.destroy = function(error) {
  if (this.destroyed) return this;
  this.destroyed = true;
  if (this.socket) this.socket.destroy(error);
  else this.once('socket', (socket) => socket.destroy(error));
  return this;
};

OutgoingMessage.prototype.flushHeaders = function() {
  if (!this._header) this._implicitHeader();
  if (!this._headerSent) {
    this._headerSent = true;
    this._send(Buffer.from(this._header, 'latin1'));
  }
};
OutgoingMessage.prototype.cork = function() { if (this.socket) this.socket.cork(); };
OutgoingMessage.prototype.uncork = function() { if (this.socket) this.socket.uncork(); };
OutgoingMessage.prototype.setTimeout = function(msecs, callback) {
  if (callback) this.on('timeout', callback);
  if (!this.socket) this.once('socket', (s) => s.setTimeout(msecs));
  else this.socket.setTimeout(msecs);
  return this;
};
OutgoingMessage.prototype.addTrailers = function() {};

// ---- ServerResponse -----------------------------------------------------------------------------
function ServerResponse(req, options) {
  OutgoingMessage.call(this);
  this.req = req;
  this.statusCode = 200;
  this.statusMessage = undefined;
  this.sendDate = true;
  this._sent100 = false;
  this._expect_continue = false;
  if (req.method === 'HEAD') this._hasBody = false;
  if (req.httpVersionMajor < 1 || req.httpVersionMinor < 1) {
    this.useChunkedEncodingByDefault = /(?:^|\W)te\s*:/i.test('') || false;
    this.shouldKeepAlive = false;
  }
}
Object.setPrototypeOf(ServerResponse.prototype, OutgoingMessage.prototype);
Object.setPrototypeOf(ServerResponse, OutgoingMessage);

ServerResponse.prototype.writeHead = function(statusCode, reason, obj) {
  if (this._header) throw headersSent('write');
  const original = statusCode;
  statusCode |= 0;
  if (statusCode < 100 || statusCode > 999) {
    throw nodeError(RangeError, 'ERR_HTTP_INVALID_STATUS_CODE', `Invalid status code: ${original}`);
  }
  if (typeof reason === 'string') {
    this.statusMessage = reason;
  } else {
    this.statusMessage ||= STATUS_CODES[statusCode] || 'unknown';
    obj ??= reason;
  }
  this.statusCode = statusCode;
  let headers;
  if (this[kHeaders]) {
    if (obj) {
      if (Array.isArray(obj)) {
        for (let i = 0; i < obj.length; i += 2) this.appendHeader(obj[i], obj[i + 1]);
      } else {
        for (const k of Object.keys(obj)) if (k) this.setHeader(k, obj[k]);
      }
    }
    headers = this[kHeaders];
  } else if (obj) {
    if (Array.isArray(obj)) {
      if (obj.length % 2 !== 0) throw invalidArgValue('headers', obj);
      headers = obj;
      for (let i = 0; i < obj.length; i += 2) {
        validateHeaderName(obj[i]);
        validateHeaderValue(obj[i], obj[i + 1]);
      }
    } else {
      headers = Object.create(null);
      for (const k of Object.keys(obj)) {
        validateHeaderName(k);
        validateHeaderValue(k, obj[k]);
        headers[k.toLowerCase()] = [k, obj[k]];
      }
    }
  }
  if (checkInvalidHeaderChar(this.statusMessage)) {
    throw nodeError(TypeError, 'ERR_INVALID_CHAR', 'Invalid character in statusMessage');
  }
  if (statusCode === 204 || statusCode === 304 || (statusCode >= 100 && statusCode <= 199)) this._hasBody = false;
  if (this._expect_continue && !this._sent100) this.shouldKeepAlive = false;
  this._storeHeader(`HTTP/1.1 ${statusCode} ${this.statusMessage}${crlf}`, headers);
  return this;
};
ServerResponse.prototype.writeHeader = ServerResponse.prototype.writeHead;
ServerResponse.prototype._implicitHeader = function() {
  this.writeHead(this.statusCode);
};
ServerResponse.prototype.writeContinue = function(cb) {
  this._send(Buffer.from(`HTTP/1.1 100 Continue${crlf}${crlf}`, 'latin1'), cb);
  this._sent100 = true;
};
ServerResponse.prototype.assignSocket = function(socket) {
  this.socket = socket;
  this.emit('socket', socket);
  this._flushOutput(socket);
};
ServerResponse.prototype.detachSocket = function() {
  this.socket = null;
};

// ---- Server -------------------------------------------------------------------------------------
function Server(options, requestListener) {
  if (!(this instanceof Server)) return new Server(options, requestListener);
  if (typeof options === 'function') {
    requestListener = options;
    options = {};
  } else if (options == null) {
    options = {};
  } else if (typeof options !== 'object') {
    throw invalidArgType('options', 'object', options);
  }
  net.Server.call(this, { allowHalfOpen: true, noDelay: options.noDelay ?? true, keepAlive: options.keepAlive,
    keepAliveInitialDelay: options.keepAliveInitialDelay });
  if (requestListener) this.on('request', requestListener);
  storeHttpOptions(this, options);
  this.on('connection', connectionListener);
}
// The HTTP state of a server (node:https's too).
function storeHttpOptions(server, options) {
  server.IncomingMessage = options.IncomingMessage || IncomingMessage;
  server.ServerResponse = options.ServerResponse || ServerResponse;
  server.httpAllowHalfOpen = false;
  server.timeout = 0;
  server.maxHeadersCount = null;
  server.maxRequestsPerSocket = 0;
  server.headersTimeout = 60000;
  server.requestTimeout = 300000;
  server.keepAliveTimeout = 5000;
  server[kConnections] = new Set();
}
Object.setPrototypeOf(Server.prototype, net.Server.prototype);
Object.setPrototypeOf(Server, net.Server);
const kConnections = Symbol('connections');

Server.prototype.setTimeout = function(msecs, callback) {
  this.timeout = msecs;
  if (callback) this.on('timeout', callback);
  return this;
};
Server.prototype.close = function(cb) {
  this.closeIdleConnections();
  return net.Server.prototype.close.call(this, cb);
};
Server.prototype.closeAllConnections = function() {
  for (const c of this[kConnections]) c.socket.destroy();
};
Server.prototype.closeIdleConnections = function() {
  for (const c of this[kConnections]) {
    if (c.idle) c.socket.destroy();
  }
};
Server.prototype[Symbol.asyncDispose] = function() {
  return new Promise((resolve, reject) => this.close((err) => (err ? reject(err) : resolve())));
};

const keepAliveTokenRegExp = /(?:^|,)\s*keep-alive\s*(?:,|$)/;

function connectionListener(socket) {
  const server = this;
  const conn = { socket, idle: true, queue: [], current: null, requests: 0 };
  server[kConnections].add(conn);
  if (server.timeout) socket.setTimeout(server.timeout);
  socket.on('timeout', () => {
    const req = conn.current;
    let handled = false;
    if (req) handled = req.emit('timeout', socket) || handled;
    if (conn.res) handled = conn.res.emit('timeout', socket) || handled;
    handled = server.emit('timeout', socket) || handled;
    if (!handled || conn.idle) socket.destroy();
  });
  const parser = new Parser(true, socket, {
    onHead(req) {
      conn.idle = false;
      conn.requests++;
      if (server.keepAliveTimeout && socket.timeout !== server.timeout) socket.setTimeout(server.timeout || 0);
      const res = new server.ServerResponse(req);
      res._keepAliveTimeout = server.keepAliveTimeout;
      res._defaultKeepAlive = true;
      const connHeader = String(req.headers.connection || '').toLowerCase();
      if (req.httpVersionMinor === 0) {
        res.shouldKeepAlive = keepAliveTokenRegExp.test(connHeader);
        res.useChunkedEncodingByDefault = false;
        res._keepAliveHttp10 = res.shouldKeepAlive;
      } else {
        res.shouldKeepAlive = !closeTokenRegExp.test(connHeader);
      }
      if (server.maxRequestsPerSocket && conn.requests >= server.maxRequestsPerSocket) res.shouldKeepAlive = false;
      conn.current = req;
      conn.res = res;
      res.on('finish', () => resFinished(conn, req, res));
      res.assignSocket(socket);
      const expect = req.headers.expect;
      if (expect && /100-continue/i.test(expect) && req.httpVersionMinor === 1) {
        res._expect_continue = true;
        if (server.listenerCount('checkContinue') > 0) {
          server.emit('checkContinue', req, res);
          return false;
        }
        res.writeContinue();
      }
      server.emit('request', req, res);
      return false;
    },
    onComplete() {
      parser.paused = true;
    },
    onInfo() {},
    onError(err) {
      socket.removeListener('data', onData);
      if (server.listenerCount('clientError') > 0) {
        server.emit('clientError', err, socket);
      } else if (socket.writable && !conn.res) {
        socket.end(`HTTP/1.1 400 Bad Request${crlf}Connection: close${crlf}${crlf}`);
        socket.destroySoon();
      } else {
        socket.destroy();
      }
    },
  });
  conn.parserRef = parser;
  const onData = (d) => parser.feed(d);
  socket.on('data', onData);
  socket.on('end', () => {
    const msg = conn.current;
    if (msg && !msg.complete && !msg.destroyed) {
      msg.destroy(connResetException('aborted'));
    }
    if (conn.idle || !conn.res) socket.end();
    else conn.endAfter = true;
  });
  socket.on('error', (err) => {
    if (!server.emit('clientError', err, socket)) socket.destroy();
  });
  socket.on('drain', () => {
    const res = conn.res;
    if (res && res[kNeedDrain] && !res.finished) {
      res[kNeedDrain] = false;
      res.emit('drain');
    }
  });
  socket.on('close', () => {
    server[kConnections].delete(conn);
    const req = conn.current;
    if (req && !req.complete && !req.destroyed) {
      req.destroy(connResetException('aborted'));
    }
    const res = conn.res;
    if (res && !res.finished) {
      res.destroyed = true;
      res.emit('close');
    }
    if (req && !req.destroyed && req.complete) req.emit('close');
  });
}

function resFinished(conn, req, res) {
  const socket = conn.socket;
  res.detachSocket();
  conn.res = null;
  conn.current = null;
  process.nextTick(() => res.emit('close'));
  if (req.complete) {
    if (!req._consuming && !req._readableState.resumeScheduled) req._dump();
    process.nextTick(() => { if (!req.destroyed) { req.destroyed = true; req.emit('close'); } });
  }
  if (res._last || conn.endAfter || socket.destroyed) {
    if (!socket.destroyed) socket.destroySoon();
    return;
  }
  conn.idle = true;
  const server = socket.server;
  if (server && server.keepAliveTimeout) socket.setTimeout(server.keepAliveTimeout);
  // The next pipelined request, if any.
  process.nextTick(() => {
    if (socket.destroyed) return;
    conn.parserRef.paused = false;
    conn.parserRef.run();
  });
}

function connResetException(msg) {
  const e = new Error(msg);
  e.code = 'ECONNRESET';
  return e;
}

// ---- Agent --------------------------------------------------------------------------------------
function Agent(options) {
  if (!(this instanceof Agent)) return new Agent(options);
  EventEmitter.call(this);
  this.defaultPort = 80;
  this.protocol = 'http:';
  this.options = { __proto__: null, ...options };
  if (this.options.noDelay === undefined) this.options.noDelay = true;
  this.options.path = null;
  this.requests = Object.create(null);
  this.sockets = Object.create(null);
  this.freeSockets = Object.create(null);
  this.keepAliveMsecs = this.options.keepAliveMsecs || 1000;
  this.keepAlive = this.options.keepAlive || false;
  this.maxSockets = this.options.maxSockets || Agent.defaultMaxSockets;
  this.maxFreeSockets = this.options.maxFreeSockets || 256;
  this.scheduling = this.options.scheduling || 'lifo';
  this.maxTotalSockets = this.options.maxTotalSockets || Infinity;
  this.totalSocketCount = 0;
  this.on('free', (socket, options) => {
    const name = this.getName(options);
    if (socket.writable && this.requests[name] && this.requests[name].length) {
      const req = this.requests[name].shift();
      if (this.requests[name].length === 0) delete this.requests[name];
      socket.ref();
      setRequestSocket(this, req, socket);
      return;
    }
    const req = socket._httpMessage;
    if (!req || !req.shouldKeepAlive || !this.keepSocketAlive(socket)) {
      socket.destroy();
      return;
    }
    const free = (this.freeSockets[name] ||= []);
    if (free.length >= this.maxFreeSockets) {
      socket.destroy();
      return;
    }
    removeSocket(this.sockets, name, socket);
    free.push(socket);
    socket._httpMessage = null;
    socket[kAgentName] = name;
    socket[kFree] = true;
  });
}
Object.setPrototypeOf(Agent.prototype, EventEmitter.prototype);
Object.setPrototypeOf(Agent, EventEmitter);
Agent.defaultMaxSockets = Infinity;
const kAgentName = Symbol('agentName');
const kFree = Symbol('free');

function removeSocket(table, name, socket) {
  const list = table[name];
  if (!list) return;
  const i = list.indexOf(socket);
  if (i !== -1) list.splice(i, 1);
  if (list.length === 0) delete table[name];
}

Agent.prototype.getName = function(options = {}) {
  let name = options.host || 'localhost';
  name += ':';
  if (options.port) name += options.port;
  name += ':';
  if (options.localAddress) name += options.localAddress;
  if (options.family === 4 || options.family === 6) name += `:${options.family}`;
  return name;
};

Agent.prototype.keepSocketAlive = function(socket) {
  socket.setKeepAlive(true, this.keepAliveMsecs);
  socket.unref();
  let agentTimeout = this.options.timeout || 0;
  if (socket.timeout !== agentTimeout) socket.setTimeout(agentTimeout);
  return true;
};
Agent.prototype.reuseSocket = function(socket, req) {
  req.reusedSocket = true;
  socket.ref();
};

Agent.prototype.addRequest = function(req, options) {
  options = { __proto__: null, ...options, ...this.options };
  if (!options.servername && options.host) options.servername = options.host;
  const name = this.getName(options);
  const free = this.freeSockets[name];
  while (free && free.length) {
    const socket = this.scheduling === 'fifo' ? free.shift() : free.pop();
    if (free.length === 0) delete this.freeSockets[name];
    if (socket.destroyed || !socket.writable) continue;
    socket[kFree] = false;
    (this.sockets[name] ||= []).push(socket);
    this.reuseSocket(socket, req);
    setRequestSocket(this, req, socket);
    return;
  }
  const count = (this.sockets[name] || []).length;
  if (count < this.maxSockets && this.totalSocketCount < this.maxTotalSockets) {
    this.createSocket(req, options, (err, socket) => {
      if (err) req.onSocketError(err);
      else setRequestSocket(this, req, socket);
    });
    return;
  }
  (this.requests[name] ||= []).push(req);
};

Agent.prototype.createConnection = function(...args) {
  return net.createConnection(...args);
};

Agent.prototype.createSocket = function(req, options, cb) {
  const name = this.getName(options);
  options = { __proto__: null, ...options, _agentKey: name };
  options.encoding = null;
  let called = false;
  const oncreate = (err, socket) => {
    if (called) return;
    called = true;
    if (err) return cb(err);
    (this.sockets[name] ||= []).push(socket);
    this.totalSocketCount++;
    installListeners(this, socket, options);
    cb(null, socket);
  };
  const socket = (req.createConnection || this.createConnection).call(this, options, oncreate);
  if (socket) oncreate(null, socket);
};

function installListeners(agent, socket, options) {
  const name = agent.getName(options);
  socket[kAgentName] = name;
  const onFree = () => agent.emit('free', socket, options);
  socket.on('free', onFree);
  const onClose = () => {
    agent.totalSocketCount--;
    removeSocket(agent.sockets, name, socket);
    removeSocket(agent.freeSockets, name, socket);
    const pending = agent.requests[name];
    if (pending && pending.length) {
      const req = pending.shift();
      if (pending.length === 0) delete agent.requests[name];
      agent.createSocket(req, options, (err, s) => (err ? req.onSocketError(err) : setRequestSocket(agent, req, s)));
    }
  };
  socket.on('close', onClose);
  socket.on('timeout', () => {
    if (socket[kFree]) socket.destroy();
  });
  socket.on('agentRemove', () => {
    removeSocket(agent.sockets, name, socket);
  });
}

function setRequestSocket(agent, req, socket) {
  req.onSocket(socket);
}

Agent.prototype.destroy = function() {
  for (const table of [this.freeSockets, this.sockets]) {
    for (const name of Object.keys(table)) {
      for (const s of [...table[name]]) s.destroy();
    }
  }
};

const globalAgent = new Agent({ keepAlive: true, scheduling: 'lifo', timeout: 5000 });

// ---- ClientRequest ------------------------------------------------------------------------------
function validateHost(h, name) {
  if (h !== null && h !== undefined && typeof h !== 'string') {
    throw invalidArgType(`options.${name}`, ['string', 'undefined', 'null'], h);
  }
  return h;
}

function urlToOptions(url) {
  const options = {
    protocol: url.protocol,
    hostname: url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname,
    hash: url.hash,
    search: url.search,
    pathname: url.pathname,
    path: `${url.pathname || ''}${url.search || ''}`,
    href: url.href,
  };
  if (url.port !== '') options.port = Number(url.port);
  if (url.username || url.password) {
    options.auth = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  }
  return options;
}

function ClientRequest(input, options, cb) {
  OutgoingMessage.call(this);
  if (typeof input === 'string') {
    const { URL } = shared.requireBuiltin('url');
    let url;
    try {
      url = new URL(input);
    } catch {
      throw nodeError(TypeError, 'ERR_INVALID_URL', 'Invalid URL');
    }
    input = urlToOptions(url);
  } else if (input && typeof input === 'object' && typeof input.href === 'string' && typeof input.searchParams === 'object') {
    input = urlToOptions(input);
  } else {
    cb = options;
    options = input;
    input = null;
  }
  if (typeof options === 'function') {
    cb = options;
    options = input || {};
  } else {
    options = { ...input, ...options };
  }
  let agent = options.agent;
  const defaultAgent = options._defaultAgent || globalAgent;
  if (agent === false) {
    agent = new defaultAgent.constructor();
  } else if (agent === null || agent === undefined) {
    if (typeof options.createConnection !== 'function') agent = defaultAgent;
    options.agent = agent;
  } else if (typeof agent.addRequest !== 'function') {
    throw invalidArgType('options.agent', ['Agent-like Object', 'undefined', 'false'], agent);
  }
  this.agent = agent;
  const protocol = options.protocol || defaultAgent.protocol;
  let expectedProtocol = defaultAgent.protocol;
  if (this.agent && this.agent.protocol) expectedProtocol = this.agent.protocol;
  if (protocol !== expectedProtocol) {
    throw nodeError(TypeError, 'ERR_INVALID_PROTOCOL', `Protocol "${protocol}" not supported. Expected "${expectedProtocol}"`);
  }
  const defaultPort = options.defaultPort || (this.agent && this.agent.defaultPort) || 80;
  const port = options.port = options.port || defaultPort || 80;
  const host = options.host = validateHost(options.hostname, 'hostname') || validateHost(options.host, 'host') || 'localhost';
  const setHost = options.setHost === undefined || Boolean(options.setHost);
  this.socketPath = options.socketPath;
  if (options.timeout !== undefined) {
    validateNumber(options.timeout, 'timeout');
    this.timeout = options.timeout;
  }
  let method = options.method;
  if (method != null && typeof method !== 'string') throw invalidArgType('options.method', 'string', method);
  if (method) {
    if (!checkIsHttpToken(method)) throw nodeError(TypeError, 'ERR_INVALID_HTTP_TOKEN', `Method must be a valid HTTP token ["${method}"]`);
    method = this.method = method.toUpperCase();
  } else {
    method = this.method = 'GET';
  }
  const path = this.path = options.path || '/';
  if (/[\u0000-\u0020]/.test(path)) {
    throw nodeError(TypeError, 'ERR_UNESCAPED_CHARACTERS', 'Request path contains unescaped characters');
  }
  this.host = host;
  this.protocol = protocol;
  this.maxHeadersCount = null;
  this.reusedSocket = false;
  this.aborted = false;
  this.res = null;
  this._ended = false;
  this.useChunkedEncodingByDefault = !(method === 'GET' || method === 'HEAD' || method === 'DELETE' ||
    method === 'OPTIONS' || method === 'TRACE' || method === 'CONNECT');
  if (cb) this.once('response', cb);
  if (method === 'HEAD') this._hasBody = true; // a HEAD request may still carry headers only
  const headers = options.headers;
  if (!Array.isArray(headers)) {
    if (headers) for (const k of Object.keys(headers)) this.setHeader(k, headers[k]);
    if (host && !this.getHeader('host') && setHost) {
      let hostHeader = host;
      const v6 = hostHeader.indexOf(':');
      if (v6 !== -1 && !hostHeader.startsWith('[')) hostHeader = `[${hostHeader}]`;
      if (port && +port !== defaultPort) hostHeader += `:${port}`;
      this.setHeader('Host', hostHeader);
    }
    if (options.auth && !this.getHeader('Authorization')) {
      this.setHeader('Authorization', `Basic ${Buffer.from(options.auth).toString('base64')}`);
    }
  } else {
    this._rawHeaders = headers;
  }
  this.shouldKeepAlive = !!(this.agent && this.agent.keepAlive);
  this[kFirstLine] = `${method} ${path} HTTP/1.1${crlf}`;
  const optsWithoutSignal = { __proto__: null, ...options };
  if (options.signal) {
    const signal = options.signal;
    delete optsWithoutSignal.signal;
    if (signal.aborted) process.nextTick(() => this.destroy(new (shared.AbortError)(undefined, { cause: signal.reason })));
    else signal.addEventListener('abort', () => this.destroy(new (shared.AbortError)(undefined, { cause: signal.reason })), { once: true });
  }
  if (this.agent) {
    this.agent.addRequest(this, optsWithoutSignal);
  } else {
    this._last = true;
    this.shouldKeepAlive = false;
    const make = typeof options.createConnection === 'function' ? options.createConnection : net.createConnection;
    const socket = make(optsWithoutSignal, (err, s) => (err ? this.onSocketError(err) : this.onSocket(s)));
    if (socket) this.onSocket(socket);
  }
}
Object.setPrototypeOf(ClientRequest.prototype, OutgoingMessage.prototype);
Object.setPrototypeOf(ClientRequest, OutgoingMessage);
const kFirstLine = Symbol('firstLine');

ClientRequest.prototype._implicitHeader = function() {
  if (this._header) throw headersSent('render');
  this._storeHeader(this[kFirstLine], this._rawHeaders || this[kHeaders]);
};

ClientRequest.prototype.abort = function() {
  if (this.aborted) return;
  this.aborted = true;
  process.nextTick(() => this.emit('abort'));
  this.destroy();
};

ClientRequest.prototype.destroy = function(err) {
  if (this.destroyed) return this;
  this.destroyed = true;
  if (this.res) this.res._dump();
  this[kError] = err;
  // Without a socket yet, _attach reports the error and 'close' once it comes.
  if (this.socket) this.socket.destroy(err);
  return this;
};
const kError = Symbol('error');

function emitErrorAndClose(req, err) {
  if (err && !req._errorEmitted) {
    req._errorEmitted = true;
    req.emit('error', err);
  }
  req.emit('close');
}

ClientRequest.prototype.onSocketError = function(err) {
  if (!this._errorEmitted) {
    this._errorEmitted = true;
    this.emit('error', err);
  }
  this.emit('close');
};

ClientRequest.prototype.setNoDelay = function(on) {
  if (this.socket) this.socket.setNoDelay(on);
  else this.once('socket', (s) => s.setNoDelay(on));
};
ClientRequest.prototype.setSocketKeepAlive = function(on, delay) {
  if (this.socket) this.socket.setKeepAlive(on, delay);
  else this.once('socket', (s) => s.setKeepAlive(on, delay));
};
ClientRequest.prototype.setTimeout = function(msecs, callback) {
  if (callback) this.once('timeout', callback);
  const arm = (socket) => {
    socket.setTimeout(msecs);
    const onTimeout = () => this.emit('timeout');
    socket.on('timeout', onTimeout);
    this.once('response', (res) => res.once('end', () => socket.removeListener('timeout', onTimeout)));
  };
  if (this.socket) arm(this.socket);
  else this.once('socket', arm);
  return this;
};

ClientRequest.prototype.onSocket = function(socket) {
  process.nextTick(() => this._attach(socket));
};

ClientRequest.prototype._attach = function(socket) {
  if (this.destroyed) {
    socket.emit('free');
    if (this[kError] || !this.aborted) emitErrorAndClose(this, this[kError] || connResetException('socket hang up'));
    else this.emit('close');
    return;
  }
  this.socket = socket;
  socket._httpMessage = this;
  const req = this;
  const parser = new Parser(false, socket, {
    onHead(res) {
      res.req = req;
      req.res = res;
      const keep = !/(?:^|,)\s*close\s*(?:,|$)/i.test(String(res.headers.connection || '')) && res.httpVersionMinor === 1;
      if (!keep) req.shouldKeepAlive = false;
      // Before the user's listeners, as node's responseOnEnd.
      res.once('end', () => {
        const finish = () => {
          if (req.shouldKeepAlive && !socket.destroyed && req.agent) {
            socket.emit('free');
          } else if (!socket.destroyed) {
            socket.destroySoon();
          }
          process.nextTick(() => {
            res.emit('close');
            req.emit('close');
          });
        };
        if (req.finished && req._finishEmitted) finish();
        else req.once('finish', finish);
      });
      if (req.aborted) {
        res._dump();
        return false;
      }
      const handled = req.emit('response', res);
      if (!handled) res._dump();
      return false;
    },
    onInfo(info) {
      if (info.statusCode === 100) req.emit('continue');
      else req.emit('information', { statusCode: info.statusCode, statusMessage: info.statusMessage, httpVersion: info.httpVersion, httpVersionMajor: 1, httpVersionMinor: info.httpVersionMinor, headers: info.headers, rawHeaders: info.rawHeaders });
    },
    onComplete() {
      cleanup();
    },
    onError(err) {
      cleanup();
      req.emit('error', err);
      socket.destroy();
    },
  });
  parser.bodyless = this.method === 'HEAD';
  const onData = (d) => parser.feed(d);
  const onEnd = () => {
    if (parser.end()) return;
    if (!req.res) {
      req._errorEmitted = true;
      req.emit('error', connResetException('socket hang up'));
    } else if (!req.res.complete) {
      req.res.destroy(connResetException('aborted'));
    }
  };
  const onError = (err) => {
    if (!req._errorEmitted && !req.res) {
      req._errorEmitted = true;
      req.emit('error', err);
    } else if (req.res && !req.res.complete) {
      req.res.destroy(err);
    }
  };
  const onClose = () => {
    cleanup();
    if (!req.res) {
      if (!req._errorEmitted) {
        if (req.aborted && !req[kError]) {
          // abort(): no error.
        } else {
          req._errorEmitted = true;
          req.emit('error', req[kError] || connResetException('socket hang up'));
        }
      }
      req.emit('close');
    } else if (!req.res.complete) {
      req.res.aborted = true;
      req.res.emit('aborted');
      req.res.destroy(connResetException('aborted'));
      req.emit('close');
    }
  };
  const onDrain = () => {
    if (req[kNeedDrain] && !req.finished) {
      req[kNeedDrain] = false;
      req.emit('drain');
    }
  };
  function cleanup() {
    socket.removeListener('data', onData);
    socket.removeListener('end', onEnd);
    socket.removeListener('error', onError);
    socket.removeListener('close', onClose);
    socket.removeListener('drain', onDrain);
  }
  socket.on('data', onData);
  socket.on('end', onEnd);
  socket.on('error', onError);
  socket.on('close', onClose);
  socket.on('drain', onDrain);
  if (this.timeout !== undefined) this.setTimeout(this.timeout);
  this.emit('socket', socket);
  if (socket.connecting) socket.once('connect', () => this.emit('connect'));
  if (this._flushOutput(socket) && this[kNeedDrain] && !this.finished) {
    this[kNeedDrain] = false;
    this.emit('drain');
  }
  if (socket.isPaused()) socket.resume();
};

// ---- module functions ---------------------------------------------------------------------------
function createServer(options, requestListener) {
  return new Server(options, requestListener);
}
function request(url, options, cb) {
  return new ClientRequest(url, options, cb);
}
function get(url, options, cb) {
  const req = request(url, options, cb);
  req.end();
  return req;
}

// For node:https: its server shares the connection handling, its client the ClientRequest.
shared.httpInternals = { storeHttpOptions, connectionListener, urlToOptions };

Object.defineProperty(OutgoingMessage.prototype, '_headers', {
  get() { return this.getHeaders(); }, configurable: true,
});

return {
  METHODS: METHODS.slice().sort(),
  STATUS_CODES,
  Agent,
  ClientRequest,
  IncomingMessage,
  OutgoingMessage,
  Server,
  ServerResponse,
  createServer,
  request,
  get,
  validateHeaderName: (name, label) => validateHeaderName(name, label),
  validateHeaderValue,
  setMaxIdleHTTPParsers: (max) => validateNumber(max, 'max', 1),
  maxHeaderSize: 16384,
  globalAgent,
};
