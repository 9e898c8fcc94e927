// Node-shaped globals over the native `host` object. Evaluated as a
// function body with (host, util); returns the dispatch table the Rust side
// calls: runTimer, runImmediate, runTicks, rejections, fatal, beforeExit,
// exit. Nothing here leaks onto globalThis but the Node globals.
'use strict';
const g = globalThis;
const kCode = Symbol.for('jsloop.errorCode');
const kReported = Symbol('jsloop.rejectionReported');
const TIMEOUT_MAX = 2 ** 31 - 1;

// ---- errors -------------------------------------------------------------
function describeReceived(value) {
  if (value == null) return ` Received ${value}`;
  if (typeof value === 'function') return ` Received function ${value.name}`;
  if (typeof value === 'object') {
    if (value.constructor && value.constructor.name) return ` Received an instance of ${value.constructor.name}`;
    return ` Received ${util.inspect(value, -1)}`;
  }
  let shown = util.inspect(value);
  if (shown.length > 28) shown = `${shown.slice(0, 25)}...`;
  return ` Received type ${typeof value} (${shown})`;
}
function nodeError(Ctor, code, message) {
  const e = new Ctor(message);
  Object.defineProperty(e, kCode, { value: code });
  Object.defineProperty(e, 'code', { value: code, enumerable: true, writable: true, configurable: true });
  return e;
}
function invalidArgType(name, expected, value) {
  return nodeError(TypeError, 'ERR_INVALID_ARG_TYPE',
    `The "${name}" argument must be of type ${expected}.${describeReceived(value)}`);
}
function validateFunction(fn, name) {
  if (typeof fn !== 'function') throw invalidArgType(name, 'function', fn);
}

// ---- output ---------------------------------------------------------------
const write = (fd, s) => host.print(fd, s);
let groupIndent = '';
function emitLine(fd, args) {
  let s = util.format(...args);
  if (groupIndent) s = groupIndent + s.split('\n').join('\n' + groupIndent);
  write(fd, s + '\n');
}
const counts = new Map();
const timers0 = new Map();
const console = {
  log: (...a) => emitLine(1, a),
  info: (...a) => emitLine(1, a),
  debug: (...a) => emitLine(1, a),
  warn: (...a) => emitLine(2, a),
  error: (...a) => emitLine(2, a),
  trace: (...a) => emitLine(2, ['Trace' + (a.length ? ': ' + util.format(...a) : '')]),
  dir: (v) => emitLine(1, [util.inspect(v)]),
  assert: (cond, ...a) => { if (!cond) emitLine(2, a.length ? ['Assertion failed:', ...a] : ['Assertion failed']); },
  count: (label = 'default') => { const n = (counts.get(label) || 0) + 1; counts.set(label, n); emitLine(1, [`${label}: ${n}`]); },
  countReset: (label = 'default') => { counts.delete(label); },
  group: (...a) => { if (a.length) emitLine(1, a); groupIndent += '  '; },
  groupEnd: () => { groupIndent = groupIndent.slice(2); },
  time: (label = 'default') => { timers0.set(label, host.now()); },
  timeEnd: (label = 'default') => {
    const t = timers0.get(label);
    if (t !== undefined) { timers0.delete(label); emitLine(1, [`${label}: ${(host.now() - t).toFixed(3)}ms`]); }
  },
};
console.groupCollapsed = console.group;

// ---- timers ---------------------------------------------------------------
const knownById = new Map();   // primitive id -> Timeout (once asked for)
let warnedOverflow = false;

function coerceDelay(after) {
  after *= 1;
  if (!(after >= 1 && after <= TIMEOUT_MAX)) {
    if (after > TIMEOUT_MAX) {
      write(2, `(node:${host.pid}) TimeoutOverflowWarning: ${after} does not fit into a 32-bit signed integer.\nTimeout duration was set to 1.\n`);
      if (!warnedOverflow) { warnedOverflow = true; }
    }
    after = 1;
  }
  return after;
}

class Timeout {
  constructor(callback, after, args, repeat) {
    this._idleTimeout = after;
    this._onTimeout = callback;
    this._timerArgs = args;
    this._repeat = repeat ? after : null;
    this._destroyed = false;
    this._refed = true;
    this._id = host.timerStart(this, after, repeat);
    this._primitive = this._id;
  }
  ref() { if (!this._destroyed) host.timerRef(this._id, true); this._refed = true; return this; }
  unref() { if (!this._destroyed) host.timerRef(this._id, false); this._refed = false; return this; }
  hasRef() { return this._refed; }
  refresh() {
    if (this._onTimeout === null) return this;
    if (this._destroyed) {
      this._destroyed = false;
      this._id = host.timerStart(this, this._idleTimeout, this._repeat !== null);
      if (!this._refed) host.timerRef(this._id, false);
    } else {
      host.timerRefresh(this._id);
    }
    return this;
  }
  close() { clearTimeout(this); return this; }
  [Symbol.toPrimitive]() {
    knownById.set(this._primitive, this);
    return this._primitive;
  }
}

