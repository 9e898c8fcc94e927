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

function frame(cs) {
  const name = cs.getFunctionName();
  if (cs.isNative()) return `${name || '<anonymous>'} (<anonymous>)`;
  const file = cs.getFileName();
  const line = cs.getLineNumber();
  const loc = file === undefined || file === null
    ? '<anonymous>'
    : line > 0 ? `${file}:${line}:${cs.getColumnNumber()}` : file;
  return name ? `${name} (${loc})` : loc;
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
