// node:util over the inspect port (`util`), the host's classId (types) and
// the TextEncoder/TextDecoder of encoding.js. The deep comparison is shared
// with node:assert through `shared.deepEqual` (deep-equal.js's role in Node).
'use strict';
const { nodeError, invalidArgType, describeReceived, validateFunction, process } = shared;
const { classId } = host;
const kCustomInspect = Symbol.for('nodejs.util.inspect.custom');
const kCustomPromisify = Symbol.for('nodejs.util.promisify.custom');
const ObjectToString = (v) => Object.prototype.toString.call(v);
const hasOwn = (o, k) => Object.prototype.hasOwnProperty.call(o, k);

const { invalidArgValue } = shared;
const validateString = (v, name) => { if (typeof v !== 'string') throw invalidArgType(name, 'string', v); };
const validateBoolean = (v, name) => { if (typeof v !== 'boolean') throw invalidArgType(name, 'boolean', v); };
const validateObject = (v, name) => {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw invalidArgType(name, 'Object', v);
};
const defaultOptions = {
  showHidden: false, depth: 2, colors: false, customInspect: true, showProxy: false, maxArrayLength: 100,
  maxStringLength: 10000, breakLength: 80, compact: 3, sorted: false, getters: false, numericSeparator: false,
};

// --- inspect, format -------------------------------------------------------

// Node's signature: inspect(value, options) or the legacy
// inspect(value, showHidden, depth, colors). The port honours depth,
// showHidden, compact, breakLength, maxArrayLength, sorted, getters and
// customInspect; colours are not drawn.
function inspect(value, opts, ...legacy) {
  const options = { ...defaultOptions };
  if (typeof opts === 'boolean') {
    options.showHidden = opts;
    if (legacy.length > 0 && legacy[0] !== undefined) options.depth = legacy[0];
  } else if (opts !== null && typeof opts === 'object') {
    for (const key of Object.keys(opts)) {
      if (opts[key] !== undefined || key === 'depth') options[key] = opts[key];
    }
    if (opts.depth === undefined) options.depth = defaultOptions.depth;
  }
  return util.inspect(value, options);
}
inspect.custom = kCustomInspect;
Object.defineProperty(inspect, 'defaultOptions', {
  get() { return defaultOptions; },
  set(options) {
    validateObject(options, 'options');
    Object.assign(defaultOptions, options);
  },
  configurable: true, enumerable: false,
});
const colors = { __proto__: null };
for (const [name, codes] of [
  ['reset', [0, 0]], ['bold', [1, 22]], ['dim', [2, 22]], ['italic', [3, 23]], ['underline', [4, 24]],
  ['blink', [5, 25]], ['inverse', [7, 27]], ['hidden', [8, 28]], ['strikethrough', [9, 29]],
  ['doubleunderline', [21, 24]], ['black', [30, 39]], ['red', [31, 39]], ['green', [32, 39]],
  ['yellow', [33, 39]], ['blue', [34, 39]], ['magenta', [35, 39]], ['cyan', [36, 39]], ['white', [37, 39]],
  ['bgBlack', [40, 49]], ['bgRed', [41, 49]], ['bgGreen', [42, 49]], ['bgYellow', [43, 49]],
  ['bgBlue', [44, 49]], ['bgMagenta', [45, 49]], ['bgCyan', [46, 49]], ['bgWhite', [47, 49]],
  ['framed', [51, 54]], ['overlined', [53, 55]], ['gray', [90, 39]], ['redBright', [91, 39]],
  ['greenBright', [92, 39]], ['yellowBright', [93, 39]], ['blueBright', [94, 39]],
  ['magentaBright', [95, 39]], ['cyanBright', [96, 39]], ['whiteBright', [97, 39]], ['bgGray', [100, 49]],
  ['bgRedBright', [101, 49]], ['bgGreenBright', [102, 49]], ['bgYellowBright', [103, 49]],
  ['bgBlueBright', [104, 49]], ['bgMagentaBright', [105, 49]], ['bgCyanBright', [106, 49]],
  ['bgWhiteBright', [107, 49]],
]) {
  colors[name] = codes;
}
for (const [alias, name] of [
  ['grey', 'gray'], ['blackBright', 'gray'], ['bgGrey', 'bgGray'], ['bgBlackBright', 'bgGray'],
  ['dim', 'faint'], ['strikethrough', 'crossedout'], ['strikethrough', 'strikeThrough'],
  ['strikethrough', 'crossedOut'], ['hidden', 'conceal'], ['inverse', 'swapColors'],
  ['inverse', 'swapcolors'], ['doubleunderline', 'doubleUnderline'],
]) {
  // Node's aliases are non-enumerable getters of the canonical entry.
  const [from, to] = alias === 'grey' || alias === 'blackBright' || alias === 'bgGrey' || alias === 'bgBlackBright'
    ? [name, alias] : [alias, name];
  Object.defineProperty(colors, to, { get() { return this[from]; }, set(v) { this[from] = v; }, configurable: true, enumerable: false });
}
inspect.colors = colors;
inspect.styles = Object.assign({ __proto__: null }, {
  special: 'cyan', number: 'yellow', bigint: 'yellow', boolean: 'yellow', undefined: 'grey',
  null: 'bold', string: 'green', symbol: 'green', date: 'magenta', regexp: 'red', module: 'underline',
});

