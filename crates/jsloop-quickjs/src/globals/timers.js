// Timers, immediates and queueMicrotask. Evaluated as a function body with
// (host, util, shared) after process.js; returns its part of the dispatch
// table (runTimer, runImmediate).
'use strict';
const { validateFunction, fatal } = shared;
const TIMEOUT_MAX = 2 ** 31 - 1;

const knownById = new Map();   // primitive id -> Timeout (once asked for)

function coerceDelay(after) {
  after *= 1;
  if (!(after >= 1 && after <= TIMEOUT_MAX)) {
    if (after > TIMEOUT_MAX) {
      host.print(2, `(node:${host.pid}) TimeoutOverflowWarning: ${after} does not fit into a 32-bit signed integer.\nTimeout duration was set to 1.\n`);
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
  }
  ref() { if (!this._destroyed) host.timerRef(this._id, true); this._refed = true; return this; }
  unref() { if (!this._destroyed) host.timerRef(this._id, false); this._refed = false; return this; }
  hasRef() { return this._refed; }
  refresh() {
    if (this._onTimeout === null) return this;
    if (this._destroyed) {
      // Node re-arms a fired timeout (keeping its primitive id).
      this._destroyed = false;
      const primitive = this[kPrimitive];
      this._id = host.timerStart(this, this._idleTimeout, this._repeat !== null);
      this[kPrimitive] = primitive;
      if (!this._refed) host.timerRef(this._id, false);
    } else {
      host.timerRefresh(this._id);
    }
    return this;
  }
  close() { clearTimeout(this); return this; }
  [Symbol.toPrimitive]() {
    let primitive = this[kPrimitive];
    if (primitive === undefined) { primitive = this._id; this[kPrimitive] = primitive; }
    if (!this._destroyed) knownById.set(primitive, this);
    return primitive;
  }
}
const kPrimitive = Symbol('primitive');

function unenroll(t) {
  if (t._destroyed) return;
  t._destroyed = true;
  host.timerClear(t._id);
  const primitive = t[kPrimitive];
  if (primitive !== undefined) knownById.delete(primitive);
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

function runTimer(t) {
  if (t._repeat === null) {
    t._destroyed = true;
    const primitive = t[kPrimitive];
    if (primitive !== undefined) knownById.delete(primitive);
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

const define = (name, value) => Object.defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable: false });
define('setTimeout', setTimeout);
define('setInterval', setInterval);
define('clearTimeout', clearTimeout);
define('clearInterval', clearTimeout);
define('setImmediate', setImmediate);
define('clearImmediate', clearImmediate);
define('queueMicrotask', queueMicrotask);

return { runTimer, runImmediate };
