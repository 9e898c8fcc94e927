// net.SocketAddress and net.BlockList. Addresses are parsed as inet_pton
// does and shown as inet_ntop does; rules compare 128-bit values with IPv4
// as IPv4-mapped IPv6 (::ffff:a.b.c.d), so an IPv4 rule also matches the
// mapped form of its address, as node's. Not provided: transfer between
// threads (structuredClone, postMessage).
'use strict';
const { nodeError, invalidArgType, invalidArgValue, outOfRange, validateObject } = shared;
const kCustom = Symbol.for('nodejs.util.inspect.custom');
const kDetail = Symbol('kDetail');
const kValue = Symbol('kValue');
const kRules = Symbol('kRules');

function validateString(value, name) {
  if (typeof value !== 'string') throw invalidArgType(name, 'string', value);
}
function validateIntRange(value, name, min, max) {
  if (typeof value !== 'number') throw invalidArgType(name, 'number', value);
  if (!Number.isInteger(value)) throw outOfRange(name, 'an integer', value);
  if (value < min || value > max) throw outOfRange(name, `>= ${min} && <= ${max}`, value);
}
function validatePort(port, name) {
  if ((typeof port !== 'number' && typeof port !== 'string') ||
      (typeof port === 'string' && port.trim().length === 0) ||
      +port !== (+port >>> 0) || port > 0xFFFF) {
    const shown = typeof port === 'number' || typeof port === 'string' ? `type ${typeof port} (${typeof port === 'string' ? `'${port}'` : port})` : `${port}`;
    throw nodeError(RangeError, 'ERR_SOCKET_BAD_PORT', `${name} should be >= 0 and < 65536. Received ${shown}.`);
  }
  return +port;
}

// inet_pton(AF_INET): four decimal octets, no leading zeros; a BigInt or null.
function parseIPv4(s) {
  const parts = s.split('.');
  if (parts.length !== 4) return null;
  let v = 0n;
  for (const p of parts) {
    if (!/^(0|[1-9]\d{0,2})$/.test(p) || +p > 255) return null;
    v = (v << 8n) | BigInt(p);
  }
  return v;
}