function format(...args) {
  return util.formatList(args);
}
function formatWithOptions(inspectOptions, ...args) {
  validateObject(inspectOptions, 'inspectOptions');
  return util.formatList(args);
}

// Whether styleText colours for `stream` (Node's shouldColorize, with the
// environment rules of tty.getColorDepth when the stream has none).
function shouldColorize(stream) {
  const env = process.env;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  if (!stream?.isTTY) return false;
  if (typeof stream.getColorDepth === 'function') return stream.getColorDepth() > 2;
  return env.NO_COLOR === undefined && env.NODE_DISABLE_COLORS === undefined && env.TERM !== 'dumb';
}

function styleText(format, text, { validateStream = true, stream = process.stdout } = {}) {
  validateString(text, 'text');
  validateBoolean(validateStream, 'options.validateStream');
  let skip = false;
  if (validateStream) {
    // Without node:stream, the process's own streams are the streams.
    if (stream !== process.stdout && stream !== process.stderr) {
      throw invalidArgType('stream', ['ReadableStream', 'WritableStream', 'Stream'], stream);
    }
    skip = !shouldColorize(stream);
  }
  const codesOf = (key) => {
    const codes = typeof key === 'string' && hasOwn(colors, key) ? colors[key] : undefined;
    if (codes === undefined) {
      throw invalidArgValue('format', key, `must be one of: ${Object.keys(colors).map((k) => `'${k}'`).join(', ')}`);
    }
    return codes;
  };
  if (Array.isArray(format)) {
    // Node 20 colours a list of formats whatever the stream.
    let left = '';
    let right = '';
    for (const key of format) {
      const codes = codesOf(key);
      left += `\u001b[${codes[0]}m`;
      right = `\u001b[${codes[1]}m${right}`;
    }
    return `${left}${text}${right}`;
  }
  const codes = codesOf(format);
  return skip ? text : `\u001b[${codes[0]}m${text}\u001b[${codes[1]}m`;
}

const ansi = /[\u001B\u009B][[\]()#;?]*(?:(?:(?:(?:;[-a-zA-Z\d\/#&.:=?%@~_]+)*|[a-zA-Z\d]+(?:;[-a-zA-Z\d\/#&.:=?%@~_]*)*)?\u0007)|(?:(?:\d{1,4}(?:;\d{0,4})*)?[\dA-PR-TZcf-ntqry=><~]))/g;
function stripVTControlCharacters(str) {
  validateString(str, 'str');
  return str.replace(ansi, '');
}

function toUSVString(input) {
  const s = `${input}`;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) { out += s[i] + s[i + 1]; i++; continue; }
    }
    out += c >= 0xd800 && c <= 0xdfff ? '\ufffd' : s[i];
  }
  return out;
}

// --- types ----------------------------------------------------------------

// Class ids of sample values: an object's class cannot be faked from
// JavaScript, unlike its prototype or Symbol.toStringTag.
const id = {
  error: classId(new Error()),
  number: classId(Object(1)),
  string: classId(Object('')),
  boolean: classId(Object(true)),
  symbol: classId(Object(Symbol.iterator)),
  bigint: classId(Object(1n)),
  arguments: classId((function () { return arguments; })()),
  // eslint-disable-next-line no-new-func
  mappedArguments: classId(Function('return arguments')()),
  date: classId(new Date(0)),
  regexp: classId(/a/),
  arrayBuffer: classId(new ArrayBuffer(0)),
  sharedArrayBuffer: typeof SharedArrayBuffer === 'function' ? classId(new SharedArrayBuffer(0)) : -1,
  dataView: classId(new DataView(new ArrayBuffer(0))),
  map: classId(new Map()),
  set: classId(new Set()),
  weakMap: classId(new WeakMap()),
  weakSet: classId(new WeakSet()),
  mapIterator: classId(new Map().keys()),
  setIterator: classId(new Set().keys()),
  generator: classId((function* () {})()),
  asyncGenerator: classId((async function* () {})()),
  generatorFunction: classId(function* () {}),
  asyncFunction: classId(async () => {}),
  asyncGeneratorFunction: classId(async function* () {}),
  promise: classId(Promise.resolve()),
  proxy: classId(new Proxy({}, {})),
  weakRef: typeof WeakRef === 'function' ? classId(new WeakRef({})) : -1,
};
const is = (name) => (value) => classId(value) === id[name];
const TypedArrayTag = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), Symbol.toStringTag).get;
const typedArrayName = (value) => (classId(value) === id.proxy ? undefined : TypedArrayTag.call(value));
const isTyped = (name) => (value) => typedArrayName(value) === name;

