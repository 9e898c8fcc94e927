// `url`: WHATWG `URL`/`URLSearchParams` (parsing and setters in Rust, the
// `url` crate), file URL helpers, and the legacy `url.parse`/`resolve`/
// `format` for the common cases.
'use strict';
const { nodeError, invalidArgType, missingArgs } = shared;
const kInspect = Symbol.for('nodejs.util.inspect.custom');
const SETTER = { protocol: 0, username: 1, password: 2, host: 3, hostname: 4, port: 5, pathname: 6, search: 7, hash: 8, href: 9 };
const SPECIAL_ORIGIN = new Set(['http:', 'https:', 'ws:', 'wss:', 'ftp:']);
// A USVString conversion (lone surrogates become U+FFFD on the native
// side); a symbol throws with V8's words, which node tests.
function toUSV(v) {
  if (typeof v === 'symbol') throw new TypeError('Cannot convert a Symbol value to a string');
  return `${v}`;
}

function invalidUrl(input, base) {
  const e = nodeError(TypeError, 'ERR_INVALID_URL', 'Invalid URL');
  e.input = input;
  if (base !== undefined) e.base = base;
  return e;
}

function missing(...names) {
  if (names.length === 1) return missingArgs(names[0]);
  return nodeError(TypeError, 'ERR_MISSING_ARGS', `The ${names.map((n) => `"${n}"`).join(' and ')} arguments must be specified`);
}

let paramsOf; // (URLSearchParams, flat list) => void, from URLSearchParams
let newParams; // (URL, query) => URLSearchParams linked to the URL
let listOf; // (URLSearchParams) => its flat list
let parsed = null; // URL.parse's components for the constructor it calls

class URL {
  // #c: [href, schemeEnd, userStart, userEnd, passStart, passEnd, hostStart,
  // hostEnd, port, pathStart, queryStart, fragmentStart] (see url.rs).
  #c;
  #params;

  // A rest parameter: reading `arguments` would make an object per call.
  constructor(...args) {
    if (parsed !== null) {
      this.#c = parsed;
      parsed = null;
      return;
    }
    if (args.length === 0) throw missing('url');
    let input = args[0];
    let base = args[1];
    if (typeof input !== 'string') input = toUSV(input);
    if (base !== undefined && typeof base !== 'string') base = toUSV(base);
    const c = host.urlParse(input, base);
    if (c === null) throw invalidUrl(input, base);
    this.#c = c;
  }

  static canParse(input, base = undefined) {
    if (arguments.length === 0) throw missing('url');
    return host.urlCanParse(toUSV(input), base === undefined ? undefined : toUSV(base));
  }

  static parse(input, base = undefined) {
    if (arguments.length === 0) throw missing('url');
    input = toUSV(input);
    if (base !== undefined) base = toUSV(base);
    const c = host.urlParse(input, base);
    if (c === null) return null;
    parsed = c;
    return new URL();
  }

  static createObjectURL(obj) {
    if (!shared.isBlob?.(obj)) throw invalidArgType('obj', 'Blob', obj);
    const id = shared.webcrypto.randomUUID();
    objectURLs().set(id, obj);
    return `blob:nodedata:${id}`;
  }

  static revokeObjectURL(url) {
    if (arguments.length === 0) throw missing('url');
    const id = objectURLId(`${url}`);
    if (id !== undefined) objectURLs().delete(id);
  }

  #set(which, value) {
    const c = host.urlSet(this.#c[0], which, toUSV(value));
    if (c === null) throw invalidUrl(toUSV(value));
    this.#c = c;
    if (this.#params !== undefined && (which === SETTER.search || which === SETTER.href)) {
      paramsOf(this.#params, host.formParse(this.#query()));
    }
  }

  #query() {
    const c = this.#c;
    if (c[10] < 0) return '';
    return c[0].slice(c[10], c[11] < 0 ? c[0].length : c[11] - 1);
  }

