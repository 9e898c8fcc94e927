// structuredClone: plain objects, arrays, Map, Set, Date, RegExp, boxed
// primitives, errors, ArrayBuffer and views, with cycles and shared references.
'use strict';
const { define, nodeError, DOMException } = shared;
function uncloneable(v) {
  const shown = typeof v === 'function' ? Function.prototype.toString.call(v) : String(v);
  return new DOMException(`${shown} could not be cloned.`, 'DataCloneError');
}

const missingTransferable = () => nodeError(TypeError, 'ERR_MISSING_TRANSFERABLE_IN_TRANSFER_LIST',
  'Object that needs transfer was found in message but not listed in transferList');
const cloneError = (message) => new DOMException(message, 'DataCloneError');
const iterableError = (what) => nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', `Optional ${what} argument must be an iterable`);
const isIterable = (v) => v !== null && typeof v === 'object' && typeof v[Symbol.iterator] === 'function';

// util.transferableAbortSignal's mark.
const kTransferableSignal = Symbol.for('jsloop.transferableAbortSignal');
const isTransferableSignal = (v) => v instanceof AbortSignal && v[kTransferableSignal] === true;

// The copy of a transferable `signal`: aborted now if it is, else when it
// aborts, through a port that keeps nothing alive (a later poll phase, as node).
function followSignal(signal) {
  const controller = new AbortController();
  if (signal.aborted) {
    controller.abort(cloneWith(signal.reason, new Map()));
    return controller.signal;
  }
  const { port1, port2 } = new MessageChannel();
  port2.onmessage = ({ data }) => {
    port2.close();
    controller.abort(data);
  };
  port2.unref();
  signal.addEventListener('abort', () => port1.postMessage(signal.reason), { once: true });
  return controller.signal;
}

// The transfer list `list` checked (`what` names it in errors) as an array.
function transferList(list, what, required = false) {
  if (list === undefined && !required) return [];
  if (!isIterable(list)) throw iterableError(what);
  let out;
  try {
    out = [...list];
  } catch {
    throw iterableError(what);
  }
  for (let i = 0; i < out.length; i++) {
    const t = out[i];
    if (t instanceof ArrayBuffer) {
      if (out.indexOf(t) !== i) throw cloneError('Transfer list contains duplicate ArrayBuffer');
    } else if (!shared.isMessagePort?.(t) && !isTransferableSignal(t)) {
      throw nodeError(TypeError, 'ERR_INVALID_TRANSFER_OBJECT', 'Found invalid object in transferList');
    } else if (out.indexOf(t) !== i) {
      throw cloneError('Transfer list contains duplicate MessagePort');
    }
  }
  return out;
}

// A structured clone of `value`; the ArrayBuffers of `transfer` are moved
// (detached here), its MessagePorts replaced by `movePort(port)`'s.
function cloneValue(value, transfer, movePort) {
  const seen = new Map();
  const untransferable = shared.untransferable;
  for (const t of transfer) {
    if (isTransferableSignal(t)) {
      seen.set(t, followSignal(t));
    } else if (!(t instanceof ArrayBuffer)) {
      if (untransferable?.has(t)) throw missingTransferable();
      seen.set(t, movePort(t));
    }
  }
  const out = cloneWith(value, seen);
  // Transferred buffers were copied like the others; now they are detached.
  for (const t of transfer) {
    if (t instanceof ArrayBuffer && !t.detached && !untransferable?.has(t)) t.transfer();
  }
  return out;
}

function cloneWith(value, seen) {
  const clone = (v) => {
    if (typeof v === 'function' || typeof v === 'symbol') throw uncloneable(v);
    if (v === null || typeof v !== 'object') return v;
    if (seen.has(v)) return seen.get(v);
    let out;
    const remember = (o) => { seen.set(v, o); return o; };
    if (Array.isArray(v)) {
      out = remember(new Array(v.length));
      for (const k of Object.keys(v)) out[k] = clone(v[k]);
      return out;
    }
    if (v instanceof Date) return remember(new Date(v.getTime()));
    if (v instanceof RegExp) return remember(new RegExp(v.source, v.flags));
    if (v instanceof Boolean || v instanceof Number || v instanceof String || v instanceof BigInt) {
      return remember(Object(v.valueOf()));
    }
    if (v instanceof Map) {
      out = remember(new Map());
      for (const [k, x] of v) out.set(clone(k), clone(x));
      return out;
    }
    if (v instanceof Set) {
      out = remember(new Set());
      for (const x of v) out.add(clone(x));
      return out;
    }
    if (v instanceof ArrayBuffer) return remember(v.slice(0));
    // One thread: the clone shares the memory, as node's does across threads.
    if (typeof SharedArrayBuffer === 'function' && v instanceof SharedArrayBuffer) return remember(v);
    if (ArrayBuffer.isView(v)) {
      const buffer = clone(v.buffer);
      if (v instanceof DataView) return remember(new DataView(buffer, v.byteOffset, v.byteLength));
      return remember(new v.constructor(buffer, v.byteOffset, v.length));
    }
    if (v instanceof Error) {
      const names = { EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError };
      const Ctor = names[v.name] ?? Error;
      out = remember(Object.create(Ctor.prototype));
      const message = Object.getOwnPropertyDescriptor(v, 'message');
      if (message) Object.defineProperty(out, 'message', { value: String(v.message), writable: true, configurable: true });
      if (typeof v.stack === 'string') Object.defineProperty(out, 'stack', { value: v.stack, writable: true, configurable: true });
      if ('cause' in v) Object.defineProperty(out, 'cause', { value: clone(v.cause), writable: true, configurable: true });
      return out;
    }
    if (shared.isBlob?.(v)) return remember(shared.cloneBlob(v));
    if (shared.isMessagePort?.(v) || isTransferableSignal(v)) throw missingTransferable();
    if (v instanceof Promise || v instanceof WeakMap || v instanceof WeakSet || v instanceof WeakRef) {
      throw new DOMException(`#<${v.constructor.name}> could not be cloned.`, 'DataCloneError');
    }
    out = remember({});
    for (const k of Object.keys(v)) out[k] = clone(v[k]);
    return out;
  };
  return clone(value);
}

function structuredClone(value, options) {
  if (arguments.length === 0) throw nodeError(TypeError, 'ERR_MISSING_ARGS', 'The value argument must be specified');
  if (options !== undefined && options !== null && typeof options !== 'object') {
    throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The options argument must be either an object or undefined');
  }
  const transfer = transferList(options?.transfer ?? undefined, 'transferList');
  return cloneValue(value, transfer, (port) => shared.movePort(port));
}
Object.assign(shared, { cloneValue, transferList, cloneError });

define('structuredClone', structuredClone);