const types = {
  isExternal: () => false,
  isDate: is('date'),
  isArgumentsObject: (v) => classId(v) === id.arguments || classId(v) === id.mappedArguments,
  isBigIntObject: is('bigint'),
  isBooleanObject: is('boolean'),
  isNumberObject: is('number'),
  isStringObject: is('string'),
  isSymbolObject: is('symbol'),
  isNativeError: is('error'),
  isRegExp: is('regexp'),
  isAsyncFunction: (v) => classId(v) === id.asyncFunction || classId(v) === id.asyncGeneratorFunction,
  isGeneratorFunction: (v) => classId(v) === id.generatorFunction || classId(v) === id.asyncGeneratorFunction,
  isGeneratorObject: (v) => classId(v) === id.generator || classId(v) === id.asyncGenerator,
  isPromise: is('promise'),
  isMap: is('map'),
  isSet: is('set'),
  isMapIterator: is('mapIterator'),
  isSetIterator: is('setIterator'),
  isWeakMap: is('weakMap'),
  isWeakSet: is('weakSet'),
  isArrayBuffer: is('arrayBuffer'),
  isDataView: is('dataView'),
  isSharedArrayBuffer: is('sharedArrayBuffer'),
  isProxy: is('proxy'),
  isModuleNamespaceObject: (v) => v !== null && typeof v === 'object' && classId(v) !== id.proxy &&
    Object.getPrototypeOf(v) === null && v[Symbol.toStringTag] === 'Module' && !Object.isExtensible(v),
  isAnyArrayBuffer: (v) => classId(v) === id.arrayBuffer || classId(v) === id.sharedArrayBuffer,
  isBoxedPrimitive: (v) => {
    const c = classId(v);
    return c === id.number || c === id.string || c === id.boolean || c === id.bigint || c === id.symbol;
  },
  isArrayBufferView: (v) => classId(v) !== id.proxy && ArrayBuffer.isView(v),
  isTypedArray: (v) => typedArrayName(v) !== undefined,
  isUint8Array: isTyped('Uint8Array'),
  isUint8ClampedArray: isTyped('Uint8ClampedArray'),
  isUint16Array: isTyped('Uint16Array'),
  isUint32Array: isTyped('Uint32Array'),
  isInt8Array: isTyped('Int8Array'),
  isInt16Array: isTyped('Int16Array'),
  isInt32Array: isTyped('Int32Array'),
  isFloat32Array: isTyped('Float32Array'),
  isFloat64Array: isTyped('Float64Array'),
  isBigInt64Array: isTyped('BigInt64Array'),
  isBigUint64Array: isTyped('BigUint64Array'),
  isKeyObject: () => false,
  isCryptoKey: () => false,
};

// --- deep equality (shared with node:assert) --------------------------------

const kLoose = 0;
const kStrict = 1;

function isBoxed(v) { return types.isBoxedPrimitive(v); }
function unbox(v) {
  const c = classId(v);
  if (c === id.number) return Number.prototype.valueOf.call(v);
  if (c === id.string) return String.prototype.valueOf.call(v);
  if (c === id.boolean) return Boolean.prototype.valueOf.call(v);
  if (c === id.bigint) return BigInt.prototype.valueOf.call(v);
  return Symbol.prototype.valueOf.call(v);
}

function innerDeepEqual(a, b, mode, memos) {
  if (a === b) return a !== 0 || Object.is(a, b) || mode === kLoose;
  if (mode === kStrict) {
    if (typeof a !== 'object') return typeof a === 'number' && Number.isNaN(a) && Number.isNaN(b);
    if (typeof b !== 'object' || a === null || b === null) return false;
    if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  } else {
    if (a === null || typeof a !== 'object') {
      if (b === null || typeof b !== 'object') {
        // eslint-disable-next-line eqeqeq
        return a == b || (Number.isNaN(a) && Number.isNaN(b));
      }
      return false;
    }
    if (b === null || typeof b !== 'object') return false;
  }
  const aTag = ObjectToString(a);
  if (aTag !== ObjectToString(b)) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    return keyCheck(a, b, mode, memos, 'array');
  }
  if (aTag === '[object Object]' && !types.isBoxedPrimitive(a) && classId(a) !== id.error) {
    return keyCheck(a, b, mode, memos, 'object');
  }
  if (types.isDate(a)) {
    if (!types.isDate(b) || Date.prototype.getTime.call(a) !== Date.prototype.getTime.call(b)) return false;
  } else if (types.isRegExp(a)) {
    if (!types.isRegExp(b) || a.source !== b.source || a.flags !== b.flags || a.lastIndex !== b.lastIndex) return false;
  } else if (types.isNativeError(a) || a instanceof Error) {
    if ((!types.isNativeError(b) && !(b instanceof Error)) || a.message !== b.message || a.name !== b.name) return false;
  } else if (types.isArrayBufferView(a)) {
    if (!types.isArrayBufferView(b) || typedArrayName(a) !== typedArrayName(b)) return false;
    if (mode === kLoose && (typedArrayName(a) === 'Float32Array' || typedArrayName(a) === 'Float64Array')) {
      if (a.length !== b.length) return false;
      for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    } else {
      const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
      const y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
      if (x.length !== y.length) return false;
      for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
    }
    return keyCheck(a, b, mode, memos, 'typed');
  } else if (types.isSet(a)) {
    if (!types.isSet(b) || a.size !== b.size) return false;
    return keyCheck(a, b, mode, memos, 'set');
  } else if (types.isMap(a)) {
    if (!types.isMap(b) || a.size !== b.size) return false;
    return keyCheck(a, b, mode, memos, 'map');
  } else if (types.isAnyArrayBuffer(a)) {
    if (!types.isAnyArrayBuffer(b)) return false;
    const x = new Uint8Array(a);
    const y = new Uint8Array(b);
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  } else if (isBoxed(a)) {
    if (!isBoxed(b) || classId(a) !== classId(b) || !Object.is(unbox(a), unbox(b))) return false;
  } else if (Array.isArray(b) || types.isArrayBufferView(b) || types.isSet(b) || types.isMap(b) ||
    types.isDate(b) || types.isRegExp(b) || types.isAnyArrayBuffer(b) || isBoxed(b) || types.isNativeError(b) ||
    b instanceof Error) {
    return false;
  }
  return keyCheck(a, b, mode, memos, 'none');
}

