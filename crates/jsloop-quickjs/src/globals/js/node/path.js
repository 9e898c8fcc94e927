// `path`: Node's POSIX path functions (`path.posix` is the module itself;
// `path.win32` comes from internal/path_win32.js, `matchesGlob` from
// internal/glob.js). Strings are short: plain JavaScript.
'use strict';
const { invalidArgType } = shared;
const SLASH = 47; // '/'

function validateString(value, name) {
  if (typeof value !== 'string') throw invalidArgType(name, 'string', value);
}

// The segments of `path` with '.' and '..' resolved; '..' above the start
// is kept only when `aboveRoot` (a relative path).
function normalizeSegments(path, aboveRoot) {
  const out = [];
  for (const seg of path.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (aboveRoot) out.push('..');
    } else {
      out.push(seg);
    }
  }
  return out.join('/');
}

function resolve(...args) {
  let resolved = '';
  let absolute = false;
  for (let i = args.length - 1; i >= 0 && !absolute; i--) {
    const p = args[i];
    validateString(p, `paths[${i}]`);
    if (p.length === 0) continue;
    resolved = `${p}/${resolved}`;
    absolute = p.charCodeAt(0) === SLASH;
  }
  if (!absolute) {
    const cwd = shared.process.cwd();
    resolved = `${cwd}/${resolved}`;
    absolute = cwd.charCodeAt(0) === SLASH;
  }
  resolved = normalizeSegments(resolved, !absolute);
  if (absolute) return `/${resolved}`;
  return resolved.length > 0 ? resolved : '.';
}

function normalize(path) {
  validateString(path, 'path');
  if (path.length === 0) return '.';
  const absolute = path.charCodeAt(0) === SLASH;
  const trailing = path.charCodeAt(path.length - 1) === SLASH;
  let out = normalizeSegments(path, !absolute);
  if (out.length === 0) {
    if (absolute) return '/';
    return trailing ? './' : '.';
  }
  if (trailing) out += '/';
  return absolute ? `/${out}` : out;
}

function isAbsolute(path) {
  validateString(path, 'path');
  return path.length > 0 && path.charCodeAt(0) === SLASH;
}

function join(...args) {
  if (args.length === 0) return '.';
  let joined;
  for (const arg of args) {
    validateString(arg, 'path');
    if (arg.length > 0) joined = joined === undefined ? arg : `${joined}/${arg}`;
  }
  return joined === undefined ? '.' : normalize(joined);
}

function relative(from, to) {
  validateString(from, 'from');
  validateString(to, 'to');
  if (from === to) return '';
  from = resolve(from);
  to = resolve(to);
  if (from === to) return '';
  const f = from === '/' ? [] : from.slice(1).split('/');
  const t = to === '/' ? [] : to.slice(1).split('/');
  let common = 0;
  while (common < f.length && common < t.length && f[common] === t[common]) common++;
  const parts = [];
  for (let i = common; i < f.length; i++) parts.push('..');
  for (let i = common; i < t.length; i++) parts.push(t[i]);
  return parts.join('/');
}

function toNamespacedPath(path) {
  return path;
}

function dirname(path) {
  validateString(path, 'path');
  if (path.length === 0) return '.';
  const rooted = path.charCodeAt(0) === SLASH;
  let end = -1;
  let inTrailingSlashes = true;
  for (let i = path.length - 1; i >= 1; i--) {
    if (path.charCodeAt(i) === SLASH) {
      if (!inTrailingSlashes) { end = i; break; }
    } else {
      inTrailingSlashes = false;
    }
  }
  if (end === -1) return rooted ? '/' : '.';
  if (rooted && end === 1) return '//';
  return path.slice(0, end);
}

// The last segment of `path`: [start, end) without trailing slashes
// (end === -1 when there is none).
function lastSegment(path, from) {
  let end = -1;
  let i = path.length - 1;
  for (; i >= from; i--) {
    if (path.charCodeAt(i) !== SLASH) { end = i + 1; break; }
  }
  if (end === -1) return [from, -1];
  for (; i >= from; i--) {
    if (path.charCodeAt(i) === SLASH) return [i + 1, end];
  }
  return [from, end];
}

function basename(path, suffix) {
  if (suffix !== undefined) validateString(suffix, 'suffix');
  validateString(path, 'path');
  const [start, end] = lastSegment(path, 0);
  if (end === -1) {
    if (suffix !== undefined && suffix.length > 0 && suffix.length <= path.length && suffix !== path) return path;
    return '';
  }
  const base = path.slice(start, end);
  if (suffix === undefined || suffix.length === 0 || suffix.length > path.length) return base;
  if (suffix === path) return '';
  if (base.length > suffix.length && base.endsWith(suffix)) return base.slice(0, base.length - suffix.length);
  // Node compares the suffix from its end; one that runs out of the
  // segment without a mismatch leaves the trailing slashes on.
  if (base.length < suffix.length && suffix.endsWith(base)) return path.slice(start);
  return base;
}

// The extension of a segment (Node's rules: '.x' and '..' have none).
function segmentExt(seg) {
  const dot = seg.lastIndexOf('.');
  if (dot <= 0 || seg === '..') return '';
  return seg.slice(dot);
}

function extname(path) {
  validateString(path, 'path');
  const [start, end] = lastSegment(path, 0);
  if (end === -1) return '';
  return segmentExt(path.slice(start, end));
}

function format(pathObject) {
  if (pathObject === null || typeof pathObject !== 'object') throw invalidArgType('pathObject', 'Object', pathObject);
  const dir = pathObject.dir || pathObject.root;
  let base = pathObject.base;
  if (!base) {
    const ext = pathObject.ext ? `${pathObject.ext[0] === '.' ? '' : '.'}${pathObject.ext}` : '';
    base = `${pathObject.name || ''}${ext}`;
  }
  if (!dir) return base;
  return dir === pathObject.root ? `${dir}${base}` : `${dir}/${base}`;
}

function parse(path) {
  validateString(path, 'path');
  const ret = { root: '', dir: '', base: '', ext: '', name: '' };
  if (path.length === 0) return ret;
  const absolute = path.charCodeAt(0) === SLASH;
  if (absolute) ret.root = '/';
  const [start, end] = lastSegment(path, absolute ? 1 : 0);
  if (end !== -1) {
    ret.base = path.slice(start, end);
    ret.ext = segmentExt(ret.base);
    ret.name = ret.base.slice(0, ret.base.length - ret.ext.length);
  }
  if (end !== -1 && start > (absolute ? 1 : 0)) ret.dir = path.slice(0, start - 1);
  else if (absolute) ret.dir = '/';
  return ret;
}

const path = {
  resolve,
  normalize,
  isAbsolute,
  join,
  relative,
  toNamespacedPath,
  dirname,
  basename,
  extname,
  format,
  parse,
  matchesGlob: undefined,
  sep: '/',
  delimiter: ':',
  win32: null,
  posix: null,
  _makeLong: toNamespacedPath,
};
const win32 = shared.requireBuiltin('internal/path_win32');
const glob = shared.requireBuiltin('internal/glob');
path.matchesGlob = glob.posix;
win32.matchesGlob = glob.win32;
path.posix = win32.posix = path;
path.win32 = win32.win32 = win32;
return path;
