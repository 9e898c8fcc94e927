// node:tls over rustls (natives in host.tls, a byte-level state machine):
// a TLSSocket is a Duplex whose plaintext side is the user's and whose
// ciphertext travels over any Duplex (`options.socket`, e.g. a net.Socket).
// Certificate verification follows Node: chain errors named as OpenSSL
// names them, then checkServerIdentity; rejectUnauthorized decides.
// Not supported: sessions/tickets, renegotiation, PSK, OCSP, keylog,
// pfx, ciphers/ecdhCurve selection (rustls' safe defaults apply).
'use strict';
const native = host.tls;
const EE = shared.requireBuiltin('events');
const { Duplex } = shared.requireBuiltin('stream');
const { Buffer } = shared.requireBuiltin('buffer');
const { nodeError, invalidArgType, validateFunction, validateObject } = shared;
const { process } = shared;

let netModule;
function net() {
  if (netModule === undefined) {
    try {
      netModule = shared.requireBuiltin('net');
    } catch {
      netModule = null;
    }
  }
  return netModule;
}

const DEFAULT_MIN_VERSION = 'TLSv1.2';
const DEFAULT_MAX_VERSION = 'TLSv1.3';
const VERSIONS = ['TLSv1.2', 'TLSv1.3'];

function pemList(value, name) {
  if (value == null) return undefined;
  const list = Array.isArray(value) ? value : [value];
  return list.map((v) => {
    if (typeof v === 'string') return v;
    if (ArrayBuffer.isView(v)) return Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('latin1');
    throw invalidArgType(`options.${name}`, ['string', 'Buffer', 'TypedArray', 'DataView'], v);
  });
}

function pem(value, name) {
  const list = pemList(value, name);
  return list === undefined ? undefined : list.join('\n');
}

function checkVersion(v, name) {
  if (v === undefined) return undefined;
  if (!VERSIONS.includes(v) && v !== 'TLSv1' && v !== 'TLSv1.1') {
    throw nodeError(TypeError, 'ERR_TLS_INVALID_PROTOCOL_VERSION', `${JSON.stringify(v)} is not a valid ${name === 'minVersion' ? 'minimum' : 'maximum'} TLS protocol version`);
  }
  return v;
}

class SecureContext {
  constructor(options) {
    this.context = {
      ca: pemList(options.ca, 'ca'),
      cert: pem(options.cert, 'cert'),
      key: pem(options.key, 'key'),
      minVersion: checkVersion(options.minVersion, 'minVersion') || module.exports.DEFAULT_MIN_VERSION,
      maxVersion: checkVersion(options.maxVersion, 'maxVersion') || module.exports.DEFAULT_MAX_VERSION,
    };
  }
}

function createSecureContext(options = {}) {
  validateObject(options, 'options');
  return new SecureContext(options);
}

function alpnList(protocols) {
  if (protocols == null) return [];
  if (Array.isArray(protocols)) return protocols.map(String);
  if (ArrayBuffer.isView(protocols)) {
    const b = Buffer.from(protocols.buffer, protocols.byteOffset, protocols.byteLength);
    const out = [];
    for (let i = 0; i < b.length;) {
      const n = b[i];
      out.push(b.toString('latin1', i + 1, i + 1 + n));
      i += 1 + n;
    }
    return out;
  }
  throw invalidArgType('options.ALPNProtocols', ['Array', 'Buffer', 'TypedArray', 'DataView'], protocols);
}

function isIP(s) {
  if (/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.test(s)) return 4;
  if (s.includes(':') && /^[0-9a-fA-F:.]+$/.test(s)) return 6;
  return 0;
}

function wildcardMatch(pattern, host) {
  const p = pattern.toLowerCase().split('.');
  const h = host.toLowerCase().split('.');
  if (p.length !== h.length) return false;
  return p.every((part, i) => {
    if (part === h[i]) return true;
    if (i !== 0 || !part.includes('*') || p.length < 3) return false;
    const [pre, post] = part.split('*');
    return h[i].length >= pre.length + post.length && h[i].startsWith(pre) && h[i].endsWith(post);
  });
}