const isIndex = (k) => typeof k === 'string' && /^(0|[1-9]\d*)$/.test(k);
const nonIndexKeys = (o) => Object.keys(o).filter((k) => !isIndex(k));
const enumerable = (o, k) => Object.prototype.propertyIsEnumerable.call(o, k);
const enumerableSymbols = (o) => Object.getOwnPropertySymbols(o).filter((s) => enumerable(o, s));

// Compares own enumerable keys (symbols too in strict mode), then the
// values; `memos` holds the objects on the current path (cycles).
function keyCheck(a, b, mode, memos, kind) {
  const indexed = kind === 'array' || kind === 'typed';
  let keys = indexed ? nonIndexKeys(a) : Object.keys(a);
  if (keys.length !== (indexed ? nonIndexKeys(b) : Object.keys(b)).length) return false;
  for (const k of keys) if (!enumerable(b, k)) return false;
  if (mode === kStrict) {
    const symbols = enumerableSymbols(a);
    if (symbols.length !== enumerableSymbols(b).length) return false;
    for (const s of symbols) if (!enumerable(b, s)) return false;
    keys = keys.concat(symbols);
  }
  if (keys.length === 0 && (kind === 'none' || kind === 'typed' || (kind === 'array' && a.length === 0) ||
    ((kind === 'set' || kind === 'map') && a.size === 0))) {
    return true;
  }
  // A value met again on the current path is a cycle: taken as equal,
  // as Node does.
  if (memos === undefined) memos = new Set();
  else if (memos.has(a) || memos.has(b)) return true;
  memos.add(a);
  memos.add(b);
  const result = objEquiv(a, b, mode, keys, memos, kind);
  memos.delete(a);
  memos.delete(b);
  return result;
}

function objEquiv(a, b, mode, keys, memos, kind) {
  if (kind === 'array') {
    for (let i = 0; i < a.length; i++) {
      const present = hasOwn(a, i);
      if (present !== hasOwn(b, i)) return false;
      if (present && !innerDeepEqual(a[i], b[i], mode, memos)) return false;
    }
  } else if (kind === 'set') {
    if (!setEquiv(a, b, mode, memos)) return false;
  } else if (kind === 'map') {
    if (!mapEquiv(a, b, mode, memos)) return false;
  }
  for (const k of keys) {
    if (!innerDeepEqual(a[k], b[k], mode, memos)) return false;
  }
  return true;
}

const isObjectLike = (v) => typeof v === 'object' && v !== null;

// Values of `a` without an identical member in `b` are paired one by one
// with the unmatched values of `b` (objects; any value in loose mode).
function setEquiv(a, b, mode, memos) {
  const pending = [];
  for (const v of a) {
    if (isObjectLike(v) || (mode === kLoose && !b.has(v))) pending.push(v);
    else if (!b.has(v)) return false;
  }
  if (pending.length === 0) return true;
  const rest = [];
  for (const v of b) {
    if (isObjectLike(v) || (mode === kLoose && !a.has(v))) rest.push(v);
  }
  for (const v of pending) {
    const i = rest.findIndex((w) => innerDeepEqual(v, w, mode, memos));
    if (i === -1) return false;
    rest.splice(i, 1);
  }
  return true;
}

