// `timers`: the global timer functions, `promises`, and Node's deprecated
// intrusive timers (`enroll`, `active`, `_unrefActive`, `unenroll`) that
// turn any object with an `_onTimeout` into a timer. An enrolled object
// keeps its loop timer in a non-enumerable `_id`, as a Timeout does, so
// the native timers fire it and `clearTimeout` clears it.
'use strict';
const { invalidArgType, outOfRange, process } = shared;
const { deprecate } = shared.requireBuiltin('util');
const TIMEOUT_MAX = 2 ** 31 - 1;

// Node's getTimerDuration: a non-negative finite number, at most 2^31 - 1.
function duration(msecs, name) {
  if (typeof msecs !== 'number') throw invalidArgType(name, 'number', msecs);
  if (msecs < 0 || !Number.isFinite(msecs)) throw outOfRange(name, 'a non-negative finite number', msecs);
  if (msecs > TIMEOUT_MAX) {
    process.emitWarning(`${msecs} does not fit into a 32-bit signed integer.` +
      `\nTimer duration was truncated to ${TIMEOUT_MAX}.`, 'TimeoutOverflowWarning');
    return TIMEOUT_MAX;
  }
  return msecs;
}

// Stops the loop timer an object holds, if any.
function disarm(item) {
  const id = item._id;
  if (typeof id === 'number' && id > 0) host.timerClear(id);
  if (id !== undefined) item._id = 0;
}

function unenroll(item) {
  if (item._destroyed) return;
  item._destroyed = true;
  disarm(item);
  if (item._idleNext !== undefined) { item._idleNext = null; item._idlePrev = null; }
  item._idleTimeout = -1;
}

function enroll(item, msecs) {
  msecs = duration(msecs, 'msecs');
  if (item._idleNext) unenroll(item);
  item._idleNext = item;
  item._idlePrev = item;
  item._idleTimeout = msecs;
}

// Node's insertGuarded: (re)arms an enrolled object for `_idleTimeout` ms.
function insert(item, refed) {
  const msecs = item._idleTimeout;
  if (msecs < 0 || msecs === undefined) return;
  disarm(item);
  item._idleStart = Math.trunc(globalThis.performance.now());
  // Node links the item into a timer list; here it links to itself.
  item._idleNext = item;
  item._idlePrev = item;
  const id = host.timerStart(item, Math.trunc(msecs));
  if (Object.prototype.hasOwnProperty.call(item, '_id')) item._id = id;
  else Object.defineProperty(item, '_id', { value: id, writable: true, configurable: true });
  item._destroyed = false;
  if (!refed) host.timerRef(id, false);
  if ('_refed' in item) item._refed = refed;
}

const active = (item) => insert(item, true);
const unrefActive = (item) => insert(item, false);

const timers = {
  setTimeout: globalThis.setTimeout,
  clearTimeout: globalThis.clearTimeout,
  setImmediate: globalThis.setImmediate,
  clearImmediate: globalThis.clearImmediate,
  setInterval: globalThis.setInterval,
  clearInterval: globalThis.clearInterval,
  _unrefActive: deprecate(unrefActive, 'timers._unrefActive() is deprecated. Please use timeout.refresh() instead.', 'DEP0127'),
  active: deprecate(active, 'timers.active() is deprecated. Please use timeout.refresh() instead.', 'DEP0126'),
  unenroll: deprecate(unenroll, 'timers.unenroll() is deprecated. Please use clearTimeout instead.', 'DEP0096'),
  enroll: deprecate(enroll, 'timers.enroll() is deprecated. Please use setTimeout instead.', 'DEP0095'),
  // As node: a getter, `timers/promises` loaded on first use.
  get promises() { return shared.requireBuiltin('timers/promises'); },
};
return timers;
