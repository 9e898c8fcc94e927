// node:timers/promises: promise forms of the global timers, with
// `{ signal, ref }`, the setInterval async iterator and `scheduler`.
'use strict';
const {
  nodeError, validateNumber, validateObject, validateBoolean, validateAbortSignal, AbortError, kResistStopPropagation,
} = shared;
const kAbortListenerOptions = { __proto__: null, once: true, [kResistStopPropagation]: true };
const kEmpty = Object.freeze({ __proto__: null });
const kScheduler = Symbol('kScheduler');
const timers = globalThis;
const { clearTimeout: clearTimer, clearImmediate: clearImmediateTimer, clearInterval: clearIntervalTimer } = timers;
const setTimeoutTimer = timers.setTimeout;
const setImmediateTimer = timers.setImmediate;
const setIntervalTimer = timers.setInterval;

function validateOptions(options) {
  validateObject(options, 'options');
  if (options.signal !== undefined) validateAbortSignal(options.signal, 'options.signal');
  if (options.ref !== undefined) validateBoolean(options.ref, 'options.ref');
}

const abortError = (signal) => new AbortError(undefined, { cause: signal?.reason });

// A promise settled by a timer that `start(resolve)` makes and `clear` ends.
function timerPromise(start, clear, options) {
  const { signal, ref = true } = options;
  if (signal?.aborted) return Promise.reject(abortError(signal));
  let onAbort;
  const ret = new Promise((resolve, reject) => {
    const timer = start(resolve);
    if (!ref) timer.unref();
    if (signal) {
      onAbort = () => {
        clear(timer);
        reject(abortError(signal));
      };
      signal.addEventListener('abort', onAbort, kAbortListenerOptions);
    }
  });
  return onAbort === undefined ? ret : ret.finally(() => signal.removeEventListener('abort', onAbort));
}

function setTimeout(after, value, options = kEmpty) {
  try {
    if (after !== undefined) validateNumber(after, 'delay');
    validateOptions(options);
  } catch (err) {
    return Promise.reject(err);
  }
  return timerPromise((resolve) => setTimeoutTimer(resolve, after, value), clearTimer, options);
}

function setImmediate(value, options = kEmpty) {
  try {
    validateOptions(options);
  } catch (err) {
    return Promise.reject(err);
  }
  return timerPromise((resolve) => setImmediateTimer(resolve, value), clearImmediateTimer, options);
}

async function* setInterval(after, value, options = kEmpty) {
  if (after !== undefined) validateNumber(after, 'delay');
  validateOptions(options);
  const { signal, ref = true } = options;
  if (signal?.aborted) throw abortError(signal);
  let onAbort;
  let interval;
  try {
    let notYielded = 0;
    let wake;
    interval = setIntervalTimer(() => {
      notYielded++;
      if (wake) {
        wake();
        wake = undefined;
      }
    }, after);
    if (!ref) interval.unref();
    if (signal) {
      onAbort = () => {
        clearIntervalTimer(interval);
        if (wake) {
          wake(Promise.reject(abortError(signal)));
          wake = undefined;
        }
      };
      signal.addEventListener('abort', onAbort, kAbortListenerOptions);
    }
    while (!signal?.aborted) {
      if (notYielded === 0) await new Promise((resolve) => { wake = resolve; });
      for (; notYielded > 0; notYielded--) yield value;
    }
    throw abortError(signal);
  } finally {
    clearIntervalTimer(interval);
    signal?.removeEventListener('abort', onAbort);
  }
}

class Scheduler {
  constructor() {
    throw nodeError(TypeError, 'ERR_ILLEGAL_CONSTRUCTOR', 'Illegal constructor');
  }
  yield() {
    if (!this[kScheduler]) throw invalidThis();
    return setImmediate();
  }
  wait(delay, options) {
    if (!this[kScheduler]) throw invalidThis();
    return setTimeout(delay, undefined, options);
  }
}
const invalidThis = () => nodeError(TypeError, 'ERR_INVALID_THIS', 'Value of "this" must be of type Scheduler');
const scheduler = Reflect.construct(function () { this[kScheduler] = true; }, [], Scheduler);

return { setTimeout, setImmediate, setInterval, scheduler };