function checkServerIdentity(hostname, cert) {
  const subject = cert.subject;
  const altNames = cert.subjectaltname;
  const dnsNames = [];
  const ips = [];
  hostname = `${hostname}`;
  if (altNames) {
    for (const name of altNames.split(', ')) {
      if (name.startsWith('DNS:')) dnsNames.push(name.slice(4));
      else if (name.startsWith('IP Address:')) ips.push(name.slice(11));
    }
  }
  let valid = false;
  let reason = 'Unknown reason';
  hostname = hostname.replace(/^\[|\]$/g, '');
  if (isIP(hostname)) {
    valid = ips.includes(hostname);
    if (!valid) reason = `IP: ${hostname} is not in the cert's list: ${ips.join(', ')}`;
  } else if (dnsNames.length > 0 || (subject && subject.CN)) {
    const host = hostname.replace(/\.$/, '');
    if (dnsNames.length > 0) {
      valid = dnsNames.some((n) => wildcardMatch(n, host));
      if (!valid) reason = `Host: ${hostname}. is not in the cert's altnames: ${altNames}`;
    } else {
      const cn = subject.CN;
      valid = Array.isArray(cn) ? cn.some((n) => wildcardMatch(n, host)) : wildcardMatch(cn, host);
      if (!valid) reason = `Host: ${hostname}. is not cert's CN: ${cn}`;
    }
  } else {
    reason = 'Cert does not contain a DNS name';
  }
  if (valid) return undefined;
  const err = nodeError(Error, 'ERR_TLS_CERT_ALTNAME_INVALID', `Hostname/IP does not match certificate's altnames: ${reason}`);
  err.reason = reason;
  err.host = hostname;
  err.cert = cert;
  return err;
}

function verifyFailure([code, message]) {
  const e = new Error(message);
  e.code = code;
  return e;
}

function handshakeError(message) {
  const e = new Error(`TLS handshake failed: ${message}`);
  e.code = 'ERR_SSL_HANDSHAKE_FAILURE';
  e.library = 'rustls';
  return e;
}

function toBuffer(u8) {
  return Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength);
}

const kId = Symbol('kId');
const kSocket = Symbol('kSocket');
const kOptions = Symbol('kOptions');
const kInfo = Symbol('kInfo');
const kCa = Symbol('kCa');

class TLSSocket extends Duplex {
  constructor(socket, options = {}) {
    super({ allowHalfOpen: options.allowHalfOpen === true, emitClose: true, decodeStrings: true });
    const ctx = (options.secureContext || createSecureContext(options)).context;
    this.encrypted = true;
    this.authorized = false;
    this.authorizationError = null;
    this.alpnProtocol = null;
    this.servername = null;
    this.secureConnecting = true;
    this._secureEstablished = false;
    this[kOptions] = options;
    this[kInfo] = undefined;
    const isServer = !!options.isServer;
    if (isServer) this.server = options.server || null;
    this[kCa] = options.ca !== undefined ? pemList(options.ca, 'ca') : ctx.ca;
    this[kId] = native.open(isServer, {
      ...ctx,
      ca: this[kCa],
      alpn: alpnList(options.ALPNProtocols),
      requestCert: !!options.requestCert,
      servername: isServer ? undefined : options.servername,
    });
    if (socket) this._attach(socket);
  }

  _attach(socket) {
    this[kSocket] = socket;
    this.connecting = !!socket.connecting;
    socket.on('data', (chunk) => this._feed(chunk));
    socket.on('end', () => this._onCipherEnd());
    socket.on('error', (err) => this.destroy(err));
    socket.on('close', () => {
      if (!this.destroyed) this._onCipherEnd();
    });
    if (!this[kOptions].isServer) {
      const start = () => this._send(native.flush(this[kId]));
      if (socket.connecting) {
        socket.once('connect', () => {
          this.connecting = false;
          this.emit('connect');
          start();
        });
      } else {
        start();
      }
    }
  }

