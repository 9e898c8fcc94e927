(() => {
  'use strict';
  const getProto = Object.getPrototypeOf;
  const objectProto = Object.prototype;
  const hasOwn = Object.prototype.hasOwnProperty;
  const keysOf = Object.keys;
  const defineProperty = Object.defineProperty;
  const uncurry = (f) => (self, ...args) => Reflect.apply(f, self, args);
  const getter = (proto, key) => uncurry(Object.getOwnPropertyDescriptor(proto, key).get);
  const typedProto = getProto(Uint8Array.prototype);
  const typedTag = getter(typedProto, Symbol.toStringTag);
  const typedBuffer = getter(typedProto, 'buffer');
  const typedOffset = getter(typedProto, 'byteOffset');
  const typedLength = getter(typedProto, 'byteLength');
  const mapSize = getter(Map.prototype, 'size');
  const setSize = getter(Set.prototype, 'size');
  const bufferLength = getter(ArrayBuffer.prototype, 'byteLength');
  const mapEntries = uncurry(Map.prototype.entries);
  const setValues = uncurry(Set.prototype.values);
  const dateTime = uncurry(Date.prototype.getTime);
  const bigString = uncurry(BigInt.prototype.toString);
  const then = uncurry(Promise.prototype.then);
  const { BigInt: Big, Map: M, Set: S, Date: D, Uint8Array: U8, String: Str } = globalThis;
  const typed = {
    Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array,
    Uint32Array, Float32Array, Float64Array, BigInt64Array, BigUint64Array,
  };
  const errors = {
    Error, TypeError, RangeError, SyntaxError, ReferenceError, EvalError, URIError,
  };
  // Own properties kept in their own fields (Node's errors make some enumerable).
  const errorFields = { __proto__: null, name: 1, message: 1, stack: 1, cause: 1 };
  const brand = (check, v) => { try { check(v); return true; } catch { return false; } };
  const text = (read, fallback) => { try { return Str(read()); } catch { return fallback; } };
  return {
    // The kind of an object that is not an array, function, error or promise.
    kind(v) {
      const p = getProto(v);
      if (p === objectProto || p === null) return 'object';
      if (typedTag(v) !== undefined) return 'typed';
      if (brand(mapSize, v)) return 'map';
      if (brand(setSize, v)) return 'set';
      if (brand(dateTime, v)) return 'date';
      if (brand(bufferLength, v)) return 'buffer';
      return 'instance';
    },
    mapFlat(m) {
      const out = [];
      for (const [k, v] of mapEntries(m)) out.push(k, v);
      return out;
    },
    setItems(s) { return [...setValues(s)]; },
    time: dateTime,
    typedName: typedTag,
    typedBytes(v) { return new U8(typedBuffer(v), typedOffset(v), typedLength(v)); },
    bufferBytes(v) { return new U8(v); },
    bigint: (b) => bigString(b),
    // [name, message, stack, hasCause, cause, key1, value1, ...]
    errorParts(e) {
      const stack = (() => { try { return e.stack; } catch { return undefined; } })();
      const out = [
        text(() => e.name, 'Error'),
        text(() => e.message, ''),
        typeof stack === 'string' ? stack : undefined,
        hasOwn.call(e, 'cause'),
      ];
      out.push(out[3] ? e.cause : undefined);
      for (const k of keysOf(e)) if (!hasOwn.call(errorFields, k)) out.push(k, e[k]);
      return out;
    },
    makeMap(flat) {
      const m = new M();
      for (let i = 0; i < flat.length; i += 2) m.set(flat[i], flat[i + 1]);
      return m;
    },
    makeSet: (items) => new S(items),
    makeDate: (ms) => new D(ms),
    makeBigInt: (s) => Big(s),
    makeTyped: (name, buffer) => new typed[name](buffer),
    makeError(name, message, stack, hasCause, cause, props) {
      const C = hasOwn.call(errors, name) ? errors[name] : Error;
      const e = hasCause ? new C(message, { cause }) : new C(message);
      if (C.name !== name) {
        defineProperty(e, 'name', { value: name, writable: true, configurable: true });
      }
      if (stack !== undefined) {
        defineProperty(e, 'stack', { value: stack, writable: true, configurable: true });
      }
      for (let i = 0; i < props.length; i += 2) e[props[i]] = props[i + 1];
      return e;
    },
    then,
    importModule: (specifier) => import(specifier),
  };
})()
