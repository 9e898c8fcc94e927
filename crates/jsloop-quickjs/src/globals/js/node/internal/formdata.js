// The FormData global (XHR standard) and its two body forms for fetch:
// multipart/form-data encoding (as undici writes it) and the fetch
// standard's multipart/form-data and urlencoded parsers.
'use strict';
const { Blob, File } = shared.requireBuiltin('buffer');
const { URLSearchParams } = shared.requireBuiltin('url');
const kCustom = Symbol.for('nodejs.util.inspect.custom');
const S = Symbol('kState');

const illegal = () => shared.nodeError(TypeError, 'ERR_INVALID_THIS', 'Illegal invocation');
function check(self) {
  if (self === null || typeof self !== 'object' || !Array.isArray(self[S])) throw illegal();
  return self[S];
}
function argCount(args, min, header) {
  if (args.length < min) {
    throw new TypeError(`${header}: ${min} argument${min !== 1 ? 's' : ''} required, but${args.length ? ' only' : ''} ${args.length} found.`);
  }
}
function usv(v) {
  if (typeof v === 'symbol') throw new TypeError('Cannot convert a Symbol value to a string');
  const s = `${v}`;
  return typeof s.toWellFormed === 'function' ? s.toWellFormed() : s;
}

// https://xhr.spec.whatwg.org/#create-an-entry
function makeEntry(name, value, filename) {
  name = usv(name);
  if (typeof value === 'string') return { name, value: usv(value) };
  if (!(value instanceof File)) value = new File([value], 'blob', { type: value.type });
  if (filename !== undefined) {
    value = new File([value], filename, { type: value.type, lastModified: value.lastModified });
  }
  return { name, value };
}

function entryArgs(args, method) {
  const [name, value, filename] = args;
  if (args.length === 3 && !(value instanceof Blob)) {
    throw new TypeError(`Failed to execute '${method}' on 'FormData': parameter 2 is not of type 'Blob'`);
  }
  const isBlob = value instanceof Blob;
  return makeEntry(name, isBlob ? value : usv(value), isBlob && filename !== undefined ? usv(filename) : undefined);
}

const IteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()));
const FormDataIteratorPrototype = Object.create(IteratorPrototype, {
  next: {
    value: function next() {
      const st = this[S];
      if (!st || !Array.isArray(st.list)) throw illegal();
      if (st.index >= st.list.length) return { value: undefined, done: true };
      const { name, value } = st.list[st.index++];
      return { value: st.kind === 0 ? name : st.kind === 1 ? value : [name, value], done: false };
    },
    writable: true, configurable: true, enumerable: true,
  },
  [Symbol.toStringTag]: { value: 'FormData Iterator', configurable: true },
});
function iterator(list, kind) {
  const it = Object.create(FormDataIteratorPrototype);
  it[S] = { list, kind, index: 0 };
  return it;
}

class FormData {
  constructor(form = undefined) {
    if (form !== undefined) {
      throw new TypeError('FormData constructor: Argument 1 could not be converted to: undefined.');
    }
    this[S] = [];
  }

  append(...args) {
    const list = check(this);
    argCount(args, 2, 'FormData.append');
    list.push(entryArgs(args, 'append'));
  }

  delete(...args) {
    const list = check(this);
    argCount(args, 1, 'FormData.delete');
    const name = usv(args[0]);
    // In place: iterators hold the list.
    const kept = list.filter((e) => e.name !== name);
    list.splice(0, list.length, ...kept);
  }

  get(...args) {
    const list = check(this);
    argCount(args, 1, 'FormData.get');
    const name = usv(args[0]);
    const e = list.find((x) => x.name === name);
    return e === undefined ? null : e.value;
  }

  getAll(...args) {
    const list = check(this);
    argCount(args, 1, 'FormData.getAll');
    const name = usv(args[0]);
    return list.filter((x) => x.name === name).map((x) => x.value);
  }

  has(...args) {
    const list = check(this);
    argCount(args, 1, 'FormData.has');
    const name = usv(args[0]);
    return list.some((x) => x.name === name);
  }

  set(...args) {
    const list = check(this);
    argCount(args, 2, 'FormData.set');
    const entry = entryArgs(args, 'set');
    const first = list.findIndex((x) => x.name === entry.name);
    if (first === -1) {
      list.push(entry);
      return;
    }
    const kept = list.filter((x, i) => i < first || x.name !== entry.name);
    kept.splice(first, 0, entry);
    list.splice(0, list.length, ...kept);
  }

  entries() { return iterator(check(this), 2); }

  keys() { return iterator(check(this), 0); }

  values() { return iterator(check(this), 1); }

