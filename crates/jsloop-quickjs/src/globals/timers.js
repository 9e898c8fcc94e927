// Timers, immediates and queueMicrotask. Evaluated as a function body with
// (host, util, shared) after process.js; returns its part of the dispatch
// table (runTimer, runImmediate).
'use strict';
const { validateFunction, fatal } = shared;
const TIMEOUT_MAX = 2 ** 31 - 1;

const knownById = new Map();   // primitive id -> Timeout (once asked for)
const { timerStart, timerClear, immediateClear } = host;

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

// Made natively by `host.setTimeout`/`host.setInterval` with this
// prototype. Objects stay small (QuickJS grows an object's property array
// at 3, 4 and 6 properties): `_onTimeout`, `_idleTimeout`, `_id` (> 0
// while pending, 0 once fired or cleared), plus `_timerArgs` only with
// arguments, `_repeat` only for intervals and `_refed` (Node's kRefed:
// absent means true) once ref/unref is asked for.
class Timeout {
  ref() { if (this._id !== 0) host.timerRef(this._id, true); this._refed = true; return this; }
  unref() { if (this._id !== 0) host.timerRef(this._id, false); this._refed = false; return this; }
  hasRef() { const r = this._refed; return r === undefined ? true : r; }
  refresh() {
    if (this._onTimeout === null) return this;
    if (this._id === 0) {
      // Node re-arms a fired timeout (keeping its primitive id).
      this._id = timerStart(this, this._idleTimeout, this._repeat === true);
      if (!this.hasRef()) host.timerRef(this._id, false);
    } else {
      host.timerRefresh(this._id);
    }
    return this;
  }
  close() { clearTimeout(this); return this; }
  [Symbol.toPrimitive]() {
    let primitive = this[kPrimitive];
    if (primitive === undefined) { primitive = this._id; this[kPrimitive] = primitive; }
    if (this._id !== 0) {
      // While any timer is kept by id, firing goes through runTimer.
      if (knownById.size === 0) host.trackPrimitives(true);
      knownById.set(primitive, this);
    }
    return primitive;
  }
}
const kPrimitive = Symbol('primitive');

function forget(primitive) {
  if (knownById.delete(primitive) && knownById.size === 0) host.trackPrimitives(false);
}

function unenroll(t) {
  if (t._id === 0) return;
  timerClear(t._id);
  t._id = 0;
  if (knownById.size !== 0) {
    const primitive = t[kPrimitive];
    if (primitive !== undefined) forget(primitive);
  }
}

const setTimeout = host.setTimeout;
const setInterval = host.setInterval;
function clearTimeout(timer) {
  // As Node: anything with a truthy _onTimeout is taken for a Timeout.
  if (timer && timer._onTimeout) {
    timer._onTimeout = null;
    unenroll(timer);
    return;
  }
  if (typeof timer === 'number' || typeof timer === 'string') {
    const t = knownById.get(Number(timer));
    if (t !== undefined) { t._onTimeout = null; unenroll(t); }
  }
}

// Made natively by `host.setImmediate` with this prototype and one own
// property, `_id` (0 once run or cleared); the loop keeps the callback.
class Immediate {
  ref() { if (this._id !== 0) host.immediateRef(this._id, true); this._unref = false; return this; }
  unref() { if (this._id !== 0) host.immediateRef(this._id, false); this._unref = true; return this; }
  hasRef() { return this._id !== 0 && this._unref !== true; }
}
const setImmediate = host.setImmediate;
function clearImmediate(immediate) {
  if (!immediate || immediate._id === 0) return;
  if (typeof immediate !== 'object' && typeof immediate !== 'function') {
    // Node assigns `immediate._destroyed = true` in strict mode.
    throw new TypeError(`Cannot create property '_destroyed' on ${typeof immediate} '${String(immediate)}'`);
  }
  if (immediate instanceof Timeout) {
    // Node unlinks whatever it is given from its list: a Timeout never
    // fires, and is left neither referenced nor destroyed.
    unenroll(immediate);
    immediate._refed = null;
    return;
  }
  if (!(immediate instanceof Immediate)) return;
  immediateClear(immediate._id);
  immediate._id = 0;
}

function queueMicrotask(callback) {
  if (typeof callback !== 'function') validateFunction(callback, 'callback');
  host.defer(callback);
}

function runTimer(t) {
  if (t._repeat !== true) {
    t._id = 0;
    if (knownById.size !== 0) {
      const primitive = t[kPrimitive];
      if (primitive !== undefined) forget(primitive);
    }
  }
  const fn = t._onTimeout;
  if (typeof fn !== 'function') return;
  try {
    const args = t._timerArgs;
    if (args === undefined) fn.call(t); else fn.apply(t, args);
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

return { runTimer, immediateProto: Immediate.prototype, timeoutProto: Timeout.prototype, coerceDelay };
