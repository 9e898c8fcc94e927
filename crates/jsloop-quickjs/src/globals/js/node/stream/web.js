// node:stream/web: the WHATWG streams (ReadableStream with default and
// BYOB readers, WritableStream, TransformStream, the queuing strategies,
// TextEncoderStream/TextDecoderStream), written after the streams spec's
// abstract operations; errors as Node prints them.
'use strict';
const { nodeError, invalidArgType, DOMException } = shared;
const kCustom = Symbol.for('nodejs.util.inspect.custom');
const S = Symbol('kState');
const kCreate = Symbol('kCreate');

const invalidState = (msg) => nodeError(TypeError, 'ERR_INVALID_STATE', `Invalid state: ${msg}`);
const invalidThis = (name) => nodeError(TypeError, 'ERR_INVALID_THIS', `Value of "this" must be of type ${name}`);
const illegal = () => nodeError(TypeError, 'ERR_ILLEGAL_CONSTRUCTOR', 'Illegal constructor');
const argValue = (name, value) => nodeError(TypeError, 'ERR_INVALID_ARG_VALUE',
  `The ${name.includes('.') ? 'property' : 'argument'} '${name}' is invalid. Received ${util.inspect(value)}`);

function check(self, Ctor, name) {
  if (self === null || typeof self !== 'object' || self[S] === undefined || !(self instanceof Ctor)) throw invalidThis(name);
  return self[S];
}
const rejectThis = (self, Ctor, name) => {
  try { check(self, Ctor, name); return null; } catch (e) { return Promise.reject(e); }
};

function deferred() {
  let resolve; let reject;
  const promise = new Promise((res, rej) => { resolve = res; reject = rej; });
  return { promise, resolve, reject, settled: false };
}
const settleOk = (d, v) => { if (!d.settled) { d.settled = true; d.resolve(v); } };
const settleErr = (d, e) => { if (!d.settled) { d.settled = true; d.reject(e); } };
const markHandled = (p) => { p.then(undefined, () => {}); return p; };
function promiseCall(fn, thisArg, ...args) {
  if (fn === undefined) return Promise.resolve();
  try { return Promise.resolve(Reflect.apply(fn, thisArg, args)); } catch (e) { return Promise.reject(e); }
}
const queueMicrotask = globalThis.queueMicrotask;

// ---- queuing strategies ----------------------------------------------------------------
function hwmOf(strategy, dflt) {
  const hwm = strategy?.highWaterMark;
  if (hwm === undefined) return dflt;
  const n = +hwm;
  if (Number.isNaN(n) || n < 0) throw nodeError(RangeError, 'ERR_INVALID_ARG_VALUE', `The property 'strategy.highWaterMark' is invalid. Received ${util.inspect(hwm)}`);
  return n;
}
function sizeOf(strategy) {
  const size = strategy?.size;
  if (size === undefined) return () => 1;
  if (typeof size !== 'function') throw invalidArgType('strategy.size', 'function', size);
  return (chunk) => size(chunk);
}
function strategyInit(self, init, name) {
  if (init === null || typeof init !== 'object') throw invalidArgType('init', 'object', init);
  if (init.highWaterMark === undefined) throw nodeError(TypeError, 'ERR_MISSING_OPTION', 'init.highWaterMark is required');
  self[S] = { highWaterMark: +init.highWaterMark, name };
}
const byteSize = function size(chunk) { return chunk.byteLength; };
const countSize = function size() { return 1; };
class ByteLengthQueuingStrategy {
  constructor(init) { strategyInit(this, init, 'ByteLengthQueuingStrategy'); }
  get highWaterMark() { return check(this, ByteLengthQueuingStrategy, 'ByteLengthQueuingStrategy').highWaterMark; }
  get size() { check(this, ByteLengthQueuingStrategy, 'ByteLengthQueuingStrategy'); return byteSize; }
  [kCustom](depth, options) { return `ByteLengthQueuingStrategy ${util.inspect({ highWaterMark: this.highWaterMark }, options)}`; }
}
class CountQueuingStrategy {
  constructor(init) { strategyInit(this, init, 'CountQueuingStrategy'); }
  get highWaterMark() { return check(this, CountQueuingStrategy, 'CountQueuingStrategy').highWaterMark; }
  get size() { check(this, CountQueuingStrategy, 'CountQueuingStrategy'); return countSize; }
  [kCustom](depth, options) { return `CountQueuingStrategy ${util.inspect({ highWaterMark: this.highWaterMark }, options)}`; }
}

// ---- queue-with-sizes ----------------------------------------------------------------
function enqueueValueWithSize(c, value, size) {
  size = +size;
  if (Number.isNaN(size) || size < 0 || size === Infinity) {
    throw nodeError(RangeError, 'ERR_INVALID_ARG_VALUE', `The argument 'size' is invalid. Received ${util.inspect(size)}`);
  }
  c.queue.push({ value, size });
  c.queueTotalSize += size;
}
function dequeueValue(c) {
  const { value, size } = c.queue.shift();
  c.queueTotalSize = Math.max(0, c.queueTotalSize - size);
  return value;
}
function resetQueue(c) { c.queue = []; c.queueTotalSize = 0; }

// ---- ReadableStream ----------------------------------------------------------------------
class ReadableStream {
  constructor(source = undefined, strategy = {}) {
    if (source === kCreate) { initReadable(this); return; }
    if (source !== undefined && (source === null || typeof source !== 'object')) throw invalidArgType('source', 'object', source);
    if (strategy !== undefined && strategy !== null && typeof strategy !== 'object') throw invalidArgType('strategy', 'object', strategy);
    initReadable(this);
    const type = source?.type;
    if (type !== undefined && `${type}` === 'bytes') {
      if (strategy?.size !== undefined) throw nodeError(RangeError, 'ERR_INVALID_ARG_VALUE', "The argument 'strategy.size' is invalid. Received [Function: size]");
      setupByteControllerFromSource(this, source, hwmOf(strategy, 0));
    } else if (type !== undefined) {
      throw argValue('source.type', type);
    } else {
      setupDefaultControllerFromSource(this, source ?? {}, hwmOf(strategy, 1), sizeOf(strategy));
    }
  }
  get locked() { return check(this, ReadableStream, 'ReadableStream').reader !== undefined; }
  cancel(reason = undefined) {
    const bad = rejectThis(this, ReadableStream, 'ReadableStream');
    if (bad) return bad;
    if (this[S].reader !== undefined) return Promise.reject(invalidState('ReadableStream is locked'));
    return readableCancel(this, reason);
  }
  getReader(options = undefined) {
    check(this, ReadableStream, 'ReadableStream');
    if (options !== undefined && options !== null && typeof options !== 'object') throw invalidArgType('options', 'object', options);
    const mode = options?.mode;
    if (mode === undefined) return new ReadableStreamDefaultReader(this);
    if (`${mode}` !== 'byob') throw argValue('options.mode', mode);
    return new ReadableStreamBYOBReader(this);
  }
  pipeThrough(transform, options = {}) {
    check(this, ReadableStream, 'ReadableStream');
    const readable = transform?.readable;
    const writable = transform?.writable;
    if (!(readable instanceof ReadableStream)) throw invalidArgType('transform.readable', 'ReadableStream', readable);
    if (!(writable instanceof WritableStream)) throw invalidArgType('transform.writable', 'WritableStream', writable);
    if (this[S].reader !== undefined) throw invalidState('The ReadableStream is locked');
    if (writable[S].writer !== undefined) throw invalidState('The WritableStream is locked');
    const opts = pipeOptions(options);
    markHandled(readablePipeTo(this, writable, opts));
    return readable;
  }
  pipeTo(destination, options = {}) {
    const bad = rejectThis(this, ReadableStream, 'ReadableStream');
    if (bad) return bad;
    if (!(destination instanceof WritableStream)) return Promise.reject(invalidArgType('transform.writable', 'WritableStream', destination));
    let opts;
    try { opts = pipeOptions(options); } catch (e) { return Promise.reject(e); }
    if (this[S].reader !== undefined) return Promise.reject(invalidState('The ReadableStream is locked'));
    if (destination[S].writer !== undefined) return Promise.reject(invalidState('The WritableStream is locked'));
    return readablePipeTo(this, destination, opts);
  }
  tee() {
    check(this, ReadableStream, 'ReadableStream');
    if (this[S].reader !== undefined) throw invalidState('ReadableStream is locked');
    return readableTee(this);
  }
  values(options = undefined) {
    check(this, ReadableStream, 'ReadableStream');
    const preventCancel = Boolean(options?.preventCancel);
    const reader = new ReadableStreamDefaultReader(this);
    let done = false;
    let current = null;
    const next = () => {
      if (done) return Promise.resolve({ value: undefined, done: true });
      return readerRead(reader).then((r) => {
        if (r.done) { done = true; readerRelease(reader); return { value: undefined, done: true }; }
        return r;
      }, (e) => { done = true; readerRelease(reader); throw e; });
    };
    const ret = (value) => {
      if (done) return Promise.resolve({ value, done: true });
      done = true;
      if (reader[S].stream === undefined) return Promise.resolve({ value, done: true });
      if (!preventCancel) {
        const p = readerCancel(reader, value);
        readerRelease(reader);
        return p.then(() => ({ value, done: true }));
      }
      readerRelease(reader);
      return Promise.resolve({ value, done: true });
    };
    const it = Object.create(AsyncIteratorPrototype);
    it.next = function next_() {
      current = current ? current.then(next, next) : next();
      return current;
    };
    it.return = function return_(value) {
      const p = current ? current.then(() => ret(value), () => ret(value)) : ret(value);
      current = p;
      return p;
    };
    return it;
  }
  static from(iterable) {
    if (iterable instanceof ReadableStream) return iterable;
    const asyncMethod = iterable?.[Symbol.asyncIterator];
    let iterator;
    if (asyncMethod != null) {
      iterator = Reflect.apply(asyncMethod, iterable, []);
    } else {
      const syncMethod = iterable?.[Symbol.iterator];
      if (syncMethod == null) throw nodeError(TypeError, 'ERR_ARG_NOT_ITERABLE', `${typeof iterable === 'string' ? iterable : util.inspect(iterable)} must be iterable`);
      const sync = Reflect.apply(syncMethod, iterable, []);
      iterator = {
        next: () => { const r = sync.next(); return Promise.resolve(r.value).then((value) => ({ value, done: r.done })); },
        return: (v) => (typeof sync.return === 'function' ? Promise.resolve(sync.return(v)) : Promise.resolve({ done: true })),
      };
    }
    if (iterator === null || typeof iterator !== 'object') throw nodeError(TypeError, 'ERR_INVALID_STATE', 'Invalid state: The iterator method must return an object');
    const stream = new ReadableStream(kCreate);
    setupDefaultController(stream, {
      pull(c) {
        return Promise.resolve(iterator.next()).then((r) => {
          if (r === null || typeof r !== 'object') throw invalidArgType('result', 'object', r);
          if (r.done) defaultControllerClose(c[S]);
          else defaultControllerEnqueue(c[S], r.value);
        });
      },
      cancel(reason) {
        const m = iterator.return;
        if (m == null) return Promise.resolve();
        return Promise.resolve(Reflect.apply(m, iterator, [reason])).then((r) => {
          if (r === null || typeof r !== 'object') throw invalidArgType('result', 'object', r);
        });
      },
    }, 0, () => 1);
    return stream;
  }
  [kCustom](depth, options) {
    const s = this[S];
    return `ReadableStream ${util.inspect({ locked: s.reader !== undefined, state: s.state, supportsBYOB: s.controller instanceof ReadableByteStreamController }, options)}`;
  }
}
const AsyncIteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf(async function* () {}).prototype);
Object.defineProperty(ReadableStream.prototype, Symbol.asyncIterator, { value: ReadableStream.prototype.values, writable: true, configurable: true });
Object.defineProperty(ReadableStream.prototype, Symbol.toStringTag, { value: 'ReadableStream', configurable: true });

