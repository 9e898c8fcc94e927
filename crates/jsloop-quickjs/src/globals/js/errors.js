// Node's internal errors (the shapes of lib/internal/errors.js and
// validators.js), the one copy every file uses. Puts its helpers and
// `define` on `shared`.
'use strict';
const kCode = Symbol.for('jsloop.errorCode');
const kTypes = ['string', 'function', 'number', 'object', 'boolean', 'bigint', 'symbol', 'undefined'];

// Gives `e.stack` the first line `head` (the engine wrote it with the
// name the error had when it was made).
function setStackHeader(e, head) {
  let stack;
  try { stack = e.stack; } catch { return; }
  if (typeof stack !== 'string') return;
  const made = Error.prototype.toString.call(e);
  let rest = stack.startsWith(made) ? stack.slice(made.length) : `\n${stack}`;
  // The frames of the helpers here that made the error are hidden, as node hides its own.
  rest = rest.replace(/^(?:\n {4}at [^\n]*\(jsloop:errors\.js:\d+:\d+\))+/, '');
  Object.defineProperty(e, 'stack', { value: `${head}${rest}`, writable: true, configurable: true, enumerable: false });
}

// Per error class, the prototype Node's errors have between the instance
// and the class's own: its toString reads `Name [CODE]: message`.
const nodeProtos = new Map();
function nodeProto(Ctor) {
  let proto = nodeProtos.get(Ctor);
  if (proto === undefined) {
    proto = Object.create(Ctor.prototype, {
      toString: {
        value: function toString() { return `${this.name} [${this[kCode]}]: ${this.message}`; },
        writable: true, configurable: true, enumerable: false,
      },
    });
    nodeProtos.set(Ctor, proto);
  }
  return proto;
}

function nodeError(Ctor, code, message) {
  const e = new Ctor(message);
  Object.setPrototypeOf(e, nodeProto(Ctor));
  // util.inspect prints `Name [CODE]: message` for errors carrying this.
  Object.defineProperty(e, kCode, { value: code });
  Object.defineProperty(e, 'code', { value: code, enumerable: true, writable: true, configurable: true });
  setStackHeader(e, `${e.name} [${code}]: ${message}`);
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

function joinOr(list) {
  if (list.length <= 2) return list.join(' or ');
  return `${list.slice(0, -1).join(', ')}, or ${list[list.length - 1]}`;
}

// `expected`: a type name ('function'), a class name ('AbortSignal'), or a list.
function invalidArgType(name, expected, value) {
  const list = Array.isArray(expected) ? expected : [expected];
  const types = []; const instances = []; const other = [];
  for (const e of list) {
    if (kTypes.includes(e.toLowerCase()) && (e === 'Object' || e === 'Function' || e === e.toLowerCase())) types.push(e.toLowerCase());
    else if (/^([A-Z][a-z0-9]*)+$/.test(e)) instances.push(e);
    else other.push(e);
  }
  // As Node: with classes listed, 'object' is named among them, last.
  if (instances.length > 0 && types.includes('object')) {
    types.splice(types.indexOf('object'), 1);
    instances.push('Object');
  }
  const parts = [];
  if (types.length === 1) parts.push(`of type ${types[0]}`);
  else if (types.length > 1) parts.push(`one of type ${joinOr(types)}`);
  if (instances.length > 0) parts.push(`an instance of ${joinOr(instances)}`);
  if (other.length > 1) parts.push(`one of ${joinOr(other)}`);
  else if (other.length === 1) parts.push(`${other[0].toLowerCase() !== other[0] ? 'an ' : ''}${other[0]}`);
  let subject = `The "${name}" argument`;
  if (name.endsWith(' argument')) subject = `The ${name}`;
  else if (name.includes('.')) subject = `The "${name}" property`;
  return nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', `${subject} must be ${parts.join(' or ')}.${describeReceived(value)}`);
}

function addNumericalSeparator(val) {
  let res = '';
  let i = val.length;
  const start = val[0] === '-' ? 1 : 0;
  for (; i >= start + 4; i -= 3) res = `_${val.slice(i - 3, i)}${res}`;
  return `${val.slice(0, i)}${res}`;
}

function outOfRange(name, range, value) {
  let received;
  if (Number.isInteger(value) && Math.abs(value) > 2 ** 32) received = addNumericalSeparator(String(value));
  else if (typeof value === 'bigint') received = `${addNumericalSeparator(String(value))}n`;
  else received = util.inspect(value);
  return nodeError(RangeError, 'ERR_OUT_OF_RANGE', `The value of "${name}" is out of range. It must be ${range}. Received ${received}`);
}

function missingArgs(...names) {
  const quoted = names.map((n) => `"${n}"`);
  const list = quoted.length <= 2 ? quoted.join(' and ') : `${quoted.slice(0, -1).join(', ')}, and ${quoted[quoted.length - 1]}`;
  return nodeError(TypeError, 'ERR_MISSING_ARGS', `The ${list} argument${names.length > 1 ? 's' : ''} must be specified`);
}

// ERR_INVALID_ARG_VALUE: `The argument 'name' is invalid. Received …`.
function invalidArgValue(name, value, reason = 'is invalid', Ctor = TypeError) {
  let shown = util.inspect(value);
  if (shown.length > 128) shown = `${shown.slice(0, 128)}...`;
  const kind = name.includes('.') ? 'property' : 'argument';
  return nodeError(Ctor, 'ERR_INVALID_ARG_VALUE', `The ${kind} '${name}' ${reason}. Received ${shown}`);
}

function validateFunction(fn, name) {
  if (typeof fn !== 'function') throw invalidArgType(name, 'function', fn);
}

function validateInteger(value, name, min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER) {
  if (typeof value !== 'number') throw invalidArgType(name, 'number', value);
  if (!Number.isInteger(value)) throw outOfRange(name, 'an integer', value);
  if (value < min || value > max) throw outOfRange(name, `>= ${min} && <= ${max}`, value);
}

function validateNumber(value, name, min = undefined, max) {
  if (typeof value !== 'number') throw invalidArgType(name, 'number', value);
  if ((min != null && value < min) || (max != null && value > max) || ((min != null || max != null) && Number.isNaN(value))) {
    const range = `${min != null ? `>= ${min}` : ''}${min != null && max != null ? ' && ' : ''}${max != null ? `<= ${max}` : ''}`;
    throw outOfRange(name, range, value);
  }
}

function validateBoolean(value, name) {
  if (typeof value !== 'boolean') throw invalidArgType(name, 'boolean', value);
}

function validateObject(value, name) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw invalidArgType(name, 'Object', value);
}

