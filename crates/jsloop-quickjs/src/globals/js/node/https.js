// node:https: node:http over node:tls. The server is a tls.Server whose
// secure connections go to http's connection handling; the client is http's
// ClientRequest with an Agent whose sockets are tls.connect()'s, kept alive
// per host, port and TLS options (getName). Not provided: TLS session reuse
// between connections (maxCachedSessions is accepted and ignored).
'use strict';
const http = shared.requireBuiltin('http');
const tls = shared.requireBuiltin('tls');
const { validateObject } = shared;
const { storeHttpOptions, connectionListener, urlToOptions } = shared.httpInternals;

function Server(options, requestListener) {
  if (!(this instanceof Server)) return new Server(options, requestListener);
  if (typeof options === 'function') {
    requestListener = options;
    options = {};
  } else if (options == null) {
    options = {};
  } else {
    validateObject(options, 'options');
  }
  tls.Server.call(this, { noDelay: true, ALPNProtocols: ['http/1.1'], ...options, allowHalfOpen: true });
  storeHttpOptions(this, options);
  if (requestListener) this.on('request', requestListener);
  this.on('secureConnection', connectionListener);
  this.on('tlsClientError', function onTlsClientError(err, conn) {
    if (!this.emit('clientError', err, conn)) conn.destroy(err);
  });
}
Object.setPrototypeOf(Server.prototype, tls.Server.prototype);
Object.setPrototypeOf(Server, tls.Server);
for (const name of ['setTimeout', 'closeAllConnections', 'closeIdleConnections']) {
  Server.prototype[name] = http.Server.prototype[name];
}
Server.prototype.close = function close(cb) {
  this.closeIdleConnections();
  return tls.Server.prototype.close.call(this, cb);
};
Server.prototype[Symbol.asyncDispose] = http.Server.prototype[Symbol.asyncDispose];

function createServer(options, requestListener) {
  return new Server(options, requestListener);
}

function Agent(options) {
  if (!(this instanceof Agent)) return new Agent(options);
  http.Agent.call(this, options);
  this.defaultPort = 443;
  this.protocol = 'https:';
  this.maxCachedSessions = this.options.maxCachedSessions ?? 100;
}
Object.setPrototypeOf(Agent.prototype, http.Agent.prototype);
Object.setPrototypeOf(Agent, http.Agent);

Agent.prototype.createConnection = function createConnection(port, host, options) {
  if (port !== null && typeof port === 'object') {
    options = { ...port };
  } else if (host !== null && typeof host === 'object') {
    options = { ...host };
  } else if (options === null || typeof options !== 'object') {
    options = {};
  } else {
    options = { ...options };
  }
  if (typeof port === 'number') options.port = port;
  if (typeof host === 'string') options.host = host;
  return tls.connect(options);
};

// The TLS options that make a connection unfit for another request.
const NAME_OPTIONS = ['ca', 'cert', 'clientCertEngine', 'ciphers', 'key', 'pfx', 'rejectUnauthorized', 'servername',
  'minVersion', 'maxVersion', 'secureProtocol', 'crl', 'honorCipherOrder', 'ecdhCurve', 'dhparam', 'secureOptions',
  'sessionIdContext', 'sigalgs', 'privateKeyEngine', 'privateKeyIdentifier'];
const DEFINED = new Set(['rejectUnauthorized', 'honorCipherOrder', 'secureOptions']);

Agent.prototype.getName = function getName(options = {}) {
  let name = http.Agent.prototype.getName.call(this, options);
  for (const key of NAME_OPTIONS) {
    name += ':';
    const v = options[key];
    if (DEFINED.has(key)) {
      if (v !== undefined) name += v;
    } else if (key === 'servername') {
      if (v && v !== options.host) name += v;
    } else if (key === 'sigalgs') {
      if (v) name += JSON.stringify(v);
    } else if (v) {
      name += v;
    }
  }
  return name;
};

const globalAgent = new Agent({ keepAlive: true, scheduling: 'lifo', timeout: 5000 });

function requestOptions(args) {
  let options = {};
  if (typeof args[0] === 'string') {
    const { URL } = shared.requireBuiltin('url');
    options = urlToOptions(new URL(args.shift()));
  } else if (args[0] && typeof args[0] === 'object' && typeof args[0].href === 'string' && typeof args[0].searchParams === 'object') {
    options = urlToOptions(args.shift());
  }
  if (args[0] && typeof args[0] !== 'function') Object.assign(options, args.shift());
  options._defaultAgent = module.exports.globalAgent;
  return [options, ...args];
}

function request(...args) {
  const [options, cb] = requestOptions(args);
  return new http.ClientRequest(options, cb);
}

function get(...args) {
  const req = request(...args);
  req.end();
  return req;
}

const module = { exports: { Agent, Server, createServer, get, globalAgent, request } };
return module.exports;
