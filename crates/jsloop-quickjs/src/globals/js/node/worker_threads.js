// node:worker_threads on the main thread: the messaging classes, the
// main thread's identity and environment data. `Worker` itself is not
// provided yet: constructing one throws ERR_JSLOOP_UNSUPPORTED_BUILTIN.
'use strict';
const { nodeError } = shared;
const messaging = shared.requireBuiltin('internal/messaging');

class Worker extends shared.requireBuiltin('events').EventEmitter {
  constructor() {
    throw nodeError(Error, 'ERR_JSLOOP_UNSUPPORTED_BUILTIN',
      "Worker of the built-in module 'node:worker_threads' is not provided by jsloop yet");
  }
}

// Objects whose transfer copies instead (ArrayBuffers) or is refused (ports).
shared.untransferable ??= new WeakSet();
function markAsUntransferable(obj) {
  if ((typeof obj !== 'object' && typeof obj !== 'function') || obj === null) return;
  shared.untransferable.add(obj);
}

const environmentData = new Map();
function setEnvironmentData(key, value) {
  if (value === undefined) environmentData.delete(key);
  else environmentData.set(key, value);
}
function getEnvironmentData(key) {
  return environmentData.get(key);
}

return {
  isMainThread: true,
  MessagePort: messaging.MessagePort,
  MessageChannel: messaging.MessageChannel,
  markAsUntransferable,
  receiveMessageOnPort: messaging.receiveMessageOnPort,
  resourceLimits: {},
  threadId: 0,
  SHARE_ENV: Symbol.for('nodejs.worker_threads.SHARE_ENV'),
  Worker,
  parentPort: null,
  workerData: null,
  BroadcastChannel: messaging.BroadcastChannel,
  setEnvironmentData,
  getEnvironmentData,
};
