// node:net over host.net (globals/node/net): TCP and Unix-socket servers and
// sockets registered with the loop's poller. One native dispatcher hands each
// handle's events (connection, connect, data, end, errors, written, close) to
// the Socket or Server owning it, in the poll phase (close in the close phase).
// Not provided: net.BlockList, net.SocketAddress, IPC handles and fds.
'use strict';
const native = host.net;
const { Buffer } = shared.requireBuiltin('buffer');
const EventEmitter = shared.requireBuiltin('events');
const stream = shared.requireBuiltin('stream');
const { nodeError, invalidArgType, invalidArgValue, outOfRange, validateFunction, validateNumber } = shared;
const { process } = shared;

const CONNECTION = 1, CONNECT = 2, DATA = 3, EOF = 4, READ_ERROR = 5, WRITE_ERROR = 6, WRITTEN = 7, CLOSE = 8, SHUTDOWN = 9;
const owners = new Map(); // handle id -> Socket or Server

function dispatch(id, kind, arg) {
  const owner = owners.get(id);
  if (owner === undefined) return;
  if (kind === CLOSE) {
    owners.delete(id);
    owner[kOnClose]();
    return;
  }
  owner[kOnEvent](kind, arg, id);
}

const kOnEvent = Symbol('onEvent');
const kOnClose = Symbol('onClose');
const kTimeout = Symbol('timeout');
const kTimeoutMs = Symbol('timeoutMs');
const kBytesRead = Symbol('bytesRead');
const kBytesWritten = Symbol('bytesWritten');
const kPendingCb = Symbol('pendingCb');
const kRef = Symbol('ref');
const kReading = Symbol('reading');
const kShutdownCb = Symbol('shutdownCb');

// ---- errors -------------------------------------------------------------------------------------
function details(address, port) {
  if (port && port > 0) return ` ${address}:${port}`;
  return address ? ` ${address}` : '';
}
function systemError(message, errno, code, syscall, address, port) {
  const ex = new Error(message);
  ex.errno = errno;
  ex.code = code;
  ex.syscall = syscall;
  if (address !== undefined) ex.address = address;
  if (port) ex.port = port;
  return ex;
}
// `connect ECONNREFUSED 127.0.0.1:1` (node's exceptionWithHostPort).
function exceptionWithHostPort(errno, syscall, address, port) {
  const [code] = native.errname(errno);
  return systemError(`${syscall} ${code}${details(address, port)}`, errno, code, syscall, address, port);
}
// `listen EADDRINUSE: address already in use 127.0.0.1:80` (node's uvExceptionWithHostPort).
function uvExceptionWithHostPort(errno, syscall, address, port) {
  const [code, text] = native.errname(errno);
  return systemError(`${syscall} ${code}: ${text}${details(address, port)}`, errno, code, syscall, address, port);
}
// `read ECONNRESET` (node's errnoException).
function errnoException(errno, syscall) {
  const [code] = native.errname(errno);
  return systemError(`${syscall} ${code}`, errno, code, syscall);
}

// Node's ERR_ACCESS_DENIED for a host the permissions exclude, or null.
function netPermission(host) {
  if (native.allowed(String(host))) return null;
  const e = new Error('Access to this API has been restricted');
  e.code = 'ERR_ACCESS_DENIED';
  e.permission = 'Net';
  e.resource = String(host);
  return e;
}
shared.netPermission = netPermission;

