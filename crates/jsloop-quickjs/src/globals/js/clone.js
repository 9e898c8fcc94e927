// structuredClone: plain objects, arrays, Map, Set, Date, RegExp, boxed
// primitives, errors, ArrayBuffer and views, with cycles and shared references.
'use strict';
const { define, nodeError, DOMException } = shared;
function uncloneable(v) {
  const shown = typeof v === 'function' ? Function.prototype.toString.call(v) : String(v);
  return new DOMException(`${shown} could not be cloned.`, 'DataCloneError');
}

function structuredClone(value, options) {
  if (arguments.length === 0) throw nodeError(TypeError, 'ERR_MISSING_ARGS', 'The value argument must be specified');
  void options;
  const seen = new Map();
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
    if (v instanceof Promise || v instanceof WeakMap || v instanceof WeakSet || v instanceof WeakRef) {
      throw new DOMException(`#<${v.constructor.name}> could not be cloned.`, 'DataCloneError');
    }
    out = remember({});
    for (const k of Object.keys(v)) out[k] = clone(v[k]);
    return out;
  };
  return clone(value);
}

define('structuredClone', structuredClone);
