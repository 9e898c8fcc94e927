// path.matchesGlob: glob matching with the options Node 20 gives its
// minimatch (`\` is a separator, no negation or comments, dot files need
// an explicit dot, case-sensitive). Braces ({a,b}, {1..3}), *, ?, **,
// classes ([a-z], [!x], [[:alpha:]]) and extglobs (+(a|b), !(a) ...).
'use strict';
const { invalidArgType } = shared;

const POSIX_CLASSES = {
  alnum: 'A-Za-z0-9', alpha: 'A-Za-z', ascii: '\\x00-\\x7f', blank: ' \\t', cntrl: '\\x00-\\x1f\\x7f',
  digit: '0-9', graph: '\\x21-\\x7e', lower: 'a-z', print: '\\x20-\\x7e', punct: '!-\\/:-@\\[-`{-~',
  space: ' \\t\\r\\n\\v\\f', upper: 'A-Z', word: 'A-Za-z0-9_', xdigit: 'A-Fa-f0-9',
};
const GLOBSTAR = Symbol('globstar');
const escapeRegex = (s) => s.replace(/[-[\]{}()*+?.,\\^$|#\s]/g, '\\$&');

// ---- brace expansion ----------------------------------------------------------
// The index of the `}` closing the `{` at `open`, or -1.
function closingBrace(p, open) {
  let depth = 0;
  for (let i = open; i < p.length; i++) {
    if (p[i] === '{') depth++;
    else if (p[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

// The top-level comma-separated parts of a brace body.
function splitBody(body) {
  const parts = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(body.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(body.slice(start));
  return parts;
}

// `{a..e}`, `{1..10..2}`, `{01..03}`: the items, or null.
function sequence(body) {
  const m = /^(-?\d+|[a-zA-Z])\.\.(-?\d+|[a-zA-Z])(?:\.\.(-?\d+))?$/.exec(body);
  if (m === null) return null;
  const numeric = /\d/.test(m[1]);
  if (numeric !== /\d/.test(m[2])) return null;
  const from = numeric ? Number(m[1]) : m[1].charCodeAt(0);
  const to = numeric ? Number(m[2]) : m[2].charCodeAt(0);
  const step = Math.max(Math.abs(m[3] === undefined ? 1 : Number(m[3])), 1);
  const width = numeric && (/^-?0\d/.test(m[1]) || /^-?0\d/.test(m[2])) ? Math.max(m[1].length, m[2].length) : 0;
  const out = [];
  const dir = from <= to ? 1 : -1;
  for (let v = from; dir > 0 ? v <= to : v >= to; v += dir * step) {
    if (!numeric) {
      out.push(String.fromCharCode(v));
    } else {
      let s = String(Math.abs(v));
      const neg = v < 0;
      while (s.length < width - (neg ? 1 : 0)) s = `0${s}`;
      out.push(neg ? `-${s}` : s);
    }
  }
  return out;
}

function expandBraces(p) {
  for (let open = p.indexOf('{'); open !== -1; open = p.indexOf('{', open + 1)) {
    const close = closingBrace(p, open);
    if (close === -1) return [p];
    const body = p.slice(open + 1, close);
    const pre = p.slice(0, open);
    const post = p.slice(close + 1);
    const items = sequence(body) ?? (splitBody(body).length > 1 ? splitBody(body) : null);
    if (items === null) continue;
    const out = [];
    for (const item of items) {
      for (const rest of expandBraces(item + post)) out.push(pre + rest);
    }
    return out;
  }
  return [p];
}

// ---- one segment to a regular expression ---------------------------------------
// The class at `p[i] === '['`: [regexSource, end] or null when unclosed.
function parseClass(p, i) {
  let j = i + 1;
  let negate = false;
  if (p[j] === '!' || p[j] === '^') { negate = true; j++; }
  let src = '';
  let first = true;
  for (; j < p.length; j++) {
    const c = p[j];
    if (c === ']' && !first) {
      if (src === '') return [negate ? '[^/]' : '$.', j + 1];
      return [negate ? `[^/${src}]` : `[${src}]`, j + 1];
    }
    first = false;
    if (c === '[' && p[j + 1] === ':') {
      const end = p.indexOf(':]', j + 2);
      if (end !== -1) {
        const name = p.slice(j + 2, end);
        if (POSIX_CLASSES[name] !== undefined) {
          src += POSIX_CLASSES[name];
          j = end + 1;
          continue;
        }
      }
    }
    if (p[j + 1] === '-' && p[j + 2] !== undefined && p[j + 2] !== ']') {
      if (p[j + 2] >= c) src += `${escapeRegex(c)}-${escapeRegex(p[j + 2])}`;
      j += 2;
      continue;
    }
    src += escapeRegex(c);
  }
  return null;
}

// Regex source for `p[from..]` up to an unbalanced `|` or `)` when `inGroup`:
// [source, end index, hasMagic].
function compile(p, from, inGroup) {
  let src = '';
  let magic = false;
  let i = from;
  while (i < p.length) {
    const c = p[i];
    if (inGroup && (c === '|' || c === ')')) break;
    if ('+*?@!'.includes(c) && p[i + 1] === '(') {
      const alts = [];
      let j = i + 2;
      for (;;) {
        const [alt, end] = compile(p, j, true);
        alts.push(alt);
        if (end >= p.length) { j = -1; break; }
        j = end + 1;
        if (p[end] === ')') break;
      }
      if (j !== -1) {
        magic = true;
        const body = alts.join('|');
        if (c === '!') {
          const [rest] = compile(p, j, inGroup);
          src += `(?:(?!(?:${body})${rest}$)[^/]*?)`;
        } else {
          src += `(?:${body})${c === '@' ? '' : c}`;
        }
        i = j;
        continue;
      }
    }
    if (c === '*') {
      magic = true;
      src += '[^/]*?';
      while (p[i + 1] === '*' && p[i + 2] !== '(') i++;
    } else if (c === '?') {
      magic = true;
      src += '[^/]';
    } else if (c === '[') {
      const cls = parseClass(p, i);
      if (cls !== null) {
        magic = true;
        src += cls[0];
        i = cls[1];
        continue;
      }
      src += '\\[';
    } else {
      src += escapeRegex(c);
    }
    i++;
  }
  return [src, i, magic];
}

// A pattern segment: GLOBSTAR, a literal string, or a RegExp.
function segment(p) {
  if (p === '**') return GLOBSTAR;
  const [src, , magic] = compile(p, 0, false);
  if (!magic) return p;
  // Stars alone need a character.
  const body = /^\*+$/.test(p) ? '[^/]+?' : src;
  return new RegExp(`^${dotGuard(p)}${body}$`);
}

// Whether `p[i..]` starts with `*`, `?` or a class (not an extglob).
function startsMagic(p, i) {
  if (p[i + 1] === '(' && '+*?@!'.includes(p[i])) return false;
  return p[i] === '*' || p[i] === '?' || (p[i] === '[' && parseClass(p, i) !== null);
}

// As minimatch: a segment starting with a wildcard (or `!(`) never matches
// a dot file; one starting with `.` or `..` then a wildcard never matches
// `.` or `..`; any other start (a literal, an extglob) adds no guard.
function dotGuard(p) {
  if (startsMagic(p, 0) || (p[0] === '!' && p[1] === '(')) return '(?!\\.)';
  if (p[0] === '.' && (startsMagic(p, 1) || (p[1] === '.' && startsMagic(p, 2)))) return '(?!\\.{1,2}$)';
  return '';
}

// ---- paths and patterns as parts ----------------------------------------------
function split(p, windows) {
  if (windows && /^\/\/[^/]+/.test(p)) return ['', ...p.split(/\/+/)];
  return p.split(/\/+/);
}

// Drops `.` and empty inner parts and `x/..` pairs.
function squeeze(parts) {
  let changed = true;
  while (changed) {
    changed = false;
    for (let i = 1; i < parts.length - 1; i++) {
      const p = parts[i];
      if (i === 1 && p === '' && parts[0] === '') continue;
      if (p === '.' || p === '') { parts.splice(i, 1); i--; changed = true; }
    }
    if (parts[0] === '.' && parts.length === 2 && (parts[1] === '.' || parts[1] === '')) { parts.pop(); changed = true; }
    for (let dd = parts.indexOf('..', 1); dd !== -1; dd = parts.indexOf('..', dd + 1)) {
      const p = parts[dd - 1];
      if (p && p !== '.' && p !== '..' && p !== '**') { parts.splice(dd - 1, 2); dd -= 2; changed = true; }
    }
  }
  return parts.length === 0 ? [''] : parts;
}

function matchParts(file, fi, pattern, pi) {
  for (; fi < file.length && pi < pattern.length; fi++, pi++) {
    const p = pattern[pi];
    const f = file[fi];
    if (p === GLOBSTAR) {
      if (pi === pattern.length - 1) {
        for (; fi < file.length; fi++) {
          if (file[fi] === '.' || file[fi] === '..' || file[fi][0] === '.') return false;
        }
        return true;
      }
      for (let fr = fi; fr < file.length; fr++) {
        if (matchParts(file, fr, pattern, pi + 1)) return true;
        const s = file[fr];
        if (s === '.' || s === '..' || s[0] === '.') return false;
      }
      return false;
    }
    const hit = typeof p === 'string' ? f === p : p.test(f);
    if (!hit) return false;
  }
  if (fi === file.length && pi === pattern.length) return true;
  if (fi === file.length) return false;
  // A trailing slash on the path is allowed.
  return fi === file.length - 1 && file[fi] === '';
}

let warned = false;
function matchGlob(path, pattern, windows) {
  if (!warned) {
    warned = true;
    shared.process.emitWarning('glob is an experimental feature and might change at any time', 'ExperimentalWarning');
  }
  if (typeof path !== 'string') throw invalidArgType('path', 'string', path);
  if (typeof pattern !== 'string') throw invalidArgType('pattern', 'string', pattern);
  pattern = pattern.split('\\').join('/');
  if (windows) path = path.split('\\').join('/');
  if (pattern === '') return path === '';
  const file = squeeze(split(path, windows));
  // As brace-expansion at the top level: empty expansions are dropped.
  for (const expanded of expandBraces(pattern).filter((e) => e !== '')) {
    const parts = squeeze(split(expanded, windows)).map(segment);
    if (matchParts(file, 0, parts, 0)) return true;
  }
  return false;
}

return {
  posix: function matchesGlob(path, pattern) { return matchGlob(path, pattern, false); },
  win32: function matchesGlob(path, pattern) { return matchGlob(path, pattern, true); },
};
