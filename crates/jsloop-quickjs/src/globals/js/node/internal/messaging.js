// MessageChannel, MessagePort, MessageEvent and BroadcastChannel within one
// runtime, delivered as node delivers them: each message by a poll-phase
// task (node's uv_async wake-up), then the tick and microtask queues;
// 'close' in the close phase. A port keeps the loop alive while it is
// referenced and receiving: a 'message' listener or onmessage refs and
// starts it, removing the last one unrefs it.
'use strict';
const { nodeError, invalidArgType, missingArgs, DOMException } = shared;
const native = host.messaging;
const kCustomInspect = Symbol.for('nodejs.util.inspect.custom');
const kState = Symbol('state');
const kNodeListeners = Symbol('nodeListeners');
const kHandlers = Symbol('handlers');
const kEmitted = Symbol('emitted');

class MessageEvent extends Event {
  #data; #origin; #lastEventId; #source; #ports;
  constructor(type, options = undefined) {
    super(type, options);
    this.#data = options?.data ?? null;
    this.#origin = `${options?.origin ?? ''}`;
    this.#lastEventId = `${options?.lastEventId ?? ''}`;
    const source = options?.source ?? null;
    if (source !== null && !shared.isMessagePort(source)) throw invalidArgType('init.source', 'MessagePort', source);
    this.#source = source;
    const given = options?.ports ?? [];
    if (typeof given?.[Symbol.iterator] !== 'function') throw new TypeError('ports is not iterable');
    const ports = [...given];
    ports.forEach((p, i) => {
      if (!shared.isMessagePort(p)) throw invalidArgType(`init.ports[${i}]`, 'MessagePort', p);
    });
    this.#ports = ports;
  }
  get data() { return this.#data; }
  get origin() { return this.#origin; }
  get lastEventId() { return this.#lastEventId; }
  get source() { return this.#source; }
  get ports() { return this.#ports; }
}
for (const k of ['data', 'origin', 'lastEventId', 'source', 'ports']) {
  Object.defineProperty(MessageEvent.prototype, k, { enumerable: true });
}
Object.defineProperty(MessageEvent.prototype, Symbol.toStringTag, { value: 'MessageEvent', configurable: true });

// ---- the node-style half of a port (node's NodeEventTarget) --------------------
// Listeners added with on/once get a message's data (other events: the
// Event itself); they are kept per type to be removed and counted.
function nodeListeners(target, type) {
  let map = target[kNodeListeners];
  if (map === undefined) {
    map = new Map();
    Object.defineProperty(target, kNodeListeners, { value: map });
  }
  let list = map.get(type);
  if (list === undefined) {
    list = [];
    map.set(type, list);
  }
  return list;
}

function addNodeListener(target, type, listener, once) {
  shared.validateFunction(listener, 'listener');
  type = typeof type === 'symbol' ? type : `${type}`;
  const entry = { listener, wrapper: null };
  entry.wrapper = function (event) {
    if (once) removeNodeListener(target, type, listener);
    const arg = event?.[kEmitted] ? event.detail
      : event instanceof MessageEvent && (type === 'message' || type === 'messageerror') ? event.data : event;
    return listener.call(target, arg);
  };
  nodeListeners(target, type).push(entry);
  target.addEventListener(type, entry.wrapper, { once });
  return target;
}

function removeNodeListener(target, type, listener) {
  type = typeof type === 'symbol' ? type : `${type}`;
  const list = nodeListeners(target, type);
  const i = list.findIndex((e) => e.listener === listener);
  if (i >= 0) {
    const [entry] = list.splice(i, 1);
    target.removeEventListener(type, entry.wrapper);
  }
  return target;
}

let keepRef = false; // removeAllListeners running
const nodeStyle = {
  on(type, listener) { return addNodeListener(this, type, listener, false); },
  addListener(type, listener) { return addNodeListener(this, type, listener, false); },
  once(type, listener) { return addNodeListener(this, type, listener, true); },
  off(type, listener) { return removeNodeListener(this, type, listener); },
  removeListener(type, listener) { return removeNodeListener(this, type, listener); },
  removeAllListeners(type) {
    const map = this[kNodeListeners];
    if (map === undefined) return this;
    // As node's: the port stays referenced (no removal hook runs).
    keepRef = true;
    try {
      for (const t of type === undefined ? [...map.keys()] : [type]) {
        for (const e of [...(map.get(t) ?? [])]) removeNodeListener(this, t, e.listener);
      }
    } finally {
      keepRef = false;
    }
    return this;
  },
  // As node's: a CustomEvent whose detail node-style listeners get.
  emit(type, arg) {
    const had = shared.eventTargetHooks.listeners(this, type).length > 0;
    const event = new CustomEvent(type, { detail: arg });
    event[kEmitted] = true;
    this.dispatchEvent(event);
    return had;
  },
  listenerCount(type) { return this[kNodeListeners]?.get(type)?.length ?? 0; },
  eventNames() { return [...(this[kNodeListeners] ?? new Map())].filter(([, l]) => l.length > 0).map(([t]) => t); },
  setMaxListeners(n) { this[shared.kMaxEventTargetListeners] = n; return this; },
  getMaxListeners() { return this[shared.kMaxEventTargetListeners]; },
};

// `onmessage`-style attributes: one listener per type, kept in kHandlers.
function defineHandler(proto, type, onSet) {
  Object.defineProperty(proto, `on${type}`, {
    enumerable: true,
    configurable: true,
    get() { return this[kHandlers]?.get(type)?.handler ?? null; },
    set(handler) {
      let handlers = this[kHandlers];
      if (handlers === undefined) {
        handlers = new Map();
        Object.defineProperty(this, kHandlers, { value: handlers });
      }
      const old = handlers.get(type);
      if (old !== undefined) {
        this.removeEventListener(type, old.wrapper);
        handlers.delete(type);
      }
      if (typeof handler === 'function' || (handler !== null && typeof handler === 'object')) {
        const entry = { handler, wrapper: (e) => (typeof entry.handler === 'function' ? entry.handler.call(this, e) : undefined) };
        handlers.set(type, entry);
        this.addEventListener(type, entry.wrapper);
      }
      onSet?.(this);
    },
  });
}

// ---- MessagePort ------------------------------------------------------------------
// state: peer (the entangled port's state, null once closed), queue (of
// [data, ports] or kClose), started, closed, refed, listeners (count of
// 'message' listeners), port (the object).
const kClose = Symbol('close');
let held = 0; // ports referenced and receiving
function setKeepAlive(state) {
  const want = state.refed && !state.closed;
  if (want === state.keeping) return;
  state.keeping = want;
  held += want ? 1 : -1;
  if (held === (want ? 1 : 0)) native.hold(want);
}

function newState() {
  return { peer: null, queue: [], started: false, closed: false, refed: false, keeping: false, listeners: 0, port: null };
}

// Ports are made by PortImpl; MessagePort itself cannot be called (node's).
function MessagePort() {
  throw nodeError(TypeError, 'ERR_CONSTRUCT_CALL_INVALID', 'Constructor cannot be called');
}
class PortImpl extends EventTarget {

  postMessage(message, transfer = undefined) {
    if (arguments.length === 0) throw nodeError(TypeError, 'ERR_MISSING_ARGS', 'Not enough arguments to MessagePort.postMessage');
    const state = stateOf(this);
    let list;
    if (transfer !== undefined && transfer !== null && typeof transfer === 'object' && typeof transfer[Symbol.iterator] !== 'function') {
      list = transfer.transfer === undefined ? [] : shared.transferList(transfer.transfer, 'options.transfer', true);
    } else if (transfer === undefined || transfer === null) {
      list = [];
    } else {
      list = shared.transferList(transfer, 'transferList');
    }
    if (list.includes(this)) throw shared.cloneError('Transfer list contains source port');
    const target = state.peer?.port;
    if (target !== undefined && list.includes(target)) {
      // Node's: the message is dropped and the channel lost.
      shared.cloneValue(message, list, (port) => (port === target ? null : movePort(port)));
      shared.process.emitWarning('The target port was posted to itself, and the communication channel was lost');
      closePort(state);
      return;
    }
    const moved = [];
    const data = shared.cloneValue(message, list, (port) => {
      const m = movePort(port);
      moved.push(m);
      return m;
    });
    const peer = state.peer;
    if (state.closed || peer === null) return;
    enqueue(peer, [data, moved]);
  }

  start() {
    const state = stateOf(this);
    if (state.started || state.closed) return;
    state.started = true;
    setKeepAlive(state);
    for (let i = 0; i < state.queue.length; i++) native.post(() => deliver(state));
  }

  close(callback) {
    const state = stateOf(this);
    if (typeof callback === 'function') this.once('close', callback);
    if (state.closed) return;
    closePort(state);
  }

  ref() {
    const state = stateOf(this);
    state.refed = true;
    setKeepAlive(state);
  }

  unref() {
    const state = stateOf(this);
    state.refed = false;
    setKeepAlive(state);
  }

  hasRef() {
    const state = stateOf(this);
    return state.refed && !state.closed;
  }

  [kCustomInspect](depth, options, inspect) {
    if (depth < 0) return 'MessagePort';
    const state = this[kState];
    return `MessagePort [EventTarget] ${inspect({ active: !state.closed, refed: state.refed }, options)}`;
  }
}
MessagePort.prototype = PortImpl.prototype;
Object.defineProperty(MessagePort, 'prototype', { writable: false });
Object.defineProperty(PortImpl.prototype, 'constructor', { value: MessagePort, writable: true, configurable: true });
Object.defineProperty(MessagePort.prototype, Symbol.toStringTag, { value: 'MessagePort', configurable: true });

// node's prototype chain: MessagePort -> NodeEventTarget -> EventTarget.
const NodeEventTargetProto = Object.create(EventTarget.prototype);
for (const [k, f] of Object.entries(nodeStyle)) {
  Object.defineProperty(NodeEventTargetProto, k, { value: f, writable: true, configurable: true, enumerable: false });
}
Object.setPrototypeOf(MessagePort.prototype, NodeEventTargetProto);

function stateOf(port) {
  const state = port?.[kState];
  if (state === undefined) throw nodeError(TypeError, 'ERR_INVALID_THIS', 'Value of "this" must be of type MessagePort');
  return state;
}

// A 'message' listener added or removed: the first refs and starts the
// port, removing the last unrefs it (as node's ports do).
function listenersChanged(state, delta) {
  const before = state.listeners;
  state.listeners += delta;
  if (before === 0 && state.listeners > 0) {
    state.refed = true;
    state.port.start();
    setKeepAlive(state);
  } else if (before > 0 && state.listeners === 0 && !keepRef) {
    // Messages wait again for a listener.
    state.started = false;
    state.refed = false;
    setKeepAlive(state);
  }
}

const addEventListener = EventTarget.prototype.addEventListener;
const removeEventListener = EventTarget.prototype.removeEventListener;
Object.defineProperty(NodeEventTargetProto, 'addEventListener', {
  value: function (type, listener, options) {
    const had = listener != null && `${type}` === 'message' && this[kState] !== undefined && !hasListener(this, listener, options);
    const r = addEventListener.apply(this, arguments);
    if (had && hasListener(this, listener, options)) listenersChanged(this[kState], 1);
    return r;
  },
  writable: true,
  configurable: true,
});
Object.defineProperty(NodeEventTargetProto, 'removeEventListener', {
  value: function (type, listener, options) {
    const had = `${type}` === 'message' && this[kState] !== undefined && hasListener(this, listener, options);
    const r = removeEventListener.apply(this, arguments);
    if (had && !hasListener(this, listener, options)) listenersChanged(this[kState], -1);
    return r;
  },
  writable: true,
  configurable: true,
});
function hasListener(target, listener) {
  return shared.eventTargetHooks.listeners(target, 'message').includes(listener);
}

defineHandler(MessagePort.prototype, 'message');
defineHandler(MessagePort.prototype, 'messageerror');

function createPort() {
  const port = new PortImpl();
  const state = newState();
  state.port = port;
  Object.defineProperty(port, kState, { value: state });
  return port;
}

function entangle(a, b) {
  a[kState].peer = b[kState];
  b[kState].peer = a[kState];
}

function enqueue(state, item) {
  state.queue.push(item);
  if (state.started && !state.closed) native.post(() => deliver(state));
}

// Delivers the next queued message of a port (one per task).
function deliver(state) {
  if (!state.started || state.queue.length === 0) return;
  const item = state.queue.shift();
  if (item === kClose) {
    if (!state.closed) closePort(state);
    return;
  }
  const [data, ports] = item;
  state.port.dispatchEvent(new MessageEvent('message', { data, ports }));
}

function closePort(state) {
  // Messages already queued are still delivered (node's).
  state.closed = true;
  setKeepAlive(state);
  const peer = state.peer;
  state.peer = null;
  if (peer !== null) {
    peer.peer = null;
    // The other side learns of it in a poll phase, listening or not.
    peer.queue.push(kClose);
    native.post(() => (peer.started ? deliver(peer) : !peer.closed && closePort(peer)));
  }
  const port = state.port;
  native.closed(() => port.dispatchEvent(new Event('close')));
}

// A port sent in a transfer list: a new port object takes over its
// channel and queue; the old one is left closed without a 'close' event.
function movePort(port) {
  const state = stateOf(port);
  if (state.closed) throw shared.cloneError('MessagePort in transfer list is already detached');
  const moved = createPort();
  const next = moved[kState];
  next.queue = state.queue;
  next.peer = state.peer;
  if (next.peer !== null) next.peer.peer = next;
  state.queue = [];
  state.peer = null;
  state.closed = true;
  setKeepAlive(state);
  return moved;
}

const kPorts = Symbol('ports');
class MessageChannel {
  constructor() {
    const ports = [createPort(), createPort()];
    entangle(ports[0], ports[1]);
    Object.defineProperty(this, kPorts, { value: ports });
  }
  get port1() { return channelPorts(this)[0]; }
  get port2() { return channelPorts(this)[1]; }
  [kCustomInspect](depth, options, inspect) {
    if (depth < 0) return 'MessageChannel';
    return `MessageChannel ${inspect({ port1: this.port1, port2: this.port2 }, options)}`;
  }
}
function channelPorts(channel) {
  const ports = channel?.[kPorts];
  if (ports === undefined) throw nodeError(TypeError, 'ERR_INVALID_THIS', 'Value of "this" must be of type MessageChannel');
  return ports;
}
// As node's: calling it without `new` is ERR_CONSTRUCT_CALL_REQUIRED.
const MessageChannelClass = MessageChannel;
const MessageChannelCtor = new Proxy(MessageChannelClass, {
  apply() { throw nodeError(TypeError, 'ERR_CONSTRUCT_CALL_REQUIRED', 'Cannot call constructor without `new`'); },
});
for (const k of ['port1', 'port2']) Object.defineProperty(MessageChannel.prototype, k, { enumerable: true });
Object.defineProperty(MessageChannel.prototype, Symbol.toStringTag, { value: 'MessageChannel', configurable: true });

// Reads a message already queued at `port`, synchronously:
// worker_threads.receiveMessageOnPort.
function receiveMessageOnPort(port) {
  const state = port?.[kState];
  if (state === undefined) throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "port" argument must be a MessagePort instance');
  const i = state.queue.findIndex((item) => item !== kClose);
  if (i < 0 || i > 0) return undefined;
  const [data] = state.queue.shift();
  return { message: data };
}

// ---- BroadcastChannel ---------------------------------------------------------------
// Channels by name within this runtime; a message goes to every other open
// channel of the name, each by its own poll-phase task.
const channels = new Map(); // name -> Set of channel states
const kChannel = Symbol('channel');

class BroadcastChannel extends EventTarget {
  constructor(name) {
    if (arguments.length === 0) throw missingArgs('name');
    super();
    const state = { name: `${name}`, closed: false, refed: true, keeping: false, started: true, channel: this };
    Object.defineProperty(this, kChannel, { value: state });
    let set = channels.get(state.name);
    if (set === undefined) channels.set(state.name, set = new Set());
    set.add(state);
    setKeepAlive(state);
  }
  get name() { return channelOf(this).name; }
  close() {
    const state = channelOf(this);
    if (state.closed) return;
    state.closed = true;
    const set = channels.get(state.name);
    set.delete(state);
    if (set.size === 0) channels.delete(state.name);
    setKeepAlive(state);
  }
  postMessage(message) {
    const state = channelOf(this);
    if (arguments.length === 0) throw nodeError(TypeError, 'ERR_MISSING_ARGS', 'The "message" argument must be specified');
    if (state.closed) throw new DOMException('BroadcastChannel is closed.', 'InvalidStateError');
    const data = shared.cloneValue(message, [], () => undefined);
    for (const other of channels.get(state.name) ?? []) {
      if (other === state) continue;
      const copy = shared.cloneValue(data, [], () => undefined);
      native.post(() => {
        if (!other.closed) other.channel.dispatchEvent(new MessageEvent('message', { data: copy }));
      });
    }
  }
  ref() {
    const state = channelOf(this);
    state.refed = true;
    setKeepAlive(state);
    return this;
  }
  unref() {
    const state = channelOf(this);
    state.refed = false;
    setKeepAlive(state);
    return this;
  }
  [kCustomInspect](depth, options, inspect) {
    const state = channelOf(this);
    if (depth < 0) return 'BroadcastChannel';
    return `BroadcastChannel ${inspect({ name: state.name, active: !state.closed }, { ...options, depth: options.depth == null ? null : options.depth - 1 })}`;
  }
}
function channelOf(v) {
  const state = v?.[kChannel];
  if (state === undefined) throw nodeError(TypeError, 'ERR_INVALID_THIS', 'Value of "this" must be of type BroadcastChannel');
  return state;
}
for (const k of ['name', 'close', 'postMessage']) Object.defineProperty(BroadcastChannel.prototype, k, { enumerable: true });
defineHandler(BroadcastChannel.prototype, 'message');
defineHandler(BroadcastChannel.prototype, 'messageerror');

shared.isMessagePort = (v) => v !== null && typeof v === 'object' && v[kState] !== undefined;
shared.movePort = movePort;

return { MessageChannel: MessageChannelCtor, MessagePort, MessageEvent, BroadcastChannel, receiveMessageOnPort };
