// util.MIMEType and util.MIMEParams: WHATWG MIME type parsing and
// serialization, with Node's ERR_INVALID_MIME_SYNTAX errors.
'use strict';
const { nodeError } = shared;

const NOT_TOKEN = /[^!#$%&'*+\-.^_`|~A-Za-z0-9]/;
const NOT_QUOTED_STRING = /[^\t\u0020-~\u0080-\u00FF]/;
const LEADING_WHITESPACE = /[^\r\n\t ]|$/;
const TRAILING_WHITESPACE = /[\r\n\t ]*$/;
const NAME_END = /[;=]|$/;
// Inside a quoted value: up to the closing quote or the end; group 1 is a
// lone backslash at the end, group 2 the closing quote.
const QUOTED_VALUE = /^(?:([\\]$)|[\\][\s\S]|[^"])*(?:(")|$)/u;

function syntaxError(production, str, index) {
  const at = index !== -1 ? ` at ${index}` : '';
  return nodeError(TypeError, 'ERR_INVALID_MIME_SYNTAX', `The MIME syntax for a ${production} in "${str}" is invalid${at}`);
}

const toLower = (s) => s.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32));

// A value as it is written: bare if it is a token, else quoted with `"`
// and `\` escaped.
function encodeValue(value) {
  if (value.length === 0) return '""';
  if (!NOT_TOKEN.test(value)) return value;
  return `"${value.replace(/["\\]/g, '\\$&')}"`;
}

// A quoted value without its escaping backslashes.
function unescapeQuoted(str) {
  let out = '';
  for (let i = 0; i < str.length; i++) {
    if (str[i] === '\\' && i + 1 < str.length) i++;
    out += str[i];
  }
  return out;
}

class MIMEParams {
  #data = new Map();

  delete(name) {
    this.#data.delete(name);
  }

  get(name) {
    const data = this.#data;
    return data.has(name) ? data.get(name) : null;
  }

  has(name) {
    return this.#data.has(name);
  }

  set(name, value) {
    name = `${name}`;
    value = `${value}`;
    const badName = name.search(NOT_TOKEN);
    if (name.length === 0 || badName !== -1) throw syntaxError('parameter name', name, badName);
    const badValue = value.search(NOT_QUOTED_STRING);
    if (badValue !== -1) throw syntaxError('parameter value', value, badValue);
    this.#data.set(name, value);
  }

  *entries() {
    yield* this.#data.entries();
  }

  *keys() {
    yield* this.#data.keys();
  }

  *values() {
    yield* this.#data.values();
  }

  toString() {
    let out = '';
    for (const [key, value] of this.#data) {
      if (out.length) out += ';';
      out += `${key}=${encodeValue(value)}`;
    }
    return out;
  }

  toJSON() {
    return this.toString();
  }

  // Reads the parameters of `str` from `position` into `params` (the first
  // of a name wins; invalid names and values are skipped).
  static parse(str, position, params) {
    const data = params.#data;
    const end = str.slice(position).search(TRAILING_WHITESPACE) + position;
    while (position < end) {
      position += str.slice(position).search(LEADING_WHITESPACE);
      const nameEnd = str.slice(position).search(NAME_END) + position;
      const name = toLower(str.slice(position, nameEnd));
      position = nameEnd;
      if (position < end) {
        const c = str[position];
        position += 1;
        if (c === ';') continue;
      }
      if (position >= end) break;
      let value;
      if (str[position] === '"') {
        position += 1;
        const m = QUOTED_VALUE.exec(str.slice(position));
        position += m[0].length;
        const inside = m[1] || m[2] ? m[0].slice(0, -1) : m[0];
        value = unescapeQuoted(inside);
        if (m[1]) value += '\\';
      } else {
        const valueEnd = str.indexOf(';', position);
        const raw = valueEnd === -1 ? str.slice(position) : str.slice(position, valueEnd);
        position += raw.length;
        value = raw.slice(0, raw.search(TRAILING_WHITESPACE));
        if (value === '') continue;
      }
      if (name !== '' && !NOT_TOKEN.test(name) && !NOT_QUOTED_STRING.test(value) && !data.has(name)) {
        data.set(name, value);
      }
      position++;
    }
  }
}
MIMEParams.prototype[Symbol.iterator] = MIMEParams.prototype.entries;
const parseParams = MIMEParams.parse;
delete MIMEParams.parse;

// `type/subtype` of `str`, and where its parameters start.
function parseTypeAndSubtype(str) {
  let position = str.search(LEADING_WHITESPACE);
  const typeEnd = str.indexOf('/', position);
  const type = typeEnd === -1 ? str.slice(position) : str.slice(position, typeEnd);
  const badType = type.search(NOT_TOKEN);
  if (type === '' || badType !== -1 || typeEnd === -1) throw syntaxError('type', str, badType);
  position = typeEnd + 1;
  const subtypeEnd = str.indexOf(';', position);
  const rawSubtype = subtypeEnd === -1 ? str.slice(position) : str.slice(position, subtypeEnd);
  position += rawSubtype.length;
  if (subtypeEnd !== -1) position += 1;
  const subtype = rawSubtype.slice(0, rawSubtype.search(TRAILING_WHITESPACE));
  const badSubtype = subtype.search(NOT_TOKEN);
  if (subtype === '' || badSubtype !== -1) throw syntaxError('subtype', str, badSubtype);
  return [toLower(type), toLower(subtype), position];
}

class MIMEType {
  #type;
  #subtype;
  #parameters;

  constructor(string) {
    string = `${string}`;
    const [type, subtype, position] = parseTypeAndSubtype(string);
    this.#type = type;
    this.#subtype = subtype;
    this.#parameters = new MIMEParams();
    parseParams(string, position, this.#parameters);
  }

  get type() {
    return this.#type;
  }

  set type(v) {
    v = `${v}`;
    const bad = v.search(NOT_TOKEN);
    if (v.length === 0 || bad !== -1) throw syntaxError('type', v, bad);
    this.#type = toLower(v);
  }

  get subtype() {
    return this.#subtype;
  }

  set subtype(v) {
    v = `${v}`;
    const bad = v.search(NOT_TOKEN);
    if (v.length === 0 || bad !== -1) throw syntaxError('subtype', v, bad);
    this.#subtype = toLower(v);
  }

  get essence() {
    return `${this.#type}/${this.#subtype}`;
  }

  get params() {
    return this.#parameters;
  }

  toString() {
    const params = this.#parameters.toString();
    return params ? `${this.#type}/${this.#subtype};${params}` : `${this.#type}/${this.#subtype}`;
  }

  toJSON() {
    return this.toString();
  }
}

return { MIMEType, MIMEParams };
