// `process`: events, nextTick, exit codes, and the fatal-error path.
// Evaluated as a function body with (host, util, shared); puts `process`
// and `fatal` on `shared` and returns its part of the dispatch table.
'use strict';
const { invalidArgType, validateFunction } = shared;
const write = (fd, s) => host.print(fd, s);

// ---- events -----------------------------------------------------------------
const listeners = new Map();
function addListener(name, fn, once) {
  validateFunction(fn, 'listener');
  let list = listeners.get(name);
  if (list === undefined) { list = []; listeners.set(name, list); }
  list.push({ fn, once });
}

const process = {
  argv: host.argv,
  argv0: 'node',
  execArgv: [],
  env: host.env,
  pid: host.pid,
  platform: host.platform,
  version: 'v20.0.0-jsloop',
  versions: { jsloop: host.version },
  exitCode: undefined,
  title: 'jsloop',
  on(name, fn) { addListener(name, fn, false); return this; },
  once(name, fn) { addListener(name, fn, true); return this; },
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
  // Native: queues on the host's tick queue, drained before microtasks.
  nextTick: host.nextTick,
  exit(code) {
    if (code !== undefined) process.exitCode = code;
    exitNow();
  },
  cwd: () => host.cwd,
  hrtime: Object.assign((prev) => {
    const ns = BigInt(Math.round(host.now() * 1e6));
    const s = [Number(ns / 1000000000n), Number(ns % 1000000000n)];
    if (!prev) return s;
    let sec = s[0] - prev[0]; let nsec = s[1] - prev[1];
    if (nsec < 0) { sec--; nsec += 1e9; }
    return [sec, nsec];
  }, { bigint: () => BigInt(Math.round(host.now() * 1e6)) }),
  stdout: { write: (s) => { write(1, String(s)); return true; }, isTTY: false },
  stderr: { write: (s) => { write(2, String(s)); return true; }, isTTY: false },
};
process.addListener = process.on;
process.removeListener = process.off;

// ---- exit -------------------------------------------------------------------
let exiting = false;
function exitCodeNow() {
  const c = process.exitCode;
  return c === undefined || c === null ? 0 : (Number(c) | 0);
}
function emitExit() {
  if (exiting) return;
  exiting = true;
  try { process.emit('exit', exitCodeNow()); } catch (e) { printFatal(e, false); process.exitCode = 7; }
}
function exitNow() {
  emitExit();
  host.exit(exitCodeNow());
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

function printFatal(err, fromPromise) {
  if (err instanceof Error || (err && typeof err === 'object' && typeof err.stack === 'string' && 'message' in err)) {
    write(2, `${util.inspect(err)}\n`);
  } else if (fromPromise) {
    const shown = noSideEffectsToString(err);
    write(2, `UnhandledPromiseRejection: This error originated either by throwing inside of an async function without a catch block, or by rejecting a promise which was not handled with .catch(). The promise rejected with the reason "${shown}".\n  code: 'ERR_UNHANDLED_REJECTION'\n`);
  } else {
    write(2, `${util.inspect(err)}\n`);
  }
}

// An exception nothing caught: uncaughtException listeners, else fatal.
function fatal(err, fromPromise = false) {
  if (exiting) return;
  if (process.listenerCount('uncaughtException') > 0) {
    try {
      process.emit('uncaughtException', err, fromPromise ? 'unhandledRejection' : 'uncaughtException');
      return;
    } catch (e) {
      printFatal(e, false);
      process.exitCode = 7;
      exitNow();
    }
  }
  printFatal(err, fromPromise);
  process.exitCode = 1;
  exitNow();
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
    try { process.emit('rejectionHandled', p); } catch (e) { fatal(e); }
  }
  for (const [p, reason] of pending) {
    if (exiting) return;
    reported.add(p);
    if (process.listenerCount('unhandledRejection') > 0) {
      try { process.emit('unhandledRejection', reason, p); } catch (e) { fatal(e); }
    } else {
      fatal(reason, true);
    }
  }
}

function beforeExit() {
  if (exiting) return;
  try { process.emit('beforeExit', exitCodeNow()); } catch (e) { fatal(e); }
}

function exit() {
  emitExit();
  return exitCodeNow();
}

shared.process = process;
shared.fatal = fatal;
shared.isExiting = () => exiting;
const define = (name, value) => Object.defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable: false });
define('process', process);
define('global', globalThis);
define('require', function require(id) {
  const e = new Error(`Cannot find module '${id}'`);
  e.code = 'MODULE_NOT_FOUND';
  throw e;
});

// Node's error for a nextTick callback that is not a function.
const tickError = (callback) => invalidArgType('callback', 'function', callback);

return { tickError, rejections, fatal, beforeExit, exit };
