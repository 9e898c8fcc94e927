// node:events: EventEmitter with Node's storage (`_events` holds a function
// for one listener, an array for more), its events, errors and warnings;
// once/on/getEventListeners/setMaxListeners for emitters and EventTargets.
'use strict';
const {
  nodeError, invalidArgType, validateFunction, validateNumber, validateBoolean,
  validateInteger, validateAbortSignal, AbortError, eventTargetHooks, kMaxEventTargetListeners,
  kMaxEventTargetListenersWarned, eventDefaults, kResistStopPropagation,
} = shared;
const kAbortListenerOptions = { __proto__: null, once: true, [kResistStopPropagation]: true };
const ReflectApply = Reflect.apply;
const ReflectOwnKeys = Reflect.ownKeys;
const kCapture = Symbol('kCapture');
const kShapeMode = Symbol('shapeMode');
const kErrorMonitor = Symbol('events.errorMonitor');
const kRejection = Symbol.for('nodejs.rejection');
const kEmpty = Object.freeze({ __proto__: null });

function EventEmitter(opts) {
  EventEmitter.init.call(this, opts);
}
EventEmitter.prototype._events = undefined;
EventEmitter.prototype._eventsCount = 0;
EventEmitter.prototype._maxListeners = undefined;
EventEmitter.prototype[kCapture] = false;
EventEmitter.prototype[kShapeMode] = false;

// Node's static init and listenerCount are anonymous functions.
const anonymous = { __proto__: null };
anonymous.init = function (opts) {
  if (this._events === undefined || this._events === Object.getPrototypeOf(this)._events) {
    this._events = { __proto__: null };
    this._eventsCount = 0;
    this[kShapeMode] = false;
  } else {
    this[kShapeMode] = true;
  }
  this._maxListeners = this._maxListeners || undefined;
  if (opts?.captureRejections) {
    validateBoolean(opts.captureRejections, 'options.captureRejections');
    this[kCapture] = Boolean(opts.captureRejections);
  } else {
    this[kCapture] = EventEmitter.prototype[kCapture];
  }
};

function maxListeners(that) {
  return that._maxListeners === undefined ? eventDefaults.maxListeners : that._maxListeners;
}

EventEmitter.prototype.setMaxListeners = function setMaxListeners(n) {
  validateNumber(n, 'setMaxListeners', 0);
  this._maxListeners = n;
  return this;
};

EventEmitter.prototype.getMaxListeners = function getMaxListeners() {
  return maxListeners(this);
};

function unhandledError(er) {
  let shown;
  try { shown = util.inspect(er); } catch { shown = er; }
  const err = nodeError(Error, 'ERR_UNHANDLED_ERROR', `Unhandled error. (${shown})`);
  err.context = er;
  return err;
}

EventEmitter.prototype.emit = function emit(type, ...args) {
  const events = this._events;
  if (type === 'error') {
    if (events !== undefined) {
      if (events[kErrorMonitor] !== undefined) this.emit(kErrorMonitor, ...args);
      if (events.error !== undefined) return callListeners(this, events.error, type, args);
    }
    const er = args[0];
    if (er instanceof Error) throw er;
    throw unhandledError(er);
  }
  if (events === undefined) return false;
  const handler = events[type];
  if (handler === undefined) return false;
  return callListeners(this, handler, type, args);
};

// A listener array is never changed in place once stored (adding or
// removing stores a new one), so emit walks it without Node's copy.
function callListeners(that, handler, type, args) {
  if (typeof handler === 'function') {
    const result = ReflectApply(handler, that, args);
    if (result !== undefined && result !== null && that[kCapture]) addCatch(that, result, type, args);
    return true;
  }
  const len = handler.length;
  for (let i = 0; i < len; ++i) {
    const result = ReflectApply(handler[i], that, args);
    if (result !== undefined && result !== null && that[kCapture]) addCatch(that, result, type, args);
  }
  return true;
}

function addCatch(that, promise, type, args) {
  try {
    const then = promise.then;
    if (typeof then === 'function') {
      ReflectApply(then, promise, [undefined, (err) => {
        process.nextTick(emitRejectionOrError, that, err, type, args);
      }]);
    }
  } catch (err) {
    that.emit('error', err);
  }
}

function emitRejectionOrError(that, err, type, args) {
  if (typeof that[kRejection] === 'function') {
    that[kRejection](err, type, ...args);
    return;
  }
  const prev = that[kCapture];
  try {
    that[kCapture] = false;
    that.emit('error', err);
  } finally {
    that[kCapture] = prev;
  }
}

function arrayClone(arr) {
  switch (arr.length) {
    case 2: return [arr[0], arr[1]];
    case 3: return [arr[0], arr[1], arr[2]];
    case 4: return [arr[0], arr[1], arr[2], arr[3]];
    default: return arr.slice();
  }
}

