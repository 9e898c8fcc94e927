// Interim web globals, until globals/web.rs lands. Function body with
// (host, util, shared).
'use strict';
const { invalidArgType } = shared;
const process = shared.process;
const define = (name, value) => Object.defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable: false });
const performance = {
  now: () => host.now(),
  timeOrigin: host.timeOrigin,
  toJSON() { return { timeOrigin: this.timeOrigin }; },
};

const b64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
function domException(message, name) {
  const e = new Error(message);
  e.name = name;
  return e;
}
function btoa(input) {
  if (arguments.length === 0) throw invalidArgType('input', 'string', undefined);
  const s = String(input);
  let out = '';
  for (let i = 0; i < s.length; i += 3) {
    const c = [s.charCodeAt(i), s.charCodeAt(i + 1), s.charCodeAt(i + 2)];
    for (const x of c) if (x > 255) throw domException('Invalid character', 'InvalidCharacterError');
    const n = (c[0] << 16) | ((c[1] || 0) << 8) | (c[2] || 0);
    out += b64[(n >> 18) & 63] + b64[(n >> 12) & 63];
    out += i + 1 < s.length ? b64[(n >> 6) & 63] : '=';
    out += i + 2 < s.length ? b64[n & 63] : '=';
  }
  return out;
}
function atob(input) {
  if (arguments.length === 0) throw invalidArgType('input', 'string', undefined);
  let s = String(input).replace(/[\t\n\f\r ]/g, '');
  if (s.length % 4 === 0) s = s.replace(/==?$/, '');
  if (s.length % 4 === 1 || /[^A-Za-z0-9+/]/.test(s)) {
    throw domException('The string to be decoded is not correctly encoded.', 'InvalidCharacterError');
  }
  let out = '';
  let bits = 0; let acc = 0;
  for (const ch of s) {
    acc = (acc << 6) | b64.indexOf(ch);
    bits += 6;
    if (bits >= 8) { bits -= 8; out += String.fromCharCode((acc >> bits) & 255); }
  }
  return out;
}

class Event {
  constructor(type, init = {}) { this.type = String(type); this.defaultPrevented = false; this.cancelable = !!init.cancelable; this.target = null; this.currentTarget = null; this.timeStamp = host.now(); }
  preventDefault() { if (this.cancelable) this.defaultPrevented = true; }
  stopImmediatePropagation() { this._stop = true; }
}
class EventTarget {
  #listeners = new Map();
  addEventListener(type, listener, options) {
    if (listener == null) return;
    const once = typeof options === 'object' && options !== null && !!options.once;
    const list = this.#listeners.get(type) || [];
    if (list.some((l) => l.listener === listener)) return;
    list.push({ listener, once });
    this.#listeners.set(type, list);
  }
  removeEventListener(type, listener) {
    const list = this.#listeners.get(type);
    if (!list) return;
    const i = list.findIndex((l) => l.listener === listener);
    if (i >= 0) list.splice(i, 1);
  }
  dispatchEvent(event) {
    if (!(event instanceof Event)) throw invalidArgType('event', 'Event', event);
    event.target = this; event.currentTarget = this;
    for (const l of [...(this.#listeners.get(event.type) || [])]) {
      if (l.once) this.removeEventListener(event.type, l.listener);
      try {
        if (typeof l.listener === 'function') l.listener.call(this, event); else l.listener.handleEvent(event);
      } catch (e) { process.nextTick(() => { throw e; }); }
      if (event._stop) break;
    }
    return !event.defaultPrevented;
  }
}
class AbortSignal extends EventTarget {
  #onabort = null;
  #attached = false;
  constructor() { super(); this.aborted = false; this.reason = undefined; }
  get onabort() { return this.#onabort; }
  set onabort(fn) {
    // An event handler attribute is a listener registered when first set.
    this.#onabort = typeof fn === 'function' ? fn : null;
    if (!this.#attached) {
      this.#attached = true;
      this.addEventListener('abort', (ev) => { if (this.#onabort) this.#onabort.call(this, ev); });
    }
  }
  throwIfAborted() { if (this.aborted) throw this.reason; }
  static abort(reason) { const c = new AbortController(); c.abort(reason); return c.signal; }
}
class AbortController {
  constructor() { this.signal = new AbortSignal(); }
  abort(reason) {
    const s = this.signal;
    if (s.aborted) return;
    s.aborted = true;
    s.reason = reason === undefined ? domException('This operation was aborted', 'AbortError') : reason;
    s.dispatchEvent(new Event('abort'));
  }
}

function structuredClone(value) {
  const seen = new Map();
  const clone = (v) => {
    if (typeof v === 'function' || typeof v === 'symbol') {
      throw domException(`${typeof v === 'function' ? v.toString() : String(v)} could not be cloned.`, 'DataCloneError');
    }
    if (v === null || typeof v !== 'object') return v;
    if (seen.has(v)) return seen.get(v);
    let out;
    if (Array.isArray(v)) { out = []; seen.set(v, out); v.forEach((x, i) => { out[i] = clone(x); }); return out; }
    if (v instanceof Date) return new Date(v.getTime());
    if (v instanceof RegExp) return new RegExp(v.source, v.flags);
    if (v instanceof Map) { out = new Map(); seen.set(v, out); for (const [k, x] of v) out.set(clone(k), clone(x)); return out; }
    if (v instanceof Set) { out = new Set(); seen.set(v, out); for (const x of v) out.add(clone(x)); return out; }
    if (ArrayBuffer.isView(v)) return new v.constructor(v);
    if (v instanceof Error) { out = new v.constructor(v.message); seen.set(v, out); return out; }
    out = {};
    seen.set(v, out);
    for (const k of Object.keys(v)) out[k] = clone(v[k]);
    return out;
  };
  return clone(value);
}

const crypto = {
  getRandomValues(array) {
    if (!ArrayBuffer.isView(array) || array instanceof Float32Array || array instanceof Float64Array || array instanceof DataView) {
      throw domException('The data argument must be an integer-type TypedArray', 'TypeMismatchError');
    }
    if (array.byteLength > 65536) {
      throw domException(`The ArrayBufferView's byte length (${array.byteLength}) exceeds the number of bytes of entropy available via this API (65536)`, 'QuotaExceededError');
    }
    const bytes = host.randomBytes(array.byteLength);
    new Uint8Array(array.buffer, array.byteOffset, array.byteLength).set(bytes);
    return array;
  },
  randomUUID() {
    const b = host.randomBytes(16);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = b.map((x) => x.toString(16).padStart(2, '0')).join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  },
};


define('performance', performance);
define('atob', atob);
define('btoa', btoa);
define('Event', Event);
define('EventTarget', EventTarget);
define('AbortController', AbortController);
define('AbortSignal', AbortSignal);
define('structuredClone', structuredClone);
define('crypto', crypto);