  forEach(callback, thisArg = undefined) {
    const list = check(this);
    argCount(arguments, 1, 'FormData.forEach');
    if (typeof callback !== 'function') {
      throw new TypeError("Failed to execute 'forEach' on 'FormData': parameter 1 is not of type 'Function'.");
    }
    for (let i = 0; i < list.length; i++) callback.call(thisArg, list[i].value, list[i].name, this);
  }

  [kCustom](depth, options) {
    const state = Object.create(null);
    for (const { name, value } of check(this)) {
      if (name in state) {
        if (Array.isArray(state[name])) state[name].push(value);
        else state[name] = [state[name], value];
      } else {
        state[name] = value;
      }
    }
    const out = shared.requireBuiltin('util').formatWithOptions({ ...options, depth: options.depth ?? depth }, state);
    return `FormData ${out.slice(out.indexOf(']') + 2)}`;
  }
}
FormData.prototype[Symbol.iterator] = FormData.prototype.entries;
Object.defineProperty(FormData.prototype, Symbol.iterator, { enumerable: false });
Object.defineProperty(FormData.prototype, kCustom, { enumerable: false });
Object.defineProperty(FormData.prototype, Symbol.toStringTag, { value: 'FormData', configurable: true });
for (const k of ['append', 'delete', 'get', 'getAll', 'has', 'set', 'entries', 'keys', 'values', 'forEach']) {
  Object.defineProperty(FormData.prototype, k, { enumerable: true });
}

// ---- encoding -----------------------------------------------------------------------------------
const utf8 = new TextEncoder();
const escape = (s) => s.replace(/\n/g, '%0A').replace(/\r/g, '%0D').replace(/"/g, '%22');
const crlfLines = (s) => s.replace(/\r?\n|\r/g, '\r\n');

function blobBytes(blob) {
  for (const s of Object.getOwnPropertySymbols(blob)) {
    const v = blob[s];
    if (v instanceof Uint8Array) return v;
  }
  return new Uint8Array(0);
}

// The multipart/form-data body of `fd`: [bytes, content type].
function encode(fd) {
  const list = check(fd);
  const boundary = `----formdata-undici-0${`${Math.floor(Math.random() * 1e11)}`.padStart(11, '0')}`;
  const prefix = `--${boundary}\r\nContent-Disposition: form-data`;
  const parts = [];
  for (const { name, value } of list) {
    if (typeof value === 'string') {
      parts.push(utf8.encode(`${prefix}; name="${escape(crlfLines(name))}"\r\n\r\n${crlfLines(value)}\r\n`));
    } else {
      parts.push(utf8.encode(`${prefix}; name="${escape(crlfLines(name))}"${value.name ? `; filename="${escape(value.name)}"` : ''}\r\n` +
        `Content-Type: ${value.type || 'application/octet-stream'}\r\n\r\n`));
      parts.push(blobBytes(value));
      parts.push(utf8.encode('\r\n'));
    }
  }
  parts.push(utf8.encode(`--${boundary}--\r\n`));
  let total = 0;
  for (const p of parts) total += p.byteLength;
  const out = new Uint8Array(total);
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.byteLength;
  }
  return [out, `multipart/form-data; boundary=${boundary}`];
}

// ---- parsing ------------------------------------------------------------------------------------
const parseFailed = () => new TypeError('Failed to parse body as FormData.');

