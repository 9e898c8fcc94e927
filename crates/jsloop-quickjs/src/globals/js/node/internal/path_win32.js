// path.win32: Windows path functions (drive letters, UNC roots `\\server\share`,
// both separators), as Node computes them on any platform. `resolve` starts
// from process.cwd() (and a drive's cwd in process.env['=X:'], as Node).
// `path.js` links `win32`, `posix` and `matchesGlob`.
'use strict';
const { invalidArgType } = shared;
const BACKSLASH = 92;
const SLASH = 47;
const COLON = 58;

function validateString(value, name) {
  if (typeof value !== 'string') throw invalidArgType(name, 'string', value);
}

const isSep = (c) => c === SLASH || c === BACKSLASH;
const isDriveLetter = (c) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const hasDrive = (p) => p.length >= 2 && p.charCodeAt(1) === COLON && isDriveLetter(p.charCodeAt(0));

// After `\\` at the start: [server, share, end] of a UNC root `\\server\share`
// (end: the index after the share), or null when `path` has no share.
function uncRoot(path) {
  const len = path.length;
  let j = 2;
  while (j < len && !isSep(path.charCodeAt(j))) j++;
  if (j === 2 || j === len) return null;
  const server = path.slice(2, j);
  while (j < len && isSep(path.charCodeAt(j))) j++;
  if (j === len) return null;
  const shareStart = j;
  while (j < len && !isSep(path.charCodeAt(j))) j++;
  return [server, path.slice(shareStart, j), j];
}

// The root of `path`: { device, rootEnd, absolute } where device is `X:`,
// `\\server\share` or '' (none).
function rootOf(path) {
  const len = path.length;
  if (len === 0) return { device: '', rootEnd: 0, absolute: false };
  const c = path.charCodeAt(0);
  if (len === 1) return { device: '', rootEnd: isSep(c) ? 1 : 0, absolute: isSep(c) };
  if (isSep(c)) {
    if (!isSep(path.charCodeAt(1))) return { device: '', rootEnd: 1, absolute: true };
    const unc = uncRoot(path);
    if (unc === null) return { device: '', rootEnd: 0, absolute: true };
    // The `\\.\` and `\\?\` namespaces: the root is `\\.` or `\\?`.
    if (unc[0] === '.' || unc[0] === '?') return { device: `\\\\${unc[0]}`, rootEnd: 4, absolute: true };
    return { device: `\\\\${unc[0]}\\${unc[1]}`, rootEnd: unc[2], absolute: true };
  }
  if (hasDrive(path)) {
    const absolute = len > 2 && isSep(path.charCodeAt(2));
    return { device: path.slice(0, 2), rootEnd: absolute ? 3 : 2, absolute };
  }
  return { device: '', rootEnd: 0, absolute: false };
}

// The segments of `path` (either separator) with '.' and '..' resolved,
// joined with `\`; '..' above the start kept only when `aboveRoot`.
function normalizeSegments(path, aboveRoot) {
  const out = [];
  for (const seg of path.split(/[\\/]/)) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (aboveRoot) out.push('..');
    } else {
      out.push(seg);
    }
  }
  return out.join('\\');
}

function resolve(...args) {
  let device = '';
  let tail = '';
  let absolute = false;
  for (let i = args.length - 1; i >= -1; i--) {
    let path;
    if (i >= 0) {
      path = args[i];
      validateString(path, `paths[${i}]`);
      if (path.length === 0) continue;
    } else if (device.length === 0) {
      path = shared.process.cwd();
    } else {
      // The drive's own cwd, else the process's unless it names another drive.
      path = shared.process.env[`=${device}`] || shared.process.cwd();
      if (path === undefined ||
          (path.slice(0, 2).toLowerCase() !== device.toLowerCase() && path.charCodeAt(2) === BACKSLASH)) {
        path = `${device}\\`;
      }
    }
    const root = rootOf(path);
    if (root.device.length > 0) {
      if (device.length > 0) {
        if (root.device.toLowerCase() !== device.toLowerCase()) continue;
      } else {
        device = root.device;
      }
    }
    if (absolute) {
      if (device.length > 0) break;
    } else {
      tail = `${path.slice(root.rootEnd)}\\${tail}`;
      absolute = root.absolute;
      if (absolute && device.length > 0) break;
    }
  }
  tail = normalizeSegments(tail, !absolute);
  return absolute ? `${device}\\${tail}` : `${device}${tail}` || '.';
}