  _send(bytes) {
    const socket = this[kSocket];
    if (bytes.length && socket && !socket.destroyed && !socket.writableEnded) socket.write(toBuffer(bytes));
  }

  _feed(chunk) {
    if (this.destroyed) return;
    const r = native.feed(this[kId], chunk);
    // As Node, a client that rejects the server's certificate never sends
    // its last handshake flight: check before sending what rustls made.
    const secured = !r.handshaking && !this._secureEstablished && r.error === undefined;
    if (secured) {
      if (!this._verify()) return;
      this._secureEstablished = true;
    }
    // Bytes that are not TLS records at all (a plain-HTTP client) get no
    // alert, as OpenSSL sends none: the peer just sees the connection close.
    const notTls = r.error !== undefined && !this._secureEstablished && /InvalidContentType/.test(r.error);
    if (!notTls) this._send(r.out);
    if (r.error !== undefined) {
      const err = handshakeError(r.error);
      if (this._secureEstablished) {
        this.destroy(err);
      } else {
        const server = this[kOptions].server;
        if (server) {
          // Destroyed first: a listener's destroy(err) (node:https's) is then a no-op.
          this.destroy();
          server.emit('tlsClientError', err, this);
        } else {
          this.destroy(err);
        }
      }
      return;
    }
    if (secured) this._onSecure();
    if (this.destroyed) return;
    if (r.plaintext.length) this.push(toBuffer(r.plaintext));
    if (r.closed) this.push(null);
  }

  _onCipherEnd() {
    if (this.destroyed) return;
    if (!this._secureEstablished) {
      const e = new Error('Client network socket disconnected before secure TLS connection was established');
      e.code = 'ECONNRESET';
      if (this[kOptions].server) {
        this.destroy();
        this[kOptions].server.emit('tlsClientError', e, this);
      } else {
        this.destroy(e);
      }
      return;
    }
    this.push(null);
  }

  // Checks the peer once the handshake is done; false if it destroyed us.
  _verify() {
    const info = native.info(this[kId]);
    this[kInfo] = info;
    this.alpnProtocol = info.alpn === undefined ? false : info.alpn;
    const options = this[kOptions];
    if (options.isServer) {
      this.servername = info.servername === undefined ? false : info.servername;
      if (options.requestCert) {
        if (info.verifyError) {
          this.authorizationError = info.verifyError[0];
          if (options.rejectUnauthorized !== false) {
            this.destroy();
            return false;
          }
        } else {
          this.authorized = true;
        }
      }
      return true;
    }
    let verifyError = info.verifyError ? verifyFailure(info.verifyError) : undefined;
    if (!verifyError) {
      const hostname = options.servername || options.host || 'localhost';
      const check = options.checkServerIdentity || checkServerIdentity;
      verifyError = check(hostname, this.getPeerCertificate(true));
    }
    if (verifyError) {
      this.authorized = false;
      this.authorizationError = verifyError.code || verifyError.message;
      if (options.rejectUnauthorized !== false) {
        this.destroy(verifyError);
        return false;
      }
    } else {
      this.authorized = true;
    }
    return true;
  }

  _onSecure() {
    this.secureConnecting = false;
    const options = this[kOptions];
    if (!options.isServer) {
      this.emit('secureConnect');
      return;
    }
    this.emit('secure');
    if (options.server) options.server.emit('secureConnection', this);
  }

  _read() {}

  _write(chunk, encoding, cb) {
    const out = native.write(this[kId], chunk);
    const socket = this[kSocket];
    if (out.length && socket && !socket.destroyed) socket.write(toBuffer(out), cb);
    else cb();
  }

  _final(cb) {
    const socket = this[kSocket];
    const out = native.end(this[kId]);
    if (socket && !socket.destroyed && !socket.writableEnded) {
      if (out.length) socket.write(toBuffer(out));
      socket.end(cb);
    } else {
      cb();
    }
  }

  _destroy(err, cb) {
    native.close(this[kId]);
    const socket = this[kSocket];
    if (socket && !socket.destroyed) socket.destroy();
    cb(err);
  }

