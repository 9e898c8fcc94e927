// Headers, Request, Response and their bodies, as Node 20's (undici's)
// globals: the same validation, messages, inspection and body rules.
// Not a module users can require: the globals load it.
'use strict';
const { Buffer } = shared.requireBuiltin('buffer');
const { ReadableStream } = shared.requireBuiltin('stream/web');
const { URL, URLSearchParams } = shared.requireBuiltin('url');
const webInternals = ReadableStream[Symbol.for('jsloop.webStreams')];
const kCustom = Symbol.for('nodejs.util.inspect.custom');
const S = Symbol('kState');
const kCreate = Symbol('kCreate');

// ---- Headers -----------------------------------------------------------------------------------
const tokenRe = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const badValueRe = /[\0\r\n]/;
const trimValue = (v) => v.replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '');
function byteString(v) { return `${v}`; }

class Headers {
  constructor(init = undefined) {
    this[S] = { map: new Map(), guard: 'none' };
    if (init === undefined) return;
    if (init === null || (typeof init !== 'object' && typeof init !== 'function')) {
      throw new TypeError('Headers constructor: Argument 1 could not be converted to one of: sequence<sequence<ByteString>>, record<ByteString, ByteString>.');
    }
    fillHeaders(this, init, 'Headers constructor');
  }
  append(name, value) {
    checkHeaders(this);
    appendHeader(this, name, value, 'Headers.append');
  }
  delete(name) {
    checkHeaders(this);
    name = byteString(name);
    if (!tokenRe.test(name)) throw new TypeError(`Headers.delete: "${name}" is an invalid header name.`);
    guardCheck(this);
    this[S].map.delete(name.toLowerCase());
  }
  get(name) {
    checkHeaders(this);
    name = byteString(name);
    if (!tokenRe.test(name)) throw new TypeError(`Headers.get: "${name}" is an invalid header name.`);
    const e = this[S].map.get(name.toLowerCase());
    return e === undefined ? null : e.values.join(', ');
  }
  getSetCookie() {
    checkHeaders(this);
    const e = this[S].map.get('set-cookie');
    return e === undefined ? [] : e.values.slice();
  }
  has(name) {
    checkHeaders(this);
    name = byteString(name);
    if (!tokenRe.test(name)) throw new TypeError(`Headers.has: "${name}" is an invalid header name.`);
    return this[S].map.has(name.toLowerCase());
  }
  set(name, value) {
    checkHeaders(this);
    name = byteString(name);
    value = trimValue(byteString(value));
    if (!tokenRe.test(name)) throw new TypeError(`Headers.set: "${name}" is an invalid header name.`);
    if (badValueRe.test(value)) throw new TypeError(`Headers.set: "${value}" is an invalid header value.`);
    guardCheck(this);
    const key = name.toLowerCase();
    const e = this[S].map.get(key);
    if (e) e.values = [value]; else this[S].map.set(key, { name, values: [value] });
  }
  forEach(callback, thisArg = undefined) {
    checkHeaders(this);
    if (typeof callback !== 'function') {
      throw new TypeError("Failed to execute 'forEach' on 'Headers': parameter 1 is not of type 'Function'.");
    }
    for (const [k, v] of sortedEntries(this)) Reflect.apply(callback, thisArg, [v, k, this]);
  }
  keys() { checkHeaders(this); return headersIterator(this, 0); }
  values() { checkHeaders(this); return headersIterator(this, 1); }
  entries() { checkHeaders(this); return headersIterator(this, 2); }
  [kCustom](depth, options) {
    const o = {};
    for (const e of this[S].map.values()) o[e.name] = e.values.join(', ');
    options.depth ??= depth;
    return `Headers ${util.inspect(o, options)}`;
  }
}
Headers.prototype[Symbol.iterator] = Headers.prototype.entries;
Object.defineProperty(Headers.prototype, Symbol.toStringTag, { value: 'Headers', configurable: true });