// inet_pton(AF_INET6): eight groups, one '::', an optional dotted IPv4 tail.
function parseIPv6(s) {
  const lastColon = s.lastIndexOf(':');
  if (lastColon !== -1 && s.slice(lastColon + 1).includes('.')) {
    const v4 = parseIPv4(s.slice(lastColon + 1));
    if (v4 === null) return null;
    s = `${s.slice(0, lastColon + 1)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const groups = (h) => (h === '' ? [] : h.split(':'));
  const head = groups(halves[0]);
  const rest = halves.length === 2 ? groups(halves[1]) : [];
  for (const g of head.concat(rest)) if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null;
  const count = head.length + rest.length;
  if (halves.length === 2 ? count > 7 : count !== 8) return null;
  const words = head.map((g) => parseInt(g, 16));
  for (let i = count; i < 8; i++) words.push(0);
  words.push(...rest.map((g) => parseInt(g, 16)));
  let v = 0n;
  for (const w of words) v = (v << 16n) | BigInt(w);
  return v;
}

// inet_ntop(AF_INET6) as glibc writes it.
function formatIPv6(v) {
  const words = [];
  for (let i = 7; i >= 0; i--) words.push(Number((v >> BigInt(i * 16)) & 0xffffn));
  let best = { base: -1, len: 0 };
  let cur = { base: -1, len: 0 };
  for (let i = 0; i < 8; i++) {
    if (words[i] === 0) {
      if (cur.base === -1) cur = { base: i, len: 1 };
      else cur.len++;
    } else if (cur.base !== -1) {
      if (best.base === -1 || cur.len > best.len) best = cur;
      cur = { base: -1, len: 0 };
    }
  }
  if (cur.base !== -1 && (best.base === -1 || cur.len > best.len)) best = cur;
  if (best.base !== -1 && best.len < 2) best = { base: -1, len: 0 };
  let out = '';
  for (let i = 0; i < 8; i++) {
    if (best.base !== -1 && i >= best.base && i < best.base + best.len) {
      if (i === best.base) out += ':';
      continue;
    }
    if (i !== 0) out += ':';
    if (i === 6 && best.base === 0 && (best.len === 6 || (best.len === 5 && words[5] === 0xffff))) {
      out += `${words[6] >> 8}.${words[6] & 0xff}.${words[7] >> 8}.${words[7] & 0xff}`;
      break;
    }
    out += words[i].toString(16);
  }
  if (best.base !== -1 && best.base + best.len === 8) out += ':';
  return out;
}

const MAPPED = 0xffffn << 32n;
const formatIPv4 = (v) => [24n, 16n, 8n, 0n].map((s) => Number((v >> s) & 0xffn)).join('.');

class SocketAddress {
  static isSocketAddress(value) {
    return value != null && value[kDetail] !== undefined;
  }

  constructor(options = {}) {
    validateObject(options, 'options');
    let { family = 'ipv4' } = options;
    const { address = (family === 'ipv4' ? '127.0.0.1' : '::'), port = 0, flowlabel = 0 } = options;
    if (typeof family?.toLowerCase === 'function') family = family.toLowerCase();
    if (family !== 'ipv4' && family !== 'ipv6') throw invalidArgValue('options.family', options.family);
    validateString(address, 'options.address');
    const portNumber = validatePort(port, 'options.port');
    validateIntRange(flowlabel, 'options.flowlabel', 0, 4294967295);
    const parsed = family === 'ipv4' ? parseIPv4(address) : parseIPv6(address);
    if (parsed === null) throw nodeError(Error, 'ERR_INVALID_ADDRESS', 'Invalid socket address');
    this[kValue] = family === 'ipv4' ? MAPPED | parsed : parsed;
    this[kDetail] = {
      address: family === 'ipv4' ? formatIPv4(parsed) : formatIPv6(parsed),
      port: portNumber,
      family,
      flowlabel: family === 'ipv6' ? flowlabel : 0,
    };
  }

  get address() { return this[kDetail].address; }

  get port() { return this[kDetail].port; }

  get family() { return this[kDetail].family; }

  get flowlabel() { return this[kDetail].flowlabel; }

  toJSON() {
    const { address, port, family, flowlabel } = this[kDetail];
    return { address, port, family, flowlabel };
  }

  [kCustom](depth, options, inspect) {
    if (depth < 0) return this;
    const opts = { ...options, depth: options.depth == null ? null : options.depth - 1 };
    return `SocketAddress ${(inspect || shared.requireBuiltin('util').inspect)(this.toJSON(), opts)}`;
  }
}
Object.defineProperty(SocketAddress.prototype, kCustom, { enumerable: false });

const label = (a) => (a.family === 'ipv4' ? 'IPv4' : 'IPv6');

function toAddress(value, family, name) {
  if (SocketAddress.isSocketAddress(value)) return value;
  validateString(value, name);
  validateString(family, 'family');
  return new SocketAddress({ address: value, family });
}

class BlockList {
  constructor() {
    this[kRules] = [];
  }

  addAddress(address, family = 'ipv4') {
    const a = toAddress(address, family, 'address');
    const v = a[kValue];
    this[kRules].unshift({ text: `Address: ${label(a)} ${a.address}`, test: (x) => x === v });
  }

  addRange(start, end, family = 'ipv4') {
    const s = toAddress(start, family, 'start');
    const e = toAddress(end, family, 'end');
    if (s[kValue] > e[kValue]) throw invalidArgValue('start', s, 'must come before end');
    const lo = s[kValue];
    const hi = e[kValue];
    this[kRules].unshift({ text: `Range: ${label(s)} ${s.address}-${e.address}`, test: (x) => x >= lo && x <= hi });
  }

  addSubnet(network, prefix, family = 'ipv4') {
    const n = toAddress(network, family, 'network');
    const v4 = n.family === 'ipv4';
    validateIntRange(prefix, 'prefix', 0, v4 ? 32 : 128);
    const bits = BigInt((v4 ? 96 : 0) + prefix);
    const shift = 128n - bits;
    const base = n[kValue] >> shift;
    this[kRules].unshift({ text: `Subnet: ${label(n)} ${n.address}/${prefix}`, test: (x) => (x >> shift) === base });
  }

  check(address, family = 'ipv4') {
    if (!SocketAddress.isSocketAddress(address)) {
      validateString(address, 'address');
      validateString(family, 'family');
      try {
        address = new SocketAddress({ address, family });
      } catch {
        return false;
      }
    }
    const v = address[kValue];
    return this[kRules].some((r) => r.test(v));
  }

  get rules() {
    return this[kRules].map((r) => r.text);
  }

  [kCustom](depth, options, inspect) {
    if (depth < 0) return this;
    const opts = { ...options, depth: options.depth == null ? null : options.depth - 1 };
    return `BlockList ${(inspect || shared.requireBuiltin('util').inspect)({ rules: this.rules }, opts)}`;
  }
}
Object.defineProperty(BlockList.prototype, kCustom, { enumerable: false });

return { BlockList, SocketAddress };