function validateAbortSignal(signal, name) {
  if (signal !== undefined && (signal === null || typeof signal !== 'object' || !('aborted' in signal))) {
    throw invalidArgType(name, 'AbortSignal', signal);
  }
}

class AbortError extends Error {
  constructor(message = 'The operation was aborted', options = undefined) {
    if (options !== undefined && typeof options !== 'object') throw invalidArgType('options', 'Object', options);
    super(message, options);
    setStackHeader(this, `AbortError: ${message}`);
    this.code = 'ABORT_ERR';
    this.name = 'AbortError';
  }
}

// Node reports a throwing listener as an uncaught exception, after the
// dispatch (process.nextTick(() => { throw err })).
function reportLater(err) {
  const tick = globalThis.process?.nextTick;
  if (typeof tick === 'function') tick(() => { throw err; });
  else queueMicrotask(() => { throw err; });
}

const define = (name, value) => Object.defineProperty(globalThis, name, {
  value, writable: true, configurable: true, enumerable: false,
});

Object.assign(shared, {
  nodeError, setStackHeader, invalidArgType, invalidArgValue, describeReceived, outOfRange, missingArgs, validateFunction, validateInteger,
  validateNumber, validateBoolean, validateObject, validateAbortSignal, AbortError, reportLater, define,
});

// libuv's error table (code -> [name, message]), read once from the native.
let uvMap;
function uvErrorMap() {
  if (uvMap === undefined) {
    const flat = host.uvErrors();
    uvMap = new Map();
    for (let i = 0; i < flat.length; i += 3) uvMap.set(flat[i], [flat[i + 1], flat[i + 2]]);
  }
  return uvMap;
}

// Node's SystemError: `prefix: syscall returned CODE (message)[ path][ => dest]`,
// with `info` (the context) and `errno`, `syscall`, `path`, `dest` as
// accessors on it.
class SystemError extends Error {
  // As node's: printed with the values of its accessors.
  [Symbol.for('nodejs.util.inspect.custom')](depth, options) {
    return util.inspect(this, { ...options, getters: true, customInspect: false });
  }
}
Object.defineProperty(SystemError.prototype, 'name', { value: 'SystemError', writable: true, configurable: true });
function systemError(code, prefix, context) {
  let message = `${prefix}: ${context.syscall} returned ${context.code} (${context.message})`;
  if (context.path !== undefined) message += ` ${context.path}`;
  if (context.dest !== undefined) message += ` => ${context.dest}`;
  const e = nodeError(SystemError, code, message);
  Object.defineProperty(e, 'name', { value: 'SystemError', writable: true, configurable: true, enumerable: false });
  Object.defineProperty(e, 'info', { value: context, enumerable: true, configurable: true, writable: false });
  for (const key of ['errno', 'syscall', 'path', 'dest']) {
    if (key !== 'errno' && key !== 'syscall' && context[key] === undefined) continue;
    Object.defineProperty(e, key, {
      get() { return context[key]; },
      set(value) { context[key] = value; },
      enumerable: true, configurable: true,
    });
  }
  return e;
}

// ERR_SYSTEM_ERROR for the negative libuv code `err` of `syscall`.
function uvSystemError(err, syscall) {
  const [code, message] = uvErrorMap().get(err) || ['UNKNOWN', 'unknown error'];
  return systemError('ERR_SYSTEM_ERROR', 'A system error occurred', { errno: err, code, message, syscall });
}

Object.assign(shared, { uvErrorMap, systemError, uvSystemError });
