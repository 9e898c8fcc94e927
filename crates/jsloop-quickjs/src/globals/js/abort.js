// AbortController and AbortSignal.
'use strict';
const { define, invalidArgType, nodeError, DOMException, kCustomInspect, kTrusted } = shared;
const kCreate = Symbol('create');
const kAbort = Symbol('abort');

class AbortSignal extends EventTarget {
  #aborted = false;
  #reason = undefined;
  #onabort = null;
  #timer = null;
  #listeners = 0;
  constructor(key) {
    if (key !== kCreate) throw nodeError(TypeError, 'ERR_ILLEGAL_CONSTRUCTOR', 'Illegal constructor');
    super();
  }
  get aborted() { return this.#aborted; }
  get reason() { return this.#reason; }
  get onabort() { return this.#onabort; }
  set onabort(fn) {
    const first = this.#onabort === null;
    this.#onabort = typeof fn === 'function' || (fn !== null && typeof fn === 'object') ? fn : null;
    // An event handler attribute is one listener, registered when first set.
    if (first && this.#onabort !== null) {
      this.addEventListener('abort', (event) => {
        const f = this.#onabort;
        if (typeof f === 'function') return f.call(this, event);
      });
    }
  }
  // A timeout signal keeps the process alive while it has abort listeners (as Node).
  addEventListener(type, listener, options) {
    super.addEventListener(type, listener, options);
    if (this.#timer !== null && `${type}` === 'abort' && listener != null && !this.#aborted) {
      this.#listeners++;
      this.#timer.ref();
    }
  }
  removeEventListener(type, listener, options) {
    super.removeEventListener(type, listener, options);
    if (this.#timer !== null && `${type}` === 'abort' && listener != null && this.#listeners > 0 && --this.#listeners === 0) {
      this.#timer.unref();
    }
  }
  throwIfAborted() {
    if (this.#aborted) throw this.#reason;
  }
  [kAbort](reason) {
    if (this.#aborted) return;
    this.#aborted = true;
    this.#reason = reason === undefined ? new DOMException('This operation was aborted', 'AbortError') : reason;
    const event = new Event('abort');
    event[kTrusted] = true;
    this.dispatchEvent(event);
  }
  static abort(reason) {
    const signal = new AbortSignal(kCreate);
    signal[kAbort](reason);
    return signal;
  }
  static timeout(delay) {
    if (typeof delay !== 'number') throw invalidArgType('delay', 'number', delay);
    const signal = new AbortSignal(kCreate);
    const timer = setTimeout(() => {
      signal[kAbort](new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
    }, delay);
    timer.unref();
    signal.#timer = timer;
    return signal;
  }
  static any(signals) {
    const signal = new AbortSignal(kCreate);
    for (const s of signals) {
      if (!(s instanceof AbortSignal)) throw invalidArgType('signals[0]', 'AbortSignal', s);
      if (s.aborted) {
        signal[kAbort](s.reason);
        return signal;
      }
    }
    for (const s of signals) s.addEventListener('abort', () => signal[kAbort](s.reason), { once: true });
    return signal;
  }
  [kCustomInspect](depth, options, inspect) {
    if (depth < 0) return 'AbortSignal';
    return `AbortSignal ${inspect({ aborted: this.#aborted }, options)}`;
  }
}
Object.defineProperty(AbortSignal.prototype, Symbol.toStringTag, { value: 'AbortSignal', configurable: true });

class AbortController {
  #signal = new AbortSignal(kCreate);
  get signal() { return this.#signal; }
  abort(reason) { this.#signal[kAbort](reason); }
  [kCustomInspect](depth, options, inspect) {
    if (depth < 0) return 'AbortController';
    return `AbortController ${inspect({ signal: this.#signal }, options)}`;
  }
}
Object.defineProperty(AbortController.prototype, Symbol.toStringTag, { value: 'AbortController', configurable: true });

define('AbortSignal', AbortSignal);
define('AbortController', AbortController);