// ---- addresses ----------------------------------------------------------------------------------
const v4Seg = '(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])';
const v4Str = `(?:${v4Seg}\\.){3}${v4Seg}`;
const IPv4Reg = new RegExp(`^${v4Str}$`);
const v6Seg = '(?:[0-9a-fA-F]{1,4})';
const IPv6Reg = new RegExp('^(?:' +
  `(?:${v6Seg}:){7}(?:${v6Seg}|:)|` +
  `(?:${v6Seg}:){6}(?:${v4Str}|:${v6Seg}|:)|` +
  `(?:${v6Seg}:){5}(?::${v4Str}|(?::${v6Seg}){1,2}|:)|` +
  `(?:${v6Seg}:){4}(?:(?::${v6Seg}){0,1}:${v4Str}|(?::${v6Seg}){1,3}|:)|` +
  `(?:${v6Seg}:){3}(?:(?::${v6Seg}){0,2}:${v4Str}|(?::${v6Seg}){1,4}|:)|` +
  `(?:${v6Seg}:){2}(?:(?::${v6Seg}){0,3}:${v4Str}|(?::${v6Seg}){1,5}|:)|` +
  `(?:${v6Seg}:){1}(?:(?::${v6Seg}){0,4}:${v4Str}|(?::${v6Seg}){1,6}|:)|` +
  `(?::(?:(?::${v6Seg}){0,5}:${v4Str}|(?::${v6Seg}){1,7}|:))` +
')(?:%[0-9a-zA-Z-.:]{1,})?$');
const isIPv4 = (s) => IPv4Reg.test(`${s}`);
const isIPv6 = (s) => IPv6Reg.test(`${s}`);
const isIP = (s) => (isIPv4(s) ? 4 : isIPv6(s) ? 6 : 0);

function validatePort(port, name = 'Port', allowZero = true) {
  if ((typeof port !== 'number' && typeof port !== 'string') ||
      (typeof port === 'string' && port.trim().length === 0) ||
      +port !== (+port >>> 0) || port > 0xFFFF || (port === 0 && !allowZero)) {
    throw nodeError(RangeError, 'ERR_SOCKET_BAD_PORT',
      `${name} should be >= 0 and < 65536. Received ${describePort(port)}.`);
  }
  return port | 0;
}
function describePort(v) {
  if (v == null) return `${v}`;
  if (typeof v === 'function') return `function ${v.name}`;
  if (typeof v === 'object') return v.constructor && v.constructor.name ? `an instance of ${v.constructor.name}` : 'an instance of Object';
  let shown = typeof v === 'string' ? `'${v}'` : `${v}`;
  return `type ${typeof v} (${shown})`;
}
const toNumber = (x) => ((x = Number(x)) >= 0 ? x : false);
const isPipeName = (s) => typeof s === 'string' && toNumber(s) === false;

function addressOf(id, peer) {
  const a = native.address(id, peer);
  return a === undefined ? undefined : { address: a[0], family: a[1 + 1], port: a[1] };
}

// ---- Socket -------------------------------------------------------------------------------------
function Socket(options) {
  if (!(this instanceof Socket)) return new Socket(options);
  if (typeof options === 'number') options = { fd: options };
  else options = { ...options };
  if (options.fd !== undefined) throw nodeError(Error, 'ERR_FEATURE_UNAVAILABLE_ON_PLATFORM', 'socket file descriptors are not supported by jsloop');
  options.allowHalfOpen = Boolean(options.allowHalfOpen);
  options.emitClose = false;
  options.autoDestroy = true;
  options.decodeStrings = false;
  stream.Duplex.call(this, options);
  this.connecting = false;
  this._hadError = false;
  this._handle = null;
  this._host = null;
  this._pendingData = null;
  this._pendingEncoding = '';
  this._parent = null;
  this.server = null;
  this._server = null;
  this[kBytesRead] = 0;
  this[kBytesWritten] = 0;
  this[kTimeout] = null;
  this[kTimeoutMs] = undefined;
  this[kPendingCb] = null;
  this[kRef] = true;
  this[kReading] = false;
  this._peer = undefined;
  this._sockname = undefined;
  this._noDelay = options.noDelay;
  this._keepAlive = options.keepAlive ? [true, ~~((options.keepAliveInitialDelay || 0) / 1000)] : null;
  if (options.handle !== undefined) {
    this._attach(options.handle);
    if (options.pauseOnCreate) {
      this[kReading] = false;
      this.readableFlowing = false;
    }
  } else {
    // A socket that is not connected yet is not readable or writable.
  }
  this.on('end', onReadableStreamEnd);
  if (options.signal) shared.requireBuiltin('stream').addAbortSignal(options.signal, this);
}
Object.setPrototypeOf(Socket.prototype, stream.Duplex.prototype);
Object.setPrototypeOf(Socket, stream.Duplex);