  // As net.Socket's: end once the written data is out, then destroy.
  destroySoon() {
    if (this.writable) this.end();
    if (this.writableFinished) this.destroy();
    else this.once('finish', () => this.destroy());
  }

  getPeerCertificate(detailed) {
    const certs = this[kInfo] ? this[kInfo].peerCerts : [];
    if (!certs.length) return this[kInfo] ? {} : null;
    const objs = certs.map((der) => native.certInfo(der) || {});
    for (const o of objs) {
      if (o.raw) o.raw = toBuffer(o.raw);
      if (o.subject) o.subject = Object.assign(Object.create(null), o.subject);
      if (o.issuer) o.issuer = Object.assign(Object.create(null), o.issuer);
    }
    if (detailed) {
      const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
      let last = objs[objs.length - 1];
      while (last.issuer && !same(last.issuer, last.subject)) {
        const found = this._trusted().find((c) => same(c.subject, last.issuer));
        if (!found || objs.includes(found)) break;
        objs.push(found);
        last = found;
      }
      for (let i = 0; i < objs.length; i++) {
        const next = objs[i + 1];
        if (next) objs[i].issuerCertificate = next;
        else if (same(objs[i].issuer, objs[i].subject)) objs[i].issuerCertificate = objs[i];
      }
    }
    return objs[0];
  }

  _trusted() {
    const list = this[kCa] || [];
    const out = [];
    for (const text of list) {
      for (const m of text.matchAll(/-----BEGIN CERTIFICATE-----([^-]*)-----END CERTIFICATE-----/g)) {
        const o = native.certInfo(Buffer.from(m[1].replace(/\s+/g, ''), 'base64'));
        if (!o) continue;
        o.raw = toBuffer(o.raw);
        o.subject = Object.assign(Object.create(null), o.subject);
        o.issuer = Object.assign(Object.create(null), o.issuer);
        out.push(o);
      }
    }
    return out;
  }

  getProtocol() {
    return this[kInfo] ? this[kInfo].protocol : null;
  }

  getCipher() {
    if (!this[kInfo] || !this[kInfo].cipher) return undefined;
    const name = this[kInfo].cipher.replace(/^TLS13_/, 'TLS_');
    return { name, standardName: name, version: this[kInfo].protocol };
  }

  isSessionReused() {
    return false;
  }

  setServername(name) {
    this[kOptions].servername = name;
  }

  setNoDelay(v) {
    const s = this[kSocket];
    if (s && typeof s.setNoDelay === 'function') s.setNoDelay(v);
    return this;
  }

  setKeepAlive(...args) {
    const s = this[kSocket];
    if (s && typeof s.setKeepAlive === 'function') s.setKeepAlive(...args);
    return this;
  }

  setTimeout(ms, cb) {
    const s = this[kSocket];
    if (s && typeof s.setTimeout === 'function') {
      s.setTimeout(ms);
      if (cb) this.once('timeout', cb);
      if (!this._timeoutForwarded) {
        this._timeoutForwarded = true;
        s.on('timeout', () => this.emit('timeout'));
      }
    }
    return this;
  }

  address() {
    const s = this[kSocket];
    return s && typeof s.address === 'function' ? s.address() : {};
  }

  ref() {
    const s = this[kSocket];
    if (s && typeof s.ref === 'function') s.ref();
    return this;
  }

  unref() {
    const s = this[kSocket];
    if (s && typeof s.unref === 'function') s.unref();
    return this;
  }

  get remoteAddress() { return this[kSocket] ? this[kSocket].remoteAddress : undefined; }
  get remotePort() { return this[kSocket] ? this[kSocket].remotePort : undefined; }
  get remoteFamily() { return this[kSocket] ? this[kSocket].remoteFamily : undefined; }
  get localAddress() { return this[kSocket] ? this[kSocket].localAddress : undefined; }
  get localPort() { return this[kSocket] ? this[kSocket].localPort : undefined; }
}

