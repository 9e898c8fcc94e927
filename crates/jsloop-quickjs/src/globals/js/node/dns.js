// node:dns: lookup (callback and promise forms) through the system resolver
// (getaddrinfo on the loop's pool, host.net.lookup). The resolve* family
// (DNS queries without the system resolver) and Resolver are not provided:
// they throw ERR_METHOD_NOT_IMPLEMENTED.
'use strict';
const native = host.net;
const { nodeError, invalidArgType, invalidArgValue, validateFunction } = shared;
const { process } = shared;
const net = shared.requireBuiltin('net');
const { isIP } = net;

const ADDRCONFIG = 1024, V4MAPPED = 2048, ALL = 256;
const uvNames = {
  [-3000]: 'EAI_ADDRFAMILY', [-3001]: 'EAI_AGAIN', [-3002]: 'EAI_BADFLAGS', [-3004]: 'EAI_FAIL',
  [-3005]: 'EAI_FAMILY', [-3006]: 'EAI_MEMORY', [-3007]: 'ENOTFOUND', [-3008]: 'ENOTFOUND',
  [-3009]: 'EAI_OVERFLOW', [-3010]: 'EAI_SERVICE', [-3011]: 'EAI_SOCKTYPE',
};
let defaultOrder = 'verbatim';

// `getaddrinfo ENOTFOUND nohost.invalid` (node's dnsException).
function dnsException(errno, syscall, hostname) {
  const code = typeof errno === 'number' ? (uvNames[errno] || 'EAI_FAIL') : errno;
  const ex = new Error(`${syscall} ${code}${hostname ? ` ${hostname}` : ''}`);
  ex.errno = errno;
  ex.code = code;
  ex.syscall = syscall;
  if (hostname) ex.hostname = hostname;
  return ex;
}

function validateFamily(family) {
  if (family === 'IPv4') return 4;
  if (family === 'IPv6') return 6;
  if (family !== 0 && family !== 4 && family !== 6) {
    throw invalidArgValue('options.family', family, 'must be one of: 0, 4, 6');
  }
  return family;
}

function validateHints(hints) {
  if (typeof hints !== 'number') throw invalidArgType('options.hints', 'number', hints);
  if ((hints & ~(ADDRCONFIG | ALL | V4MAPPED)) !== 0) throw invalidArgValue('hints', hints);
  return hints;
}

// Parses lookup's (hostname, options) as node does; returns [family, hints, all, order].
function parseOptions(hostname, options, callback, promise) {
  let family = 0, hints = 0, all = false, order = defaultOrder;
  if (hostname && typeof hostname !== 'string') throw invalidArgType('hostname', 'string', hostname);
  if (!promise && typeof options === 'function') return [0, 0, false, order, options];
  if (typeof options === 'number') {
    if (!promise) validateFunction(callback, 'callback');
    family = validateFamily(options);
  } else if (options !== undefined && (typeof options !== 'object' || options === null)) {
    if (!promise) validateFunction(callback, 'callback');
    throw invalidArgType('options', ['integer', 'object'], options);
  } else {
    if (!promise) validateFunction(callback, 'callback');
    if (options?.hints != null) hints = validateHints(options.hints);
    if (options?.family != null) family = validateFamily(options.family);
    if (options?.all != null) {
      if (typeof options.all !== 'boolean') throw invalidArgType('options.all', 'boolean', options.all);
      all = options.all;
    }
    if (options?.verbatim != null) {
      if (typeof options.verbatim !== 'boolean') throw invalidArgType('options.verbatim', 'boolean', options.verbatim);
      order = options.verbatim ? 'verbatim' : 'ipv4first';
    }
    if (options?.order != null) order = options.order;
  }
  return [family, hints, all, order, callback];
}

function denied(hostname) {
  const gate = shared.netPermission;
  return gate ? gate(hostname) : null;
}

// Resolves `hostname`; `done(err, list)` with list = [{ address, family }].
function resolve(hostname, family, hints, order, done) {
  native.lookup(hostname, family, hints, (err, flat) => {
    if (err !== null) {
      done(dnsException(err, 'getaddrinfo', hostname));
      return;
    }
    let list = [];
    for (let i = 0; i < flat.length; i += 2) list.push({ address: flat[i], family: flat[i + 1] });
    if (order === 'ipv4first') list = list.filter((a) => a.family === 4).concat(list.filter((a) => a.family === 6));
    else if (order === 'ipv6first') list = list.filter((a) => a.family === 6).concat(list.filter((a) => a.family === 4));
    if (list.length === 0) {
      done(dnsException(-3008, 'getaddrinfo', hostname));
      return;
    }
    done(null, list);
  });
}