function onReadableStreamEnd() {
  if (!this.allowHalfOpen) {
    this.write = writeAfterFIN;
  }
}
function writeAfterFIN(chunk, encoding, cb) {
  if (!this.writableEnded) return stream.Duplex.prototype.write.call(this, chunk, encoding, cb);
  if (typeof encoding === 'function') {
    cb = encoding;
    encoding = null;
  }
  const er = nodeError(Error, 'EPIPE', 'This socket has been ended by the other party');
  if (typeof cb === 'function') process.nextTick(cb, er);
  this.destroy(er);
  return false;
}

Socket.prototype._attach = function(id) {
  this._handle = id;
  owners.set(id, this);
  if (!this[kRef]) native.ref(id, false);
  if (this._noDelay) native.setNoDelay(id, true);
  if (this._keepAlive) native.setKeepAlive(id, true, this._keepAlive[1]);
};

Socket.prototype[kOnEvent] = function(kind, arg) {
  switch (kind) {
    case CONNECT: return afterConnect(this, arg);
    case DATA: {
      const buf = Buffer.from(arg.buffer, arg.byteOffset, arg.byteLength);
      this[kBytesRead] += buf.length;
      this._unrefTimer();
      if (!this.push(buf)) {
        this[kReading] = false;
        if (this._handle !== null) native.readStop(this._handle);
      }
      return;
    }
    case EOF:
      this[kReading] = false;
      this.push(null);
      this.read(0);
      return;
    case READ_ERROR:
      this.destroy(errnoException(arg, 'read'));
      return;
    case WRITE_ERROR: {
      const cb = this[kPendingCb];
      this[kPendingCb] = null;
      const err = errnoException(arg, 'write');
      if (cb) cb(err);
      else this.destroy(err);
      return;
    }
    case WRITTEN: {
      const cb = this[kPendingCb];
      this[kPendingCb] = null;
      this._unrefTimer();
      if (cb) cb();
      return;
    }
    case SHUTDOWN: {
      const cb = this[kShutdownCb];
      this[kShutdownCb] = null;
      if (cb) cb();
      return;
    }
    default:
  }
};

Socket.prototype[kOnClose] = function() {
  const cb = this._closeCb;
  this._closeCb = null;
  if (cb) cb();
};

function afterConnect(self, status) {
  if (self.destroyed) return;
  self.connecting = false;
  self._sockname = undefined;
  if (status === 0) {
    self._unrefTimer();
    if (self.readable && !self.isPaused()) self.read(0);
    self.emit('connect');
    self.emit('ready');
    if (self.readable && !self.isPaused()) self.read(0);
  } else {
    const ex = exceptionWithHostPort(status, 'connect', self._connectAddress, self._connectPort);
    self.destroy(ex);
  }
}

Socket.prototype._read = function(n) {
  if (this.connecting || this._handle === null) {
    this.once('connect', () => this._read(n));
  } else if (!this[kReading]) {
    this[kReading] = true;
    native.readStart(this._handle, dispatch);
  }
};

Socket.prototype.pause = function() {
  if (this._handle !== null && !this.connecting && this[kReading]) {
    this[kReading] = false;
    native.readStop(this._handle);
  }
  return stream.Duplex.prototype.pause.call(this);
};

Socket.prototype.resume = function() {
  if (this._handle !== null && !this.connecting && !this[kReading] && !this.readableEnded) {
    // Reading restarts through _read.
  }
  return stream.Duplex.prototype.resume.call(this);
};