function normalize(path) {
  validateString(path, 'path');
  const len = path.length;
  if (len === 0) return '.';
  if (len === 1) return path === '/' ? '\\' : path;
  const root = rootOf(path);
  if (isSep(path.charCodeAt(0)) && isSep(path.charCodeAt(1)) && root.device === '') {
    // `\\server\share` with nothing after the share.
    const unc = uncRootOnly(path);
    if (unc !== null) return unc;
  }
  if (root.device === '' && !root.absolute) {
    // A reserved device name before a colon (`CON:`) is a root of its own,
    // kept relative (CVE-2025-27210).
    const colon = path.indexOf(':');
    if (colon !== -1 && RESERVED.has(path.slice(0, colon).toUpperCase())) {
      let tail = normalizeSegments(path.slice(colon + 1), true) || '.';
      if (isSep(path.charCodeAt(len - 1))) tail += '\\';
      return `.\\${path.slice(0, colon + 1)}${tail}`;
    }
  }
  let tail = root.rootEnd < len ? normalizeSegments(path.slice(root.rootEnd), !root.absolute) : '';
  if (tail.length === 0 && !root.absolute) tail = '.';
  if (tail.length > 0 && isSep(path.charCodeAt(len - 1))) tail += '\\';
  if (!root.absolute && root.device === '' && path.includes(':')) {
    // A relative result must not read as a drive path (CVE-2024-36139).
    if (hasDrive(tail)) return `.\\${tail}`;
    for (let at = path.indexOf(':'); at !== -1; at = path.indexOf(':', at + 1)) {
      if (at === len - 1 || isSep(path.charCodeAt(at + 1))) return `.\\${tail}`;
    }
  }
  if (root.device === '') return root.absolute ? `\\${tail}` : tail;
  return root.absolute ? `${root.device}\\${tail}` : `${root.device}${tail}`;
}

// `\\server\share\` for a path that is a UNC root and nothing more, else null.
function uncRootOnly(path) {
  const unc = uncRoot(path);
  if (unc === null || unc[0] === '.' || unc[0] === '?' || unc[2] !== path.length) return null;
  return `\\\\${unc[0]}\\${unc[1]}\\`;
}

const RESERVED = new Set(['CON', 'PRN', 'AUX', 'NUL', 'COM1', 'COM2', 'COM3', 'COM4', 'COM5', 'COM6', 'COM7', 'COM8',
  'COM9', 'LPT1', 'LPT2', 'LPT3', 'LPT4', 'LPT5', 'LPT6', 'LPT7', 'LPT8', 'LPT9', 'COM\u00b9', 'COM\u00b2', 'COM\u00b3',
  'LPT\u00b9', 'LPT\u00b2', 'LPT\u00b3']);

function isAbsolute(path) {
  validateString(path, 'path');
  const len = path.length;
  if (len === 0) return false;
  const c = path.charCodeAt(0);
  return isSep(c) || (len > 2 && hasDrive(path) && isSep(path.charCodeAt(2)));
}

function join(...args) {
  if (args.length === 0) return '.';
  let joined;
  let first;
  for (const arg of args) {
    validateString(arg, 'path');
    if (arg.length > 0) {
      if (joined === undefined) joined = first = arg;
      else joined += `\\${arg}`;
    }
  }
  if (joined === undefined) return '.';
  // Leading separators of the join collapse to one, unless the first part
  // starts as a UNC path (exactly two separators, then a name).
  const uncFirst = first.length > 2 && isSep(first.charCodeAt(0)) && isSep(first.charCodeAt(1)) && !isSep(first.charCodeAt(2));
  if (!uncFirst) {
    let n = 0;
    while (n < joined.length && isSep(joined.charCodeAt(n))) n++;
    if (n >= 2) joined = `\\${joined.slice(n)}`;
  }
  return normalize(joined);
}

