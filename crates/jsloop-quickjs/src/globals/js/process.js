// `process`: events, nextTick, exit codes, warnings, and the fatal-error
// path. Puts `process` and `fatal` on `shared`; returns its part of the
// dispatch contract (fatal, rejections, beforeExit, exit, mainModule).
'use strict';
const { invalidArgType, validateFunction, validateInteger, nodeError, define } = shared;
const write = (fd, s) => host.print(fd, s);
const kGenericUserError = 1;
const kUnsettledTopLevelAwait = 13;

// ---- events -----------------------------------------------------------------
const listeners = new Map();
function addListener(name, fn, once, prepend) {
  validateFunction(fn, 'listener');
  let list = listeners.get(name);
  if (list === undefined) { list = []; listeners.set(name, list); }
  if (prepend) list.unshift({ fn, once }); else list.push({ fn, once });
}

let exitCode;
const process = {
  argv: host.argv,
  argv0: 'node',
  execArgv: [],
  env: host.env,
  pid: host.pid,
  ppid: host.ppid,
  platform: host.platform,
  arch: host.arch,
  version: 'v20.0.0-jsloop',
  versions: { jsloop: host.version },
  title: 'jsloop',
  on(name, fn) { addListener(name, fn, false, false); return this; },
  once(name, fn) { addListener(name, fn, true, false); return this; },
  prependListener(name, fn) { addListener(name, fn, false, true); return this; },
  prependOnceListener(name, fn) { addListener(name, fn, true, true); return this; },
  off(name, fn) {
    const list = listeners.get(name);
    if (list) {
      for (let i = list.length - 1; i >= 0; i--) {
        if (list[i].fn === fn) { list.splice(i, 1); break; }
      }
    }
    return this;
  },
  removeAllListeners(name) { if (name === undefined) listeners.clear(); else listeners.delete(name); return this; },
  emit(name, ...args) {
    const list = listeners.get(name);
    if (!list || list.length === 0) return false;
    for (const entry of [...list]) {
      if (entry.once) process.off(name, entry.fn);
      entry.fn.apply(process, args);
    }
    return true;
  },
  listenerCount(name) { const list = listeners.get(name); return list ? list.length : 0; },
  listeners(name) { return (listeners.get(name) || []).map((e) => e.fn); },
  eventNames() { return [...listeners.keys()].filter((k) => listeners.get(k).length > 0); },
  // Native: each callback is one loop nextTick, in the loop's tick queue.
  nextTick: host.nextTick,
  exit(code) {
    if (code !== undefined) process.exitCode = code;
    if (!exiting) {
      exiting = true;
      process.emit('exit', exitCodeNow());
    }
    host.exit(exitCodeNow());
  },
  reallyExit(code) { host.exit(code === undefined ? 0 : code | 0); },
  abort() { write(2, 'abort() called\n'); host.exit(134); },
  cwd: () => host.cwd,
  uptime: () => host.now() / 1000,
  hrtime: Object.assign((prev) => {
    const ns = BigInt(Math.round(host.now() * 1e6));
    const s = [Number(ns / 1000000000n), Number(ns % 1000000000n)];
    if (prev === undefined) return s;
    if (!Array.isArray(prev)) throw invalidArgType('time', 'Array', prev);
    if (prev.length !== 2) throw nodeError(RangeError, 'ERR_OUT_OF_RANGE', `The value of "time" is out of range. It must be 2. Received ${prev.length}`);
    let sec = s[0] - prev[0]; let nsec = s[1] - prev[1];
    if (nsec < 0) { sec--; nsec += 1e9; }
    return [sec, nsec];
  }, { bigint: () => BigInt(Math.round(host.now() * 1e6)) }),
  emitWarning,
  stdout: { write: (s) => { write(1, String(s)); return true; }, isTTY: false, fd: 1 },
  stderr: { write: (s) => { write(2, String(s)); return true; }, isTTY: false, fd: 2 },
};
process.addListener = process.on;
process.removeListener = process.off;
Object.defineProperty(process, 'exitCode', {
  enumerable: true,
  configurable: false,
  get() { return exitCode; },
  set(value) {
    if (value !== null && value !== undefined) {
      let checked = value;
      if (typeof value === 'string' && value !== '' && Number.isInteger(+value)) checked = +value;
      validateInteger(checked, 'code');
    }
    exitCode = value;
  },
});

// ---- warnings ---------------------------------------------------------------
let warnedOnce = false;
function emitWarning(warning, type, code, ctor) {
  let detail;
  if (type !== null && typeof type === 'object' && !Array.isArray(type)) {
    ctor = type.ctor; code = type.code; detail = type.detail; type = type.type || 'Warning';
  } else if (typeof type === 'function') {
    ctor = type; code = undefined; type = 'Warning';
  }
  if (type !== undefined && typeof type !== 'string') throw invalidArgType('type', 'string', type);
  if (typeof code === 'function') { ctor = code; code = undefined; }
  if (code !== undefined && typeof code !== 'string') throw invalidArgType('code', 'string', code);
  if (typeof warning === 'string') {
    const e = new Error(warning);
    e.name = String(type || 'Warning');
    if (code !== undefined) e.code = code;
    if (detail !== undefined) e.detail = detail;
    warning = e;
  } else if (!(warning instanceof Error)) {
    throw invalidArgType('warning', ['Error', 'string'], warning);
  }
  if (warning.name === 'DeprecationWarning' && process.noDeprecation) return;
  process.nextTick(doEmitWarning, warning);
}
function doEmitWarning(warning) {
  const code = warning.code ? `[${warning.code}] ` : '';
  let text = `(node:${host.pid}) ${code}${warning.name}: ${warning.message}\n`;
  if (!warnedOnce) {
    warnedOnce = true;
    text += '(Use `node --trace-warnings ...` to show where the warning was created)\n';
  }
  write(2, text);
  process.emit('warning', warning);
}