function unenroll(t) {
  if (t._destroyed) return;
  t._destroyed = true;
  host.timerClear(t._id);
  knownById.delete(t._primitive);
}

function setTimeout(callback, after, ...args) {
  validateFunction(callback, 'callback');
  return new Timeout(callback, coerceDelay(after), args, false);
}
function setInterval(callback, repeat, ...args) {
  validateFunction(callback, 'callback');
  return new Timeout(callback, coerceDelay(repeat), args, true);
}
function clearTimeout(timer) {
  if (timer && timer._onTimeout !== undefined && timer instanceof Timeout) {
    timer._onTimeout = null;
    unenroll(timer);
    return;
  }
  if (typeof timer === 'number' || typeof timer === 'string') {
    const t = knownById.get(Number(timer));
    if (t !== undefined) { t._onTimeout = null; unenroll(t); }
  }
}

class Immediate {
  constructor(callback, args) {
    this._onImmediate = callback;
    this._argv = args;
    this._destroyed = false;
    this._refed = true;
    this._id = host.immediateStart(this);
  }
  ref() { if (!this._destroyed) host.immediateRef(this._id, true); this._refed = true; return this; }
  unref() { if (!this._destroyed) host.immediateRef(this._id, false); this._refed = false; return this; }
  hasRef() { return this._refed; }
}
function setImmediate(callback, ...args) {
  validateFunction(callback, 'callback');
  return new Immediate(callback, args);
}
function clearImmediate(immediate) {
  if (!immediate || immediate._destroyed) return;
  if (typeof immediate !== 'object' && typeof immediate !== 'function') {
    // Node assigns `immediate._destroyed = true` in strict mode.
    throw new TypeError(`Cannot create property '_destroyed' on ${typeof immediate} '${String(immediate)}'`);
  }
  if (!(immediate instanceof Immediate)) return;
  immediate._destroyed = true;
  immediate._onImmediate = null;
  host.immediateClear(immediate._id);
}

function queueMicrotask(callback) {
  validateFunction(callback, 'callback');
  host.defer(callback);
}

// ---- process ----------------------------------------------------------------
const listeners = new Map();
const tickFns = [];
const tickArgs = [];
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
  on(name, fn) { validateFunction(fn, 'listener'); (listeners.get(name) || listeners.set(name, []).get(name)).push({ fn, once: false }); return this; },
  once(name, fn) { validateFunction(fn, 'listener'); (listeners.get(name) || listeners.set(name, []).get(name)).push({ fn, once: true }); return this; },
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
  listenerCount(name) { return (listeners.get(name) || []).length; },
  listeners(name) { return (listeners.get(name) || []).map((e) => e.fn); },
  nextTick(callback) {
    if (typeof callback !== 'function') throw invalidArgType('callback', 'function', callback);
    tickFns.push(callback);
    tickArgs.push(arguments.length > 1 ? Array.prototype.slice.call(arguments, 1) : undefined);
    // While runTicks drains, it picks this one up itself.
    if (!draining) host.tick();
  },
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

let exiting = false;
function exitCodeNow() {
  const c = process.exitCode;
  return c === undefined || c === null ? 0 : (Number(c) | 0);
}
function exitNow() {
  if (!exiting) {
    exiting = true;
    try { process.emit('exit', exitCodeNow()); } catch (e) { printFatal(e, false); process.exitCode = 7; }
  }
  host.exit(exitCodeNow());
}

