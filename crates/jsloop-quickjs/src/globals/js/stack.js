// `error.stack` in V8's shape, which libraries parse: the `Name: message`
// line, then one `    at ...` line per frame. QuickJS leaves the first
// line out, so the engine's prepareStackTrace hook is always ours: it
// formats V8's way, or calls a user-assigned `Error.prepareStackTrace`
// (kept behind an accessor, undefined until assigned, as in V8).
'use strict';
const engine = Object.getOwnPropertyDescriptor(Error, 'prepareStackTrace');
const errorToString = Error.prototype.toString;
const ReflectApply = Reflect.apply;

// V8's ErrorUtils::ToString, never throwing.
function header(error) {
  try {
    return ReflectApply(errorToString, error, []);
  } catch {
    try { return String(error); } catch { return 'Error'; }
  }
}

// The CommonJS wrappers of the scripts run, and their sources (by file
// name) for the column rules below: kept whole, split into lines the
// first time a stack needs them (most never do; typescript has 200,000).
const wrappers = new WeakSet();
const sources = new Map();

// QuickJS places a call's frame at other columns than V8, which libraries
// and people read: V8 points at `new` for `new X(...)`, and at the callee
// (the property name of a member call) when QuickJS points into the
// arguments. Only for sources we ran; anything unclear stays as it is.
const isIdent = (c) => c !== undefined && /[A-Za-z0-9_$]/.test(c);
function v8Column(file, line, col) {
  let source = sources.get(file);
  if (source === undefined) return col;
  if (typeof source === 'string') {
    source = source.split('\n');
    sources.set(file, source);
  }
  const text = source[line - 1];
  if (text === undefined) return col;
  let i = col - 1;
  const before = text.slice(0, i);
  const isNew = /\bnew\s+$/.exec(before);
  if (isNew) return isNew.index + 1;
  // Inside an argument list: the innermost unclosed '(' before `col`.
  let end = i;
  while (isIdent(text[end])) end++;
  if (end === i || text[end] === '(' || text[end] === '.') return col;
  let depth = 0;
  for (let j = i - 1; j >= 0; j--) {
    const c = text[j];
    if (c === '"' || c === "'" || c === '`') return col;
    if (c === ')' || c === ']' || c === '}') depth++;
    else if (c === '[' || c === '{') { if (depth === 0) return col; depth--; }
    else if (c === '(') {
      if (depth > 0) { depth--; continue; }
      let k = j - 1;
      while (k >= 0 && text[k] === ' ') k--;
      let start = k;
      while (start >= 0 && isIdent(text[start])) start--;
      if (start === k) return col;
      const callee = text.slice(0, start + 1);
      const ctor = /\bnew\s+(?:[A-Za-z0-9_$]+\s*\.\s*)*$/.exec(callee);
      if (ctor) return ctor.index + 1;
      return start + 2;
    }
  }
  return col;
}

function frame(cs) {
  let name = cs.getFunctionName();
  if (cs.isNative()) return `${name || '<anonymous>'} (<anonymous>)`;
  if (!name) {
    let fn;
    try { fn = cs.getFunction(); } catch { /* strict */ }
    if (fn !== undefined && wrappers.has(fn)) name = 'Object.<anonymous>';
  }
  const file = cs.getFileName();
  const line = cs.getLineNumber();
  const loc = file === undefined || file === null
    ? '<anonymous>'
    : line > 0 ? `${file}:${line}:${v8Column(file, line, cs.getColumnNumber())}` : file;
  return name ? `${name} (${loc})` : loc;
}

// A script's CommonJS wrapper and source, from the Rust side.
function markWrapper(fn, file, source) {
  wrappers.add(fn);
  sources.set(file, source);
}

// V8's CallSite methods QuickJS lacks, for user prepareStackTrace hooks.
let patched = false;
function patch(callsites) {
  if (patched || callsites.length === 0) return;
  patched = true;
  const proto = Object.getPrototypeOf(callsites[0]);
  const missing = {
    getThis() { return undefined; },
    getTypeName() { return null; },
    getMethodName() { return null; },
    getEvalOrigin() { return undefined; },
    getScriptNameOrSourceURL() { return this.getFileName(); },
    getScriptHash() { return ''; },
    getEnclosingColumnNumber() { return null; },
    getEnclosingLineNumber() { return null; },
    getPosition() { return 0; },
    getPromiseIndex() { return null; },
    isToplevel() { return false; },
    isEval() { return false; },
    isAsync() { return false; },
    isPromiseAll() { return false; },
    toString() { return frame(this); },
  };
  for (const [key, fn] of Object.entries(missing)) {
    if (!(key in proto)) Object.defineProperty(proto, key, { value: fn, writable: true, configurable: true });
  }
}

let user;
function prepare(error, callsites) {
  patch(callsites);
  if (typeof user === 'function') return user(error, callsites);
  let out = header(error);
  for (const cs of callsites) out += `\n    at ${frame(cs)}`;
  return out;
}
if (engine && engine.set) {
  engine.set.call(Error, prepare);
  Object.defineProperty(Error, 'prepareStackTrace', {
    get() { return user; },
    set(fn) { user = fn; },
    enumerable: false,
    configurable: true,
  });
}

return { markWrapper };
