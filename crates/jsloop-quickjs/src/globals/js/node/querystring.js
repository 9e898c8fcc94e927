// `querystring`: Node's query string parser and serializer.
'use strict';
const { nodeError } = shared;

function escape(str) {
  if (typeof str !== 'string') str = typeof str === 'object' ? String(str) : `${str}`;
  try {
    return encodeURIComponent(str);
  } catch {
    return escapeLoneSurrogates(str);
  }
}

// Node's encoder on a string with a lone surrogate: any surrogate takes
// the next code unit as its pair, whatever it is; one at the end is
// URIError [ERR_INVALID_URI].
function escapeLoneSurrogates(str) {
  let out = '';
  for (let i = 0; i < str.length; i++) {
    const c = str.charCodeAt(i);
    if (c < 0xD800 || c > 0xDFFF) {
      out += encodeURIComponent(str[i]);
      continue;
    }
    if (i + 1 >= str.length) throw nodeError(URIError, 'ERR_INVALID_URI', 'URI malformed');
    const cp = 0x10000 + (((c & 0x3FF) << 10) | (str.charCodeAt(++i) & 0x3FF));
    out += encodeURIComponent(String.fromCodePoint(cp));
  }
  return out;
}

function unescape(s, decodeSpaces) {
  try {
    return decodeURIComponent(s);
  } catch {
    return qs.unescapeBuffer(s, decodeSpaces).toString();
  }
}

// The value of a hex digit's char code, or -1.
function hexValue(c) {
  if (c >= 48 && c <= 57) return c - 48;
  const lower = c | 0x20;
  return lower >= 97 && lower <= 102 ? lower - 87 : -1;
}

// Percent-decodes `s` into bytes: a `%` not followed by two hex digits stays
// as it is, `+` becomes a space when `decodeSpaces`, any other code unit
// keeps its low byte.
function unescapeBuffer(s, decodeSpaces) {
  const { Buffer } = shared.requireBuiltin('buffer');
  const out = Buffer.allocUnsafe(s.length);
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 43 && decodeSpaces) {
      out[n++] = 32;
    } else if (c === 37 && i < s.length - 2) {
      const high = hexValue(s.charCodeAt(i + 1));
      const low = hexValue(s.charCodeAt(i + 2));
      if (high >= 0 && low >= 0) {
        out[n++] = high * 16 + low;
        i += 2;
      } else {
        out[n++] = 37;
      }
    } else {
      out[n++] = c;
    }
  }
  return n === s.length ? out : out.subarray(0, n);
}

function stringifyPrimitive(v, encode) {
  if (typeof v === 'string') return v.length > 0 ? encode(v) : '';
  if (typeof v === 'number' && Number.isFinite(v)) return Math.abs(v) < 1e21 ? `${v}` : encode(`${v}`);
  if (typeof v === 'bigint') return `${v}`;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return '';
}

function stringify(obj, sep, eq, options) {
  sep = sep || '&';
  eq = eq || '=';
  const encode = options && typeof options.encodeURIComponent === 'function' ? options.encodeURIComponent : qs.escape;
  if (obj === null || typeof obj !== 'object') return '';
  let fields = '';
  for (const k of Object.keys(obj)) {
    const v = obj[k];
    const ks = stringifyPrimitive(k, encode) + eq;
    if (Array.isArray(v)) {
      if (v.length === 0) continue;
      if (fields) fields += sep;
      for (let j = 0; j < v.length; j++) {
        if (j) fields += sep;
        fields += ks + stringifyPrimitive(v[j], encode);
      }
    } else {
      if (fields) fields += sep;
      fields += ks + stringifyPrimitive(v, encode);
    }
  }
  return fields;
}

function parse(str, sep, eq, options) {
  const obj = { __proto__: null };
  if (typeof str !== 'string' || str.length === 0) return obj;
  sep = sep ? String(sep) : '&';
  eq = eq ? String(eq) : '=';
  let maxKeys = 1000;
  if (options && typeof options.maxKeys === 'number') maxKeys = options.maxKeys;
  const decode = options && typeof options.decodeURIComponent === 'function' ? options.decodeURIComponent : qs.unescape;
  const decodeStr = (s) => {
    if (decode === qs.unescape && !s.includes('+') && !s.includes('%')) return s;
    s = s.replace(/\+/g, ' ');
    try { return decode(s); } catch { return qs.unescape(s, true); }
  };
  let pieces = str.split(sep);
  if (maxKeys > 0) pieces = pieces.slice(0, maxKeys);
  for (const piece of pieces) {
    if (piece.length === 0) continue;
    const at = piece.indexOf(eq);
    const key = decodeStr(at === -1 ? piece : piece.slice(0, at));
    const value = at === -1 ? '' : decodeStr(piece.slice(at + eq.length));
    const old = obj[key];
    if (old === undefined) obj[key] = value;
    else if (Array.isArray(old)) old.push(value);
    else obj[key] = [old, value];
  }
  return obj;
}

const qs = { unescapeBuffer, unescape, escape, stringify, encode: stringify, parse, decode: parse };
return qs;