function lookup(hostname, options, callback) {
  const [family, hints, all, order, cb] = parseOptions(hostname, options, callback, false);
  if (!hostname) {
    if (all) process.nextTick(cb, null, []);
    else process.nextTick(cb, null, null, family === 6 ? 6 : 4);
    return {};
  }
  const matched = isIP(hostname);
  if (matched) {
    if (all) process.nextTick(cb, null, [{ address: hostname, family: matched }]);
    else process.nextTick(cb, null, hostname, matched);
    return {};
  }
  const refused = denied(hostname);
  if (refused) throw refused;
  resolve(hostname, family, hints, order, (err, list) => {
    if (err) cb(err);
    else if (all) cb(null, list);
    else cb(null, list[0].address, list[0].family);
  });
  return {};
}
Object.defineProperty(lookup, Symbol.for('nodejs.util.promisify.custom'), {
  value: (hostname, options) => promisesLookup(hostname, options), configurable: true, writable: true, enumerable: false,
});

function promisesLookup(hostname, options) {
  const [family, hints, all, order] = parseOptions(hostname, options, undefined, true);
  if (!hostname) return Promise.resolve(all ? [] : { address: null, family: family === 6 ? 6 : 4 });
  const matched = isIP(hostname);
  if (matched) {
    const result = { address: hostname, family: matched };
    return Promise.resolve(all ? [result] : result);
  }
  const refused = denied(hostname);
  if (refused) return Promise.reject(refused);
  return new Promise((resolvePromise, reject) => {
    resolve(hostname, family, hints, order, (err, list) => {
      if (err) reject(err);
      else resolvePromise(all ? list : list[0]);
    });
  });
}

function notImplemented(name) {
  return function() {
    throw nodeError(Error, 'ERR_METHOD_NOT_IMPLEMENTED', `The ${name} method is not implemented`);
  };
}
const queries = ['resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCaa', 'resolveCname', 'resolveMx',
  'resolveNaptr', 'resolveNs', 'resolvePtr', 'resolveSoa', 'resolveSrv', 'resolveTxt', 'reverse', 'lookupService'];
function Resolver() {
  throw nodeError(Error, 'ERR_METHOD_NOT_IMPLEMENTED', 'The Resolver method is not implemented');
}

const codes = {
  NODATA: 'ENODATA', FORMERR: 'EFORMERR', SERVFAIL: 'ESERVFAIL', NOTFOUND: 'ENOTFOUND', NOTIMP: 'ENOTIMP',
  REFUSED: 'EREFUSED', BADQUERY: 'EBADQUERY', BADNAME: 'EBADNAME', BADFAMILY: 'EBADFAMILY', BADRESP: 'EBADRESP',
  CONNREFUSED: 'ECONNREFUSED', TIMEOUT: 'ETIMEOUT', EOF: 'EOF', FILE: 'EFILE', NOMEM: 'ENOMEM',
  DESTRUCTION: 'EDESTRUCTION', BADSTR: 'EBADSTR', BADFLAGS: 'EBADFLAGS', NONAME: 'ENONAME', BADHINTS: 'EBADHINTS',
  NOTINITIALIZED: 'ENOTINITIALIZED', LOADIPHLPAPI: 'ELOADIPHLPAPI', ADDRGETNETWORKPARAMS: 'EADDRGETNETWORKPARAMS',
  CANCELLED: 'ECANCELLED',
};

function setDefaultResultOrder(order) {
  if (order !== 'ipv4first' && order !== 'verbatim' && order !== 'ipv6first') {
    throw invalidArgValue('dnsOrder', order, "must be one of: 'verbatim', 'ipv4first'");
  }
  defaultOrder = order;
}

const promises = { lookup: promisesLookup, Resolver, setDefaultResultOrder, getDefaultResultOrder: () => defaultOrder, ...codes };
const exported = {
  lookup, Resolver, promises, setDefaultResultOrder, getDefaultResultOrder: () => defaultOrder,
  ADDRCONFIG, V4MAPPED, ALL, ...codes,
  getServers: () => [],
  setServers: notImplemented('setServers'),
};
for (const q of queries) {
  exported[q] = notImplemented(q);
  promises[q] = notImplemented(q);
}
delete promises.lookupService;
promises.lookupService = notImplemented('lookupService');
return exported;