function mapEquiv(a, b, mode, memos) {
  const pending = [];
  for (const [k, v] of a) {
    if (!isObjectLike(k) && b.has(k)) {
      if (!innerDeepEqual(v, b.get(k), mode, memos)) return false;
    } else if (isObjectLike(k) || mode === kLoose) {
      pending.push([k, v]);
    } else {
      return false;
    }
  }
  if (pending.length === 0) return true;
  const rest = [];
  for (const [k, v] of b) {
    if (isObjectLike(k) || (mode === kLoose && !a.has(k))) rest.push([k, v]);
  }
  for (const [k, v] of pending) {
    const i = rest.findIndex(([k2, v2]) => innerDeepEqual(k, k2, mode, memos) && innerDeepEqual(v, v2, mode, memos));
    if (i === -1) return false;
    rest.splice(i, 1);
  }
  return true;
}

const isDeepEqual = (a, b) => innerDeepEqual(a, b, kLoose);
const isDeepStrictEqual = (a, b) => innerDeepEqual(a, b, kStrict);
shared.deepEqual = { isDeepEqual, isDeepStrictEqual };

// --- promisify, callbackify, inherits, deprecate -----------------------------

function promisify(original) {
  validateFunction(original, 'original');
  if (original[kCustomPromisify]) {
    const fn = original[kCustomPromisify];
    validateFunction(fn, 'util.promisify.custom');
    return Object.defineProperty(fn, kCustomPromisify, { value: fn, enumerable: false, writable: false, configurable: true });
  }
  function fn(...args) {
    return new Promise((resolve, reject) => {
      Reflect.apply(original, this, [...args, (err, ...values) => {
        if (err) reject(err);
        else resolve(values[0]);
      }]);
    });
  }
  Object.setPrototypeOf(fn, Object.getPrototypeOf(original));
  Object.defineProperty(fn, kCustomPromisify, { value: fn, enumerable: false, writable: false, configurable: true });
  const descriptors = Object.getOwnPropertyDescriptors(original);
  for (const key of Reflect.ownKeys(descriptors)) {
    Object.defineProperty(fn, key, descriptors[key]);
  }
  return fn;
}
promisify.custom = kCustomPromisify;

// Node's promisified forms of the timers (timers/promises).
for (const name of ['setTimeout', 'setImmediate']) {
  const timer = globalThis[name];
  if (typeof timer === 'function' && !hasOwn(timer, kCustomPromisify)) {
    const fn = name === 'setTimeout'
      ? (delay, value) => new Promise((resolve) => timer(resolve, delay, value))
      : (value) => new Promise((resolve) => timer(resolve, value));
    Object.defineProperty(fn, 'name', { value: name });
    Object.defineProperty(timer, kCustomPromisify, { value: fn, enumerable: false, writable: true, configurable: true });
  }
}

function callbackify(original) {
  validateFunction(original, 'original');
  function callbackified(...args) {
    const maybeCb = args.pop();
    validateFunction(maybeCb, 'last argument');
    const cb = maybeCb.bind(this);
    Reflect.apply(original, this, args).then(
      (ret) => process.nextTick(cb, null, ret),
      (reason) => process.nextTick(() => {
        if (!reason) {
          const e = nodeError(Error, 'ERR_FALSY_VALUE_REJECTION', 'Promise was rejected with falsy value');
          e.reason = reason;
          reason = e;
        }
        cb(reason);
      }),
    );
  }
  const descriptors = Object.getOwnPropertyDescriptors(original);
  if (typeof descriptors.length?.value === 'number') descriptors.length.value++;
  if (typeof descriptors.name?.value === 'string') descriptors.name.value += 'Callbackified';
  const proto = Object.getPrototypeOf(original);
  Object.defineProperties(callbackified, descriptors);
  Object.setPrototypeOf(callbackified, proto);
  return callbackified;
}

function inherits(ctor, superCtor) {
  if (ctor === undefined || ctor === null) throw invalidArgType('ctor', 'Function', ctor);
  if (superCtor === undefined || superCtor === null) throw invalidArgType('superCtor', 'Function', superCtor);
  if (superCtor.prototype === undefined) throw invalidArgType('superCtor.prototype', 'Object', superCtor.prototype);
  Object.defineProperty(ctor, 'super_', { value: superCtor, writable: true, configurable: true });
  Object.setPrototypeOf(ctor.prototype, superCtor.prototype);
}

const codesWarned = new Set();
function deprecate(fn, msg, code) {
  if (code !== undefined) validateString(code, 'code');
  if (process.noDeprecation === true) return fn;
  let warned = false;
  function deprecated(...args) {
    if (!warned && !process.noDeprecation) {
      warned = true;
      if (code !== undefined) {
        if (!codesWarned.has(code)) {
          process.emitWarning(msg, 'DeprecationWarning', code, deprecated);
          codesWarned.add(code);
        }
      } else {
        process.emitWarning(msg, 'DeprecationWarning', deprecated);
      }
    }
    if (new.target) return Reflect.construct(fn, args, new.target);
    return Reflect.apply(fn, this, args);
  }
  Object.setPrototypeOf(deprecated, fn);
  if (fn.prototype) deprecated.prototype = fn.prototype;
  return deprecated;
}