function initReadable(stream) {
  stream[S] = { state: 'readable', reader: undefined, storedError: undefined, disturbed: false, controller: undefined };
}
const isLocked = (stream) => stream[S].reader !== undefined;

function readableCancel(stream, reason) {
  const s = stream[S];
  s.disturbed = true;
  if (s.state === 'closed') return Promise.resolve();
  if (s.state === 'errored') return Promise.reject(s.storedError);
  readableClose(stream);
  const reader = s.reader;
  if (reader instanceof ReadableStreamBYOBReader) {
    const reqs = reader[S].readIntoRequests;
    reader[S].readIntoRequests = [];
    for (const r of reqs) r.close(undefined);
  }
  return s.controller[S].cancelSteps(reason).then(() => undefined);
}
function readableClose(stream) {
  const s = stream[S];
  s.state = 'closed';
  const reader = s.reader;
  if (reader === undefined) return;
  settleOk(reader[S].closed);
  if (reader instanceof ReadableStreamDefaultReader) {
    const reqs = reader[S].readRequests;
    reader[S].readRequests = [];
    for (const r of reqs) r.close();
  }
}
function readableError(stream, e) {
  const s = stream[S];
  s.state = 'errored';
  s.storedError = e;
  const reader = s.reader;
  if (reader === undefined) return;
  settleErr(reader[S].closed, e);
  markHandled(reader[S].closed.promise);
  const key = reader instanceof ReadableStreamDefaultReader ? 'readRequests' : 'readIntoRequests';
  const reqs = reader[S][key];
  reader[S][key] = [];
  for (const r of reqs) r.error(e);
}
function fulfillReadRequest(stream, chunk, done) {
  const r = stream[S].reader[S].readRequests.shift();
  if (done) r.close(); else r.chunk(chunk);
}
const numReadRequests = (stream) => {
  const r = stream[S].reader;
  return r instanceof ReadableStreamDefaultReader ? r[S].readRequests.length : 0;
};
const numReadIntoRequests = (stream) => {
  const r = stream[S].reader;
  return r instanceof ReadableStreamBYOBReader ? r[S].readIntoRequests.length : 0;
};

// ---- readers --------------------------------------------------------------------------------
function readerInit(reader, stream, kind) {
  if (!(stream instanceof ReadableStream)) throw invalidArgType('stream', 'ReadableStream', stream);
  if (isLocked(stream)) throw invalidState('ReadableStream is locked');
  const closed = deferred();
  reader[S] = { stream, closed, [kind]: [] };
  stream[S].reader = reader;
  const st = stream[S].state;
  if (st === 'closed') settleOk(closed);
  else if (st === 'errored') { settleErr(closed, stream[S].storedError); markHandled(closed.promise); }
}
function readerCancel(reader, reason) {
  return readableCancel(reader[S].stream, reason);
}
function readerRelease(reader) {
  const stream = reader[S].stream;
  const e = invalidState('Reader released');
  const s = stream[S];
  if (s.state === 'readable') settleErr(reader[S].closed, e);
  else { reader[S].closed = deferred(); settleErr(reader[S].closed, e); }
  markHandled(reader[S].closed.promise);
  s.controller[S].releaseSteps();
  s.reader = undefined;
  reader[S].stream = undefined;
  const key = reader instanceof ReadableStreamDefaultReader ? 'readRequests' : 'readIntoRequests';
  const reqs = reader[S][key];
  reader[S][key] = [];
  const released = invalidState('Releasing reader');
  for (const r of reqs) r.error(released);
}
function readerRead(reader) {
  const d = deferred();
  readerReadWith(reader, {
    chunk: (value) => settleOk(d, { value, done: false }),
    close: () => settleOk(d, { value: undefined, done: true }),
    error: (e) => settleErr(d, e),
  });
  return d.promise;
}
function readerReadWith(reader, req) {
  const stream = reader[S].stream;
  const s = stream[S];
  s.disturbed = true;
  if (s.state === 'closed') req.close();
  else if (s.state === 'errored') req.error(s.storedError);
  else s.controller[S].pullSteps(req);
}

class ReadableStreamDefaultReader {
  constructor(stream) { readerInit(this, stream, 'readRequests'); }
  read() {
    const bad = rejectThis(this, ReadableStreamDefaultReader, 'ReadableStreamDefaultReader');
    if (bad) return bad;
    if (this[S].stream === undefined) return Promise.reject(invalidState('The reader is not attached to a stream'));
    return readerRead(this);
  }
  releaseLock() {
    check(this, ReadableStreamDefaultReader, 'ReadableStreamDefaultReader');
    if (this[S].stream === undefined) return;
    readerRelease(this);
  }
  get closed() {
    const bad = rejectThis(this, ReadableStreamDefaultReader, 'ReadableStreamDefaultReader');
    return bad || this[S].closed.promise;
  }
  cancel(reason = undefined) {
    const bad = rejectThis(this, ReadableStreamDefaultReader, 'ReadableStreamDefaultReader');
    if (bad) return bad;
    if (this[S].stream === undefined) return Promise.reject(invalidState('The reader is not attached to a stream'));
    return readerCancel(this, reason);
  }
  [kCustom](depth, options) {
    return `ReadableStreamDefaultReader ${util.inspect({ stream: this[S].stream, readRequests: this[S].readRequests.length, close: this[S].closed.promise }, options)}`;
  }
}
Object.defineProperty(ReadableStreamDefaultReader.prototype, Symbol.toStringTag, { value: 'ReadableStreamDefaultReader', configurable: true });

class ReadableStreamBYOBReader {
  constructor(stream) {
    if (stream instanceof ReadableStream && !(stream[S].controller instanceof ReadableByteStreamController)) {
      throw nodeError(TypeError, 'ERR_INVALID_ARG_VALUE', `The argument 'stream' must be a byte stream. Received ${util.inspect(stream)}`);
    }
    readerInit(this, stream, 'readIntoRequests');
  }
  read(view = undefined, options = {}) {
    const bad = rejectThis(this, ReadableStreamBYOBReader, 'ReadableStreamBYOBReader');
    if (bad) return bad;
    if (!ArrayBuffer.isView(view)) return Promise.reject(invalidArgType('view', ['Buffer', 'TypedArray', 'DataView'], view));
    const min = options?.min ?? 1;
    if (view.byteLength === 0) return Promise.reject(invalidState('View or Viewed ArrayBuffer is zero-length or detached'));
    if (view.buffer.byteLength === 0) return Promise.reject(invalidState('View or Viewed ArrayBuffer is zero-length or detached'));
    if (this[S].stream === undefined) return Promise.reject(invalidState('The reader is not attached to a stream'));
    const d = deferred();
    const stream = this[S].stream;
    stream[S].disturbed = true;
    const req = {
      chunk: (value) => settleOk(d, { value, done: false }),
      close: (value) => settleOk(d, { value, done: true }),
      error: (e) => settleErr(d, e),
    };
    if (stream[S].state === 'errored') req.error(stream[S].storedError);
    else byteControllerPullInto(stream[S].controller[S], view, min, req);
    return d.promise;
  }
  releaseLock() {
    check(this, ReadableStreamBYOBReader, 'ReadableStreamBYOBReader');
    if (this[S].stream === undefined) return;
    readerRelease(this);
  }
  get closed() {
    const bad = rejectThis(this, ReadableStreamBYOBReader, 'ReadableStreamBYOBReader');
    return bad || this[S].closed.promise;
  }
  cancel(reason = undefined) {
    const bad = rejectThis(this, ReadableStreamBYOBReader, 'ReadableStreamBYOBReader');
    if (bad) return bad;
    if (this[S].stream === undefined) return Promise.reject(invalidState('The reader is not attached to a stream'));
    return readerCancel(this, reason);
  }
}
Object.defineProperty(ReadableStreamBYOBReader.prototype, Symbol.toStringTag, { value: 'ReadableStreamBYOBReader', configurable: true });