Socket.prototype.read = function(n) {
  return stream.Duplex.prototype.read.call(this, n);
};

Socket.prototype._writeGeneric = function(writev, data, encoding, cb) {
  if (this.connecting) {
    this._pendingData = data;
    this._pendingEncoding = encoding;
    const onClose = () => cb(nodeError(Error, 'ERR_SOCKET_CLOSED_BEFORE_CONNECTION', 'Socket closed before the connection was established'));
    this.once('connect', function connect() {
      this.off('close', onClose);
      this._writeGeneric(writev, data, encoding, cb);
    });
    this.once('close', onClose);
    return;
  }
  this._pendingData = null;
  this._pendingEncoding = '';
  if (this._handle === null) {
    cb(nodeError(Error, 'ERR_SOCKET_CLOSED', 'Socket is closed'));
    return false;
  }
  this._unrefTimer();
  let buf;
  if (writev) {
    buf = Buffer.concat(data.map(({ chunk, encoding }) => (typeof chunk === 'string' ? Buffer.from(chunk, encoding) : chunk)));
  } else {
    buf = typeof data === 'string' ? Buffer.from(data, encoding) : data;
  }
  const r = native.write(this._handle, buf instanceof Uint8Array ? buf : new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength));
  if (r < 0) {
    cb(errnoException(r, 'write'));
    return;
  }
  this[kBytesWritten] += buf.length;
  if (r === 0) cb();
  else this[kPendingCb] = cb;
};

Socket.prototype._writev = function(chunks, cb) {
  this._writeGeneric(true, chunks, '', cb);
};
Socket.prototype._write = function(data, encoding, cb) {
  this._writeGeneric(false, data, encoding, cb);
};

Socket.prototype._final = function(cb) {
  if (this.pending) {
    return this.once('connect', () => this._final(cb));
  }
  if (this._handle === null) return cb();
  const r = native.shutdown(this._handle, dispatch);
  if (r < 0) return cb(errnoException(r, 'shutdown'));
  this[kShutdownCb] = cb;
};

Socket.prototype.end = function(data, encoding, callback) {
  stream.Duplex.prototype.end.call(this, data, encoding, callback);
  return this;
};

Socket.prototype.destroySoon = function() {
  if (this.writable) this.end();
  if (this.writableFinished) this.destroy();
  else this.once('finish', this.destroy);
};

Socket.prototype._destroy = function(exception, cb) {
  this.connecting = false;
  for (let s = this; s !== null; s = s._parent) {
    if (s[kTimeout]) {
      clearTimeout(s[kTimeout]);
      s[kTimeout] = null;
    }
  }
  if (this._handle !== null) {
    const isException = !!exception;
    const id = this._handle;
    this._peer = this._peer === undefined ? addressOf(id, true) : this._peer;
    this._sockname = this._sockname === undefined ? addressOf(id, false) : this._sockname;
    this._closeCb = () => this.emit('close', isException);
    this._handle = null;
    if (!native.close(id, dispatch)) {
      owners.delete(id);
      process.nextTick(() => this[kOnClose]());
    }
    cb(exception);
  } else {
    cb(exception);
    process.nextTick(() => this.emit('close'));
  }
  if (this._server) {
    this._server._connections--;
    this._server._emitCloseIfDrained();
  }
};

Socket.prototype.resetAndDestroy = function() {
  if (this._handle !== null) {
    if (this._isUnix) throw nodeError(TypeError, 'ERR_INVALID_HANDLE_TYPE', 'This handle type cannot be sent');
    if (this.connecting) {
      this.once('connect', () => this._reset());
    } else {
      this._reset();
    }
  } else {
    this.destroy(nodeError(Error, 'ERR_SOCKET_CLOSED', 'Socket is closed'));
  }
  return this;
};
Socket.prototype._reset = function() {
  native.setLinger0(this._handle);
  return this.destroy();
};