function relative(from, to) {
  validateString(from, 'from');
  validateString(to, 'to');
  if (from === to) return '';
  const fromOrig = resolve(from);
  const toOrig = resolve(to);
  if (fromOrig === toOrig) return '';
  from = fromOrig.toLowerCase();
  to = toOrig.toLowerCase();
  if (from === to) return '';
  // Compared without leading backslashes and (UNC) trailing ones.
  let fromStart = 0;
  while (fromStart < from.length && from.charCodeAt(fromStart) === BACKSLASH) fromStart++;
  let fromEnd = from.length;
  while (fromEnd - 1 > fromStart && from.charCodeAt(fromEnd - 1) === BACKSLASH) fromEnd--;
  const fromLen = fromEnd - fromStart;
  let toStart = 0;
  while (toStart < to.length && to.charCodeAt(toStart) === BACKSLASH) toStart++;
  let toEnd = to.length;
  while (toEnd - 1 > toStart && to.charCodeAt(toEnd - 1) === BACKSLASH) toEnd--;
  const toLen = toEnd - toStart;
  const length = Math.min(fromLen, toLen);
  let common = -1; // offset of the last separator both share
  let i = 0;
  for (; i < length; i++) {
    const c = from.charCodeAt(fromStart + i);
    if (c !== to.charCodeAt(toStart + i)) break;
    if (c === BACKSLASH) common = i;
  }
  if (i !== length) {
    // Different roots: `to` itself.
    if (common === -1) return toOrig;
  } else {
    if (toLen > length) {
      // `from` is a directory above `to` (or the drive root).
      if (to.charCodeAt(toStart + i) === BACKSLASH) return toOrig.slice(toStart + i + 1);
      if (i === 2) return toOrig.slice(toStart + i);
    }
    if (fromLen > length) {
      // `to` is a directory above `from` (or the drive root).
      if (from.charCodeAt(fromStart + i) === BACKSLASH) common = i;
      else if (i === 2) common = 3;
    }
    if (common === -1) common = 0;
  }
  let up = '';
  for (i = fromStart + common + 1; i <= fromEnd; ++i) {
    if (i === fromEnd || from.charCodeAt(i) === BACKSLASH) up += up.length === 0 ? '..' : '\\..';
  }
  toStart += common;
  if (up.length > 0) return `${up}${toOrig.slice(toStart, toEnd)}`;
  if (toOrig.charCodeAt(toStart) === BACKSLASH) ++toStart;
  return toOrig.slice(toStart, toEnd);
}

function toNamespacedPath(path) {
  if (typeof path !== 'string' || path.length === 0) return path;
  const resolved = resolve(path);
  if (resolved.length <= 2) return path;
  if (resolved.charCodeAt(0) === BACKSLASH) {
    if (resolved.charCodeAt(1) === BACKSLASH) {
      const c = resolved.charCodeAt(2);
      if (c !== 63 /* ? */ && c !== 46 /* . */) return `\\\\?\\UNC\\${resolved.slice(2)}`;
    }
  } else if (hasDrive(resolved) && resolved.charCodeAt(2) === BACKSLASH) {
    return `\\\\?\\${resolved}`;
  }
  return resolved;
}

// Where the parts of `path` after its root begin, for dirname and parse:
// [rootEnd, offset] (a UNC root with more after it counts its separator).
function dirRoot(path) {
  const len = path.length;
  const c = path.charCodeAt(0);
  if (isSep(c)) {
    if (isSep(path.charCodeAt(1))) {
      const unc = uncRoot(path);
      if (unc !== null) return unc[2] === len ? [len, len, true] : [unc[2] + 1, unc[2] + 1, false];
    }
    return [1, 1, false];
  }
  if (hasDrive(path)) {
    const end = len > 2 && isSep(path.charCodeAt(2)) ? 3 : 2;
    return [end, end, false];
  }
  return [-1, 0, false];
}