// The essence and parameters of a MIME type, or null.
function parseMime(text) {
  const [essence, ...rest] = text.split(';');
  const type = essence.trim().toLowerCase();
  if (!/^[!#$%&'*+\-.^_`|~0-9a-z]+\/[!#$%&'*+\-.^_`|~0-9a-z]+$/.test(type)) return null;
  const params = Object.create(null);
  for (const p of rest) {
    const eq = p.indexOf('=');
    if (eq === -1) continue;
    const key = p.slice(0, eq).trim().toLowerCase();
    let value = p.slice(eq + 1).trim();
    if (value.startsWith('"')) value = value.slice(1, value.indexOf('"', 1) === -1 ? undefined : value.indexOf('"', 1));
    if (!(key in params)) params[key] = value;
  }
  return { type, params };
}

function startsWith(bytes, at, seq) {
  if (at + seq.length > bytes.length) return false;
  for (let i = 0; i < seq.length; i++) if (bytes[at + i] !== seq[i]) return false;
  return true;
}

function indexOf(bytes, seq, from) {
  outer: for (let i = from; i + seq.length <= bytes.length; i++) {
    for (let j = 0; j < seq.length; j++) if (bytes[i + j] !== seq[j]) continue outer;
    return i;
  }
  return -1;
}

const latin1 = (bytes, from, to) => {
  let s = '';
  for (let i = from; i < to; i++) s += String.fromCharCode(bytes[i]);
  return s;
};

// A quoted name of Content-Disposition at pos (after the quote): [name, next] or null.
function quotedName(bytes, pos) {
  let end = pos;
  while (end < bytes.length && bytes[end] !== 0x0a && bytes[end] !== 0x0d && bytes[end] !== 0x22) end++;
  if (bytes[end] !== 0x22) return null;
  const name = new TextDecoder().decode(bytes.subarray(pos, end))
    .replace(/%0A/ig, '\n').replace(/%0D/ig, '\r').replace(/%22/g, '"');
  return [name, end + 1];
}

// The part's headers at pos: [{ name, filename, contentType }, next] or null.
function partHeaders(bytes, pos) {
  let name = null;
  let filename = null;
  let contentType = null;
  for (;;) {
    if (bytes[pos] === 0x0d && bytes[pos + 1] === 0x0a) {
      if (name === null) return null;
      return [{ name, filename, contentType }, pos + 2];
    }
    let end = pos;
    while (end < bytes.length && bytes[end] !== 0x0a && bytes[end] !== 0x0d && bytes[end] !== 0x3a) end++;
    const header = latin1(bytes, pos, end).replace(/[\t ]+$/, '');
    if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(header) || bytes[end] !== 0x3a) return null;
    pos = end + 1;
    while (bytes[pos] === 0x20 || bytes[pos] === 0x09) pos++;
    const key = header.toLowerCase();
    if (key === 'content-disposition') {
      name = null;
      filename = null;
      const lead = utf8.encode('form-data; name="');
      if (!startsWith(bytes, pos, lead)) return null;
      const n = quotedName(bytes, pos + lead.length);
      if (n === null) return null;
      [name, pos] = n;
      const file = utf8.encode('; filename="');
      if (startsWith(bytes, pos, file)) {
        const f = quotedName(bytes, pos + file.length);
        if (f === null) return null;
        [filename, pos] = f;
      }
    } else {
      let stop = pos;
      while (stop < bytes.length && bytes[stop] !== 0x0a && bytes[stop] !== 0x0d) stop++;
      if (key === 'content-type') contentType = latin1(bytes, pos, stop).replace(/[\t ]+$/, '');
      pos = stop;
    }
    if (bytes[pos] !== 0x0d || bytes[pos + 1] !== 0x0a) return null;
    pos += 2;
  }
}

// https://fetch.spec.whatwg.org/#concept-body-package-data (multipart/form-data)
function parseMultipart(bytes, boundaryText) {
  const fd = new FormData();
  const boundary = utf8.encode(`--${boundaryText}`);
  const delimiter = utf8.encode(`\r\n--${boundaryText}`);
  let pos = 0;
  // As undici: leading CRLFs are tolerated.
  while (bytes[pos] === 0x0d && bytes[pos + 1] === 0x0a) pos += 2;
  for (;;) {
    if (!startsWith(bytes, pos, boundary)) throw parseFailed();
    pos += boundary.length;
    if (bytes[pos] === 0x2d && bytes[pos + 1] === 0x2d) {
      const rest = bytes.length - pos - 2;
      if (rest === 0 || (rest >= 2 && bytes[pos + 2] === 0x0d && bytes[pos + 3] === 0x0a)) return fd;
      throw parseFailed();
    }
    if (bytes[pos] !== 0x0d || bytes[pos + 1] !== 0x0a) throw parseFailed();
    pos += 2;
    const head = partHeaders(bytes, pos);
    if (head === null) throw parseFailed();
    const [{ name, filename }, bodyAt] = head;
    let { contentType } = head[0];
    const end = indexOf(bytes, delimiter, bodyAt);
    if (end === -1) throw parseFailed();
    const body = bytes.slice(bodyAt, end);
    let value;
    if (filename !== null) {
      if (contentType === null) contentType = 'text/plain';
      if (!/^[\x00-\x7f]*$/.test(contentType)) contentType = '';
      value = new File([body], filename, { type: contentType });
    } else {
      value = new TextDecoder().decode(body);
    }
    fd[S].push({ name, value });
    pos = end + 2;
  }
}

// The FormData of a body given its Content-Type; throws TypeError as undici.
function parse(bytes, contentType) {
  const mime = contentType === null ? null : parseMime(contentType);
  if (mime !== null && mime.type === 'multipart/form-data') {
    const boundary = mime.params.boundary;
    if (boundary === undefined) throw parseFailed();
    return parseMultipart(bytes, boundary);
  }
  if (mime !== null && mime.type === 'application/x-www-form-urlencoded') {
    const fd = new FormData();
    for (const [k, v] of new URLSearchParams(new TextDecoder().decode(bytes))) fd.append(k, v);
    return fd;
  }
  throw new TypeError('Content-Type was not one of "multipart/form-data" or "application/x-www-form-urlencoded".');
}

return { FormData, internals: { encode, parse } };