Socket.prototype._unrefTimer = function() {
  for (let s = this; s !== null; s = s._parent) {
    if (s[kTimeout]) s[kTimeout].refresh();
  }
};

Socket.prototype.setTimeout = function(msecs, callback) {
  if (this.destroyed) return this;
  this[kTimeoutMs] = msecs;
  validateNumber(msecs, 'msecs');
  if (msecs < 0 || !Number.isFinite(msecs)) throw outOfRange('msecs', 'a non-negative finite number', msecs);
  if (this[kTimeout]) {
    clearTimeout(this[kTimeout]);
    this[kTimeout] = null;
  }
  if (msecs === 0) {
    if (callback !== undefined) {
      validateFunction(callback, 'callback');
      this.removeListener('timeout', callback);
    }
  } else {
    this[kTimeout] = setTimeout(() => this._onTimeout(), msecs);
    this[kTimeout].unref();
    if (callback !== undefined) {
      validateFunction(callback, 'callback');
      this.once('timeout', callback);
    }
  }
  return this;
};
Object.defineProperty(Socket.prototype, 'timeout', {
  get() { return this[kTimeoutMs]; }, configurable: true, enumerable: true,
});

Socket.prototype._onTimeout = function() {
  // The fired timer stays: activity refreshes (re-arms) it.
  if (this.destroyed) return;
  this.emit('timeout');
};

Socket.prototype.setNoDelay = function(enable) {
  const on = enable === undefined ? true : !!enable;
  if (this._handle === null) {
    this._noDelay = on;
    return this;
  }
  native.setNoDelay(this._handle, on);
  return this;
};

Socket.prototype.setKeepAlive = function(enable, initialDelayMsecs) {
  const on = !!enable;
  const secs = ~~((initialDelayMsecs || 0) / 1000);
  if (this._handle === null) {
    this._keepAlive = on ? [true, secs] : null;
    return this;
  }
  native.setKeepAlive(this._handle, on, secs);
  return this;
};

Socket.prototype.address = function() {
  if (this._handle === null) return this._sockname || {};
  if (this._isUnix) return this._path === undefined ? {} : this._path;
  return addressOf(this._handle, false) || {};
};

Socket.prototype._getpeername = function() {
  if (this._handle === null) return this._peer || {};
  if (this._peer === undefined || this._peer === null) this._peer = addressOf(this._handle, true) || null;
  return this._peer || {};
};
Socket.prototype._getsockname = function() {
  if (this._handle === null) return this._sockname || {};
  if (!this._sockname) this._sockname = addressOf(this._handle, false);
  return this._sockname || {};
};

const getter = (name, get) => Object.defineProperty(Socket.prototype, name, { get, configurable: true, enumerable: true });
getter('remoteAddress', function() { return this._getpeername().address; });
getter('remoteFamily', function() { return this._getpeername().family; });
getter('remotePort', function() { return this._getpeername().port; });
getter('localAddress', function() { return this._getsockname().address; });
getter('localPort', function() { return this._getsockname().port; });
getter('localFamily', function() { return this._getsockname().family; });
getter('pending', function() { return this._handle === null || this.connecting; });
getter('readyState', function() {
  if (this.connecting) return 'opening';
  if (this.readable && this.writable) return 'open';
  if (this.readable && !this.writable) return 'readOnly';
  if (!this.readable && this.writable) return 'writeOnly';
  return 'closed';
});
getter('bufferSize', function() { return this._handle !== null ? this.writableLength : undefined; });
getter('bytesRead', function() { return this[kBytesRead]; });
getter('bytesWritten', function() {
  let bytes = this[kBytesWritten];
  const data = this._pendingData;
  const encoding = this._pendingEncoding;
  const state = this._writableState;
  if (!state) return undefined;
  for (const el of this.writableBuffer) {
    bytes += el.chunk instanceof Buffer ? el.chunk.length : Buffer.byteLength(el.chunk, el.encoding);
  }
  if (Array.isArray(data)) {
    for (const el of data) bytes += el.chunk instanceof Buffer ? el.chunk.length : Buffer.byteLength(el.chunk, el.encoding);
  } else if (data) {
    bytes += typeof data === 'string' ? Buffer.byteLength(data, encoding) : data.length;
  }
  return bytes;
});