// ---- default controller --------------------------------------------------------------------
class ReadableStreamDefaultController {
  constructor(key) { if (key !== kCreate) throw illegal(); }
  get desiredSize() { return defaultControllerDesiredSize(check(this, ReadableStreamDefaultController, 'ReadableStreamDefaultController')); }
  close() {
    const c = check(this, ReadableStreamDefaultController, 'ReadableStreamDefaultController');
    if (!defaultControllerCanClose(c)) throw invalidState('Controller is already closed');
    defaultControllerClose(c);
  }
  enqueue(chunk = undefined) {
    const c = check(this, ReadableStreamDefaultController, 'ReadableStreamDefaultController');
    if (!defaultControllerCanClose(c)) throw invalidState('Controller is already closed');
    defaultControllerEnqueue(c, chunk);
  }
  error(e = undefined) {
    defaultControllerError(check(this, ReadableStreamDefaultController, 'ReadableStreamDefaultController'), e);
  }
  [kCustom]() { return 'ReadableStreamDefaultController {}'; }
}
Object.defineProperty(ReadableStreamDefaultController.prototype, Symbol.toStringTag, { value: 'ReadableStreamDefaultController', configurable: true });

function setupDefaultControllerFromSource(stream, source, hwm, size) {
  const bind = (name) => {
    const fn = source[name];
    if (fn === undefined) return undefined;
    if (typeof fn !== 'function') throw invalidArgType(`source.${name}`, 'function', fn);
    return fn;
  };
  const start = bind('start'); const pull = bind('pull'); const cancel = bind('cancel');
  setupDefaultController(stream, {
    start: start && ((c) => Reflect.apply(start, source, [c])),
    pull: pull && ((c) => Reflect.apply(pull, source, [c])),
    cancel: cancel && ((r) => Reflect.apply(cancel, source, [r])),
  }, hwm, size);
}
function setupDefaultController(stream, algos, hwm, size) {
  const controller = new ReadableStreamDefaultController(kCreate);
  const c = {
    controller, stream, queue: [], queueTotalSize: 0, started: false, closeRequested: false,
    pullAgain: false, pulling: false, size, hwm,
    pull: algos.pull ? () => promiseCall(algos.pull, undefined, controller) : () => Promise.resolve(),
    cancel: algos.cancel ? (r) => promiseCall(algos.cancel, undefined, r) : () => Promise.resolve(),
  };
  c.cancelSteps = (reason) => { resetQueue(c); const r = c.cancel(reason); clearDefaultAlgorithms(c); return r; };
  c.pullSteps = (req) => {
    if (c.queue.length > 0) {
      const chunk = dequeueValue(c);
      if (c.closeRequested && c.queue.length === 0) { clearDefaultAlgorithms(c); readableClose(stream); } else defaultControllerCallPullIfNeeded(c);
      req.chunk(chunk);
    } else {
      stream[S].reader[S].readRequests.push(req);
      defaultControllerCallPullIfNeeded(c);
    }
  };
  c.releaseSteps = () => {};
  controller[S] = c;
  stream[S].controller = controller;
  let started;
  try { started = algos.start ? algos.start(controller) : undefined; } catch (e) { throw e; }
  Promise.resolve(started).then(() => {
    c.started = true;
    defaultControllerCallPullIfNeeded(c);
  }, (e) => defaultControllerError(c, e));
}
function clearDefaultAlgorithms(c) { c.pull = () => Promise.resolve(); c.cancel = () => Promise.resolve(); c.size = () => 1; }
function defaultControllerCanClose(c) { return !c.closeRequested && c.stream[S].state === 'readable'; }
function defaultControllerDesiredSize(c) {
  const st = c.stream[S].state;
  if (st === 'errored') return null;
  if (st === 'closed') return 0;
  return c.hwm - c.queueTotalSize;
}
function defaultControllerClose(c) {
  if (!defaultControllerCanClose(c)) return;
  c.closeRequested = true;
  if (c.queue.length === 0) { clearDefaultAlgorithms(c); readableClose(c.stream); }
}
function defaultControllerEnqueue(c, chunk) {
  if (!defaultControllerCanClose(c)) return;
  const stream = c.stream;
  if (isLocked(stream) && numReadRequests(stream) > 0) {
    fulfillReadRequest(stream, chunk, false);
  } else {
    let size;
    try { size = c.size(chunk); } catch (e) { defaultControllerError(c, e); throw e; }
    try { enqueueValueWithSize(c, chunk, size); } catch (e) { defaultControllerError(c, e); throw e; }
  }
  defaultControllerCallPullIfNeeded(c);
}
function defaultControllerError(c, e) {
  if (c.stream[S].state !== 'readable') return;
  resetQueue(c);
  clearDefaultAlgorithms(c);
  readableError(c.stream, e);
}
function defaultControllerShouldPull(c) {
  if (!defaultControllerCanClose(c) || !c.started) return false;
  if (isLocked(c.stream) && numReadRequests(c.stream) > 0) return true;
  return defaultControllerDesiredSize(c) > 0;
}
function defaultControllerCallPullIfNeeded(c) {
  if (!defaultControllerShouldPull(c)) return;
  if (c.pulling) { c.pullAgain = true; return; }
  c.pulling = true;
  c.pull().then(() => {
    c.pulling = false;
    if (c.pullAgain) { c.pullAgain = false; defaultControllerCallPullIfNeeded(c); }
  }, (e) => defaultControllerError(c, e));
}

// ---- byte controller -------------------------------------------------------------------------
class ReadableStreamBYOBRequest {
  constructor(key) { if (key !== kCreate) throw illegal(); }
  get view() { return check(this, ReadableStreamBYOBRequest, 'ReadableStreamBYOBRequest').view; }
  respond(bytesWritten) {
    const r = check(this, ReadableStreamBYOBRequest, 'ReadableStreamBYOBRequest');
    if (r.controller === undefined) throw invalidState('This BYOB request has been invalidated');
    byteControllerRespond(r.controller, +bytesWritten);
  }
  respondWithNewView(view) {
    const r = check(this, ReadableStreamBYOBRequest, 'ReadableStreamBYOBRequest');
    if (!ArrayBuffer.isView(view)) throw invalidArgType('view', ['Buffer', 'TypedArray', 'DataView'], view);
    if (r.controller === undefined) throw invalidState('This BYOB request has been invalidated');
    const c = r.controller;
    const first = c.pendingPullIntos[0];
    if (first.byteOffset + first.bytesFilled !== view.byteOffset) throw nodeError(RangeError, 'ERR_INVALID_ARG_VALUE', 'The region specified by view does not match byobRequest');
    first.buffer = view.buffer;
    byteControllerRespond(c, view.byteLength);
  }
}
Object.defineProperty(ReadableStreamBYOBRequest.prototype, Symbol.toStringTag, { value: 'ReadableStreamBYOBRequest', configurable: true });

class ReadableByteStreamController {
  constructor(key) { if (key !== kCreate) throw illegal(); }
  get byobRequest() {
    const c = check(this, ReadableByteStreamController, 'ReadableByteStreamController');
    if (c.byobRequest === null && c.pendingPullIntos.length > 0) {
      const p = c.pendingPullIntos[0];
      const view = new Uint8Array(p.buffer, p.byteOffset + p.bytesFilled, p.byteLength - p.bytesFilled);
      const req = new ReadableStreamBYOBRequest(kCreate);
      req[S] = { controller: c, view };
      c.byobRequest = req;
    }
    return c.byobRequest;
  }
  get desiredSize() { return byteControllerDesiredSize(check(this, ReadableByteStreamController, 'ReadableByteStreamController')); }
  close() {
    const c = check(this, ReadableByteStreamController, 'ReadableByteStreamController');
    if (c.closeRequested) throw invalidState('Controller is already closed');
    if (c.stream[S].state !== 'readable') throw invalidState('ReadableStream is already closed');
    byteControllerClose(c);
  }
  enqueue(chunk) {
    const c = check(this, ReadableByteStreamController, 'ReadableByteStreamController');
    if (!ArrayBuffer.isView(chunk)) throw invalidArgType('buffer', ['Buffer', 'TypedArray', 'DataView'], chunk);
    if (chunk.byteLength === 0 || chunk.buffer.byteLength === 0) throw invalidState('chunk ArrayBuffer is zero-length or detached');
    if (c.closeRequested) throw invalidState('Controller is already closed');
    if (c.stream[S].state !== 'readable') throw invalidState('ReadableStream is already closed');
    byteControllerEnqueue(c, chunk);
  }
  error(e = undefined) { byteControllerError(check(this, ReadableByteStreamController, 'ReadableByteStreamController'), e); }
  [kCustom]() { return 'ReadableByteStreamController {}'; }
}
Object.defineProperty(ReadableByteStreamController.prototype, Symbol.toStringTag, { value: 'ReadableByteStreamController', configurable: true });