  static {
    URL.updateFromParams = (url, query) => {
      const c = host.urlSet(url.#c[0], SETTER.search, query);
      url.#c = c;
    };
  }

  get href() { return this.#c[0]; }
  set href(v) { this.#set(SETTER.href, v); }
  get origin() {
    const protocol = this.protocol;
    if (SPECIAL_ORIGIN.has(protocol)) return `${protocol}//${this.host}`;
    if (protocol === 'blob:') return host.urlOrigin(this.#c[0]);
    return 'null';
  }
  get protocol() { return this.#c[0].slice(0, this.#c[1] + 1); }
  set protocol(v) { this.#set(SETTER.protocol, v); }
  get username() { const c = this.#c; return c[0].slice(c[2], c[3]); }
  set username(v) { this.#set(SETTER.username, v); }
  get password() { const c = this.#c; return c[4] < 0 ? '' : c[0].slice(c[4], c[5]); }
  set password(v) { this.#set(SETTER.password, v); }
  get host() {
    const c = this.#c;
    if (c[6] < 0) return '';
    const name = c[0].slice(c[6], c[7]);
    return c[8] < 0 ? name : `${name}:${c[8]}`;
  }
  set host(v) { this.#set(SETTER.host, v); }
  get hostname() { const c = this.#c; return c[6] < 0 ? '' : c[0].slice(c[6], c[7]); }
  set hostname(v) { this.#set(SETTER.hostname, v); }
  get port() { const c = this.#c; return c[8] < 0 ? '' : `${c[8]}`; }
  set port(v) { this.#set(SETTER.port, v); }
  get pathname() {
    const c = this.#c;
    const end = c[10] >= 0 ? c[10] - 1 : c[11] >= 0 ? c[11] - 1 : c[0].length;
    return c[0].slice(c[9], end);
  }
  set pathname(v) { this.#set(SETTER.pathname, v); }
  get search() { const q = this.#query(); return q === '' ? '' : `?${q}`; }
  set search(v) { this.#set(SETTER.search, v); }
  get searchParams() {
    if (this.#params === undefined) this.#params = newParams(this, this.#query());
    return this.#params;
  }
  get hash() {
    const c = this.#c;
    return c[11] < 0 || c[11] === c[0].length ? '' : c[0].slice(c[11] - 1);
  }
  set hash(v) { this.#set(SETTER.hash, v); }
  toString() { return this.#c[0]; }
  toJSON() { return this.#c[0]; }

  [kInspect](depth, opts) {
    const inspect = arguments[2];
    if (typeof depth === 'number' && depth < 0) return this;
    const ctor = this.constructor;
    const obj = { __proto__: { constructor: ctor } };
    for (const k of ['href', 'origin', 'protocol', 'username', 'password', 'host', 'hostname', 'port', 'pathname',
      'search', 'searchParams', 'hash']) obj[k] = this[k];
    return (inspect || util.inspect)(obj, opts);
  }
}
const updateFromParams = URL.updateFromParams;
delete URL.updateFromParams;
for (const k of ['toString', 'href', 'origin', 'protocol', 'username', 'password', 'host', 'hostname', 'port', 'pathname',
  'search', 'searchParams', 'hash', 'toJSON']) {
  Object.defineProperty(URL.prototype, k, { enumerable: true });
}
Object.defineProperty(URL.prototype, Symbol.toStringTag, { value: 'URL', configurable: true });
Object.defineProperty(URL, 'length', { value: 1, configurable: true });
for (const k of ['canParse', 'parse', 'createObjectURL', 'revokeObjectURL']) Object.defineProperty(URL, k, { enumerable: true });

// The Blobs URL.createObjectURL registered, by id (shared with
// buffer.resolveObjectURL).
function objectURLs() {
  shared.objectURLs ??= new Map();
  return shared.objectURLs;
}
// The id of a `blob:nodedata:<id>` URL, or undefined.
function objectURLId(url) {
  const u = URL.parse(url);
  if (u === null || u.protocol !== 'blob:') return undefined;
  const split = u.pathname.split(':');
  return split.length === 2 && split[0] === 'nodedata' ? split[1] : undefined;
}
shared.objectURLId = objectURLId;

// ---- URLSearchParams -------------------------------------------------------------
class URLSearchParams {
  #list = []; // flat [name, value, ...]
  #url = null;

  constructor(init = undefined) {
    if (init === undefined || init === null) return;
    if (typeof init === 'object' || typeof init === 'function') {
      const method = init[Symbol.iterator];
      if (method === this[Symbol.iterator] && init instanceof URLSearchParams) {
        this.#list = init.#list.slice();
      } else if (method != null) {
        if (typeof method !== 'function') throw nodeError(TypeError, 'ERR_ARG_NOT_ITERABLE', 'Query pairs must be iterable');
        for (const pair of init) {
          if (pair === null || (typeof pair !== 'object' && typeof pair !== 'function') || typeof pair[Symbol.iterator] !== 'function') {
            throw nodeError(TypeError, 'ERR_INVALID_TUPLE', 'Each query pair must be an iterable [name, value] tuple');
          }
          const kv = [...pair];
          if (kv.length !== 2) throw nodeError(TypeError, 'ERR_INVALID_TUPLE', 'Each query pair must be an iterable [name, value] tuple');
          this.#list.push(toUSV(kv[0]), toUSV(kv[1]));
        }
      } else {
        for (const key of Reflect.ownKeys(init)) {
          const d = Reflect.getOwnPropertyDescriptor(init, key);
          if (d !== undefined && d.enumerable) this.#list.push(toUSV(key), toUSV(init[key]));
        }
      }
      return;
    }
    let s = toUSV(init);
    if (s[0] === '?') s = s.slice(1);
    this.#list = host.formParse(s);
  }

  static {
    paramsOf = (p, list) => { p.#list = list; };
    newParams = (url, query) => {
      const p = new URLSearchParams();
      p.#list = host.formParse(query);
      p.#url = url;
      return p;
    };
  }

  #update() {
    if (this.#url !== null) updateFromParams(this.#url, this.toString());
  }

  static #check(self) {
    if (self === null || typeof self !== 'object' || !(#list in self)) {
      throw nodeError(TypeError, 'ERR_INVALID_THIS', 'Value of "this" must be of type URLSearchParams');
    }
  }

  get size() { URLSearchParams.#check(this); return this.#list.length / 2; }

  append(name, value) {
    URLSearchParams.#check(this);
    if (arguments.length < 2) throw missing('name', 'value');
    this.#list.push(toUSV(name), toUSV(value));
    this.#update();
  }

  delete(name, value = undefined) {
    URLSearchParams.#check(this);
    if (arguments.length < 1) throw missing('name');
    name = toUSV(name);
    const list = this.#list;
    const out = [];
    if (value === undefined) {
      for (let i = 0; i < list.length; i += 2) if (list[i] !== name) out.push(list[i], list[i + 1]);
    } else {
      value = toUSV(value);
      for (let i = 0; i < list.length; i += 2) if (list[i] !== name || list[i + 1] !== value) out.push(list[i], list[i + 1]);
    }
    this.#list = out;
    this.#update();
  }

  get(name) {
    URLSearchParams.#check(this);
    if (arguments.length < 1) throw missing('name');
    name = toUSV(name);
    const list = this.#list;
    for (let i = 0; i < list.length; i += 2) if (list[i] === name) return list[i + 1];
    return null;
  }

  getAll(name) {
    URLSearchParams.#check(this);
    if (arguments.length < 1) throw missing('name');
    name = toUSV(name);
    const list = this.#list;
    const out = [];
    for (let i = 0; i < list.length; i += 2) if (list[i] === name) out.push(list[i + 1]);
    return out;
  }

  has(name, value = undefined) {
    URLSearchParams.#check(this);
    if (arguments.length < 1) throw missing('name');
    name = toUSV(name);
    if (value !== undefined) value = toUSV(value);
    const list = this.#list;
    for (let i = 0; i < list.length; i += 2) {
      if (list[i] === name && (value === undefined || list[i + 1] === value)) return true;
    }
    return false;
  }

  set(name, value) {
    URLSearchParams.#check(this);
    if (arguments.length < 2) throw missing('name', 'value');
    name = toUSV(name);
    value = toUSV(value);
    const list = this.#list;
    const out = [];
    let found = false;
    for (let i = 0; i < list.length; i += 2) {
      if (list[i] !== name) out.push(list[i], list[i + 1]);
      else if (!found) { found = true; out.push(name, value); }
    }
    if (!found) out.push(name, value);
    this.#list = out;
    this.#update();
  }

  sort() {
    URLSearchParams.#check(this);
    const pairs = [];
    const list = this.#list;
    for (let i = 0; i < list.length; i += 2) pairs.push([list[i], list[i + 1]]);
    // Array.prototype.sort is stable; names compare by UTF-16 code units.
    pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    this.#list = pairs.flat();
    this.#update();
  }

  toString() {
    URLSearchParams.#check(this);
    const list = this.#list;
    let out = '';
    for (let i = 0; i < list.length; i += 2) {
      if (i > 0) out += '&';
      out += `${host.formEncode(list[i])}=${host.formEncode(list[i + 1])}`;
    }
    return out;
  }

  forEach(callback, thisArg = undefined) {
    URLSearchParams.#check(this);
    if (typeof callback !== 'function') throw invalidArgType('callback', 'function', callback);
    for (let i = 0; i < this.#list.length; i += 2) {
      callback.call(thisArg, this.#list[i + 1], this.#list[i], this);
    }
  }

  static {
    listOf = (p) => p.#list;
  }

  entries() { URLSearchParams.#check(this); return new ParamsIterator(this, 2); }
  keys() { URLSearchParams.#check(this); return new ParamsIterator(this, 0); }
  values() { URLSearchParams.#check(this); return new ParamsIterator(this, 1); }

  [kInspect](depth, opts) {
    const inspect = arguments[2];
    if (typeof depth === 'number' && depth < 0) return '[Object]';
    const show = inspect || util.inspect;
    const inner = { ...opts };
    if (typeof depth === 'number') inner.depth = depth - 1;
    const list = this.#list;
    const out = [];
    for (let i = 0; i < list.length; i += 2) out.push(`${show(list[i], inner)} => ${show(list[i + 1], inner)}`);
    const name = this.constructor.name;
    if (out.length === 0) return `${name} {}`;
    const length = out.reduce((n, s) => n + s.length + 2, -2);
    const breakLength = opts && typeof opts.breakLength === 'number' ? opts.breakLength : 80;
    if (length > breakLength) return `${name} {\n  ${out.join(',\n  ')} }`;
    return `${name} { ${out.join(', ')} }`;
  }
}
Object.defineProperty(URLSearchParams.prototype, Symbol.iterator, {
  value: URLSearchParams.prototype.entries, writable: true, configurable: true, enumerable: false,
});
for (const k of ['append', 'delete', 'get', 'getAll', 'has', 'set', 'size', 'sort', 'entries', 'forEach', 'keys', 'values', 'toString']) {
  Object.defineProperty(URLSearchParams.prototype, k, { enumerable: true });
}
Object.defineProperty(URLSearchParams.prototype, Symbol.toStringTag, { value: 'URLSearchParams', configurable: true });

// A live iterator over a URLSearchParams (kind 0: names, 1: values, 2: pairs).
class ParamsIterator {
  #params;
  #kind;
  #at = 0;

  constructor(params, kind) {
    this.#params = params;
    this.#kind = kind;
  }

  next() {
    if (this === null || typeof this !== 'object' || !(#at in this)) {
      throw nodeError(TypeError, 'ERR_INVALID_THIS', 'Value of "this" must be of type URLSearchParamsIterator');
    }
    const list = listOf(this.#params);
    const i = this.#at;
    if (i >= list.length) return { value: undefined, done: true };
    this.#at = i + 2;
    const kind = this.#kind;
    return { value: kind === 0 ? list[i] : kind === 1 ? list[i + 1] : [list[i], list[i + 1]], done: false };
  }
}
Object.setPrototypeOf(ParamsIterator.prototype, Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())));
Object.defineProperty(ParamsIterator.prototype, Symbol.toStringTag, { value: 'URLSearchParams Iterator', configurable: true });

// ---- file URLs, http options, domains ------------------------------------------
const isURL = (v) => v != null && typeof v.href === 'string' && typeof v.protocol === 'string' && v.auth === undefined && v.path === undefined;

function fileURLToPath(path) {
  if (typeof path === 'string') path = new URL(path);
  else if (!isURL(path)) throw invalidArgType('path', ['string', 'URL'], path);
  if (path.protocol !== 'file:') throw nodeError(TypeError, 'ERR_INVALID_URL_SCHEME', 'The URL must be of scheme file');
  if (path.hostname !== '') {
    throw nodeError(TypeError, 'ERR_INVALID_FILE_URL_HOST', `File URL host must be "localhost" or empty on ${shared.process.platform}`);
  }
  const pathname = path.pathname;
  if (/%2f/i.test(pathname)) throw nodeError(TypeError, 'ERR_INVALID_FILE_URL_PATH', 'File URL path must not include encoded / characters');
  return decodeURIComponent(pathname);
}

const PATH_ESCAPES = { '%': '%25', '\\': '%5C', '\n': '%0A', '\r': '%0D', '\t': '%09', '?': '%3F', '#': '%23' };
function pathToFileURL(filepath) {
  if (typeof filepath !== 'string') throw invalidArgType('path', 'string', filepath);
  let resolved = shared.requireBuiltin('path').resolve(filepath);
  if (filepath.endsWith('/') && resolved !== '/') resolved += '/';
  const url = new URL('file://');
  url.pathname = resolved.replace(/[%\\\n\r\t?#]/g, (c) => PATH_ESCAPES[c]);
  return url;
}

function urlToHttpOptions(url) {
  const { hostname, pathname, port, username, password, search } = url;
  const options = {
    __proto__: null,
    ...url,
    protocol: url.protocol,
    hostname: typeof hostname === 'string' && hostname.startsWith('[') ? hostname.slice(1, -1) : hostname,
    hash: url.hash,
    search,
    pathname,
    path: `${pathname || ''}${search || ''}`,
    href: url.href,
  };
  if (port !== '') options.port = Number(port);
  if (username || password) options.auth = `${decodeURIComponent(username)}:${decodeURIComponent(password)}`;
  return options;
}


// ---- the legacy API ----------------------------------------------------------------
// The legacy parser (`url.parse`): Node's lenient reading of a string into
// protocol, auth, host, path, query and hash; no normalisation.
const legacy = (() => {
  const slashedProtocol = new Set(['http', 'http:', 'https', 'https:', 'ftp', 'ftp:', 'gopher', 'gopher:', 'file', 'file:',
    'ws', 'ws:', 'wss', 'wss:']);
  const hostless = new Set(['javascript', 'javascript:']);
  const ESCAPES = { '\t': '%09', '\n': '%0A', '\r': '%0D', ' ': '%20', '"': '%22', "'": '%27', '<': '%3C', '>': '%3E',
    '\\': '%5C', '^': '%5E', '`': '%60', '{': '%7B', '|': '%7C', '}': '%7D' };
  const NON_HOST = '\t\n\r "%\';<>\\^`{|}';
  const querystring = () => shared.requireBuiltin('querystring');

  function Url() {
    this.protocol = null;
    this.slashes = null;
    this.auth = null;
    this.host = null;
    this.port = null;
    this.hostname = null;
    this.hash = null;
    this.search = null;
    this.query = null;
    this.pathname = null;
    this.path = null;
    this.href = null;
  }

  function parse(url, parseQueryString, slashesDenoteHost) {
    if (url instanceof Url) return url;
    const u = new Url();
    u.parse(url, parseQueryString, slashesDenoteHost);
    return u;
  }

  const validHostChar = (c) => /[A-Za-z0-9.+\-_]/.test(c) || c.charCodeAt(0) > 127;

  Url.prototype.parse = function parseInto(url, parseQueryString, slashesDenoteHost) {
    if (typeof url !== 'string') throw invalidArgType('url', 'string', url);
    let rest = url.trim();
    const end = rest.search(/[?#]/);
    const head = end === -1 ? rest : rest.slice(0, end);
    rest = head.replace(/\\/g, '/') + (end === -1 ? '' : rest.slice(end));

    let proto = /^[a-z0-9.+-]+:/i.exec(rest);
    let lowerProto;
    if (proto !== null) {
      proto = proto[0];
      lowerProto = proto.toLowerCase();
      this.protocol = lowerProto;
      rest = rest.slice(proto.length);
    }
    let slashes = false;
    if (slashesDenoteHost || proto || /^\/\/[^@/]+@[^@/]+/.test(rest)) {
      slashes = rest.startsWith('//');
      if (slashes && !(proto && hostless.has(lowerProto))) {
        rest = rest.slice(2);
        this.slashes = true;
      }
    }
    if (!hostless.has(lowerProto) && (slashes || (proto && !slashedProtocol.has(proto)))) {
      let atSign = -1;
      let nonHost = -1;
      for (let i = 0; i < rest.length; i++) {
        const c = rest[i];
        if (c === '#' || c === '/' || c === '?') {
          if (nonHost === -1) nonHost = i;
          break;
        } else if (c === '@') {
          atSign = i;
          nonHost = -1;
        } else if (NON_HOST.includes(c) && nonHost === -1) {
          nonHost = i;
        }
      }
      let start = 0;
      if (atSign !== -1) {
        this.auth = decodeURIComponent(rest.slice(0, atSign));
        start = atSign + 1;
      }
      let hostPart;
      if (nonHost === -1) {
        hostPart = rest.slice(start);
        rest = '';
      } else {
        hostPart = rest.slice(start, nonHost);
        rest = rest.slice(nonHost);
      }
      const port = /:[0-9]*$/.exec(hostPart);
      if (port !== null) {
        if (port[0] !== ':') this.port = port[0].slice(1);
        hostPart = hostPart.slice(0, hostPart.length - port[0].length);
      }
      if (hostPart) this.hostname = hostPart;
      let hostname = this.hostname || '';
      const ipv6 = hostname[0] === '[' && hostname[hostname.length - 1] === ']';
      if (!ipv6) {
        for (let i = 0; i < hostname.length; i++) {
          if (!validHostChar(hostname[i])) {
            this.hostname = hostname.slice(0, i);
            rest = `/${hostname.slice(i)}${rest}`;
            hostname = this.hostname;
            break;
          }
        }
      }
      this.hostname = hostname.length > 255 ? '' : hostname.toLowerCase();
      if (!ipv6 && /[^\x00-\x7f]/.test(this.hostname)) this.hostname = host.domainToASCII(this.hostname);
      this.host = (this.hostname || '') + (this.port ? `:${this.port}` : '');
      if (ipv6) {
        this.hostname = this.hostname.slice(1, -1);
        if (rest[0] !== '/') rest = `/${rest}`;
      }
    }
    if (!hostless.has(lowerProto)) rest = rest.replace(/[\t\n\r "'<>\\^`{|}]/g, (c) => ESCAPES[c]);

    const hash = rest.indexOf('#');
    if (hash !== -1) {
      this.hash = rest.slice(hash);
      rest = rest.slice(0, hash);
    }
    const q = rest.indexOf('?');
    if (q !== -1) {
      this.search = rest.slice(q);
      this.query = rest.slice(q + 1);
      if (parseQueryString) this.query = querystring().parse(this.query);
      rest = rest.slice(0, q);
    } else if (parseQueryString) {
      this.search = null;
      this.query = { __proto__: null };
    }
    if (rest !== '') this.pathname = rest;
    else if (slashedProtocol.has(lowerProto) && this.hostname) this.pathname = '/';
    if (this.pathname || this.search) this.path = `${this.pathname || ''}${this.search || ''}`;
    this.href = this.format();
    return this;
  };

  Url.prototype.format = function formatUrl() {
    let auth = this.auth || '';
    if (auth) auth = `${encodeURIComponent(auth).replace(/%3A/i, ':')}@`;
    let protocol = this.protocol || '';
    let pathname = this.pathname || '';
    let hash = this.hash || '';
    let hostPart = '';
    let query = '';
    if (this.host) {
      hostPart = auth + this.host;
    } else if (this.hostname) {
      const h = this.hostname;
      hostPart = auth + (h.includes(':') && !(h[0] === '[' && h.endsWith(']')) ? `[${h}]` : h);
      if (this.port) hostPart += `:${this.port}`;
    }
    if (this.query !== null && typeof this.query === 'object') query = querystring().stringify(this.query);
    let search = this.search || (query && `?${query}`) || '';
    if (protocol && !protocol.endsWith(':')) protocol += ':';
    pathname = pathname.replace(/[#?]/g, (c) => (c === '#' ? '%23' : '%3F'));
    if (this.slashes || slashedProtocol.has(protocol)) {
      if (this.slashes || hostPart) {
        if (pathname && pathname[0] !== '/') pathname = `/${pathname}`;
        hostPart = `//${hostPart}`;
      } else if (protocol.startsWith('file')) {
        hostPart = '//';
      }
    }
    search = search.replace(/#/g, '%23');
    if (hash && hash[0] !== '#') hash = `#${hash}`;
    if (search && search[0] !== '?') search = `?${search}`;
    return protocol + hostPart + pathname + search + hash;
  };

  // The path with '.' and '..' segments removed (a relative one keeps
  // leading '..'); a path ending in a dot segment keeps a trailing '/'.
  function removeDots(path) {
    const absolute = path[0] === '/';
    const segs = path.split('/');
    if (absolute) segs.shift();
    const out = [];
    for (let i = 0; i < segs.length; i++) {
      const seg = segs[i];
      const last = i === segs.length - 1;
      if (seg === '.' || seg === '..') {
        if (seg === '..') {
          if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
          else if (!absolute) out.push('..');
        }
        if (last) out.push('');
      } else {
        out.push(seg);
      }
    }
    return (absolute ? '/' : '') + out.join('/');
  }

  Url.prototype.resolveObject = function resolveObject(relative) {
    const rel = typeof relative === 'string' ? parse(relative, false, true) : relative;
    const result = new Url();
    Object.assign(result, this);
    result.hash = rel.hash;
    if (rel.href === '') {
      result.href = result.format();
      return result;
    }
    if ((rel.slashes && !rel.protocol) || (rel.protocol && rel.protocol !== result.protocol)) {
      for (const k of Object.keys(rel)) if (k !== 'protocol' || rel.protocol) result[k] = rel[k];
      if (slashedProtocol.has(result.protocol) && result.hostname && !result.pathname) result.pathname = '/';
      result.path = result.pathname || result.search ? `${result.pathname || ''}${result.search || ''}` : null;
      result.href = result.format();
      return result;
    }
    let path;
    if (rel.pathname) {
      if (rel.pathname[0] === '/') {
        path = rel.pathname;
      } else {
        const basePath = result.pathname || (result.host ? '/' : '');
        path = basePath.slice(0, basePath.lastIndexOf('/') + 1) + rel.pathname;
      }
      result.search = rel.search;
      result.query = rel.query;
    } else {
      path = result.pathname || '';
      if (rel.search !== null) {
        result.search = rel.search;
        result.query = rel.query;
      }
    }
    result.pathname = path === '' ? null : removeDots(path);
    result.path = result.pathname || result.search ? `${result.pathname || ''}${result.search || ''}` : null;
    result.href = result.format();
    return result;
  };

  Url.prototype.resolve = function resolveUrl(relative) {
    return this.resolveObject(parse(relative, false, true)).format();
  };

  function formatObject(obj) {
    if (typeof obj === 'string') return parse(obj).format();
    if (obj === null || typeof obj !== 'object') throw invalidArgType('urlObject', ['Object', 'string'], obj);
    return Url.prototype.format.call(obj);
  }

  return {
    Url,
    parse,
    format: formatObject,
    resolve: (source, relative) => parse(source, false, true).resolve(relative),
    resolveObject: (source, relative) => (source ? parse(source, false, true).resolveObject(relative) : relative),
  };
})();

function format(urlObject, options) {
  if (typeof urlObject === 'string') urlObject = legacy.parse(urlObject);
  else if (urlObject === null || (typeof urlObject !== 'object' && typeof urlObject !== 'function')) {
    throw invalidArgType('urlObject', ['Object', 'string'], urlObject);
  } else if (urlObject instanceof URL) {
    if (options !== undefined && (options === null || typeof options !== 'object')) throw invalidArgType('options', 'Object', options);
    const { auth = true, fragment = true, search = true, unicode = false } = options || {};
    let out = urlObject.protocol;
    if (urlObject.host !== '' || urlObject.href.startsWith(`${out}//`)) out += '//';
    if (auth && (urlObject.username || urlObject.password)) {
      out += urlObject.username;
      if (urlObject.password) out += `:${urlObject.password}`;
      out += '@';
    }
    out += unicode ? host.domainToUnicode(urlObject.hostname) : urlObject.hostname;
    if (urlObject.port) out += `:${urlObject.port}`;
    out += urlObject.pathname;
    if (search) out += urlObject.search;
    if (fragment) out += urlObject.hash;
    return out;
  }
  return legacy.format(urlObject);
}

return {
  Url: legacy.Url,
  parse: legacy.parse,
  resolve: legacy.resolve,
  resolveObject: legacy.resolveObject,
  format,
  URL,
  URLSearchParams,
  domainToASCII(domain) {
    if (arguments.length === 0) throw missing('domain');
    return host.domainToASCII(toUSV(domain));
  },
  domainToUnicode(domain) {
    if (arguments.length === 0) throw missing('domain');
    return host.domainToUnicode(toUSV(domain));
  },
  pathToFileURL,
  fileURLToPath,
  urlToHttpOptions,
};