Socket.prototype.ref = function() {
  this[kRef] = true;
  if (this._handle !== null) native.ref(this._handle, true);
  return this;
};
Socket.prototype.unref = function() {
  this[kRef] = false;
  if (this._handle !== null) native.ref(this._handle, false);
  return this;
};

function normalizeArgs(args) {
  let arr;
  if (args.length === 0) {
    arr = [{}, null];
    return arr;
  }
  const arg0 = args[0];
  let options = {};
  if (typeof arg0 === 'object' && arg0 !== null) {
    options = arg0;
  } else if (isPipeName(arg0)) {
    options.path = arg0;
  } else {
    options.port = arg0;
    if (args.length > 1 && typeof args[1] === 'string') options.host = args[1];
  }
  const cb = args[args.length - 1];
  return [options, typeof cb === 'function' ? cb : null];
}

Socket.prototype.connect = function(...args) {
  const [options, cb] = Array.isArray(args[0]) && args.length === 1 ? args[0] : normalizeArgs(args);
  if (this.write !== Socket.prototype.write) this.write = Socket.prototype.write;
  if (this.destroyed) {
    this._handle = null;
    this._peer = undefined;
    this._sockname = undefined;
    this._undestroy();
    this._closeCb = null;
  }
  if (cb !== null) this.once('connect', cb);
  const { path } = options;
  const pipe = !!path;
  this.connecting = true;
  if (pipe) {
    if (typeof path !== 'string') throw invalidArgType('options.path', 'string', path);
    this._isUnix = true;
    process.nextTick(() => internalConnect(this, null, 0, path));
  } else {
    lookupAndConnect(this, options);
  }
  return this;
};

function lookupAndConnect(self, options) {
  const { localAddress, localPort } = options;
  const host = options.host || 'localhost';
  let { port } = options;
  if (localAddress && !isIP(localAddress)) throw invalidArgValue('options.localAddress', localAddress);
  if (localPort && typeof localPort !== 'number') throw invalidArgType('options.localPort', 'number', localPort);
  if (typeof port !== 'undefined') {
    if (typeof port !== 'number' && typeof port !== 'string') throw invalidArgType('options.port', ['number', 'string'], port);
    port = validatePort(port);
  }
  port |= 0;
  if (typeof host !== 'string') throw invalidArgType('options.host', 'string', host);
  if (isIP(host)) {
    process.nextTick(() => {
      if (self.connecting) internalConnect(self, host, port);
    });
    return;
  }
  if (options.lookup != null) validateFunction(options.lookup, 'options.lookup');
  const lookup = options.lookup || shared.requireBuiltin('dns').lookup;
  const dnsopts = { family: options.family === undefined ? 0 : options.family, hints: options.hints || 0, all: false };
  self._host = host;
  lookup(host, dnsopts, (err, ip, addressType) => {
    self.emit('lookup', err, ip, addressType, host);
    if (!self.connecting) return;
    if (err) {
      process.nextTick(() => self.destroy(err));
    } else if (!isIP(ip)) {
      self.destroy(nodeError(TypeError, 'ERR_INVALID_IP_ADDRESS', `Invalid IP address: ${ip}`));
    } else {
      internalConnect(self, ip, port);
    }
  });
}

function internalConnect(self, address, port, path) {
  if (self.destroyed) return;
  self._connectAddress = path || address;
  self._connectPort = port;
  const gate = shared.netPermission;
  if (gate) {
    const denied = gate(path || self._host || address);
    if (denied) {
      self.destroy(denied);
      return;
    }
  }
  const r = path ? native.connect(dispatch, null, 0, path) : native.connect(dispatch, address, port, null);
  if (r < 0) {
    self.destroy(exceptionWithHostPort(r, 'connect', path || address, port));
    return;
  }
  self._attach(r);
}