function setupByteControllerFromSource(stream, source, hwm) {
  const bind = (name) => {
    const fn = source[name];
    if (fn === undefined) return undefined;
    if (typeof fn !== 'function') throw invalidArgType(`source.${name}`, 'function', fn);
    return fn;
  };
  const start = bind('start'); const pull = bind('pull'); const cancel = bind('cancel');
  let chunkSize = source.autoAllocateChunkSize;
  if (chunkSize !== undefined) {
    chunkSize = +chunkSize;
    if (!Number.isInteger(chunkSize) || chunkSize <= 0) throw nodeError(RangeError, 'ERR_OUT_OF_RANGE', `The value of "source.autoAllocateChunkSize" is out of range. It must be >= 1. Received ${chunkSize}`);
  }
  setupByteController(stream, {
    start: start && ((c) => Reflect.apply(start, source, [c])),
    pull: pull && ((c) => Reflect.apply(pull, source, [c])),
    cancel: cancel && ((r) => Reflect.apply(cancel, source, [r])),
  }, hwm, chunkSize);
}
function setupByteController(stream, algos, hwm, autoAllocateChunkSize) {
  const controller = new ReadableByteStreamController(kCreate);
  const c = {
    controller, stream, queue: [], queueTotalSize: 0, started: false, closeRequested: false, pullAgain: false, pulling: false,
    hwm, autoAllocateChunkSize, pendingPullIntos: [], byobRequest: null,
    pull: algos.pull ? () => promiseCall(algos.pull, undefined, controller) : () => Promise.resolve(),
    cancel: algos.cancel ? (r) => promiseCall(algos.cancel, undefined, r) : () => Promise.resolve(),
  };
  c.cancelSteps = (reason) => {
    clearPendingPullIntos(c);
    resetQueue(c);
    const r = c.cancel(reason);
    clearByteAlgorithms(c);
    return r;
  };
  c.pullSteps = (req) => {
    if (c.queueTotalSize > 0) {
      const entry = c.queue.shift();
      c.queueTotalSize -= entry.byteLength;
      byteControllerHandleQueueDrain(c);
      req.chunk(new Uint8Array(entry.buffer, entry.byteOffset, entry.byteLength));
      return;
    }
    if (c.autoAllocateChunkSize !== undefined) {
      const buffer = new ArrayBuffer(c.autoAllocateChunkSize);
      c.pendingPullIntos.push({ buffer, bufferByteLength: buffer.byteLength, byteOffset: 0, byteLength: buffer.byteLength, bytesFilled: 0, minimumFill: 1, elementSize: 1, ctor: Uint8Array, readerType: 'default' });
    }
    stream[S].reader[S].readRequests.push(req);
    byteControllerCallPullIfNeeded(c);
  };
  c.releaseSteps = () => {
    if (c.pendingPullIntos.length > 0) {
      const first = c.pendingPullIntos[0];
      first.readerType = 'none';
      c.pendingPullIntos = [first];
    }
  };
  controller[S] = c;
  stream[S].controller = controller;
  const started = algos.start ? algos.start(controller) : undefined;
  Promise.resolve(started).then(() => {
    c.started = true;
    byteControllerCallPullIfNeeded(c);
  }, (e) => byteControllerError(c, e));
}
function clearByteAlgorithms(c) { c.pull = () => Promise.resolve(); c.cancel = () => Promise.resolve(); }
function clearPendingPullIntos(c) { invalidateByobRequest(c); c.pendingPullIntos = []; }
function invalidateByobRequest(c) {
  if (c.byobRequest === null) return;
  c.byobRequest[S].controller = undefined;
  c.byobRequest[S].view = null;
  c.byobRequest = null;
}
function byteControllerDesiredSize(c) {
  const st = c.stream[S].state;
  if (st === 'errored') return null;
  if (st === 'closed') return 0;
  return c.hwm - c.queueTotalSize;
}
function byteControllerError(c, e) {
  if (c.stream[S].state !== 'readable') return;
  clearPendingPullIntos(c);
  resetQueue(c);
  clearByteAlgorithms(c);
  readableError(c.stream, e);
}
function byteControllerClose(c) {
  if (c.closeRequested || c.stream[S].state !== 'readable') return;
  if (c.queueTotalSize > 0) { c.closeRequested = true; return; }
  if (c.pendingPullIntos.length > 0) {
    const first = c.pendingPullIntos[0];
    if (first.bytesFilled % first.elementSize !== 0) {
      const e = invalidState('Partial read');
      byteControllerError(c, e);
      throw e;
    }
  }
  clearByteAlgorithms(c);
  readableClose(c.stream);
}
function byteControllerHandleQueueDrain(c) {
  if (c.queueTotalSize === 0 && c.closeRequested) { clearByteAlgorithms(c); readableClose(c.stream); } else byteControllerCallPullIfNeeded(c);
}
function byteControllerShouldPull(c) {
  const stream = c.stream;
  if (stream[S].state !== 'readable' || c.closeRequested || !c.started) return false;
  if (numReadRequests(stream) > 0 || numReadIntoRequests(stream) > 0) return true;
  return byteControllerDesiredSize(c) > 0;
}
function byteControllerCallPullIfNeeded(c) {
  if (!byteControllerShouldPull(c)) return;
  if (c.pulling) { c.pullAgain = true; return; }
  c.pulling = true;
  c.pull().then(() => {
    c.pulling = false;
    if (c.pullAgain) { c.pullAgain = false; byteControllerCallPullIfNeeded(c); }
  }, (e) => byteControllerError(c, e));
}
function copyBytes(dst, dstOffset, src, srcOffset, n) {
  new Uint8Array(dst, dstOffset, n).set(new Uint8Array(src, srcOffset, n));
}
function byteControllerEnqueue(c, chunk) {
  const stream = c.stream;
  const buffer = chunk.buffer.slice(chunk.byteOffset, chunk.byteOffset + chunk.byteLength);
  if (c.pendingPullIntos.length > 0) {
    invalidateByobRequest(c);
    const first = c.pendingPullIntos[0];
    if (first.readerType === 'none') {
      c.pendingPullIntos.shift();
      if (first.bytesFilled > 0) {
        c.queue.push({ buffer: first.buffer.slice(first.byteOffset, first.byteOffset + first.bytesFilled), byteOffset: 0, byteLength: first.bytesFilled });
        c.queueTotalSize += first.bytesFilled;
      }
    }
  }
  const reader = stream[S].reader;
  if (reader instanceof ReadableStreamDefaultReader) {
    processReadRequestsUsingQueue(c);
    if (reader[S].readRequests.length === 0) {
      c.queue.push({ buffer, byteOffset: 0, byteLength: buffer.byteLength });
      c.queueTotalSize += buffer.byteLength;
    } else {
      if (c.pendingPullIntos.length > 0 && c.pendingPullIntos[0].readerType === 'default') c.pendingPullIntos.shift();
      fulfillReadRequest(stream, new Uint8Array(buffer), false);
    }
  } else if (reader instanceof ReadableStreamBYOBReader) {
    c.queue.push({ buffer, byteOffset: 0, byteLength: buffer.byteLength });
    c.queueTotalSize += buffer.byteLength;
    processPullIntosUsingQueue(c);
  } else {
    c.queue.push({ buffer, byteOffset: 0, byteLength: buffer.byteLength });
    c.queueTotalSize += buffer.byteLength;
  }
  byteControllerCallPullIfNeeded(c);
}
function processReadRequestsUsingQueue(c) {
  const reader = c.stream[S].reader;
  while (reader[S].readRequests.length > 0 && c.queueTotalSize > 0) {
    const entry = c.queue.shift();
    c.queueTotalSize -= entry.byteLength;
    byteControllerHandleQueueDrain(c);
    reader[S].readRequests.shift().chunk(new Uint8Array(entry.buffer, entry.byteOffset, entry.byteLength));
  }
}
function fillPullIntoFromQueue(c, p) {
  const maxBytesToCopy = Math.min(c.queueTotalSize, p.byteLength - p.bytesFilled);
  const maxBytesFilled = p.bytesFilled + maxBytesToCopy;
  let totalToCopy = maxBytesToCopy;
  let ready = false;
  const remainder = maxBytesFilled % p.elementSize;
  const maxAligned = maxBytesFilled - remainder;
  if (maxAligned >= p.minimumFill) { totalToCopy = maxAligned - p.bytesFilled; ready = true; }
  while (totalToCopy > 0) {
    const head = c.queue[0];
    const n = Math.min(totalToCopy, head.byteLength);
    copyBytes(p.buffer, p.byteOffset + p.bytesFilled, head.buffer, head.byteOffset, n);
    if (head.byteLength === n) c.queue.shift(); else { head.byteOffset += n; head.byteLength -= n; }
    c.queueTotalSize -= n;
    p.bytesFilled += n;
    totalToCopy -= n;
  }
  return ready;
}
function convertPullInto(p) {
  return new p.ctor(p.buffer, p.byteOffset, p.bytesFilled / p.elementSize);
}
function commitPullInto(stream, p) {
  let done = false;
  if (stream[S].state === 'closed') done = true;
  const value = convertPullInto(p);
  if (p.readerType === 'default') {
    fulfillReadRequest(stream, value, done);
  } else {
    const r = stream[S].reader[S].readIntoRequests.shift();
    if (done) r.close(value); else r.chunk(value);
  }
}
function processPullIntosUsingQueue(c) {
  while (c.pendingPullIntos.length > 0) {
    if (c.queueTotalSize === 0) return;
    const p = c.pendingPullIntos[0];
    if (fillPullIntoFromQueue(c, p)) {
      c.pendingPullIntos.shift();
      invalidateByobRequest(c);
      commitPullInto(c.stream, p);
    }
  }
}
function byteControllerPullInto(c, view, min, req) {
  const stream = c.stream;
  const ctor = view.constructor === DataView ? DataView : view.constructor;
  const elementSize = ctor === DataView ? 1 : ctor.BYTES_PER_ELEMENT;
  const minimumFill = min * elementSize;
  const buffer = view.buffer;
  const p = { buffer, bufferByteLength: buffer.byteLength, byteOffset: view.byteOffset, byteLength: view.byteLength, bytesFilled: 0, minimumFill, elementSize, ctor: ctor === DataView ? DataView : ctor, readerType: 'byob' };
  if (c.pendingPullIntos.length > 0) {
    c.pendingPullIntos.push(p);
    stream[S].reader[S].readIntoRequests.push(req);
    return;
  }
  if (stream[S].state === 'closed') {
    req.close(new p.ctor(buffer, p.byteOffset, 0));
    return;
  }
  if (c.queueTotalSize > 0) {
    if (fillPullIntoFromQueue(c, p)) {
      const value = convertPullInto(p);
      byteControllerHandleQueueDrain(c);
      req.chunk(value);
      return;
    }
    if (c.closeRequested) {
      const e = invalidState('Partial read');
      byteControllerError(c, e);
      req.error(e);
      return;
    }
  }
  c.pendingPullIntos.push(p);
  stream[S].reader[S].readIntoRequests.push(req);
  byteControllerCallPullIfNeeded(c);
}
function byteControllerRespond(c, bytesWritten) {
  const first = c.pendingPullIntos[0];
  const st = c.stream[S].state;
  if (st === 'closed') {
    if (bytesWritten !== 0) throw nodeError(TypeError, 'ERR_INVALID_ARG_VALUE', 'bytesWritten must be 0 when calling respond() on a closed stream');
  } else if (bytesWritten === 0 || first.bytesFilled + bytesWritten > first.byteLength) {
    throw nodeError(RangeError, 'ERR_INVALID_ARG_VALUE', `The argument 'bytesWritten' is invalid. Received ${bytesWritten}`);
  }
  invalidateByobRequest(c);
  if (st === 'closed') {
    if (first.readerType === 'none') c.pendingPullIntos.shift();
    if (c.stream[S].reader instanceof ReadableStreamBYOBReader) {
      while (numReadIntoRequests(c.stream) > 0) commitPullInto(c.stream, c.pendingPullIntos.shift());
    }
  } else {
    first.bytesFilled += bytesWritten;
    if (first.readerType === 'none') {
      c.pendingPullIntos.shift();
      const rem = first.bytesFilled % first.elementSize;
      if (first.bytesFilled - rem > 0) {
        const end = first.byteOffset + first.bytesFilled - rem;
        c.queue.push({ buffer: first.buffer.slice(first.byteOffset, end), byteOffset: 0, byteLength: end - first.byteOffset });
        c.queueTotalSize += end - first.byteOffset;
      }
      processPullIntosUsingQueue(c);
    } else if (first.bytesFilled >= first.minimumFill) {
      c.pendingPullIntos.shift();
      const rem = first.bytesFilled % first.elementSize;
      if (rem > 0) {
        const end = first.byteOffset + first.bytesFilled;
        c.queue.push({ buffer: first.buffer.slice(end - rem, end), byteOffset: 0, byteLength: rem });
        c.queueTotalSize += rem;
      }
      first.bytesFilled -= rem;
      commitPullInto(c.stream, first);
      processPullIntosUsingQueue(c);
    }
  }
  byteControllerCallPullIfNeeded(c);
}