function _addListener(target, type, listener, prepend) {
  validateFunction(listener, 'listener');
  let events = target._events;
  let existing;
  if (events === undefined) {
    events = target._events = { __proto__: null };
    target._eventsCount = 0;
  } else {
    if (events.newListener !== undefined) {
      target.emit('newListener', type, listener.listener ?? listener);
      events = target._events;
    }
    existing = events[type];
  }
  if (existing === undefined) {
    events[type] = listener;
    ++target._eventsCount;
    return target;
  }
  if (typeof existing === 'function') {
    existing = events[type] = prepend ? [listener, existing] : [existing, listener];
  } else {
    const warned = existing.warned;
    existing = events[type] = prepend ? [listener, ...existing] : [...existing, listener];
    if (warned) existing.warned = true;
  }
  const m = maxListeners(target);
  if (m > 0 && existing.length > m && !existing.warned) {
    existing.warned = true;
    const w = new Error('Possible EventEmitter memory leak detected. ' +
      `${existing.length} ${String(type)} listeners added to ${util.inspect(target, -1)}. ` +
      `MaxListeners is ${m}. Use emitter.setMaxListeners() to increase limit`);
    w.name = 'MaxListenersExceededWarning';
    w.emitter = target;
    w.type = type;
    w.count = existing.length;
    process.emitWarning(w);
  }
  return target;
}

EventEmitter.prototype.addListener = function addListener(type, listener) {
  return _addListener(this, type, listener, false);
};
EventEmitter.prototype.on = EventEmitter.prototype.addListener;
EventEmitter.prototype.prependListener = function prependListener(type, listener) {
  return _addListener(this, type, listener, true);
};

function onceWrapper() {
  if (!this.fired) {
    this.target.removeListener(this.type, this.wrapFn);
    this.fired = true;
    if (arguments.length === 0) return this.listener.call(this.target);
    return this.listener.apply(this.target, arguments);
  }
}

function onceWrap(target, type, listener) {
  const state = { fired: false, wrapFn: undefined, target, type, listener };
  const wrapped = onceWrapper.bind(state);
  wrapped.listener = listener;
  state.wrapFn = wrapped;
  return wrapped;
}

EventEmitter.prototype.once = function once(type, listener) {
  validateFunction(listener, 'listener');
  this.on(type, onceWrap(this, type, listener));
  return this;
};
EventEmitter.prototype.prependOnceListener = function prependOnceListener(type, listener) {
  validateFunction(listener, 'listener');
  this.prependListener(type, onceWrap(this, type, listener));
  return this;
};

EventEmitter.prototype.removeListener = function removeListener(type, listener) {
  validateFunction(listener, 'listener');
  const events = this._events;
  if (events === undefined) return this;
  const list = events[type];
  if (list === undefined) return this;
  if (list === listener || list.listener === listener) {
    this._eventsCount -= 1;
    if (this[kShapeMode]) {
      events[type] = undefined;
    } else if (this._eventsCount === 0) {
      this._events = { __proto__: null };
    } else {
      delete events[type];
      if (events.removeListener) this.emit('removeListener', type, list.listener || listener);
    }
  } else if (typeof list !== 'function') {
    let position = -1;
    for (let i = list.length - 1; i >= 0; i--) {
      if (list[i] === listener || list[i].listener === listener) {
        position = i;
        break;
      }
    }
    if (position < 0) return this;
    if (list.length === 2) {
      events[type] = list[1 - position];
    } else {
      const rest = list.slice();
      rest.splice(position, 1);
      if (list.warned) rest.warned = true;
      events[type] = rest;
    }
    if (events.removeListener !== undefined) this.emit('removeListener', type, listener);
  }
  return this;
};
EventEmitter.prototype.off = EventEmitter.prototype.removeListener;

EventEmitter.prototype.removeAllListeners = function removeAllListeners(type) {
  const events = this._events;
  if (events === undefined) return this;
  if (events.removeListener === undefined) {
    if (arguments.length === 0) {
      this._events = { __proto__: null };
      this._eventsCount = 0;
    } else if (events[type] !== undefined) {
      if (--this._eventsCount === 0) this._events = { __proto__: null };
      else delete events[type];
    }
    this[kShapeMode] = false;
    return this;
  }
  if (arguments.length === 0) {
    for (const key of ReflectOwnKeys(events)) {
      if (key === 'removeListener') continue;
      this.removeAllListeners(key);
    }
    this.removeAllListeners('removeListener');
    this._events = { __proto__: null };
    this._eventsCount = 0;
    this[kShapeMode] = false;
    return this;
  }
  const listeners = events[type];
  if (typeof listeners === 'function') {
    this.removeListener(type, listeners);
  } else if (listeners !== undefined) {
    for (let i = listeners.length - 1; i >= 0; i--) this.removeListener(type, listeners[i]);
  }
  return this;
};