function normalizeConnectArgs(args) {
  let options = {};
  let i = 0;
  if (args[i] !== null && typeof args[i] === 'object') {
    options = { ...args[i++] };
  } else {
    if (typeof args[i] === 'number' || typeof args[i] === 'string') options.port = args[i++];
    if (typeof args[i] === 'string') options.host = args[i++];
    if (args[i] !== null && typeof args[i] === 'object') options = { ...args[i++], ...options };
  }
  const cb = typeof args[i] === 'function' ? args[i] : undefined;
  return [options, cb];
}

function connect(...args) {
  const [options, cb] = normalizeConnectArgs(args);
  if (options.rejectUnauthorized === undefined) options.rejectUnauthorized = true;
  if (options.checkServerIdentity !== undefined) validateFunction(options.checkServerIdentity, 'options.checkServerIdentity');
  const host = options.host || 'localhost';
  if (options.servername === undefined && !isIP(host)) options.servername = host;
  if (options.servername !== undefined && typeof options.servername !== 'string') {
    throw invalidArgType('name', 'string', options.servername);
  }
  let socket = options.socket;
  if (!socket) {
    const n = net();
    if (!n) {
      throw nodeError(Error, 'ERR_NOT_SUPPORTED', 'tls.connect needs options.socket: node:net is not available');
    }
    socket = n.connect({ ...options, host, socket: undefined });
  }
  const tlsSocket = new TLSSocket(socket, { ...options, host, isServer: false });
  if (cb) tlsSocket.once('secureConnect', cb);
  return tlsSocket;
}

function Server(options, listener) {
  if (!(this instanceof Server)) return new Server(options, listener);
  if (typeof options === 'function') {
    listener = options;
    options = {};
  }
  options = options == null ? {} : options;
  validateObject(options, 'options');
  const n = net();
  if (n) n.Server.call(this, { allowHalfOpen: options.allowHalfOpen, pauseOnConnect: options.pauseOnConnect });
  else EE.call(this);
  this._tlsOptions = options;
  this._sharedCreds = createSecureContext(options);
  if (listener !== undefined) {
    validateFunction(listener, 'listener');
    this.on('secureConnection', listener);
  }
  this.on('connection', (socket) => {
    try {
      // eslint-disable-next-line no-new
      new TLSSocket(socket, {
        ...this._tlsOptions,
        secureContext: this._sharedCreds,
        isServer: true,
        server: this,
        rejectUnauthorized: this._tlsOptions.rejectUnauthorized !== false,
      });
    } catch (err) {
      // No usable key or certificate: the handshake cannot start.
      this.emit('tlsClientError', err, socket);
      socket.destroy();
    }
  });
}
{
  const n = net();
  const Base = n ? n.Server : EE;
  Object.setPrototypeOf(Server.prototype, Base.prototype);
  Object.setPrototypeOf(Server, Base);
}
Server.prototype.setSecureContext = function setSecureContext(options) {
  this._tlsOptions = { ...this._tlsOptions, ...options };
  this._sharedCreds = createSecureContext(this._tlsOptions);
};

function createServer(options, listener) {
  return new Server(options, listener);
}

let roots;
const module = {
  exports: {
    CLIENT_RENEG_LIMIT: 3,
    CLIENT_RENEG_WINDOW: 600,
    DEFAULT_CIPHERS: 'TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256',
    DEFAULT_ECDH_CURVE: 'auto',
    DEFAULT_MIN_VERSION,
    DEFAULT_MAX_VERSION,
    SecureContext,
    Server,
    TLSSocket,
    checkServerIdentity,
    connect,
    createSecureContext,
    createServer,
    getCiphers: () => ['tls_aes_128_gcm_sha256', 'tls_aes_256_gcm_sha384', 'tls_chacha20_poly1305_sha256'],
  },
};
Object.defineProperty(module.exports, 'rootCertificates', {
  enumerable: true,
  configurable: false,
  get() {
    if (roots === undefined) roots = Object.freeze(native.rootCertificates());
    return roots;
  },
});
return module.exports;