// ---- tee ----------------------------------------------------------------------------------------
function readableTee(stream) {
  const reader = new ReadableStreamDefaultReader(stream);
  let reading = false; let readAgain = false;
  let canceled1 = false; let canceled2 = false;
  let reason1; let reason2;
  let branch1; let branch2;
  const cancelDone = deferred();
  const pull = () => {
    if (reading) { readAgain = true; return Promise.resolve(); }
    reading = true;
    readerReadWith(reader, {
      chunk: (chunk) => {
        queueMicrotask(() => {
          readAgain = false;
          if (!canceled1) defaultControllerEnqueue(branch1[S].controller[S], chunk);
          if (!canceled2) defaultControllerEnqueue(branch2[S].controller[S], chunk);
          reading = false;
          if (readAgain) pull();
        });
      },
      close: () => {
        reading = false;
        if (!canceled1) defaultControllerClose(branch1[S].controller[S]);
        if (!canceled2) defaultControllerClose(branch2[S].controller[S]);
        if (!canceled1 || !canceled2) settleOk(cancelDone);
      },
      error: () => { reading = false; },
    });
    return Promise.resolve();
  };
  const cancel1 = (reason) => {
    canceled1 = true; reason1 = reason;
    if (canceled2) settleOk(cancelDone, readableCancel(stream, [reason1, reason2]));
    return cancelDone.promise;
  };
  const cancel2 = (reason) => {
    canceled2 = true; reason2 = reason;
    if (canceled1) settleOk(cancelDone, readableCancel(stream, [reason1, reason2]));
    return cancelDone.promise;
  };
  branch1 = new ReadableStream(kCreate);
  setupDefaultController(branch1, { pull, cancel: cancel1 }, 1, () => 1);
  branch2 = new ReadableStream(kCreate);
  setupDefaultController(branch2, { pull, cancel: cancel2 }, 1, () => 1);
  reader[S].closed.promise.then(undefined, (e) => {
    defaultControllerError(branch1[S].controller[S], e);
    defaultControllerError(branch2[S].controller[S], e);
    if (!canceled1 || !canceled2) settleOk(cancelDone);
  });
  return [branch1, branch2];
}

// ---- pipeTo ---------------------------------------------------------------------------------------
function pipeOptions(options) {
  if (options === null || (options !== undefined && typeof options !== 'object')) throw invalidArgType('options', 'object', options);
  const signal = options?.signal;
  if (signal !== undefined && !(signal instanceof AbortSignal)) throw invalidArgType('options.signal', 'AbortSignal', signal);
  return {
    preventClose: Boolean(options?.preventClose),
    preventAbort: Boolean(options?.preventAbort),
    preventCancel: Boolean(options?.preventCancel),
    signal,
  };
}
function readablePipeTo(source, dest, { preventClose, preventAbort, preventCancel, signal }) {
  const reader = new ReadableStreamDefaultReader(source);
  const writer = new WritableStreamDefaultWriter(dest);
  source[S].disturbed = true;
  let shuttingDown = false;
  let currentWrite = Promise.resolve();
  const done = deferred();
  let abortAlgorithm;
  const finalize = (isError, error) => {
    writerRelease(writer);
    readerRelease(reader);
    if (signal) signal.removeEventListener('abort', abortAlgorithm);
    if (isError) settleErr(done, error); else settleOk(done, undefined);
  };
  const waitWrites = () => {
    const old = currentWrite;
    return old.then(() => (old !== currentWrite ? waitWrites() : undefined), () => (old !== currentWrite ? waitWrites() : undefined));
  };
  const shutdownWithAction = (action, isError, error) => {
    if (shuttingDown) return;
    shuttingDown = true;
    const go = () => action().then(() => finalize(isError, error), (e) => finalize(true, e));
    if (dest[S].state === 'writable' && !writableCloseQueuedOrInFlight(dest)) waitWrites().then(go);
    else go();
  };
  const shutdown = (isError, error) => {
    if (shuttingDown) return;
    shuttingDown = true;
    if (dest[S].state === 'writable' && !writableCloseQueuedOrInFlight(dest)) waitWrites().then(() => finalize(isError, error));
    else finalize(isError, error);
  };
  if (signal) {
    abortAlgorithm = () => {
      const error = signal.reason;
      const actions = [];
      if (!preventAbort) actions.push(() => (dest[S].state === 'writable' ? writableAbort(dest, error) : Promise.resolve()));
      if (!preventCancel) actions.push(() => (source[S].state === 'readable' ? readableCancel(source, error) : Promise.resolve()));
      shutdownWithAction(() => Promise.all(actions.map((a) => a())), true, error);
    };
    if (signal.aborted) { abortAlgorithm(); return done.promise; }
    signal.addEventListener('abort', abortAlgorithm);
  }
  // Error and close propagation, checked now and as states change.
  const onSourceError = (e) => {
    if (!preventAbort) shutdownWithAction(() => writableAbort(dest, e), true, e);
    else shutdown(true, e);
  };
  const onDestError = (e) => {
    if (!preventCancel) shutdownWithAction(() => readableCancel(source, e), true, e);
    else shutdown(true, e);
  };
  const onSourceClosed = () => {
    if (!preventClose) shutdownWithAction(() => writerCloseWithErrorPropagation(writer));
    else shutdown();
  };
  const onDestClosed = () => {
    const e = invalidState('Cannot pipe to a closed or closing stream');
    if (!preventCancel) shutdownWithAction(() => readableCancel(source, e), true, e);
    else shutdown(true, e);
  };
  if (source[S].state === 'errored') onSourceError(source[S].storedError);
  else if (dest[S].state === 'errored') onDestError(dest[S].storedError);
  else if (source[S].state === 'closed') onSourceClosed();
  else if (writableCloseQueuedOrInFlight(dest) || dest[S].state === 'closed') onDestClosed();
  if (shuttingDown) return done.promise;
  reader[S].closed.promise.then(() => { if (!shuttingDown) onSourceClosed(); }, (e) => { if (!shuttingDown) onSourceError(e); });
  writer[S].closed.promise.then(undefined, (e) => { if (!shuttingDown) onDestError(e); });
  const step = () => {
    if (shuttingDown) return;
    writer[S].ready.promise.then(() => {
      if (shuttingDown) return;
      readerReadWith(reader, {
        chunk: (chunk) => {
          currentWrite = markHandled(writerWrite(writer, chunk));
          step();
        },
        close: () => {},
        error: () => {},
      });
    }, () => {});
  };
  step();
  return done.promise;
}