function checkHeaders(h) {
  if (h === null || typeof h !== 'object' || !(h instanceof Headers) || h[S] === undefined) throw shared.nodeError(TypeError, 'ERR_INVALID_THIS', 'Illegal invocation');
}
function guardCheck(h) {
  if (h[S].guard === 'immutable') throw new TypeError('immutable');
}
function appendHeader(h, name, value, who) {
  name = byteString(name);
  value = trimValue(byteString(value));
  if (!tokenRe.test(name)) throw new TypeError(`${who === 'Headers constructor' ? 'Headers.append' : who}: "${name}" is an invalid header name.`);
  if (badValueRe.test(value)) throw new TypeError(`${who === 'Headers constructor' ? 'Headers.append' : who}: "${value}" is an invalid header value.`);
  guardCheck(h);
  const key = name.toLowerCase();
  const e = h[S].map.get(key);
  if (e) e.values.push(value); else h[S].map.set(key, { name, values: [value] });
}
function fillHeaders(h, init, who) {
  if (init instanceof Headers) {
    for (const e of init[S].map.values()) for (const v of e.values) appendHeader(h, e.name, v, who);
    return;
  }
  if (typeof init[Symbol.iterator] === 'function') {
    for (const pair of init) {
      const list = typeof pair === 'string' || pair == null || typeof pair[Symbol.iterator] !== 'function' ? null : [...pair];
      if (list === null) throw new TypeError(`${who}: Argument 1 could not be converted to one of: sequence<sequence<ByteString>>, record<ByteString, ByteString>.`);
      if (list.length !== 2) throw new TypeError(`${who}: expected name/value pair to be length 2, found ${list.length}.`);
      appendHeader(h, list[0], list[1], who);
    }
    return;
  }
  for (const key of Reflect.ownKeys(init)) {
    const desc = Reflect.getOwnPropertyDescriptor(init, key);
    if (desc === undefined || !desc.enumerable) continue;
    if (typeof key === 'symbol') throw new TypeError('Cannot convert a Symbol value to a string');
    appendHeader(h, key, init[key], who);
  }
}
function sortedEntries(h) {
  const out = [];
  const keys = [...h[S].map.keys()].sort();
  for (const k of keys) {
    const e = h[S].map.get(k);
    if (k === 'set-cookie') for (const v of e.values) out.push([k, v]);
    else out.push([k, e.values.join(', ')]);
  }
  return out;
}
const IteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()));
const HeadersIteratorPrototype = Object.create(IteratorPrototype, {
  next: {
    value: function next() {
      const st = this[S];
      const entries = sortedEntries(st.headers);
      if (st.index >= entries.length) return { value: undefined, done: true };
      const [k, v] = entries[st.index++];
      return { value: st.kind === 0 ? k : st.kind === 1 ? v : [k, v], done: false };
    },
    writable: true, configurable: true, enumerable: true,
  },
  [Symbol.toStringTag]: { value: 'Headers Iterator', configurable: true },
});
function headersIterator(headers, kind) {
  const it = Object.create(HeadersIteratorPrototype);
  it[S] = { headers, kind, index: 0 };
  return it;
}
function headersFrom(init, guard) {
  const h = new Headers(init);
  h[S].guard = guard;
  return h;
}

