// Timers and immediates: the Timeout and Immediate classes, clearing,
// queueMicrotask. setTimeout, setInterval and setImmediate are native
// (globals/timers.rs, globals/immediates.rs) and build objects on these
// prototypes. Returns its part of the dispatch contract.
'use strict';
const { invalidArgType, define } = shared;
const TIMEOUT_MAX = 2 ** 31 - 1;

const knownById = new Map();   // primitive id -> Timeout (once asked for)
const { timerStart, timerClear, immediateClear } = host;

// Node's coercion of a delay that is not a number in [1, 2^31 - 1].
function coerceDelay(after) {
  after *= 1;
  if (!(after >= 1 && after <= TIMEOUT_MAX)) {
    if (after > TIMEOUT_MAX) {
      shared.process.emitWarning(`${after} does not fit into a 32-bit signed integer.` +
        '\nTimeout duration was set to 1.', 'TimeoutOverflowWarning');
    }
    after = 1;
  }
  return after;
}

// Made natively by setTimeout/setInterval with this prototype. Objects
// stay small (QuickJS grows an object's property array at 3, 4 and 6
// properties): `_onTimeout`, `_idleTimeout` (-1 once cleared), `_id` (the
// loop timer, > 0 while armed, 0 once fired or cleared), plus
// `_timerArgs` only with arguments, `_repeat` (the period) only for
// intervals and an own `_refed` (Node's kRefed, true on the prototype)
// once unref'd. As in Node, a truthy `_repeat` re-arms the
// timer after each call, with `_idleTimeout = _repeat`.
class Timeout {
  // As Node's methods on kRefed: a foreign `this` is marked, not scheduled.
  ref() {
    if (!this._refed) {
      this._refed = true;
      if (typeof this._id === 'number' && this._id !== 0) host.timerRef(this._id, true);
    }
    return this;
  }
  unref() {
    if (this._refed) {
      this._refed = false;
      if (typeof this._id === 'number' && this._id !== 0) host.timerRef(this._id, false);
    }
    return this;
  }
  hasRef() { return this._refed; }
  refresh() {
    const msecs = this._idleTimeout;
    if (msecs === undefined || msecs === null || msecs < 0) return this;
    if (typeof this._id === 'number' && this._id !== 0) timerClear(this._id);
    this._id = timerStart(this, msecs);
    if (this._refed === false) host.timerRef(this._id, false);
    const primitive = this[kPrimitive];
    if (primitive !== undefined && !knownById.has(primitive)) {
      if (knownById.size === 0) host.trackPrimitives(true);
      knownById.set(primitive, this);
    }
    return this;
  }
  close() { clearTimeout(this); return this; }
  [Symbol.dispose]() { clearTimeout(this); }
  // Node's `_destroyed`, read from `_id`: fired (a timeout) or cleared.
  get _destroyed() { return this._id === 0; }
  set _destroyed(value) { ownValue(this, '_destroyed', value); }
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
// An assignment to an accessor of the prototypes: an own data property.
function ownValue(obj, key, value) {
  Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
}
// Node's kRefed: true on the prototype, an own false once unref'd.
Timeout.prototype._refed = true;
// Node's values for a timeout without arguments (own there). Found here,
// a fired timer's reads of them stop at the prototype.
Timeout.prototype._repeat = null;
Timeout.prototype._timerArgs = undefined;

function forget(primitive) {
  if (knownById.delete(primitive) && knownById.size === 0) host.trackPrimitives(false);
}

function unenroll(t) {
  const id = t._id;
  if (typeof id === 'number' && id !== 0) timerClear(id);
  t._id = 0;
  t._idleTimeout = -1;
  if (knownById.size !== 0) {
    const primitive = t[kPrimitive];
    if (primitive !== undefined) forget(primitive);
  }
}

// What the native clearTimeout (host.clearTimeout) leaves to JavaScript:
// anything but an object, and every call while some timer is kept by id.
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

// Made natively by setImmediate with this prototype and one own property,
// `_id` (0 once run or cleared); the loop keeps the callback.
class Immediate {
  ref() {
    if (typeof this._id === 'number' && this._id !== 0) host.immediateRef(this._id, true);
    this._unref = false;
    return this;
  }
  unref() {
    if (typeof this._id === 'number' && this._id !== 0) host.immediateRef(this._id, false);
    this._unref = true;
    return this;
  }
  hasRef() { return this._id !== 0 && this._unref !== true; }
  [Symbol.dispose]() { clearImmediate(this); }
  // Node's `_destroyed`, read from `_id`: run or cleared.
  get _destroyed() { return this._id === 0; }
  set _destroyed(value) { ownValue(this, '_destroyed', value); }
}
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

// Fires a timer while some timer is kept by primitive id (the native path
// cannot forget it); the native side re-arms `_repeat` afterwards.
function runTimer(t) {
  if (!t._repeat && knownById.size !== 0) {
    const primitive = t[kPrimitive];
    if (primitive !== undefined) forget(primitive);
  }
  const args = t._timerArgs;
  if (args === undefined) t._onTimeout(); else t._onTimeout(...args);
}

const callbackError = (callback) => invalidArgType('callback', 'function', callback);

define('clearTimeout', host.clearTimeout);
define('clearInterval', host.clearTimeout);
define('clearImmediate', clearImmediate);
// Native: validates, then one job in the engine's FIFO.
define('queueMicrotask', host.queueMicrotask);

return {
  runTimer, coerceDelay, callbackError, clearTimeout,
  // After the native clearTimeout unenrolled `t` while timers are kept by id.
  unenrolled(t) {
    const primitive = t[kPrimitive];
    if (primitive !== undefined) forget(primitive);
  },
  timeoutProto: Timeout.prototype, immediateProto: Immediate.prototype,
};