// ---- WritableStream -----------------------------------------------------------------------------
class WritableStream {
  constructor(sink = undefined, strategy = {}) {
    if (sink === kCreate) { initWritable(this); return; }
    if (sink !== undefined && (sink === null || typeof sink !== 'object')) throw invalidArgType('sink', 'object', sink);
    if (strategy !== undefined && strategy !== null && typeof strategy !== 'object') throw invalidArgType('strategy', 'object', strategy);
    if (sink?.type !== undefined) throw nodeError(RangeError, 'ERR_INVALID_ARG_VALUE', `The argument 'type' is invalid. Received ${util.inspect(sink.type)}`);
    initWritable(this);
    const bind = (name) => {
      const fn = sink?.[name];
      if (fn === undefined) return undefined;
      if (typeof fn !== 'function') throw invalidArgType(`sink.${name}`, 'function', fn);
      return (...args) => Reflect.apply(fn, sink, args);
    };
    setupWritableController(this, {
      start: bind('start'), write: bind('write'), close: bind('close'), abort: bind('abort'),
    }, hwmOf(strategy, 1), sizeOf(strategy));
  }
  get locked() { return check(this, WritableStream, 'WritableStream').writer !== undefined; }
  abort(reason = undefined) {
    const bad = rejectThis(this, WritableStream, 'WritableStream');
    if (bad) return bad;
    if (this[S].writer !== undefined) return Promise.reject(invalidState('WritableStream is locked'));
    return writableAbort(this, reason);
  }
  close() {
    const bad = rejectThis(this, WritableStream, 'WritableStream');
    if (bad) return bad;
    if (this[S].writer !== undefined) return Promise.reject(invalidState('WritableStream is locked'));
    if (writableCloseQueuedOrInFlight(this)) return Promise.reject(invalidState('Failure closing WritableStream'));
    return writableClose(this);
  }
  getWriter() {
    check(this, WritableStream, 'WritableStream');
    return new WritableStreamDefaultWriter(this);
  }
  [kCustom](depth, options) {
    const s = this[S];
    return `WritableStream ${util.inspect({ locked: s.writer !== undefined, state: s.state }, options)}`;
  }
}
Object.defineProperty(WritableStream.prototype, Symbol.toStringTag, { value: 'WritableStream', configurable: true });

function initWritable(stream) {
  stream[S] = {
    state: 'writable', storedError: undefined, writer: undefined, controller: undefined,
    inFlightWriteRequest: undefined, closeRequest: undefined, inFlightCloseRequest: undefined,
    pendingAbortRequest: undefined, writeRequests: [], backpressure: false,
  };
}
function writableAbort(stream, reason) {
  const s = stream[S];
  if (s.state === 'closed' || s.state === 'errored') return Promise.resolve();
  s.controller[S].abortController.abort(reason);
  const state = s.state;
  if (state === 'closed' || state === 'errored') return Promise.resolve();
  if (s.pendingAbortRequest !== undefined) return s.pendingAbortRequest.d.promise;
  let wasAlreadyErroring = false;
  if (state === 'erroring') { wasAlreadyErroring = true; reason = undefined; }
  const d = deferred();
  s.pendingAbortRequest = { d, reason, wasAlreadyErroring };
  if (!wasAlreadyErroring) writableStartErroring(stream, reason);
  return d.promise;
}
function writableClose(stream) {
  const s = stream[S];
  if (s.state === 'closed' || s.state === 'errored') return Promise.reject(invalidState('WritableStream is closed'));
  const d = deferred();
  s.closeRequest = d;
  const writer = s.writer;
  if (writer !== undefined && s.backpressure && s.state === 'writable') settleOk(writer[S].ready);
  const c = s.controller[S];
  enqueueValueWithSize(c, kCloseSentinel, 0);
  writableControllerAdvanceQueueIfNeeded(c);
  return d.promise;
}
const kCloseSentinel = Symbol('close');
function writableCloseQueuedOrInFlight(stream) {
  return stream[S].closeRequest !== undefined || stream[S].inFlightCloseRequest !== undefined;
}
function writableHasOperationMarkedInFlight(stream) {
  return stream[S].inFlightWriteRequest !== undefined || stream[S].inFlightCloseRequest !== undefined;
}
function writableDealWithRejection(stream, error) {
  if (stream[S].state === 'writable') { writableStartErroring(stream, error); return; }
  writableFinishErroring(stream);
}
function writableStartErroring(stream, reason) {
  const s = stream[S];
  const c = s.controller[S];
  s.state = 'erroring';
  s.storedError = reason;
  const writer = s.writer;
  if (writer !== undefined) writerEnsureReadyRejected(writer, reason);
  if (!writableHasOperationMarkedInFlight(stream) && c.started) writableFinishErroring(stream);
}
function writableFinishErroring(stream) {
  const s = stream[S];
  s.state = 'errored';
  const c = s.controller[S];
  resetQueue(c);
  const storedError = s.storedError;
  for (const d of s.writeRequests) settleErr(d, storedError);
  s.writeRequests = [];
  if (s.pendingAbortRequest === undefined) { writableRejectCloseAndClosedIfNeeded(stream); return; }
  const req = s.pendingAbortRequest;
  s.pendingAbortRequest = undefined;
  if (req.wasAlreadyErroring) {
    settleErr(req.d, storedError);
    writableRejectCloseAndClosedIfNeeded(stream);
    return;
  }
  const p = c.abortAlgorithm(req.reason);
  clearWritableAlgorithms(c);
  p.then(() => { settleOk(req.d); writableRejectCloseAndClosedIfNeeded(stream); },
    (e) => { settleErr(req.d, e); writableRejectCloseAndClosedIfNeeded(stream); });
}
function writableRejectCloseAndClosedIfNeeded(stream) {
  const s = stream[S];
  if (s.closeRequest !== undefined) { settleErr(s.closeRequest, s.storedError); s.closeRequest = undefined; }
  const writer = s.writer;
  if (writer !== undefined) { settleErr(writer[S].closed, s.storedError); markHandled(writer[S].closed.promise); }
}
function writableUpdateBackpressure(stream, backpressure) {
  const s = stream[S];
  const writer = s.writer;
  if (writer !== undefined && backpressure !== s.backpressure) {
    if (backpressure) writer[S].ready = deferred();
    else settleOk(writer[S].ready);
  }
  s.backpressure = backpressure;
}

class WritableStreamDefaultWriter {
  constructor(stream) {
    if (!(stream instanceof WritableStream)) throw invalidArgType('stream', 'WritableStream', stream);
    if (stream[S].writer !== undefined) throw invalidState('WritableStream is locked');
    const s = stream[S];
    this[S] = { stream, ready: deferred(), closed: deferred() };
    s.writer = this;
    const st = s.state;
    if (st === 'writable') {
      if (!writableCloseQueuedOrInFlight(stream) && s.backpressure) { /* pending */ } else settleOk(this[S].ready);
    } else if (st === 'erroring') {
      settleErr(this[S].ready, s.storedError); markHandled(this[S].ready.promise);
    } else if (st === 'closed') {
      settleOk(this[S].ready); settleOk(this[S].closed);
    } else {
      settleErr(this[S].ready, s.storedError); markHandled(this[S].ready.promise);
      settleErr(this[S].closed, s.storedError); markHandled(this[S].closed.promise);
    }
  }
  get closed() {
    const bad = rejectThis(this, WritableStreamDefaultWriter, 'WritableStreamDefaultWriter');
    return bad || this[S].closed.promise;
  }
  get ready() {
    const bad = rejectThis(this, WritableStreamDefaultWriter, 'WritableStreamDefaultWriter');
    return bad || this[S].ready.promise;
  }
  get desiredSize() {
    const w = check(this, WritableStreamDefaultWriter, 'WritableStreamDefaultWriter');
    if (w.stream === undefined) throw invalidState('Writer is not bound to a WritableStream');
    const s = w.stream[S];
    if (s.state === 'errored' || s.state === 'erroring') return null;
    if (s.state === 'closed') return 0;
    const c = s.controller[S];
    return c.hwm - c.queueTotalSize;
  }
  abort(reason = undefined) {
    const bad = rejectThis(this, WritableStreamDefaultWriter, 'WritableStreamDefaultWriter');
    if (bad) return bad;
    if (this[S].stream === undefined) return Promise.reject(invalidState('Writer is not bound to a WritableStream'));
    return writableAbort(this[S].stream, reason);
  }
  close() {
    const bad = rejectThis(this, WritableStreamDefaultWriter, 'WritableStreamDefaultWriter');
    if (bad) return bad;
    const stream = this[S].stream;
    if (stream === undefined) return Promise.reject(invalidState('Writer is not bound to a WritableStream'));
    if (writableCloseQueuedOrInFlight(stream)) return Promise.reject(invalidState('Failure to close WritableStream'));
    return writableClose(stream);
  }
  releaseLock() {
    check(this, WritableStreamDefaultWriter, 'WritableStreamDefaultWriter');
    if (this[S].stream === undefined) return;
    writerRelease(this);
  }
  write(chunk = undefined) {
    const bad = rejectThis(this, WritableStreamDefaultWriter, 'WritableStreamDefaultWriter');
    if (bad) return bad;
    if (this[S].stream === undefined) return Promise.reject(invalidState('Writer is not bound to a WritableStream'));
    return writerWrite(this, chunk);
  }
  [kCustom](depth, options) {
    return `WritableStreamDefaultWriter ${util.inspect({ stream: this[S].stream, close: this[S].closed.promise, ready: this[S].ready.promise, desiredSize: this[S].stream ? this.desiredSize : undefined }, options)}`;
  }
}
Object.defineProperty(WritableStreamDefaultWriter.prototype, Symbol.toStringTag, { value: 'WritableStreamDefaultWriter', configurable: true });

function writerEnsureReadyRejected(writer, e) {
  if (!writer[S].ready.settled) settleErr(writer[S].ready, e);
  else { writer[S].ready = deferred(); settleErr(writer[S].ready, e); }
  markHandled(writer[S].ready.promise);
}
function writerEnsureClosedRejected(writer, e) {
  if (!writer[S].closed.settled) settleErr(writer[S].closed, e);
  else { writer[S].closed = deferred(); settleErr(writer[S].closed, e); }
  markHandled(writer[S].closed.promise);
}
function writerRelease(writer) {
  const stream = writer[S].stream;
  const e = invalidState('Writer has been released');
  writerEnsureReadyRejected(writer, e);
  writerEnsureClosedRejected(writer, e);
  stream[S].writer = undefined;
  writer[S].stream = undefined;
}
function writerCloseWithErrorPropagation(writer) {
  const stream = writer[S].stream;
  const st = stream[S].state;
  if (writableCloseQueuedOrInFlight(stream) || st === 'closed') return Promise.resolve();
  if (st === 'errored') return Promise.reject(stream[S].storedError);
  return writableClose(stream);
}
function writerWrite(writer, chunk) {
  const stream = writer[S].stream;
  const s = stream[S];
  const c = s.controller[S];
  let size;
  try { size = c.size(chunk); } catch (e) { writableControllerErrorIfNeeded(c, e); size = 1; }
  if (stream !== writer[S].stream) return Promise.reject(invalidState('Writer is not bound to a WritableStream'));
  if (s.state === 'errored') return Promise.reject(s.storedError);
  if (writableCloseQueuedOrInFlight(stream) || s.state === 'closed') return Promise.reject(invalidState('WritableStream is closed'));
  if (s.state === 'erroring') return Promise.reject(s.storedError);
  const d = deferred();
  s.writeRequests.push(d);
  try { enqueueValueWithSize(c, chunk, size); } catch (e) { writableControllerErrorIfNeeded(c, e); return d.promise; }
  if (!writableCloseQueuedOrInFlight(stream) && s.state === 'writable') writableUpdateBackpressure(stream, c.hwm - c.queueTotalSize <= 0);
  writableControllerAdvanceQueueIfNeeded(c);
  return d.promise;
}