// --- debuglog -----------------------------------------------------------------

let debugPattern;
function debugEnabled(set) {
  if (debugPattern === undefined) {
    const env = process.env.NODE_DEBUG;
    debugPattern = null;
    if (env) {
      const source = env.replace(/[|\\{}()[\]^$+?.]/g, '\\$&').replace(/\*/g, '.*').replace(/,/g, '$|^');
      debugPattern = new RegExp(`^${source}$`, 'i');
    }
  }
  return debugPattern !== null && debugPattern.test(set);
}

function debuglog(set, cb) {
  let enabled;
  let log;
  const init = () => {
    if (log !== undefined) return;
    set = `${set}`.toUpperCase();
    enabled = debugEnabled(set);
    log = enabled
      ? (...args) => {
        const { print } = host;
        print(2, `${set} ${process.pid}: ${util.formatList(args)}\n`);
      }
      : () => {};
    if (typeof cb === 'function') cb(log);
  };
  const logger = (...args) => {
    init();
    log(...args);
  };
  Object.defineProperty(logger, 'enabled', {
    get() { init(); return enabled; }, configurable: true, enumerable: true,
  });
  return logger;
}

// --- parseArgs ----------------------------------------------------------------

const parseError = (code, message) => nodeError(TypeError, code, message);
const own = (o, k) => (o != null && hasOwn(o, k) ? o[k] : undefined);
const optionOf = (options, long, key) => (hasOwn(options, long) ? own(options[long], key) : undefined);
function longFor(short, options) {
  for (const long of Object.keys(options)) {
    if (own(options[long], 'short') === short) return long;
  }
  return short;
}
const isLoneShort = (a) => a.length === 2 && a[0] === '-' && a[1] !== '-';
const isLoneLong = (a) => a.length > 2 && a.startsWith('--') && !a.includes('=', 3);
const isLongAndValue = (a) => a.length > 2 && a.startsWith('--') && a.includes('=', 3);
const isOptionLike = (v) => v != null && v.length > 1 && v[0] === '-';
const isShortGroup = (a, options) => a.length > 2 && a[0] === '-' && a[1] !== '-' &&
  optionOf(options, longFor(a[1], options), 'type') !== 'string';
const isShortAndValue = (a, options) => a.length > 2 && a[0] === '-' && a[1] !== '-' &&
  optionOf(options, longFor(a[1], options), 'type') === 'string';

function tokenize(args, options) {
  const tokens = [];
  let index = -1;
  let grouped = 0;
  const rest = args.slice();
  while (rest.length > 0) {
    const arg = rest.shift();
    const next = rest[0];
    if (grouped > 0) grouped--;
    else index++;
    if (arg === '--') {
      tokens.push({ kind: 'option-terminator', index });
      for (const value of rest) tokens.push({ kind: 'positional', index: ++index, value });
      break;
    }
    if (isLoneShort(arg) || isLoneLong(arg)) {
      const name = isLoneShort(arg) ? longFor(arg[1], options) : arg.slice(2);
      let value;
      let inlineValue;
      if (optionOf(options, name, 'type') === 'string' && next != null) {
        value = rest.shift();
        inlineValue = false;
      }
      tokens.push({ kind: 'option', name, rawName: arg, index, value, inlineValue });
      if (value != null) ++index;
    } else if (isShortGroup(arg, options)) {
      const expanded = [];
      for (let i = 1; i < arg.length; i++) {
        const long = longFor(arg[i], options);
        if (optionOf(options, long, 'type') !== 'string' || i === arg.length - 1) {
          expanded.push(`-${arg[i]}`);
        } else {
          expanded.push(`-${arg.slice(i)}`);
          break;
        }
      }
      rest.unshift(...expanded);
      grouped = expanded.length;
    } else if (isShortAndValue(arg, options)) {
      tokens.push({ kind: 'option', name: longFor(arg[1], options), rawName: `-${arg[1]}`, index, value: arg.slice(2), inlineValue: true });
    } else if (isLongAndValue(arg)) {
      const eq = arg.indexOf('=');
      const name = arg.slice(2, eq);
      tokens.push({ kind: 'option', name, rawName: `--${name}`, index, value: arg.slice(eq + 1), inlineValue: true });
    } else {
      tokens.push({ kind: 'positional', index, value: arg });
    }
  }
  return tokens;
}

