// Node's argument errors. Evaluated as a function body with (host, util,
// shared); puts its helpers on `shared`.
'use strict';

function describeReceived(value) {
  if (value == null) return ` Received ${value}`;
  if (typeof value === 'function') return ` Received function ${value.name}`;
  if (typeof value === 'object') {
    if (value.constructor && value.constructor.name) return ` Received an instance of ${value.constructor.name}`;
    return ` Received ${util.inspect(value)}`;
  }
  let shown = util.inspect(value);
  if (shown.length > 28) shown = `${shown.slice(0, 25)}...`;
  return ` Received type ${typeof value} (${shown})`;
}

function nodeError(Ctor, code, message) {
  const e = new Ctor(message);
  // util.inspect prints `Name [CODE]: message` for errors carrying this.
  Object.defineProperty(e, Symbol.for('jsloop.errorCode'), { value: code });
  Object.defineProperty(e, 'code', { value: code, enumerable: true, writable: true, configurable: true });
  return e;
}

function invalidArgType(name, expected, value) {
  return nodeError(TypeError, 'ERR_INVALID_ARG_TYPE',
    `The "${name}" argument must be of type ${expected}.${describeReceived(value)}`);
}

function validateFunction(fn, name) {
  if (typeof fn !== 'function') throw invalidArgType(name, 'function', fn);
}

shared.nodeError = nodeError;
shared.invalidArgType = invalidArgType;
shared.validateFunction = validateFunction;