// ---- exit -------------------------------------------------------------------
let exiting = false;
function exitCodeNow() {
  const c = exitCode;
  return c === undefined || c === null ? 0 : (+c | 0);
}

// V8's NoSideEffectsToString, which Node's unhandled-rejection message uses.
function noSideEffectsToString(v) {
  if (typeof v === 'string') return v;
  if (typeof v === 'symbol') return v.toString();
  if (typeof v === 'function') return Function.prototype.toString.call(v);
  if (v === null || typeof v !== 'object') return String(v);
  if (Array.isArray(v)) return '[object Array]';
  const proto = Object.getPrototypeOf(v);
  const ctor = proto === null ? undefined : Object.getOwnPropertyDescriptor(proto, 'constructor');
  const name = ctor && typeof ctor.value === 'function' ? ctor.value.name : '';
  return name ? `#<${name}>` : '[object Object]';
}

// Node's isErrorLike (an object with an own `stack`; QuickJS keeps
// `stack` on Error.prototype, so errors count too). A revoked Proxy
// throws here, as in Node.
function isErrorLike(v) {
  return typeof v === 'object' && v !== null &&
    (Object.prototype.hasOwnProperty.call(v, 'stack') || v instanceof Error);
}

// What Node prints for an uncaught value: the error as util.inspect shows
// it; if printing throws, the error raised while printing it.
function describe(err) {
  try {
    return util.inspect(err);
  } catch (e) {
    try { return util.inspect(e); } catch { return 'Uncaught exception'; }
  }
}

function unhandledRejectionError(reason) {
  let shown;
  try { shown = noSideEffectsToString(reason); } catch { shown = '[object Object]'; }
  const message = 'This error originated either by throwing inside of an async function without a catch block, ' +
    `or by rejecting a promise which was not handled with .catch(). The promise rejected with the reason "${shown}".`;
  const e = new Error(message);
  shared.setStackHeader(e, `UnhandledPromiseRejection: ${message}`);
  Object.defineProperty(e, 'name', { value: 'UnhandledPromiseRejection', writable: true, configurable: true, enumerable: false });
  e.code = 'ERR_UNHANDLED_REJECTION';
  return e;
}

// An exception nothing caught (Node's _fatalException): uncaughtException
// listeners, else `exit` listeners (once), the report, and the end. An
// exception thrown by a listener propagates (the Rust side ends with 7).
function fatal(err, fromPromise) {
  if (host.exiting()) return;
  const type = fromPromise ? 'unhandledRejection' : 'uncaughtException';
  process.emit('uncaughtExceptionMonitor', err, type);
  if (process.emit('uncaughtException', err, type)) return;
  if (!exiting) {
    exiting = true;
    try {
      exitCode = kGenericUserError;
      process.emit('exit', kGenericUserError);
    } catch { /* as Node: nothing to be done about it now */ }
  }
  write(2, `${describe(err)}\n`);
  host.exit(exitCode === undefined || exitCode === null ? kGenericUserError : (+exitCode | 0));
}

// ---- rejection tracking -------------------------------------------------------
// Promises reported as unhandled; a later handler fires `rejectionHandled`.
// Weak, so a reported promise that is never handled is still collected.
const reported = new WeakSet();

// events: flat [handled, promise, reason, ...] in the order the engine's
// tracker reported them since the last checkpoint.
function rejections(events) {
  const pending = new Map();
  const handledLate = [];
  for (let i = 0; i < events.length; i += 3) {
    const handled = events[i]; const p = events[i + 1]; const reason = events[i + 2];
    if (!handled) {
      pending.set(p, reason);
    } else if (pending.has(p)) {
      pending.delete(p);
    } else if (reported.has(p)) {
      reported.delete(p);
      handledLate.push(p);
    }
  }
  for (const p of handledLate) {
    process.emit('rejectionHandled', p);
  }
  for (const [p, reason] of pending) {
    if (host.exiting()) return;
    reported.add(p);
    if (!process.emit('unhandledRejection', reason, p)) {
      fatal(isErrorLike(reason) ? reason : unhandledRejectionError(reason), true);
    }
  }
}

function beforeExit() {
  if (exiting) return;
  process.emit('beforeExit', exitCodeNow());
}

// The end of a natural run: `exit` listeners (once); the exit code.
function exit() {
  if (!exiting) {
    exiting = true;
    process.emit('exit', exitCodeNow());
  }
  return exitCodeNow();
}

// The main ES module: if its evaluation never settles, the exit code is 13.
function mainModule(promise) {
  let settled = false;
  promise.then(() => { settled = true; }, (e) => { settled = true; fatal(e, false); });
  process.on('exit', () => { if (!settled && exitCode === undefined) exitCode = kUnsettledTopLevelAwait; });
}

shared.process = process;
shared.fatal = fatal;
define('process', process);
define('global', globalThis);
define('require', function require(id) {
  const e = new Error(`Cannot find module '${id}'`);
  e.code = 'MODULE_NOT_FOUND';
  throw e;
});

return { fatal, rejections, beforeExit, exit, mainModule };