function checkUsage(config, token) {
  let name = token.name;
  if (!hasOwn(config.options, name)) {
    const negated = config.allowNegative && name.startsWith('no-') ? name.slice(3) : undefined;
    if (negated === undefined || !hasOwn(config.options, negated) || optionOf(config.options, negated, 'type') !== 'boolean') {
      const hint = config.allowPositionals
        ? `. To specify a positional argument starting with a '-', place it at the end of the command after '--', as in '-- ${JSON.stringify(token.rawName)}`
        : '';
      throw parseError('ERR_PARSE_ARGS_UNKNOWN_OPTION', `Unknown option '${token.rawName}'${hint}`);
    }
    name = negated;
  }
  const short = optionOf(config.options, name, 'short');
  const both = `${short ? `-${short}, ` : ''}--${name}`;
  const type = optionOf(config.options, name, 'type');
  if (type === 'string' && typeof token.value !== 'string') {
    throw parseError('ERR_PARSE_ARGS_INVALID_OPTION_VALUE', `Option '${both} <value>' argument missing`);
  }
  if (type === 'boolean' && token.value != null) {
    throw parseError('ERR_PARSE_ARGS_INVALID_OPTION_VALUE', `Option '${both}' does not take an argument`);
  }
  if (!token.inlineValue && isOptionLike(token.value)) {
    const example = token.rawName.startsWith('--')
      ? `'${token.rawName}=-XYZ'`
      : `'--${token.name}=-XYZ' or '${token.rawName}-XYZ'`;
    throw parseError('ERR_PARSE_ARGS_INVALID_OPTION_VALUE', `Option '${token.rawName}' argument is ambiguous.
Did you forget to specify the option argument for '${token.rawName}'?
To specify an option argument starting with a dash use ${example}.`);
  }
}

function validateArrayOf(value, name, type) {
  if (!Array.isArray(value)) throw invalidArgType(name, 'Array', value);
  for (let i = 0; i < value.length; i++) {
    if (typeof value[i] !== type) throw invalidArgType(`${name}[${i}]`, type, value[i]);
  }
}

function parseArgs(config = {}) {
  const args = own(config, 'args') ?? process.argv.slice(2);
  const strict = own(config, 'strict') ?? true;
  const allowPositionals = own(config, 'allowPositionals') ?? !strict;
  const returnTokens = own(config, 'tokens') ?? false;
  const allowNegative = own(config, 'allowNegative') ?? false;
  const options = own(config, 'options') ?? { __proto__: null };
  if (!Array.isArray(args)) throw invalidArgType('args', 'Array', args);
  validateBoolean(strict, 'strict');
  validateBoolean(allowPositionals, 'allowPositionals');
  validateBoolean(returnTokens, 'tokens');
  validateBoolean(allowNegative, 'allowNegative');
  validateObject(options, 'options');
  for (const [long, conf] of Object.entries(options)) {
    validateObject(conf, `options.${long}`);
    const type = own(conf, 'type');
    if (type !== 'string' && type !== 'boolean') {
      throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE',
        `The "options.${long}.type" property must be ('string|boolean').${describeReceived(type)}`);
    }
    if (hasOwn(conf, 'short')) {
      validateString(conf.short, `options.${long}.short`);
      if (conf.short.length !== 1) throw invalidArgValue(`options.${long}.short`, conf.short, 'must be a single character');
    }
    const multiple = own(conf, 'multiple');
    if (hasOwn(conf, 'multiple')) validateBoolean(multiple, `options.${long}.multiple`);
    const def = own(conf, 'default');
    if (def !== undefined) {
      if (multiple) validateArrayOf(def, `options.${long}.default`, type);
      else if (type === 'string') validateString(def, `options.${long}.default`);
      else validateBoolean(def, `options.${long}.default`);
    }
  }
  const tokens = tokenize(args, options);
  const result = { values: { __proto__: null }, positionals: [] };
  if (returnTokens) result.tokens = tokens;
  const config2 = { options, allowPositionals, allowNegative };
  for (const token of tokens) {
    if (token.kind === 'option') {
      if (strict) checkUsage(config2, token);
      let name = token.name;
      let value = token.value;
      if (name === '__proto__') continue;
      if (allowNegative && name.startsWith('no-') && value === undefined) {
        name = name.slice(3);
        token.name = name;
        value = false;
      }
      const stored = value ?? true;
      if (optionOf(options, name, 'multiple')) {
        if (result.values[name]) result.values[name].push(stored);
        else result.values[name] = [stored];
      } else {
        result.values[name] = stored;
      }
    } else if (token.kind === 'positional') {
      if (!allowPositionals) {
        throw parseError('ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL',
          `Unexpected argument '${token.value}'. This command does not take positional arguments`);
      }
      result.positionals.push(token.value);
    }
  }
  for (const [long, conf] of Object.entries(options)) {
    const def = own(conf, 'default');
    if (def !== undefined && result.values[long] === undefined && long !== '__proto__') result.values[long] = def;
  }
  return result;
}

// --- aborted, legacy ------------------------------------------------------------

async function aborted(signal, resource) {
  if (signal === undefined || signal === null || typeof signal !== 'object' || !(signal instanceof AbortSignal)) {
    throw invalidArgType('signal', 'AbortSignal', signal);
  }
  if (resource === null || (typeof resource !== 'object' && typeof resource !== 'function')) {
    throw invalidArgType('resource', 'Object', resource);
  }
  if (signal.aborted) return undefined;
  return new Promise((resolve) => {
    signal.addEventListener('abort', () => resolve(undefined), { once: true });
  });
}

