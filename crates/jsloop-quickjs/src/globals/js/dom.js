// DOMException and Node's argument errors, shared by the web globals.
// Evaluated (with events.js, abort.js, clone.js, encoding.js, crypto.js and
// performance.js) as one function body with (host, util).
'use strict';
const define = (name, value) => Object.defineProperty(globalThis, name, {
  value, writable: true, configurable: true, enumerable: false,
});

const legacyCodes = {
  IndexSizeError: 1, HierarchyRequestError: 3, WrongDocumentError: 4, InvalidCharacterError: 5,
  NoModificationAllowedError: 7, NotFoundError: 8, NotSupportedError: 9, InvalidStateError: 11,
  SyntaxError: 12, InvalidModificationError: 13, NamespaceError: 14, InvalidAccessError: 15,
  TypeMismatchError: 17, SecurityError: 18, NetworkError: 19, AbortError: 20, URLMismatchError: 21,
  QuotaExceededError: 22, TimeoutError: 23, InvalidNodeTypeError: 24, DataCloneError: 25,
};
const kName = Symbol('name');
const kMessage = Symbol('message');

class DOMException extends Error {
  constructor(message = '', options = 'Error') {
    super();
    const name = options !== null && typeof options === 'object' ? String(options.name ?? 'Error') : String(options);
    Object.defineProperty(this, kName, { value: name });
    Object.defineProperty(this, kMessage, { value: String(message) });
    delete this.message;
    if (options !== null && typeof options === 'object' && 'cause' in options) {
      Object.defineProperty(this, 'cause', { value: options.cause, writable: true, configurable: true });
    }
  }
  get name() { return this[kName]; }
  get message() { return this[kMessage]; }
  get code() { return legacyCodes[this[kName]] ?? 0; }
}
Object.defineProperty(DOMException.prototype, Symbol.toStringTag, { value: 'DOMException', configurable: true });
for (const [name, code] of Object.entries(legacyCodes)) {
  const constant = name.replace(/Error$/, '').replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase() + '_ERR';
  Object.defineProperty(DOMException, constant, { value: code, enumerable: true });
  Object.defineProperty(DOMException.prototype, constant, { value: code, enumerable: true });
}

function nodeError(Ctor, code, message) {
  const e = new Ctor(message);
  Object.defineProperty(e, Symbol.for('jsloop.errorCode'), { value: code });
  Object.defineProperty(e, 'code', { value: code, enumerable: true, writable: true, configurable: true });
  return e;
}

function describeReceived(value) {
  if (value == null) return ` Received ${value}`;
  if (typeof value === 'function') return ` Received function ${value.name}`;
  if (typeof value === 'object') {
    if (value.constructor && value.constructor.name) return ` Received an instance of ${value.constructor.name}`;
    return ` Received ${util.inspect(value, -1)}`;
  }
  let shown = util.inspect(value);
  if (shown.length > 28) shown = `${shown.slice(0, 25)}...`;
  return ` Received type ${typeof value} (${shown})`;
}

function invalidArgType(name, expected, value) {
  return nodeError(TypeError, 'ERR_INVALID_ARG_TYPE',
    `The "${name}" argument must be ${expected}.${describeReceived(value)}`);
}

function missingArgs(name) {
  return nodeError(TypeError, 'ERR_MISSING_ARGS', `The "${name}" argument must be specified`);
}

// Node reports a throwing listener as an uncaught exception, after the
// dispatch (process.nextTick(() => { throw err })).
function reportLater(err) {
  const tick = globalThis.process?.nextTick;
  if (typeof tick === 'function') tick(() => { throw err; });
  else if (typeof queueMicrotask === 'function') queueMicrotask(() => { throw err; });
  else throw err;
}

define('DOMException', DOMException);