function listenersOf(target, type, unwrap) {
  const events = target._events;
  if (events === undefined) return [];
  const listener = events[type];
  if (listener === undefined) return [];
  if (typeof listener === 'function') return unwrap ? [listener.listener || listener] : [listener];
  if (!unwrap) return arrayClone(listener);
  const out = new Array(listener.length);
  for (let i = 0; i < out.length; ++i) out[i] = listener[i].listener || listener[i];
  return out;
}

EventEmitter.prototype.listeners = function listeners(type) {
  return listenersOf(this, type, true);
};
EventEmitter.prototype.rawListeners = function rawListeners(type) {
  return listenersOf(this, type, false);
};

function listenerCount(type, listener) {
  const events = this._events;
  if (events !== undefined) {
    const found = events[type];
    if (typeof found === 'function') {
      if (listener != null) return listener === found || listener === found.listener ? 1 : 0;
      return 1;
    }
    if (found !== undefined) {
      if (listener != null) {
        let n = 0;
        for (let i = 0; i < found.length; i++) if (found[i] === listener || found[i].listener === listener) n++;
        return n;
      }
      return found.length;
    }
  }
  return 0;
}
EventEmitter.prototype.listenerCount = listenerCount;

EventEmitter.prototype.eventNames = function eventNames() {
  return this._eventsCount > 0 ? ReflectOwnKeys(this._events) : [];
};

anonymous.listenerCount = function (emitter, type) {
  if (typeof emitter.listenerCount === 'function') return emitter.listenerCount(type);
  return ReflectApply(listenerCount, emitter, [type]);
};

// ---- EventEmitter or EventTarget --------------------------------------------------
function isEventTarget(value) {
  return typeof value?.constructor === 'function' && value instanceof EventTarget;
}

function getEventListeners(emitterOrTarget, type) {
  if (typeof emitterOrTarget.listeners === 'function') return emitterOrTarget.listeners(type);
  if (isEventTarget(emitterOrTarget)) return eventTargetHooks.listeners(emitterOrTarget, type);
  throw invalidArgType('emitter', ['EventEmitter', 'EventTarget'], emitterOrTarget);
}

function getMaxListeners(emitterOrTarget) {
  if (typeof emitterOrTarget?.getMaxListeners === 'function') return maxListeners(emitterOrTarget);
  if (isEventTarget(emitterOrTarget)) return emitterOrTarget[kMaxEventTargetListeners];
  throw invalidArgType('emitter', ['EventEmitter', 'EventTarget'], emitterOrTarget);
}

function setMaxListeners(n = eventDefaults.maxListeners, ...eventTargets) {
  validateNumber(n, 'setMaxListeners', 0);
  if (eventTargets.length === 0) {
    eventDefaults.maxListeners = n;
    return;
  }
  for (let i = 0; i < eventTargets.length; i++) {
    const target = eventTargets[i];
    if (isEventTarget(target)) {
      target[kMaxEventTargetListeners] = n;
      target[kMaxEventTargetListenersWarned] = false;
    } else if (typeof target?.setMaxListeners === 'function') {
      target.setMaxListeners(n);
    } else {
      throw invalidArgType('eventTargets', ['EventEmitter', 'EventTarget'], target);
    }
  }
}

// Adds `listener` to an emitter (`on`/`once`) or an EventTarget; returns
// the function that removes it.
function listen(emitter, name, listener, once) {
  if (typeof emitter.on === 'function') {
    if (once) emitter.once(name, listener);
    else emitter.on(name, listener);
    return () => emitter.removeListener(name, listener);
  }
  if (typeof emitter.addEventListener === 'function') {
    const wrapped = once ? listener : (event) => listener(event);
    emitter.addEventListener(name, wrapped, { once });
    return () => emitter.removeEventListener(name, wrapped);
  }
  throw invalidArgType('emitter', 'EventEmitter', emitter);
}

function addAbortListener(signal, listener) {
  if (signal === undefined) throw invalidArgType('signal', 'AbortSignal', signal);
  validateAbortSignal(signal, 'signal');
  validateFunction(listener, 'listener');
  let removed = false;
  const onAbort = () => { if (!removed) listener(); };
  if (signal.aborted) queueMicrotask(onAbort);
  else signal.addEventListener('abort', listener, kAbortListenerOptions);
  return {
    __proto__: null,
    [Symbol.dispose]() {
      removed = true;
      signal.removeEventListener('abort', listener);
    },
  };
}