class WritableStreamDefaultController {
  constructor(key) { if (key !== kCreate) throw illegal(); }
  get signal() { return check(this, WritableStreamDefaultController, 'WritableStreamDefaultController').abortController.signal; }
  error(e = undefined) {
    const c = check(this, WritableStreamDefaultController, 'WritableStreamDefaultController');
    if (c.stream[S].state !== 'writable') return;
    writableControllerError(c, e);
  }
  [kCustom]() { return 'WritableStreamDefaultController {}'; }
}
Object.defineProperty(WritableStreamDefaultController.prototype, Symbol.toStringTag, { value: 'WritableStreamDefaultController', configurable: true });

function setupWritableController(stream, algos, hwm, size) {
  const controller = new WritableStreamDefaultController(kCreate);
  const c = {
    controller, stream, queue: [], queueTotalSize: 0, started: false, hwm, size,
    abortController: new AbortController(),
    writeAlgorithm: algos.write ? (chunk) => promiseCall(algos.write, undefined, chunk, controller) : () => Promise.resolve(),
    closeAlgorithm: algos.close ? () => promiseCall(algos.close, undefined) : () => Promise.resolve(),
    abortAlgorithm: algos.abort ? (r) => promiseCall(algos.abort, undefined, r) : () => Promise.resolve(),
  };
  controller[S] = c;
  stream[S].controller = controller;
  writableUpdateBackpressure(stream, c.hwm - c.queueTotalSize <= 0);
  const started = algos.start ? algos.start(controller) : undefined;
  Promise.resolve(started).then(() => {
    c.started = true;
    writableControllerAdvanceQueueIfNeeded(c);
  }, (e) => {
    c.started = true;
    writableDealWithRejection(stream, e);
  });
}
function clearWritableAlgorithms(c) {
  c.writeAlgorithm = () => Promise.resolve();
  c.closeAlgorithm = () => Promise.resolve();
  c.abortAlgorithm = () => Promise.resolve();
  c.size = () => 1;
}
function writableControllerError(c, e) {
  clearWritableAlgorithms(c);
  writableStartErroring(c.stream, e);
}
function writableControllerErrorIfNeeded(c, e) {
  if (c.stream[S].state === 'writable') writableControllerError(c, e);
}
function writableControllerAdvanceQueueIfNeeded(c) {
  const stream = c.stream;
  const s = stream[S];
  if (!c.started || s.inFlightWriteRequest !== undefined) return;
  if (s.state === 'erroring') { writableFinishErroring(stream); return; }
  if (c.queue.length === 0) return;
  const value = c.queue[0].value;
  if (value === kCloseSentinel) {
    s.inFlightCloseRequest = s.closeRequest;
    s.closeRequest = undefined;
    dequeueValue(c);
    const p = c.closeAlgorithm();
    clearWritableAlgorithms(c);
    p.then(() => {
      settleOk(s.inFlightCloseRequest);
      s.inFlightCloseRequest = undefined;
      if (s.state === 'erroring') {
        s.storedError = undefined;
        if (s.pendingAbortRequest !== undefined) { settleOk(s.pendingAbortRequest.d); s.pendingAbortRequest = undefined; }
      }
      s.state = 'closed';
      if (s.writer !== undefined) settleOk(s.writer[S].closed);
    }, (e) => {
      settleErr(s.inFlightCloseRequest, e);
      s.inFlightCloseRequest = undefined;
      if (s.pendingAbortRequest !== undefined) { settleErr(s.pendingAbortRequest.d, e); s.pendingAbortRequest = undefined; }
      writableDealWithRejection(stream, e);
    });
    return;
  }
  s.inFlightWriteRequest = s.writeRequests.shift();
  c.writeAlgorithm(value).then(() => {
    settleOk(s.inFlightWriteRequest);
    s.inFlightWriteRequest = undefined;
    const state = s.state;
    dequeueValue(c);
    if (!writableCloseQueuedOrInFlight(stream) && state === 'writable') writableUpdateBackpressure(stream, c.hwm - c.queueTotalSize <= 0);
    writableControllerAdvanceQueueIfNeeded(c);
  }, (e) => {
    if (s.state === 'writable') clearWritableAlgorithms(c);
    settleErr(s.inFlightWriteRequest, e);
    s.inFlightWriteRequest = undefined;
    writableDealWithRejection(stream, e);
  });
}

// ---- TransformStream ------------------------------------------------------------------------
class TransformStream {
  constructor(transformer = undefined, writableStrategy = {}, readableStrategy = {}) {
    if (transformer !== undefined && (transformer === null || typeof transformer !== 'object')) throw invalidArgType('transformer', 'object', transformer);
    if (transformer?.readableType !== undefined) throw argValue('transformer.readableType', transformer.readableType);
    if (transformer?.writableType !== undefined) throw argValue('transformer.writableType', transformer.writableType);
    const bind = (name) => {
      const fn = transformer?.[name];
      if (fn === undefined) return undefined;
      if (typeof fn !== 'function') throw invalidArgType(`transformer.${name}`, 'function', fn);
      return (...args) => Reflect.apply(fn, transformer, args);
    };
    const start = bind('start');
    const algos = { transform: bind('transform'), flush: bind('flush'), cancel: bind('cancel') };
    const startPromise = deferred();
    initTransform(this, startPromise.promise, hwmOf(writableStrategy, 1), sizeOf(writableStrategy), hwmOf(readableStrategy, 0), sizeOf(readableStrategy));
    setupTransformController(this, algos);
    if (start) {
      try { settleOk(startPromise, start(this[S].controller)); } catch (e) { settleErr(startPromise, e); }
    } else settleOk(startPromise);
  }
  get readable() { return check(this, TransformStream, 'TransformStream').readable; }
  get writable() { return check(this, TransformStream, 'TransformStream').writable; }
  [kCustom](depth, options) {
    return `TransformStream ${util.inspect({ readable: this[S].readable, writable: this[S].writable, backpressure: this[S].backpressure }, options)}`;
  }
}
Object.defineProperty(TransformStream.prototype, Symbol.toStringTag, { value: 'TransformStream', configurable: true });

function initTransform(ts, startPromise, whwm, wsize, rhwm, rsize) {
  const t = { backpressure: undefined, backpressureChange: undefined, controller: undefined };
  ts[S] = t;
  const writable = new WritableStream(kCreate);
  setupWritableController(writable, {
    start: () => startPromise,
    write: (chunk) => transformSinkWrite(ts, chunk),
    abort: (reason) => transformSinkAbort(ts, reason),
    close: () => transformSinkClose(ts),
  }, whwm, wsize);
  const readable = new ReadableStream(kCreate);
  setupDefaultController(readable, {
    start: () => startPromise,
    pull: () => { transformSetBackpressure(ts, false); return t.backpressureChange.promise; },
    cancel: (reason) => transformSourceCancel(ts, reason),
  }, rhwm, rsize);
  t.writable = writable;
  t.readable = readable;
  transformSetBackpressure(ts, true);
}
function transformSetBackpressure(ts, bp) {
  const t = ts[S];
  if (t.backpressureChange !== undefined) settleOk(t.backpressureChange);
  t.backpressureChange = deferred();
  t.backpressure = bp;
}
function transformError(ts, e) {
  defaultControllerError(ts[S].readable[S].controller[S], e);
  transformErrorWritableAndUnblockWrite(ts, e);
}
function transformErrorWritableAndUnblockWrite(ts, e) {
  const t = ts[S];
  clearTransformAlgorithms(t.controller[S]);
  writableControllerErrorIfNeeded(t.writable[S].controller[S], e);
  if (t.backpressure) transformSetBackpressure(ts, false);
}
class TransformStreamDefaultController {
  constructor(key) { if (key !== kCreate) throw illegal(); }
  get desiredSize() {
    const c = check(this, TransformStreamDefaultController, 'TransformStreamDefaultController');
    return defaultControllerDesiredSize(c.stream[S].readable[S].controller[S]);
  }
  enqueue(chunk = undefined) { transformEnqueue(check(this, TransformStreamDefaultController, 'TransformStreamDefaultController'), chunk); }
  error(reason = undefined) { transformError(check(this, TransformStreamDefaultController, 'TransformStreamDefaultController').stream, reason); }
  terminate() {
    const c = check(this, TransformStreamDefaultController, 'TransformStreamDefaultController');
    const ts = c.stream;
    defaultControllerClose(ts[S].readable[S].controller[S]);
    transformErrorWritableAndUnblockWrite(ts, invalidState('TransformStream has been terminated'));
  }
  [kCustom]() { return 'TransformStreamDefaultController {}'; }
}
Object.defineProperty(TransformStreamDefaultController.prototype, Symbol.toStringTag, { value: 'TransformStreamDefaultController', configurable: true });