// ---- bodies ---------------------------------------------------------------------------------------
const utf8 = new TextEncoder();
// body: { stream, source (Uint8Array | null), length (number | null) }
function bytesStream(bytes) {
  let done = false;
  return new ReadableStream({
    type: 'bytes',
    pull(c) {
      if (!done && bytes.byteLength > 0) c.enqueue(new Uint8Array(bytes));
      done = true;
      c.close();
      const req = c.byobRequest;
      if (req) req.respond(0);
    },
  });
}
// Returns [body, contentType].
function extractBody(object, keepalive = false) {
  let source = null;
  let type = null;
  let stream = null;
  if (typeof object === 'string') {
    source = utf8.encode(object);
    type = 'text/plain;charset=UTF-8';
  } else if (object instanceof URLSearchParams) {
    source = utf8.encode(object.toString());
    type = 'application/x-www-form-urlencoded;charset=UTF-8';
  } else if (object instanceof ArrayBuffer || (typeof SharedArrayBuffer === 'function' && object instanceof SharedArrayBuffer)) {
    source = new Uint8Array(object.slice(0));
  } else if (ArrayBuffer.isView(object)) {
    source = new Uint8Array(object.buffer.slice(object.byteOffset, object.byteOffset + object.byteLength));
  } else if (object instanceof formdata().FormData) {
    [source, type] = formdata().internals.encode(object);
  } else if (object instanceof Blob) {
    source = blobBytes(object);
    if (object.type) type = object.type;
  } else if (object instanceof ReadableStream) {
    if (keepalive) throw new TypeError('keepalive');
    if (webInternals.isDisturbed(object) || object.locked) throw new TypeError('Response body object should not be disturbed or locked');
    stream = object;
  } else {
    source = utf8.encode(`${object}`);
    type = 'text/plain;charset=UTF-8';
  }
  if (stream === null) stream = bytesStream(source);
  return [{ stream, source, length: source === null ? null : source.byteLength }, type];
}
function blobBytes(blob) {
  // Blob keeps its bytes behind a symbol of node:buffer; read them synchronously through slice's copy.
  const syms = Object.getOwnPropertySymbols(blob);
  for (const s of syms) {
    const v = blob[s];
    if (v instanceof Uint8Array) return new Uint8Array(v);
  }
  return new Uint8Array(0);
}
function bodyUnusable(body) {
  return body !== null && (webInternals.isDisturbed(body.stream) || body.stream.locked);
}
async function consumeBody(self, name) {
  const st = self[S];
  if (bodyUnusable(st.body)) throw new TypeError('Body is unusable: Body has already been read');
  if (st.body === null) return new Uint8Array(0);
  const reader = st.body.stream.getReader();
  const chunks = [];
  let total = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    if (!(value instanceof Uint8Array)) throw new TypeError('Received non-Uint8Array chunk');
    chunks.push(value);
    total += value.byteLength;
  }
  const out = new Uint8Array(total);
  let off = 0;
  for (const c of chunks) { out.set(c, off); off += c.byteLength; }
  return out;
}
const decoder = () => new TextDecoder();
function mimeOf(self) {
  const ct = self[S].headers.get('content-type');
  return ct === null ? '' : ct;
}
const bodyMixin = {
  get body() { return checkBody(this)[S].body === null ? null : this[S].body.stream; },
  get bodyUsed() { checkBody(this); return this[S].body !== null && webInternals.isDisturbed(this[S].body.stream); },
  arrayBuffer() {
    return withBody(this, (bytes) => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  },
  blob() { return withBody(this, (bytes) => new Blob([bytes], { type: mimeOf(this) })); },
  text() { return withBody(this, (bytes) => decoder().decode(bytes)); },
  json() { return withBody(this, (bytes) => JSON.parse(decoder().decode(bytes))); },
  formData() {
    return withBody(this, (bytes) => formdata().internals.parse(bytes, this[S].headers.get('content-type')));
  },
};
const formdata = () => shared.requireBuiltin('internal/formdata');
function checkBody(self) {
  if (self === null || typeof self !== 'object' || self[S] === undefined || !(self instanceof Request || self instanceof Response)) throw shared.nodeError(TypeError, 'ERR_INVALID_THIS', 'Illegal invocation');
  return self;
}
function withBody(self, convert) {
  try { checkBody(self); } catch (e) { return Promise.reject(e); }
  return consumeBody(self).then(convert);
}
function mixBody(C) {
  for (const k of Object.keys(bodyMixin)) {
    const desc = Object.getOwnPropertyDescriptor(bodyMixin, k);
    desc.enumerable = true;
    Object.defineProperty(C.prototype, k, desc);
  }
}
function cloneBody(body) {
  if (body === null) return null;
  const [a, b] = body.stream.tee();
  body.stream = a;
  return { stream: b, source: body.source, length: body.length };
}

// ---- Response -------------------------------------------------------------------------------------
const nullBodyStatus = [101, 103, 204, 205, 304];
const redirectStatus = [301, 302, 303, 307, 308];
const reasonRe = /^[\t\x20-\x7e\x80-\xff]*$/;

class Response {
  constructor(body = null, init = {}) {
    if (body === kCreate) { this[S] = init; return; }
    if (init !== undefined && init !== null && typeof init !== 'object' && typeof init !== 'function') {
      throw new TypeError("Response constructor: Expected init to be a dictionary.");
    }
    this[S] = { type: 'default', status: 200, statusText: '', urlList: [], headers: headersFrom(undefined, 'response'), body: null };
    let extracted = null;
    if (body !== null && body !== undefined) extracted = extractBody(body);
    initializeResponse(this, init ?? {}, extracted);
  }
  static error() {
    return makeResponse({ type: 'error', status: 0, statusText: '', urlList: [], headers: headersFrom(undefined, 'immutable'), body: null });
  }
  static json(data = undefined, init = {}) {
    const text = JSON.stringify(data);
    if (text === undefined) throw new TypeError('Value is not JSON serializable');
    const r = makeResponse({ type: 'default', status: 200, statusText: '', urlList: [], headers: headersFrom(undefined, 'response'), body: null });
    initializeResponse(r, init ?? {}, extractBody(text), 'application/json');
    return r;
  }
  static redirect(url, status = 302) {
    let parsed;
    try { parsed = new URL(`${url}`); } catch (err) { throw new TypeError(`Failed to parse URL from ${url}`, { cause: err }); }
    status = Number(status);
    if (!redirectStatus.includes(status)) throw new RangeError(`Invalid status code ${status}`);
    const r = makeResponse({ type: 'default', status, statusText: '', urlList: [], headers: headersFrom(undefined, 'immutable'), body: null });
    r[S].headers[S].map.set('location', { name: 'location', values: [parsed.href] });
    return r;
  }
  get type() { return checkResponse(this).type; }
  get url() {
    const urls = checkResponse(this).urlList;
    if (urls.length === 0) return '';
    const u = new URL(urls[urls.length - 1]);
    u.hash = '';
    return u.href;
  }
  get redirected() { return checkResponse(this).urlList.length > 1; }
  get status() { return checkResponse(this).status; }
  get ok() { const s = checkResponse(this).status; return s >= 200 && s <= 299; }
  get statusText() { return checkResponse(this).statusText; }
  get headers() { return checkResponse(this).headers; }
  clone() {
    const st = checkResponse(this);
    if (bodyUnusable(st.body)) throw new TypeError('Response.clone: Body has already been consumed.');
    const headers = headersFrom(st.headers, st.headers[S].guard);
    return makeResponse({ ...st, urlList: st.urlList.slice(), headers, body: cloneBody(st.body) });
  }
  [kCustom](depth, options) {
    options.depth ??= depth;
    return `Response ${util.inspect({
      status: this.status, statusText: this.statusText, headers: this.headers, body: this.body, bodyUsed: this.bodyUsed,
      ok: this.ok, redirected: this.redirected, type: this.type, url: this.url,
    }, options)}`;
  }
}
mixBody(Response);
for (const k of ['type', 'url', 'redirected', 'status', 'ok', 'statusText', 'headers', 'clone']) {
  Object.defineProperty(Response.prototype, k, { enumerable: true });
}
Object.defineProperty(Response.prototype, Symbol.toStringTag, { value: 'Response', configurable: true });
function makeResponse(state) {
  return new Response(kCreate, state);
}
function checkResponse(r) {
  if (r === null || typeof r !== 'object' || !(r instanceof Response) || r[S] === undefined) throw shared.nodeError(TypeError, 'ERR_INVALID_THIS', 'Illegal invocation');
  return r[S];
}
function initializeResponse(r, init, extracted, forcedType = null) {
  const st = r[S];
  if (init.status !== undefined) {
    const status = Number(init.status);
    if (!(status >= 200 && status <= 599)) throw new RangeError('init["status"] must be in the range of 200 to 599, inclusive.');
    st.status = Math.trunc(status);
  }
  if (init.statusText !== undefined) {
    const text = `${init.statusText}`;
    if (!reasonRe.test(text)) throw new TypeError('Invalid statusText');
    st.statusText = text;
  }
  if (init.headers !== undefined) fillHeaders(st.headers, init.headers, 'Headers constructor');
  if (extracted !== null) {
    if (nullBodyStatus.includes(st.status)) throw new TypeError(`Response constructor: Invalid response status code ${st.status}`);
    const [body, type] = extracted;
    st.body = body;
    const ct = forcedType ?? type;
    if (ct !== null && !st.headers[S].map.has('content-type')) st.headers.append('content-type', ct);
  }
}

// ---- Request ---------------------------------------------------------------------------------------
const forbiddenMethods = ['CONNECT', 'TRACE', 'TRACK'];
const normalMethods = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT'];
const enums = {
  mode: ['navigate', 'same-origin', 'no-cors', 'cors'],
  credentials: ['omit', 'same-origin', 'include'],
  cache: ['default', 'no-store', 'reload', 'no-cache', 'force-cache', 'only-if-cached'],
  redirect: ['follow', 'manual', 'error'],
  duplex: ['half'],
};

class Request {
  constructor(input, init = {}) {
    if (arguments.length < 1) throw new TypeError('Request constructor: 1 argument required, but 0 found.');
    if (init !== undefined && init !== null && typeof init !== 'object' && typeof init !== 'function') {
      throw new TypeError("Request constructor: Expected init to be a dictionary.");
    }
    init ??= {};
    let base;
    if (input instanceof Request) {
      base = input[S];
    } else {
      let url;
      try { url = new URL(`${input}`); } catch (err) { throw new TypeError(`Failed to parse URL from ${input}`, { cause: err }); }
      if (url.username || url.password) throw new TypeError(`Request cannot be constructed from a URL that includes credentials: ${input}`);
      base = {
        method: 'GET', url: url.href, headers: null, redirect: 'follow', mode: 'cors', credentials: 'same-origin', cache: 'default',
        referrer: 'about:client', referrerPolicy: '', integrity: '', keepalive: false, body: null, signal: null, duplex: 'half',
      };
    }
    const st = { ...base, urlList: [base.url] };
    for (const k of Object.keys(enums)) {
      if (init[k] !== undefined) {
        const v = `${init[k]}`;
        if (!enums[k].includes(v)) {
          throw new TypeError(`Request constructor: ${v} is not an accepted type. Expected one of ${enums[k].join(', ')}.`);
        }
        st[k] = v;
      }
    }
    if (init.mode === 'navigate') throw new TypeError("Request constructor: invalid request mode navigate.");
    if (init.integrity !== undefined) st.integrity = `${init.integrity}`;
    if (init.keepalive !== undefined) st.keepalive = Boolean(init.keepalive);
    if (init.referrer !== undefined) st.referrer = `${init.referrer}` === '' ? 'no-referrer' : `${init.referrer}`;
    if (init.referrerPolicy !== undefined) st.referrerPolicy = `${init.referrerPolicy}`;
    if (init.method !== undefined) {
      const m = `${init.method}`;
      if (!tokenRe.test(m)) throw new TypeError(`'${m}' is not a valid HTTP method.`);
      const upper = m.toUpperCase();
      if (forbiddenMethods.includes(upper)) throw new TypeError(`'${m}' HTTP method is unsupported.`);
      st.method = normalMethods.includes(upper) ? upper : m;
    }
    let signal = base.signal?.[S] ?? null;
    if (init.signal !== undefined) {
      if (init.signal !== null && !(init.signal instanceof AbortSignal)) {
        throw new TypeError("Failed to construct 'Request': member signal is not of type AbortSignal.");
      }
      signal = init.signal;
    }
    const ac = new AbortController();
    if (signal) {
      if (signal.aborted) ac.abort(signal.reason);
      else signal.addEventListener('abort', () => ac.abort(signal.reason), { once: true });
    }
    st.signal = { [S]: ac.signal };
    st.signalObject = ac.signal;
    st.headers = headersFrom(init.headers !== undefined ? init.headers : base.headers ?? undefined, 'request');
    const inputBody = input instanceof Request ? base.body : null;
    if ((init.body != null || inputBody !== null) && (st.method === 'GET' || st.method === 'HEAD')) {
      throw new TypeError('Request with GET/HEAD method cannot have body.');
    }
    let body = inputBody;
    if (init.body != null) {
      const [extracted, type] = extractBody(init.body, st.keepalive);
      body = extracted;
      if (type !== null && !st.headers[S].map.has('content-type')) st.headers.append('content-type', type);
    }
    if (body !== null && body.source === null) {
      if (init.body != null && init.duplex === undefined) throw new TypeError('RequestInit: duplex option is required when sending a body.');
    }
    if (inputBody !== null && init.body == null) {
      if (bodyUnusable(inputBody)) throw new TypeError('Cannot construct a Request with a Request object that has already been used.');
      const [a] = [inputBody];
      body = a;
      input[S].body = { ...inputBody, stream: new ReadableStream({ start(c) { c.close(); } }) };
      input[S].body.stream.getReader().read();
    }
    st.body = body;
    this[S] = st;
  }
  get method() { return checkRequest(this).method; }
  get url() { return checkRequest(this).url; }
  get headers() { return checkRequest(this).headers; }
  get destination() { checkRequest(this); return ''; }
  get referrer() {
    const r = checkRequest(this).referrer;
    return r === 'no-referrer' ? '' : r === 'client' ? 'about:client' : r;
  }
  get referrerPolicy() { return checkRequest(this).referrerPolicy; }
  get mode() { return checkRequest(this).mode; }
  get credentials() { return checkRequest(this).credentials; }
  get cache() { return checkRequest(this).cache; }
  get redirect() { return checkRequest(this).redirect; }
  get integrity() { return checkRequest(this).integrity; }
  get keepalive() { return checkRequest(this).keepalive; }
  get isReloadNavigation() { checkRequest(this); return false; }
  get isHistoryNavigation() { checkRequest(this); return false; }
  get signal() { return checkRequest(this).signalObject; }
  get duplex() { checkRequest(this); return 'half'; }
  clone() {
    const st = checkRequest(this);
    if (bodyUnusable(st.body)) throw new TypeError('Request.clone: Body has already been consumed.');
    const copy = Object.create(Request.prototype);
    const ac = new AbortController();
    const signal = st.signalObject;
    if (signal.aborted) ac.abort(signal.reason);
    else signal.addEventListener('abort', () => ac.abort(signal.reason), { once: true });
    copy[S] = { ...st, headers: headersFrom(st.headers, st.headers[S].guard), body: cloneBody(st.body), signal: { [S]: ac.signal }, signalObject: ac.signal };
    return copy;
  }
  [kCustom](depth, options) {
    options.depth ??= depth;
    return `Request ${util.inspect({
      method: this.method, url: this.url, headers: this.headers, destination: this.destination, referrer: this.referrer,
      referrerPolicy: this.referrerPolicy, mode: this.mode, credentials: this.credentials, cache: this.cache,
      redirect: this.redirect, integrity: this.integrity, keepalive: this.keepalive,
      isReloadNavigation: this.isReloadNavigation, isHistoryNavigation: this.isHistoryNavigation, signal: this.signal,
    }, options)}`;
  }
}
mixBody(Request);
for (const k of ['method', 'url', 'headers', 'destination', 'referrer', 'referrerPolicy', 'mode', 'credentials', 'cache',
  'redirect', 'integrity', 'keepalive', 'isReloadNavigation', 'isHistoryNavigation', 'signal', 'duplex', 'clone']) {
  Object.defineProperty(Request.prototype, k, { enumerable: true });
}
Object.defineProperty(Request.prototype, Symbol.toStringTag, { value: 'Request', configurable: true });
function checkRequest(r) {
  if (r === null || typeof r !== 'object' || !(r instanceof Request) || r[S] === undefined) throw shared.nodeError(TypeError, 'ERR_INVALID_THIS', 'Illegal invocation');
  return r[S];
}

// ---- fetch ------------------------------------------------------------------------------------------
const kMaxRedirects = 20;
const fetchFailed = (cause) => new TypeError('fetch failed', { cause });
function abortReason(signal) {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}
function dataUrlResponse(url) {
  // data:[<mediatype>][;base64],<data>
  const href = url.href;
  const comma = href.indexOf(',');
  if (comma < 0) throw fetchFailed(new TypeError('invalid data: URL'));
  let meta = href.slice(5, comma).trim();
  let data = href.slice(comma + 1);
  const hash = data.indexOf('#');
  if (hash >= 0) data = data.slice(0, hash);
  let base64 = false;
  if (/;\s*base64$/i.test(meta)) { base64 = true; meta = meta.replace(/;\s*base64$/i, ''); }
  const bytes = base64
    ? new Uint8Array(Buffer.from(decodeURIComponent(data).replace(/[\t\n\f\r ]/g, ''), 'base64'))
    : new Uint8Array(Buffer.from(percentDecode(data), 'latin1'));
  let type = meta === '' || meta.startsWith(';') ? `text/plain${meta === '' ? ';charset=US-ASCII' : meta}` : meta;
  type = type.replace(/\s+/g, '');
  const headers = headersFrom(undefined, 'immutable');
  headers[S].map.set('content-type', { name: 'content-type', values: [type] });
  return makeResponse({ type: 'basic', status: 200, statusText: 'OK', urlList: [href], headers, body: { stream: bytesStream(bytes), source: bytes, length: bytes.byteLength } });
}
// A `blob:` URL of URL.createObjectURL: GET only, one `range` as undici
// reads it (its end taken as exclusive when slicing, as undici does).
function blobUrlResponse(url, method, headers) {
  if (url.search !== '') throw fetchFailed(new Error('NetworkError when attempting to fetch resource.'));
  const blob = shared.requireBuiltin('buffer').resolveObjectURL(url.href);
  if (method !== 'GET' || blob === undefined) throw fetchFailed(new Error('invalid method'));
  const out = headersFrom(undefined, 'immutable');
  const set = (name, value) => out[S].map.set(name, { name, values: [value] });
  const range = headers[S].map.get('range');
  let bytes;
  if (range === undefined) {
    bytes = blob;
    set('content-length', `${blob.size}`);
    set('content-type', blob.type);
    return makeResponse({ type: 'basic', status: 200, statusText: 'OK', urlList: [url.href], headers: out, body: blobBody(bytes) });
  }
  const m = /^bytes[\t ]*=[\t ]*([0-9]*)[\t ]*-[\t ]*([0-9]*)$/.exec(range.values.join(', '));
  const start = m && m[1] !== '' ? Number(m[1]) : null;
  const end = m && m[2] !== '' ? Number(m[2]) : null;
  // undici compares a missing end as 0.
  if (m === null || (start === null && end === null) || (start !== null && start > end)) {
    throw fetchFailed(new Error('failed to fetch the data URL'));
  }
  const size = blob.size;
  let first;
  let last;
  if (start === null) {
    first = size - end;
    last = first + end - 1;
  } else {
    if (start >= size) throw fetchFailed(new Error("Range start is greater than the blob's size."));
    first = start;
    last = end === null || end >= size ? size - 1 : end;
  }
  bytes = blob.slice(first, last, blob.type);
  set('content-length', `${bytes.size}`);
  set('content-type', blob.type);
  set('content-range', `bytes ${first}-${last}/${size}`);
  return makeResponse({ type: 'basic', status: 206, statusText: 'Partial Content', urlList: [url.href], headers: out, body: blobBody(bytes) });
}
function blobBody(blob) {
  const source = blobBytes(blob);
  return { stream: bytesStream(source), source, length: source.byteLength };
}
function percentDecode(s) {
  return s.replace(/%([0-9A-Fa-f]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16)));
}
async function bodyBytesForSend(body) {
  if (body === null) return null;
  if (body.source !== null) return body.source;
  return null;
}
function fetch(input, init = undefined) {
  return new Promise((resolve, reject) => {
    let request;
    try { request = new Request(input, init); } catch (e) { reject(e); return; }
    const st = request[S];
    const signal = st.signalObject;
    if (signal.aborted) { reject(abortReason(signal)); return; }
    let done = false;
    let current = null;
    let responseStream = null;
    const onAbort = () => {
      const reason = abortReason(signal);
      if (current) current.destroy();
      if (responseStream) responseStream.error(reason);
      if (!done) { done = true; reject(reason); }
    };
    signal.addEventListener('abort', onAbort, { once: true });
    const fail = (e) => {
      if (done) return;
      done = true;
      signal.removeEventListener('abort', onAbort);
      reject(e);
    };
    const step = (url, method, headers, body, urlList, redirects) => {
      let parsed;
      try { parsed = new URL(url); } catch (e) { fail(fetchFailed(e)); return; }
      if (parsed.protocol === 'data:') {
        try {
          const r = dataUrlResponse(parsed);
          r[S].urlList = urlList.concat();
          done = true;
          resolve(r);
        } catch (e) { fail(e); }
        return;
      }
      if (parsed.protocol === 'blob:') {
        try {
          const r = blobUrlResponse(parsed, method, headers);
          r[S].urlList = urlList.concat();
          done = true;
          resolve(r);
        } catch (e) { fail(e); }
        return;
      }
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
        fail(fetchFailed(new TypeError(`URL scheme "${parsed.protocol.slice(0, -1)}" is not supported.`)));
        return;
      }
      const secure = parsed.protocol === 'https:';
      const http = shared.requireBuiltin(secure ? 'https' : 'http');
      const outHeaders = {};
      for (const [k, v] of sortedEntries(headers)) {
        if (k in outHeaders) outHeaders[k] = [].concat(outHeaders[k], v); else outHeaders[k] = v;
      }
      if (!('accept' in outHeaders)) outHeaders.accept = '*/*';
      if (!('accept-language' in outHeaders)) outHeaders['accept-language'] = '*';
      if (!('sec-fetch-mode' in outHeaders)) outHeaders['sec-fetch-mode'] = 'cors';
      if (!('user-agent' in outHeaders)) outHeaders['user-agent'] = 'node';
      if (!('accept-encoding' in outHeaders)) outHeaders['accept-encoding'] = 'gzip, deflate';
      if (body !== null && body.length !== null) outHeaders['content-length'] = String(body.length);
      else if (body === null && (method === 'POST' || method === 'PUT')) outHeaders['content-length'] = '0';
      let req;
      try {
        req = http.request({
          method, host: parsed.hostname.replace(/^\[|\]$/g, ''), port: parsed.port || (secure ? 443 : 80),
          path: `${parsed.pathname}${parsed.search}`, headers: outHeaders,
        });
      } catch (e) { fail(fetchFailed(e)); return; }
      current = req;
      req.on('error', (e) => {
        if (signal.aborted) return;
        if (responseStream) { responseStream.error(fetchFailed(e)); return; }
        fail(fetchFailed(e));
      });
      req.on('response', (res) => {
        const status = res.statusCode;
        const location = res.headers.location;
        if ([301, 302, 303, 307, 308].includes(status) && location !== undefined && st.redirect !== 'manual') {
          res.resume();
          if (st.redirect === 'error') { fail(fetchFailed(new Error('unexpected redirect'))); return; }
          if (redirects >= kMaxRedirects) { fail(fetchFailed(new Error('redirect count exceeded'))); return; }
          let next;
          try { next = new URL(location, url); } catch (e) { fail(fetchFailed(e)); return; }
          let m = method;
          let b = body;
          const h = headersFrom(headers, 'request');
          if (((status === 301 || status === 302) && method === 'POST') || (status === 303 && method !== 'GET' && method !== 'HEAD')) {
            m = 'GET';
            b = null;
            for (const name of ['content-encoding', 'content-language', 'content-location', 'content-type', 'content-length']) h[S].map.delete(name);
          } else if (b !== null && b.source === null) {
            fail(fetchFailed(new Error('Cannot follow redirect with a streamed body')));
            return;
          }
          if (next.origin !== parsed.origin) { h[S].map.delete('authorization'); h[S].map.delete('cookie'); }
          step(next.href, m, h, b === null ? null : { ...b, stream: bytesStream(b.source) }, urlList.concat(next.href), redirects + 1);
          return;
        }
        const rh = headersFrom(undefined, 'immutable');
        const raw = res.rawHeaders;
        for (let i = 0; i < raw.length; i += 2) {
          const key = raw[i].toLowerCase();
          const e = rh[S].map.get(key);
          if (e) e.values.push(raw[i + 1]); else rh[S].map.set(key, { name: raw[i], values: [raw[i + 1]] });
        }
        let source = res;
        const encoding = (res.headers['content-encoding'] || '').toLowerCase().trim();
        if (method !== 'HEAD' && status !== 204 && status !== 304 && (encoding === 'gzip' || encoding === 'x-gzip' || encoding === 'deflate' || encoding === 'br')) {
          const zlib = shared.requireBuiltin('zlib');
          const z = encoding === 'br' ? zlib.createBrotliDecompress() : encoding === 'deflate' ? zlib.createInflate() : zlib.createGunzip();
          res.pipe(z);
          res.on('error', (e) => z.destroy(e));
          source = z;
        }
        let controller;
        const stream = new ReadableStream({
          start(c) { controller = c; },
          pull() { source.resume(); },
          cancel() { req.destroy(); },
        }, { highWaterMark: 0 });
        source.on('data', (chunk) => {
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          if (controller.desiredSize <= 0) source.pause();
        });
        source.pause();
        source.on('end', () => { try { controller.close(); } catch {} signal.removeEventListener('abort', onAbort); });
        source.on('error', (e) => { try { controller.error(fetchFailed(e)); } catch {} });
        responseStream = controller;
        const nullBody = method === 'HEAD' || nullBodyStatus.includes(status);
        if (nullBody) res.resume();
        const response = makeResponse({
          type: 'basic', status, statusText: res.statusMessage ?? '', urlList, headers: rh,
          body: nullBody ? null : { stream, source: null, length: null },
        });
        if (!done) { done = true; resolve(response); }
      });
      if (body === null) { req.end(); return; }
      if (body.source !== null) { req.end(Buffer.from(body.source.buffer, body.source.byteOffset, body.source.byteLength)); return; }
      const reader = body.stream.getReader();
      const pump = () => reader.read().then(({ value, done: end }) => {
        if (end) { req.end(); return; }
        if (!(value instanceof Uint8Array)) throw new TypeError('Received non-Uint8Array chunk');
        req.write(Buffer.from(value.buffer, value.byteOffset, value.byteLength), (err) => { if (!err) pump(); });
      }).catch((e) => { req.destroy(); fail(fetchFailed(e)); });
      pump();
    };
    step(st.url, st.method, st.headers, st.body, [st.url], 0);
  });
}

return {
  Headers, Request, Response, fetch,
  // For fetch: the internal state and constructors.
  internals: { S, makeResponse, headersFrom, extractBody, bytesStream },
};