async function once(emitter, name, options = kEmpty) {
  const signal = options?.signal;
  validateAbortSignal(signal, 'options.signal');
  if (signal?.aborted) throw new AbortError(undefined, { cause: signal?.reason });
  return new Promise((resolve, reject) => {
    const removers = [];
    const cleanup = () => {
      for (let i = 0; i < removers.length; i++) removers[i]();
      if (signal !== undefined) signal.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      cleanup();
      reject(new AbortError(undefined, { cause: signal?.reason }));
    };
    removers.push(listen(emitter, name, (...args) => {
      cleanup();
      resolve(args);
    }, true));
    if (name !== 'error' && typeof emitter.once === 'function') {
      removers.push(listen(emitter, 'error', (err) => {
        cleanup();
        reject(err);
      }, true));
    }
    if (signal !== undefined) signal.addEventListener('abort', onAbort, kAbortListenerOptions);
  });
}

const AsyncIteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf(async function* () {}).prototype);

function on(emitter, event, options = kEmpty) {
  const signal = options.signal;
  validateAbortSignal(signal, 'options.signal');
  if (signal?.aborted) throw new AbortError(undefined, { cause: signal?.reason });
  const high = options.highWaterMark ?? options.highWatermark ?? Number.MAX_SAFE_INTEGER;
  validateInteger(high, 'options.highWaterMark', 1);
  const low = options.lowWaterMark ?? options.lowWatermark ?? 1;
  validateInteger(low, 'options.lowWaterMark', 1);
  const events = [];
  const waiting = [];
  let paused = false;
  let error = null;
  let finished = false;
  const removers = [];

  const iterator = Object.setPrototypeOf({
    next() {
      if (events.length > 0) {
        const value = events.shift();
        if (paused && events.length < low) {
          emitter.resume();
          paused = false;
        }
        return Promise.resolve({ value, done: false });
      }
      if (error) {
        const p = Promise.reject(error);
        error = null;
        return p;
      }
      if (finished) return closeHandler();
      return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
    },
    return() {
      return closeHandler();
    },
    throw(err) {
      if (!err || !(err instanceof Error)) throw invalidArgType('EventEmitter.AsyncIterator', 'Error', err);
      errorHandler(err);
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  }, AsyncIteratorPrototype);

  removers.push(listen(emitter, event, (...args) => eventHandler(args), false));
  if (event !== 'error' && typeof emitter.on === 'function') removers.push(listen(emitter, 'error', errorHandler, false));
  const close = options.close;
  if (close?.length) {
    for (let i = 0; i < close.length; i++) removers.push(listen(emitter, close[i], closeHandler, false));
  }
  const onAbort = () => errorHandler(new AbortError(undefined, { cause: signal?.reason }));
  if (signal !== undefined) signal.addEventListener('abort', onAbort, kAbortListenerOptions);
  return iterator;

  function eventHandler(value) {
    if (waiting.length === 0) {
      events.push(value);
      if (!paused && events.length > high) {
        paused = true;
        emitter.pause();
      }
    } else {
      waiting.shift().resolve({ value, done: false });
    }
  }
  function errorHandler(err) {
    if (waiting.length === 0) error = err;
    else waiting.shift().reject(err);
    closeHandler();
  }
  function closeHandler() {
    if (signal !== undefined) signal.removeEventListener('abort', onAbort);
    while (removers.length > 0) removers.pop()();
    finished = true;
    const done = { value: undefined, done: true };
    while (waiting.length > 0) waiting.shift().resolve(done);
    return Promise.resolve(done);
  }
}

// Node's own keys, in Node's order.
const value = (v) => ({ value: v, writable: true, enumerable: true, configurable: true });
Object.defineProperties(EventEmitter, {
  addAbortListener: value(addAbortListener),
  once: value(once),
  on: value(on),
  getEventListeners: value(getEventListeners),
  getMaxListeners: value(getMaxListeners),
  EventEmitter: value(EventEmitter),
  usingDomains: value(false),
  captureRejectionSymbol: value(kRejection),
  captureRejections: {
    get() { return EventEmitter.prototype[kCapture]; },
    set(v) {
      validateBoolean(v, 'EventEmitter.captureRejections');
      EventEmitter.prototype[kCapture] = v;
    },
    enumerable: true,
  },
  errorMonitor: value(kErrorMonitor),
  defaultMaxListeners: {
    get() { return eventDefaults.maxListeners; },
    set(v) {
      validateNumber(v, 'defaultMaxListeners', 0);
      eventDefaults.maxListeners = v;
    },
    enumerable: true,
  },
  kMaxEventTargetListeners: { value: kMaxEventTargetListeners },
  kMaxEventTargetListenersWarned: { value: kMaxEventTargetListenersWarned },
  setMaxListeners: value(setMaxListeners),
  init: value(anonymous.init),
  listenerCount: value(anonymous.listenerCount),
});
// `process instanceof EventEmitter`, as in Node (its own event methods stay).
Object.setPrototypeOf(Object.getPrototypeOf(shared.process), EventEmitter.prototype);

return EventEmitter;