function printFatal(err, fromPromise) {
  if (err instanceof Error || (err && typeof err === 'object' && typeof err.stack === 'string' && 'message' in err)) {
    write(2, `${util.inspect(err)}\n`);
  } else if (fromPromise) {
    const shown = util.inspect(err);
    write(2, `UnhandledPromiseRejection: This error originated either by throwing inside of an async function without a catch block, or by rejecting a promise which was not handled with .catch(). The promise rejected with the reason "${shown}".\n  code: 'ERR_UNHANDLED_REJECTION'\n`);
  } else {
    write(2, `Uncaught ${util.inspect(err)}\n`);
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

function runTimer(t) {
  if (t._repeat === null) {
    t._destroyed = true;
    knownById.delete(t._primitive);
  }
  const fn = t._onTimeout;
  if (typeof fn !== 'function') return;
  try {
    const args = t._timerArgs;
    if (args.length === 0) fn.call(t); else fn.apply(t, args);
  } catch (e) {
    fatal(e);
  }
}

function runImmediate(im) {
  im._destroyed = true;
  const fn = im._onImmediate;
  im._onImmediate = null;
  if (typeof fn !== 'function') return;
  try {
    const args = im._argv;
    if (args.length === 0) fn.call(im); else fn.apply(im, args);
  } catch (e) {
    fatal(e);
  }
}

// Drains the whole nextTick queue, new arrivals included, as Node does
// before it runs the microtask queue.
let tickHead = 0;
let draining = false;
function runTicks() {
  draining = true;
  try {
    drainTicks();
  } finally {
    draining = false;
  }
}
function drainTicks() {
  while (tickHead < tickFns.length) {
    const fn = tickFns[tickHead];
    const args = tickArgs[tickHead];
    tickFns[tickHead] = undefined;
    tickArgs[tickHead] = undefined;
    tickHead++;
    if (tickHead > 4096 && tickHead * 2 > tickFns.length) {
      // A long-running chain: drop the consumed prefix so memory stays flat.
      tickFns.splice(0, tickHead);
      tickArgs.splice(0, tickHead);
      tickHead = 0;
    }
    try {
      if (args === undefined) fn(); else fn(...args);
    } catch (e) {
      fatal(e);
    }
    if (exiting) return;
  }
  tickFns.length = 0;
  tickArgs.length = 0;
  tickHead = 0;
}

// events: flat [handled, promise, reason, ...] in the order the engine
// reported them during one checkpoint.
function rejections(events) {
  const pending = new Map();
  const handledLate = [];
  for (let i = 0; i < events.length; i += 3) {
    const handled = events[i]; const p = events[i + 1]; const reason = events[i + 2];
    if (!handled) {
      pending.set(p, reason);
    } else if (pending.has(p)) {
      pending.delete(p);
    } else if (p[kReported]) {
      p[kReported] = false;
      handledLate.push(p);
    }
  }
  for (const p of handledLate) process.emit('rejectionHandled', p);
  for (const [p, reason] of pending) {
    if (exiting) return;
    try { p[kReported] = true; } catch { /* frozen */ }
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
  if (!exiting) {
    exiting = true;
    try { process.emit('exit', exitCodeNow()); } catch (e) { printFatal(e, false); process.exitCode = 7; }
  }
  return exitCodeNow();
}

// ---- small web globals --------------------------------------------------
const performance = {
  now: () => host.now(),
  timeOrigin: host.timeOrigin,
  toJSON() { return { timeOrigin: this.timeOrigin }; },
};

const b64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
function domException(message, name) {
  const e = new Error(message);
  e.name = name;
  return e;
}
function btoa(input) {
  if (arguments.length === 0) throw invalidArgType('input', 'string', undefined);
  const s = String(input);
  let out = '';
  for (let i = 0; i < s.length; i += 3) {
    const c = [s.charCodeAt(i), s.charCodeAt(i + 1), s.charCodeAt(i + 2)];
    for (const x of c) if (x > 255) throw domException('Invalid character', 'InvalidCharacterError');
    const n = (c[0] << 16) | ((c[1] || 0) << 8) | (c[2] || 0);
    out += b64[(n >> 18) & 63] + b64[(n >> 12) & 63];
    out += i + 1 < s.length ? b64[(n >> 6) & 63] : '=';
    out += i + 2 < s.length ? b64[n & 63] : '=';
  }
  return out;
}
function atob(input) {
  if (arguments.length === 0) throw invalidArgType('input', 'string', undefined);
  let s = String(input).replace(/[\t\n\f\r ]/g, '');
  if (s.length % 4 === 0) s = s.replace(/==?$/, '');
  if (s.length % 4 === 1 || /[^A-Za-z0-9+/]/.test(s)) {
    throw domException('The string to be decoded is not correctly encoded.', 'InvalidCharacterError');
  }
  let out = '';
  let bits = 0; let acc = 0;
  for (const ch of s) {
    acc = (acc << 6) | b64.indexOf(ch);
    bits += 6;
    if (bits >= 8) { bits -= 8; out += String.fromCharCode((acc >> bits) & 255); }
  }
  return out;
}

class Event {
  constructor(type, init = {}) { this.type = String(type); this.defaultPrevented = false; this.cancelable = !!init.cancelable; this.target = null; this.currentTarget = null; this.timeStamp = host.now(); }
  preventDefault() { if (this.cancelable) this.defaultPrevented = true; }
  stopImmediatePropagation() { this._stop = true; }
}
class EventTarget {
  #listeners = new Map();
  addEventListener(type, listener, options) {
    if (listener == null) return;
    const once = typeof options === 'object' && options !== null && !!options.once;
    const list = this.#listeners.get(type) || [];
    if (list.some((l) => l.listener === listener)) return;
    list.push({ listener, once });
    this.#listeners.set(type, list);
  }
  removeEventListener(type, listener) {
    const list = this.#listeners.get(type);
    if (!list) return;
    const i = list.findIndex((l) => l.listener === listener);
    if (i >= 0) list.splice(i, 1);
  }
  dispatchEvent(event) {
    if (!(event instanceof Event)) throw invalidArgType('event', 'Event', event);
    event.target = this; event.currentTarget = this;
    for (const l of [...(this.#listeners.get(event.type) || [])]) {
      if (l.once) this.removeEventListener(event.type, l.listener);
      try {
        if (typeof l.listener === 'function') l.listener.call(this, event); else l.listener.handleEvent(event);
      } catch (e) { process.nextTick(() => { throw e; }); }
      if (event._stop) break;
    }
    return !event.defaultPrevented;
  }
}
class AbortSignal extends EventTarget {
  #onabort = null;
  #attached = false;
  constructor() { super(); this.aborted = false; this.reason = undefined; }
  get onabort() { return this.#onabort; }
  set onabort(fn) {
    // An event handler attribute is a listener registered when first set.
    this.#onabort = typeof fn === 'function' ? fn : null;
    if (!this.#attached) {
      this.#attached = true;
      this.addEventListener('abort', (ev) => { if (this.#onabort) this.#onabort.call(this, ev); });
    }
  }
  throwIfAborted() { if (this.aborted) throw this.reason; }
  static abort(reason) { const c = new AbortController(); c.abort(reason); return c.signal; }
}
class AbortController {
  constructor() { this.signal = new AbortSignal(); }
  abort(reason) {
    const s = this.signal;
    if (s.aborted) return;
    s.aborted = true;
    s.reason = reason === undefined ? domException('This operation was aborted', 'AbortError') : reason;
    s.dispatchEvent(new Event('abort'));
  }
}

function structuredClone(value) {
  const seen = new Map();
  const clone = (v) => {
    if (typeof v === 'function' || typeof v === 'symbol') {
      throw domException(`${typeof v === 'function' ? v.toString() : String(v)} could not be cloned.`, 'DataCloneError');
    }
    if (v === null || typeof v !== 'object') return v;
    if (seen.has(v)) return seen.get(v);
    let out;
    if (Array.isArray(v)) { out = []; seen.set(v, out); v.forEach((x, i) => { out[i] = clone(x); }); return out; }
    if (v instanceof Date) return new Date(v.getTime());
    if (v instanceof RegExp) return new RegExp(v.source, v.flags);
    if (v instanceof Map) { out = new Map(); seen.set(v, out); for (const [k, x] of v) out.set(clone(k), clone(x)); return out; }
    if (v instanceof Set) { out = new Set(); seen.set(v, out); for (const x of v) out.add(clone(x)); return out; }
    if (ArrayBuffer.isView(v)) return new v.constructor(v);
    if (v instanceof Error) { out = new v.constructor(v.message); seen.set(v, out); return out; }
    out = {};
    seen.set(v, out);
    for (const k of Object.keys(v)) out[k] = clone(v[k]);
    return out;
  };
  return clone(value);
}

const crypto = {
  getRandomValues(array) {
    if (!ArrayBuffer.isView(array) || array instanceof Float32Array || array instanceof Float64Array || array instanceof DataView) {
      throw domException('The data argument must be an integer-type TypedArray', 'TypeMismatchError');
    }
    if (array.byteLength > 65536) {
      throw domException(`The ArrayBufferView's byte length (${array.byteLength}) exceeds the number of bytes of entropy available via this API (65536)`, 'QuotaExceededError');
    }
    const bytes = host.randomBytes(array.byteLength);
    new Uint8Array(array.buffer, array.byteOffset, array.byteLength).set(bytes);
    return array;
  },
  randomUUID() {
    const b = host.randomBytes(16);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = b.map((x) => x.toString(16).padStart(2, '0')).join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  },
};

const define = (name, value) => Object.defineProperty(g, name, { value, writable: true, configurable: true, enumerable: false });
define('console', console);
define('setTimeout', setTimeout);
define('setInterval', setInterval);
define('clearTimeout', clearTimeout);
define('clearInterval', clearTimeout);
define('setImmediate', setImmediate);
define('clearImmediate', clearImmediate);
define('queueMicrotask', queueMicrotask);
define('process', process);
define('performance', performance);
define('atob', atob);
define('btoa', btoa);
define('Event', Event);
define('EventTarget', EventTarget);
define('AbortController', AbortController);
define('AbortSignal', AbortSignal);
define('structuredClone', structuredClone);
define('crypto', crypto);
define('global', g);
define('require', function require(id) {
  const e = new Error(`Cannot find module '${id}'`);
  e.code = 'MODULE_NOT_FOUND';
  throw e;
});

return { runTimer, runImmediate, runTicks, rejections, fatal, beforeExit, exit, exitCode: exitCodeNow, isExiting: () => exiting };
