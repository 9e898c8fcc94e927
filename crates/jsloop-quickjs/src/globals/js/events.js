// Event and EventTarget, with Node's dispatch order (a linked list walked
// with the next listener cached before each call).
'use strict';
const { define, invalidArgType, missingArgs, nodeError, reportLater } = shared;
const kCustomInspect = Symbol.for('nodejs.util.inspect.custom');
const kStop = Symbol('stop');
const kTarget = Symbol('target');
const kTrusted = Symbol('trusted');
// A listener option of Node's own listeners: called even after
// stopImmediatePropagation().
const kResistStopPropagation = Symbol('kResistStopPropagation');
const kMaxEventTargetListeners = Symbol('events.maxEventTargetListeners');
const kMaxEventTargetListenersWarned = Symbol('events.maxEventTargetListenersWarned');
// `EventEmitter.defaultMaxListeners`, which EventTargets read too.
const eventDefaults = { maxListeners: 10 };

class Event {
  #type; #cancelable; #bubbles; #composed; #defaultPrevented = false; #timeStamp;
  constructor(type, options) {
    if (arguments.length === 0) throw missingArgs('type');
    if (options != null && typeof options !== 'object') throw invalidArgType('options', 'object', options);
    this.#type = `${type}`;
    this.#cancelable = !!options?.cancelable;
    this.#bubbles = !!options?.bubbles;
    this.#composed = !!options?.composed;
    this.#timeStamp = host.now();
    this[kTarget] = null;
    this[kStop] = false;
    this[kTrusted] = false;
  }
  get type() { return this.#type; }
  get cancelable() { return this.#cancelable; }
  get bubbles() { return this.#bubbles; }
  get composed() { return this.#composed; }
  get defaultPrevented() { return this.#cancelable && this.#defaultPrevented; }
  get returnValue() { return !this.defaultPrevented; }
  get timeStamp() { return this.#timeStamp; }
  get target() { return this[kTarget]; }
  get currentTarget() { return this[kTarget]; }
  get srcElement() { return this[kTarget]; }
  get isTrusted() { return this[kTrusted]; }
  get eventPhase() { return this[kTarget] === null ? 0 : 2; }
  get cancelBubble() { return this[kStop]; }
  set cancelBubble(v) { if (v) this[kStop] = true; }
  composedPath() { return this[kTarget] === null ? [] : [this[kTarget]]; }
  preventDefault() { this.#defaultPrevented = true; }
  stopPropagation() { this[kStop] = true; }
  stopImmediatePropagation() { this[kStop] = true; }
  [kCustomInspect](depth, options, inspect) {
    const name = this.constructor.name;
    if (depth < 0) return name;
    return `${name} ${inspect({
      type: this.#type, defaultPrevented: this.defaultPrevented, cancelable: this.#cancelable, timeStamp: this.#timeStamp,
    }, options)}`;
  }
}
for (const [k, v] of [['NONE', 0], ['CAPTURING_PHASE', 1], ['AT_TARGET', 2], ['BUBBLING_PHASE', 3]]) {
  Object.defineProperty(Event, k, { value: v, enumerable: true });
}
Object.defineProperty(Event.prototype, Symbol.toStringTag, { value: 'Event', configurable: true });

class EventTarget {
  #lists = new Map();
  constructor() {
    this[kMaxEventTargetListeners] = eventDefaults.maxListeners;
    this[kMaxEventTargetListenersWarned] = false;
  }
  addEventListener(type, listener, options = {}) {
    if (arguments.length < 2) throw missingArgs(arguments.length === 0 ? 'type' : 'listener');
    if (listener == null) return;
    if (typeof listener !== 'function' && typeof listener !== 'object') {
      throw invalidArgType('listener', 'EventListener', listener);
    }
    const opts = typeof options === 'boolean' ? { capture: options } : (options ?? {});
    const once = !!opts.once;
    const capture = !!opts.capture;
    const signal = opts.signal;
    if (signal !== undefined && signal?.aborted) return;
    type = `${type}`;
    let root = this.#lists.get(type);
    if (root === undefined) {
      root = { next: undefined };
      this.#lists.set(type, root);
    }
    let last = root;
    let size = 1;
    for (let h = root.next; h !== undefined; h = h.next) {
      if (h.listener === listener && h.capture === capture) return;
      last = h;
      size++;
    }
    const resist = !!opts[kResistStopPropagation];
    const entry = { listener, once, capture, resist, removed: false, previous: last, next: undefined };
    last.next = entry;
    const max = this[kMaxEventTargetListeners];
    if (max > 0 && size > max && !this[kMaxEventTargetListenersWarned]) {
      this[kMaxEventTargetListenersWarned] = true;
      const w = new Error(`Possible EventTarget memory leak detected. ${size} ${type} listeners added to ` +
        `${util.inspect(this, -1)}. MaxListeners is ${max}. Use events.setMaxListeners() to increase limit`);
      w.name = 'MaxListenersExceededWarning';
      w.target = this;
      w.type = type;
      w.count = size;
      shared.process.emitWarning(w);
    }
    if (signal !== undefined) {
      signal.addEventListener('abort', () => this.removeEventListener(type, listener, { capture }), { once: true });
    }
  }
  removeEventListener(type, listener, options = {}) {
    const capture = typeof options === 'boolean' ? options : !!options?.capture;
    const root = this.#lists.get(`${type}`);
    if (root === undefined) return;
    for (let h = root.next; h !== undefined; h = h.next) {
      if (h.listener === listener && h.capture === capture) {
        h.removed = true;
        h.previous.next = h.next;
        if (h.next !== undefined) h.next.previous = h.previous;
        return;
      }
    }
  }
  dispatchEvent(event) {
    if (!(event instanceof Event)) throw invalidArgType('event', 'Event', event);
    if (event[kTarget] !== null) {
      throw nodeError(Error, 'ERR_EVENT_RECURSION', `The event "${event.type}" is already being dispatched`);
    }
    event[kTarget] = this;
    const root = this.#lists.get(event.type);
    let handler = root?.next;
    while (handler !== undefined) {
      const next = handler.next;
      if (handler.removed || (event[kStop] && !handler.resist)) { handler = next; continue; }
      if (handler.once) this.removeEventListener(event.type, handler.listener, { capture: handler.capture });
      try {
        const { listener } = handler;
        const result = typeof listener === 'function'
          ? listener.call(this, event)
          : (typeof listener.handleEvent === 'function' ? listener.handleEvent(event) : undefined);
        if (result != null && typeof result.then === 'function') result.then(undefined, reportLater);
      } catch (err) {
        reportLater(err);
      }
      handler = next;
    }
    event[kTarget] = null;
    return !event.defaultPrevented;
  }
  static listeners(target, type) {
    const out = [];
    for (let h = target.#lists.get(`${type}`)?.next; h !== undefined; h = h.next) out.push(h.listener);
    return out;
  }
  [kCustomInspect](depth, options, inspect) {
    const name = this.constructor.name;
    if (depth < 0) return name;
    return `${name} ${inspect({}, options)}`;
  }
}
const eventTargetHooks = { listeners: EventTarget.listeners };
delete EventTarget.listeners;
Object.defineProperty(EventTarget.prototype, Symbol.toStringTag, { value: 'EventTarget', configurable: true });

class CustomEvent extends Event {
  #detail;
  constructor(type, options = undefined) {
    if (arguments.length === 0) throw missingArgs('type');
    super(type, options);
    this.#detail = options?.detail ?? null;
  }
  get detail() { return this.#detail; }
}
Object.defineProperty(CustomEvent.prototype, Symbol.toStringTag, { value: 'CustomEvent', configurable: true });

define('Event', Event);
define('EventTarget', EventTarget);
define('CustomEvent', CustomEvent);

Object.assign(shared, {
  kCustomInspect, kTrusted, kResistStopPropagation, kMaxEventTargetListeners, kMaxEventTargetListenersWarned, eventDefaults, eventTargetHooks,
});