function setupTransformController(ts, algos) {
  const controller = new TransformStreamDefaultController(kCreate);
  const c = { controller, stream: ts, finish: undefined };
  c.transform = algos.transform
    ? (chunk) => promiseCall(algos.transform, undefined, chunk, controller)
    : (chunk) => { try { transformEnqueue(c, chunk); return Promise.resolve(); } catch (e) { return Promise.reject(e); } };
  c.flush = algos.flush ? () => promiseCall(algos.flush, undefined, controller) : () => Promise.resolve();
  c.cancel = algos.cancel ? (r) => promiseCall(algos.cancel, undefined, r) : () => Promise.resolve();
  controller[S] = c;
  ts[S].controller = controller;
}
function clearTransformAlgorithms(c) {
  c.transform = () => Promise.resolve();
  c.flush = () => Promise.resolve();
  c.cancel = () => Promise.resolve();
}
function transformEnqueue(c, chunk) {
  const ts = c.stream;
  const rc = ts[S].readable[S].controller[S];
  if (!defaultControllerCanClose(rc)) throw invalidState('Unable to enqueue');
  try { defaultControllerEnqueue(rc, chunk); } catch (e) {
    transformErrorWritableAndUnblockWrite(ts, e);
    throw ts[S].readable[S].storedError;
  }
  const bp = !defaultControllerShouldPull(rc) && defaultControllerDesiredSize(rc) <= 0;
  if (bp !== ts[S].backpressure) transformSetBackpressure(ts, true);
}
function transformPerform(c, chunk) {
  return c.transform(chunk).then(undefined, (r) => { transformError(c.stream, r); throw r; });
}
function transformSinkWrite(ts, chunk) {
  const c = ts[S].controller[S];
  if (ts[S].backpressure) {
    return ts[S].backpressureChange.promise.then(() => {
      const w = ts[S].writable[S];
      if (w.state === 'erroring') throw w.storedError;
      return transformPerform(c, chunk);
    });
  }
  return transformPerform(c, chunk);
}
function transformSinkAbort(ts, reason) {
  const c = ts[S].controller[S];
  if (c.finish !== undefined) return c.finish.promise;
  const readable = ts[S].readable;
  c.finish = deferred();
  const p = c.cancel(reason);
  clearTransformAlgorithms(c);
  p.then(() => {
    if (readable[S].state === 'errored') settleErr(c.finish, readable[S].storedError);
    else { defaultControllerError(readable[S].controller[S], reason); settleOk(c.finish); }
  }, (r) => { defaultControllerError(readable[S].controller[S], r); settleErr(c.finish, r); });
  return c.finish.promise;
}
function transformSinkClose(ts) {
  const c = ts[S].controller[S];
  if (c.finish !== undefined) return c.finish.promise;
  const readable = ts[S].readable;
  c.finish = deferred();
  const p = c.flush();
  clearTransformAlgorithms(c);
  p.then(() => {
    if (readable[S].state === 'errored') settleErr(c.finish, readable[S].storedError);
    else { defaultControllerClose(readable[S].controller[S]); settleOk(c.finish); }
  }, (r) => { defaultControllerError(readable[S].controller[S], r); settleErr(c.finish, r); });
  return c.finish.promise;
}
function transformSourceCancel(ts, reason) {
  const c = ts[S].controller[S];
  if (c.finish !== undefined) return c.finish.promise;
  const writable = ts[S].writable;
  c.finish = deferred();
  const p = c.cancel(reason);
  clearTransformAlgorithms(c);
  p.then(() => {
    if (writable[S].state === 'errored') settleErr(c.finish, writable[S].storedError);
    else { writableControllerErrorIfNeeded(writable[S].controller[S], reason); transformUnblockWrite(ts); settleOk(c.finish); }
  }, (r) => { writableControllerErrorIfNeeded(writable[S].controller[S], r); transformUnblockWrite(ts); settleErr(c.finish, r); });
  return c.finish.promise;
}
function transformUnblockWrite(ts) { if (ts[S].backpressure) transformSetBackpressure(ts, false); }

// ---- encoding streams ---------------------------------------------------------------------------
class TextEncoderStream {
  constructor() {
    let pending = null;
    const encoder = new TextEncoder();
    const ts = new TransformStream({
      transform(chunk, c) {
        let s = `${chunk}`;
        if (pending !== null) { s = pending + s; pending = null; }
        const last = s.charCodeAt(s.length - 1);
        if (last >= 0xd800 && last <= 0xdbff) { pending = s.slice(-1); s = s.slice(0, -1); }
        if (s.length > 0) c.enqueue(encoder.encode(s));
      },
      flush(c) { if (pending !== null) c.enqueue(new Uint8Array([0xef, 0xbf, 0xbd])); },
    });
    this[S] = { ts };
  }
  get encoding() { check(this, TextEncoderStream, 'TextEncoderStream'); return 'utf-8'; }
  get readable() { return check(this, TextEncoderStream, 'TextEncoderStream').ts.readable; }
  get writable() { return check(this, TextEncoderStream, 'TextEncoderStream').ts.writable; }
  [kCustom](depth, options) {
    return `TextEncoderStream ${util.inspect({ encoding: 'utf-8', readable: this.readable, writable: this.writable }, options)}`;
  }
}
Object.defineProperty(TextEncoderStream.prototype, Symbol.toStringTag, { value: 'TextEncoderStream', configurable: true });

class TextDecoderStream {
  constructor(encoding = 'utf-8', options = {}) {
    const decoder = new TextDecoder(encoding, options);
    const ts = new TransformStream({
      transform(chunk, c) {
        const s = decoder.decode(chunk, { stream: true });
        if (s) c.enqueue(s);
      },
      flush(c) {
        const s = decoder.decode();
        if (s !== '') c.enqueue(s);
      },
    });
    this[S] = { ts, decoder };
  }
  get encoding() { return check(this, TextDecoderStream, 'TextDecoderStream').decoder.encoding; }
  get fatal() { return check(this, TextDecoderStream, 'TextDecoderStream').decoder.fatal; }
  get ignoreBOM() { return check(this, TextDecoderStream, 'TextDecoderStream').decoder.ignoreBOM; }
  get readable() { return check(this, TextDecoderStream, 'TextDecoderStream').ts.readable; }
  get writable() { return check(this, TextDecoderStream, 'TextDecoderStream').ts.writable; }
  [kCustom](depth, options) {
    return `TextDecoderStream ${util.inspect({ encoding: this.encoding, fatal: this.fatal, ignoreBOM: this.ignoreBOM, readable: this.readable, writable: this.writable }, options)}`;
  }
}
Object.defineProperty(TextDecoderStream.prototype, Symbol.toStringTag, { value: 'TextDecoderStream', configurable: true });

// ---- compression streams over node:zlib -----------------------------------------------------------
const kFormats = { deflate: ['createDeflate', 'createInflate'], 'deflate-raw': ['createDeflateRaw', 'createInflateRaw'], gzip: ['createGzip', 'createGunzip'] };
function zlibPair(self, format, which, name) {
  if (!Object.prototype.hasOwnProperty.call(kFormats, format)) {
    throw nodeError(TypeError, 'ERR_INVALID_ARG_VALUE', `The argument 'format' is invalid. Received ${util.inspect(format)}`);
  }
  const zlib = shared.requireBuiltin('zlib');
  const { Readable, Writable } = shared.requireBuiltin('stream');
  const handle = zlib[kFormats[format][which]]();
  self[S] = { readable: Readable.toWeb(handle), writable: Writable.toWeb(handle), name };
}
class CompressionStream {
  constructor(format) { zlibPair(this, format, 0, 'CompressionStream'); }
  get readable() { return check(this, CompressionStream, 'CompressionStream').readable; }
  get writable() { return check(this, CompressionStream, 'CompressionStream').writable; }
  [kCustom](depth, options) { return `CompressionStream ${util.inspect({ readable: this.readable, writable: this.writable }, options)}`; }
}
Object.defineProperty(CompressionStream.prototype, Symbol.toStringTag, { value: 'CompressionStream', configurable: true });
class DecompressionStream {
  constructor(format) { zlibPair(this, format, 1, 'DecompressionStream'); }
  get readable() { return check(this, DecompressionStream, 'DecompressionStream').readable; }
  get writable() { return check(this, DecompressionStream, 'DecompressionStream').writable; }
  [kCustom](depth, options) { return `DecompressionStream ${util.inspect({ readable: this.readable, writable: this.writable }, options)}`; }
}
Object.defineProperty(DecompressionStream.prototype, Symbol.toStringTag, { value: 'DecompressionStream', configurable: true });

for (const C of [ReadableStream, ReadableStreamDefaultReader, ReadableStreamBYOBReader, ReadableStreamDefaultController,
  ReadableByteStreamController, ReadableStreamBYOBRequest, WritableStream, WritableStreamDefaultWriter,
  WritableStreamDefaultController, TransformStream, TransformStreamDefaultController, ByteLengthQueuingStrategy,
  CountQueuingStrategy, TextEncoderStream, TextDecoderStream, CompressionStream, DecompressionStream]) {
  for (const k of Object.getOwnPropertyNames(C.prototype)) {
    if (k !== 'constructor') Object.defineProperty(C.prototype, k, { enumerable: true });
  }
}

// Internal hooks for node:stream's toWeb/fromWeb, Blob and fetch.
Object.defineProperty(ReadableStream, Symbol.for('jsloop.webStreams'), {
  value: { isDisturbed: (s) => s[S].disturbed, isErrored: (s) => s[S].state === 'errored', state: (s) => s[S].state },
});

return {
  ReadableStream, ReadableStreamDefaultReader, ReadableStreamBYOBReader, ReadableStreamBYOBRequest,
  ReadableByteStreamController, ReadableStreamDefaultController, TransformStream, TransformStreamDefaultController,
  WritableStream, WritableStreamDefaultWriter, WritableStreamDefaultController, ByteLengthQueuingStrategy,
  CountQueuingStrategy, TextEncoderStream, TextDecoderStream, CompressionStream, DecompressionStream,
};