// An AbortSignal structuredClone/postMessage may transfer (clone.js): the
// copy follows it, aborting in a later poll phase as node's.
const kTransferableSignal = Symbol.for('jsloop.transferableAbortSignal');
function transferableAbortSignal(signal) {
  if (signal === null || typeof signal !== 'object' || !(signal instanceof AbortSignal)) {
    throw invalidArgType('signal', 'AbortSignal', signal);
  }
  Object.defineProperty(signal, kTransferableSignal, { value: true, configurable: true });
  return signal;
}

function transferableAbortController() {
  const controller = new AbortController();
  transferableAbortSignal(controller.signal);
  return controller;
}

const pad = (n) => (n < 10 ? `0${n}` : `${n}`);
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
function log(...args) {
  const d = new Date();
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  console.log('%s - %s', `${d.getDate()} ${months[d.getMonth()]} ${time}`, util.formatList(args));
}

function isBuffer(value) {
  const B = globalThis.Buffer;
  return typeof B === 'function' && typeof B.isBuffer === 'function' ? B.isBuffer(value) : false;
}

function extend(target, source) {
  if (source === null || typeof source !== 'object') return target;
  const keys = Object.keys(source);
  let i = keys.length;
  while (i--) target[keys[i]] = source[keys[i]];
  return target;
}

const { TextEncoder, TextDecoder } = shared;

// --- system errors -----------------------------------------------------------
function getSystemErrorName(err) {
  if (typeof err !== 'number') throw invalidArgType('err', 'number', err);
  if (err >= 0 || !Number.isSafeInteger(err)) throw shared.outOfRange('err', 'a negative integer', err);
  const entry = shared.uvErrorMap().get(err);
  return entry !== undefined ? entry[0] : `Unknown system error ${err}`;
}

function getSystemErrorMap() {
  return new Map(Array.from(shared.uvErrorMap(), ([code, entry]) => [code, [...entry]]));
}

// Node's ErrnoException: `syscall CODE[ original]`.
function _errnoException(...args) {
  const [err, syscall, original] = args;
  const code = getSystemErrorName(err);
  const message = original ? `${syscall} ${code} ${original}` : `${syscall} ${code}`;
  const e = new Error(message);
  // As node 20: a stack of the header line only.
  Object.defineProperty(e, 'stack', { value: `Error: ${message}`, writable: true, configurable: true });
  e.errno = err;
  e.code = code;
  e.syscall = syscall;
  return e;
}

// Node's ExceptionWithHostPort: `syscall CODE address[:port][ - Local (additional)]`.
function _exceptionWithHostPort(...args) {
  const [err, syscall, address, port, additional] = args;
  const code = getSystemErrorName(err);
  let details = port && port > 0 ? `${address}:${port}` : address;
  if (additional) details += ` - Local (${additional})`;
  const e = new Error(`${syscall} ${code} ${details}`);
  if (typeof Error.captureStackTrace === 'function') Error.captureStackTrace(e, _exceptionWithHostPort);
  e.errno = err;
  e.code = code;
  e.syscall = syscall;
  e.address = address;
  if (port) e.port = port;
  return e;
}

// The .env parser is native (globals/node/dotenv.rs), shared with process.loadEnvFile.
function parseEnv(content) {
  validateString(content, 'content');
  return host.parseEnv(content);
}

const { MIMEType, MIMEParams } = shared.requireBuiltin('internal/mime');

// In node's order of keys.
return {
  _errnoException,
  _exceptionWithHostPort,
  _extend: extend,
  callbackify,
  debug: debuglog,
  debuglog,
  deprecate,
  format,
  styleText,
  formatWithOptions,
  getSystemErrorMap,
  getSystemErrorName,
  inherits,
  inspect,
  isArray: Array.isArray,
  isBoolean: (v) => typeof v === 'boolean',
  isBuffer,
  isDeepStrictEqual,
  isNull: (v) => v === null,
  isNullOrUndefined: (v) => v === null || v === undefined,
  isNumber: (v) => typeof v === 'number',
  isString: (v) => typeof v === 'string',
  isSymbol: (v) => typeof v === 'symbol',
  isUndefined: (v) => v === undefined,
  isRegExp: types.isRegExp,
  isObject: (v) => v !== null && typeof v === 'object',
  isDate: types.isDate,
  isError: (e) => ObjectToString(e) === '[object Error]' || e instanceof Error,
  isFunction: (v) => typeof v === 'function',
  isPrimitive: (v) => v === null || (typeof v !== 'object' && typeof v !== 'function'),
  log,
  promisify,
  stripVTControlCharacters,
  toUSVString,
  transferableAbortSignal,
  transferableAbortController,
  aborted,
  types,
  parseEnv,
  parseArgs,
  TextDecoder,
  TextEncoder,
  MIMEType,
  MIMEParams,
};