// ---- Server -------------------------------------------------------------------------------------
function Server(options, connectionListener) {
  if (!(this instanceof Server)) return new Server(options, connectionListener);
  EventEmitter.call(this);
  if (typeof options === 'function') {
    connectionListener = options;
    options = {};
  } else if (options == null || typeof options === 'object') {
    options = { ...options };
  } else {
    throw invalidArgType('options', 'Object', options);
  }
  if (typeof connectionListener === 'function') this.on('connection', connectionListener);
  this._connections = 0;
  this._handle = null;
  this._unref = false;
  this._pipeName = undefined;
  this.allowHalfOpen = options.allowHalfOpen || false;
  this.pauseOnConnect = !!options.pauseOnConnect;
  this.noDelay = Boolean(options.noDelay);
  this.keepAlive = Boolean(options.keepAlive);
  this.keepAliveInitialDelay = ~~(options.keepAliveInitialDelay / 1000);
  this.maxConnections = undefined;
}
Object.setPrototypeOf(Server.prototype, EventEmitter.prototype);
Object.setPrototypeOf(Server, EventEmitter);

Object.defineProperty(Server.prototype, 'listening', {
  get() { return this._handle !== null; }, configurable: true, enumerable: true,
});

Server.prototype.listen = function(...args) {
  const [options, cb] = normalizeArgs(args);
  if (typeof cb === 'function') this.once('listening', cb);
  if (this._handle !== null) {
    throw nodeError(Error, 'ERR_SERVER_ALREADY_LISTEN', 'Listen method has been called more than once without closing.');
  }
  let backlog = options.backlog;
  if (args.length > 1 && typeof args[0] !== 'object') {
    // listen(port, host, backlog) / listen(port, backlog) / listen(path, backlog)
    const rest = args.filter((a) => typeof a !== 'function');
    const n = rest.slice(1).find((a) => typeof a === 'number');
    if (n !== undefined) backlog = n;
  }
  backlog = backlog === undefined ? 511 : backlog | 0;
  if (options.path !== undefined && options.port === undefined) {
    if (typeof options.path !== 'string') throw invalidArgValue('options', options);
    this._pipeName = options.path;
    listenOn(this, null, 0, backlog, options.path);
    return this;
  }
  if (options.port === undefined && options.host === undefined && args.length > 0 &&
      typeof args[0] === 'object' && args[0] !== null) {
    throw invalidArgValue('options', options);
  }
  let port = options.port === undefined || options.port === null ? 0 : options.port;
  if (typeof port !== 'number' && typeof port !== 'string') {
    throw invalidArgValue('options', options);
  }
  port = validatePort(port, 'options.port');
  const host = options.host;
  if (host) {
    // As node: a host (even an address) is looked up first, so the server
    // listens (and address() answers) on a later tick.
    shared.requireBuiltin('dns').lookup(host, (err, ip) => {
      if (err) {
        this.emit('error', err);
        return;
      }
      listenOn(this, ip, port, backlog);
    });
    return this;
  }
  listenOn(this, host || null, port, backlog);
  return this;
};

function listenOn(server, address, port, backlog, path) {
  const gate = shared.netPermission;
  const denied = gate ? gate(path || address || '::') : null;
  if (denied) {
    process.nextTick(() => server.emit('error', denied));
    return;
  }
  const r = native.listen(dispatch, address, port, backlog, path === undefined ? null : path);
  if (r < 0) {
    const ex = uvExceptionWithHostPort(r, 'listen', path || address || (port ? '::' : undefined), port);
    process.nextTick(() => server.emit('error', ex));
    return;
  }
  server._handle = r;
  owners.set(r, server);
  if (server._unref) native.ref(r, false);
  process.nextTick(() => {
    if (server._handle === r) server.emit('listening');
  });
}