function dirname(path) {
  validateString(path, 'path');
  const len = path.length;
  if (len === 0) return '.';
  if (len === 1) return isSep(path.charCodeAt(0)) ? path : '.';
  const [rootEnd, offset, rootOnly] = dirRoot(path);
  if (rootOnly) return path;
  let end = -1;
  let trailing = true;
  for (let i = len - 1; i >= offset; --i) {
    if (isSep(path.charCodeAt(i))) {
      if (!trailing) { end = i; break; }
    } else {
      trailing = false;
    }
  }
  if (end === -1) {
    if (rootEnd === -1) return '.';
    end = rootEnd;
  }
  return path.slice(0, end);
}

// The last segment of `path` from `from`: [start, end) without trailing
// separators (end === -1 when there is none).
function lastSegment(path, from) {
  let end = -1;
  let i = path.length - 1;
  for (; i >= from; i--) {
    if (!isSep(path.charCodeAt(i))) { end = i + 1; break; }
  }
  if (end === -1) return [from, -1];
  for (; i >= from; i--) {
    if (isSep(path.charCodeAt(i))) return [i + 1, end];
  }
  return [from, end];
}

function basename(path, suffix) {
  if (suffix !== undefined) validateString(suffix, 'suffix');
  validateString(path, 'path');
  const from = hasDrive(path) ? 2 : 0;
  const [start, end] = lastSegment(path, from);
  if (end === -1) {
    if (suffix !== undefined && suffix.length > 0 && suffix.length <= path.length && suffix !== path) return path.slice(from);
    return '';
  }
  const base = path.slice(start, end);
  if (suffix === undefined || suffix.length === 0 || suffix.length > path.length) return base;
  if (suffix === path) return '';
  if (base.length > suffix.length && base.endsWith(suffix)) return base.slice(0, base.length - suffix.length);
  // A suffix that runs out of the segment without a mismatch leaves the
  // trailing separators on, as Node's backward scan does.
  if (base.length < suffix.length && suffix.endsWith(base)) return path.slice(start);
  return base;
}

// The extension of a segment ('.x' and '..' have none).
function segmentExt(seg) {
  const dot = seg.lastIndexOf('.');
  if (dot <= 0 || seg === '..') return '';
  return seg.slice(dot);
}

function extname(path) {
  validateString(path, 'path');
  const [start, end] = lastSegment(path, hasDrive(path) ? 2 : 0);
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
  return dir === pathObject.root ? `${dir}${base}` : `${dir}\\${base}`;
}

function parse(path) {
  validateString(path, 'path');
  const ret = { root: '', dir: '', base: '', ext: '', name: '' };
  const len = path.length;
  if (len === 0) return ret;
  if (len === 1) {
    if (isSep(path.charCodeAt(0))) ret.root = ret.dir = path;
    else ret.base = ret.name = path;
    return ret;
  }
  let rootEnd = 0;
  if (isSep(path.charCodeAt(0))) {
    [rootEnd] = dirRoot(path);
  } else if (hasDrive(path)) {
    if (len === 2 || (len === 3 && isSep(path.charCodeAt(2)))) {
      ret.root = ret.dir = path;
      return ret;
    }
    rootEnd = isSep(path.charCodeAt(2)) ? 3 : 2;
  }
  if (rootEnd > 0) ret.root = path.slice(0, rootEnd);
  const [start, end] = lastSegment(path, rootEnd);
  if (end !== -1) {
    ret.base = path.slice(start, end);
    ret.ext = segmentExt(ret.base);
    ret.name = ret.base.slice(0, ret.base.length - ret.ext.length);
  }
  ret.dir = end !== -1 && start > 0 && start !== rootEnd ? path.slice(0, start - 1) : ret.root;
  return ret;
}

return {
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
  sep: '\\',
  delimiter: ';',
  win32: null,
  posix: null,
  _makeLong: toNamespacedPath,
};