Server.prototype[kOnEvent] = function(kind, id) {
  if (kind !== CONNECTION) return;
  if (this.maxConnections != null && this._connections >= this.maxConnections) {
    native.close(id, dispatch);
    this.emit('drop', {});
    return;
  }
  const socket = new Socket({
    handle: id,
    allowHalfOpen: this.allowHalfOpen,
    pauseOnCreate: this.pauseOnConnect,
    readable: true,
    writable: true,
    noDelay: this.noDelay,
    keepAlive: this.keepAlive,
    keepAliveInitialDelay: this.keepAliveInitialDelay * 1000,
  });
  if (this._pipeName !== undefined) socket._isUnix = true;
  this._connections++;
  socket.server = this;
  socket._server = this;
  this.emit('connection', socket);
  if (!this.pauseOnConnect) socket.read(0);
};

Server.prototype[kOnClose] = function() {};

Server.prototype.address = function() {
  if (this._handle === null) return null;
  if (this._pipeName !== undefined) return this._pipeName;
  return addressOf(this._handle, false) || null;
};

Server.prototype.close = function(cb) {
  if (typeof cb === 'function') {
    if (this._handle === null) {
      this.once('close', function close() {
        cb(nodeError(Error, 'ERR_SERVER_NOT_RUNNING', 'Server is not running.'));
      });
    } else {
      this.once('close', cb);
    }
  }
  if (this._handle !== null) {
    native.close(this._handle, dispatch);
    this._handle = null;
    if (this._pipeName !== undefined) {
      try { shared.requireBuiltin('fs').unlinkSync(this._pipeName); } catch {}
    }
  }
  this._emitCloseIfDrained();
  return this;
};

Server.prototype._emitCloseIfDrained = function() {
  if (this._handle !== null || this._connections) return;
  process.nextTick(() => this.emit('close'));
};

Server.prototype.getConnections = function(cb) {
  process.nextTick(cb, null, this._connections);
  return this;
};

Server.prototype.ref = function() {
  this._unref = false;
  if (this._handle !== null) native.ref(this._handle, true);
  return this;
};
Server.prototype.unref = function() {
  this._unref = true;
  if (this._handle !== null) native.ref(this._handle, false);
  return this;
};

Server.prototype[Symbol.asyncDispose] = function() {
  if (this._handle === null) return Promise.resolve();
  return new Promise((resolve, reject) => this.close((err) => (err ? reject(err) : resolve())));
};

// ---- module functions ---------------------------------------------------------------------------
function createServer(options, connectionListener) {
  return new Server(options, connectionListener);
}

function connect(...args) {
  const normalized = normalizeArgs(args);
  const [options] = normalized;
  if (options.timeout) validateNumber(options.timeout, 'options.timeout', 0);
  const socket = new Socket(options);
  if (options.timeout) socket.setTimeout(options.timeout);
  return socket.connect(normalized);
}

let autoSelect = false;
let autoSelectTimeout = 250;

const { BlockList, SocketAddress } = shared.requireBuiltin('internal/blocklist');

return {
  BlockList,
  Server,
  Socket,
  SocketAddress,
  Stream: Socket,
  createServer,
  connect,
  createConnection: connect,
  isIP,
  isIPv4,
  isIPv6,
  getDefaultAutoSelectFamily: () => autoSelect,
  setDefaultAutoSelectFamily: (v) => { autoSelect = !!v; },
  getDefaultAutoSelectFamilyAttemptTimeout: () => autoSelectTimeout,
  setDefaultAutoSelectFamilyAttemptTimeout: (v) => { validateNumber(v, 'value', 1); autoSelectTimeout = v < 10 ? 10 : v; },
  _normalizeArgs: normalizeArgs,
  // For node:http and node:dns.
  [Symbol.for('jsloop.net.internals')]: { exceptionWithHostPort, uvExceptionWithHostPort, errnoException },
};
