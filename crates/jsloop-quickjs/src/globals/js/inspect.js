// util.inspect's formatting (defaults: depth 2, breakLength 80, compact 3,
// maxArrayLength 100, maxStringLength 10000), as console.log prints values;
// inspect(value, options) also honours showHidden, compact, breakLength,
// maxArrayLength, sorted, getters and customInspect.
// Validated against node by check-inspect.mjs.
// Evaluated as a function body: `host` may provide promiseState(p) ([state,
// result] or undefined for a non-promise) and proxyTarget(v) (undefined for a
// non-proxy, null for a revoked one, else the target).
// Every built-in is taken here, at load time (Node's primordials): a script
// replacing `Array.prototype.join` or `Object.keys` cannot break printing.
'use strict';
const uncurry = Function.prototype.bind.bind(Function.prototype.call);
const ArrayPrototypeIndexOf = uncurry(Array.prototype.indexOf);
const ReflectApply = Reflect.apply;
const StringCtor = String;
const NumberCtor = Number;
const MapCtor = Map;
const { isArray: ArrayIsArray } = Array;
const { isView: ArrayBufferIsView } = ArrayBuffer;
const { isNaN: NumberIsNaN, parseInt: NumberParseInt, parseFloat: NumberParseFloat } = Number;
const { min: MathMin, max: MathMax, sqrt: MathSqrt, round: MathRound, floor: MathFloor } = Math;
const JSONStringify = JSON.stringify;
const ReflectOwnKeys = Reflect.ownKeys;
const ArrayPrototypeSort = uncurry(Array.prototype.sort);
const ArrayPrototypeSlice = uncurry(Array.prototype.slice);
const {
  getPrototypeOf: ObjectGetPrototypeOf, getOwnPropertyDescriptor: ObjectGetOwnPropertyDescriptor,
  getOwnPropertyNames: ObjectGetOwnPropertyNames, getOwnPropertySymbols: ObjectGetOwnPropertySymbols,
  keys: ObjectKeys, is: ObjectIs, isExtensible: ObjectIsExtensible,
} = Object;
const ObjectPrototypeHasOwnProperty = uncurry(Object.prototype.hasOwnProperty);
const ObjectPrototypePropertyIsEnumerable = uncurry(Object.prototype.propertyIsEnumerable);
const ObjectPrototypeToString = uncurry(Object.prototype.toString);
const FunctionPrototypeToString = uncurry(Function.prototype.toString);
const FunctionPrototypeSymbolHasInstance = uncurry(Function.prototype[Symbol.hasInstance]);
const StringPrototypeCharCodeAt = uncurry(String.prototype.charCodeAt);
const StringPrototypeCodePointAt = uncurry(String.prototype.codePointAt);
const StringPrototypeIndexOf = uncurry(String.prototype.indexOf);
const StringPrototypeSlice = uncurry(String.prototype.slice);
const StringPrototypeStartsWith = uncurry(String.prototype.startsWith);
const StringPrototypeEndsWith = uncurry(String.prototype.endsWith);
const StringPrototypePadStart = uncurry(String.prototype.padStart);
const StringPrototypePadEnd = uncurry(String.prototype.padEnd);
const StringPrototypeRepeat = uncurry(String.prototype.repeat);
const StringPrototypeNormalize = uncurry(String.prototype.normalize);
const StringPrototypeToUpperCase = uncurry(String.prototype.toUpperCase);
const StringPrototypeToLowerCase = uncurry(String.prototype.toLowerCase);
const StringSplit = uncurry(String.prototype.split);
const StringPrototypeValueOf = uncurry(String.prototype.valueOf);
const NumberPrototypeToString = uncurry(Number.prototype.toString);
const NumberPrototypeValueOf = uncurry(Number.prototype.valueOf);
const BooleanPrototypeValueOf = uncurry(Boolean.prototype.valueOf);
const BigIntPrototypeValueOf = uncurry(BigInt.prototype.valueOf);
const SymbolPrototypeValueOf = uncurry(Symbol.prototype.valueOf);
const SymbolPrototypeToString = uncurry(Symbol.prototype.toString);
const RegExpPrototypeExec = uncurry(RegExp.prototype.exec);
const RegExpPrototypeToString = uncurry(RegExp.prototype.toString);
const RegExpPrototypeSymbolReplace = uncurry(RegExp.prototype[Symbol.replace]);
const ObjectDefineProperty = Object.defineProperty;
const RegExpPrototype = RegExp.prototype;
const RegExpPrototypeGetSource = uncurry(ObjectGetOwnPropertyDescriptor(RegExp.prototype, 'source').get);
const DatePrototypeGetTime = uncurry(Date.prototype.getTime);
const DatePrototypeToISOString = uncurry(Date.prototype.toISOString);
const MapPrototypeGet = uncurry(Map.prototype.get);
const MapPrototypeSet = uncurry(Map.prototype.set);
const MapPrototypeGetSize = uncurry(ObjectGetOwnPropertyDescriptor(Map.prototype, 'size').get);
const MapPrototypeEntries = uncurry(Map.prototype.entries);
const MapIteratorNext = uncurry(ObjectGetPrototypeOf(new Map().entries()).next);
const SetPrototypeGetSize = uncurry(ObjectGetOwnPropertyDescriptor(Set.prototype, 'size').get);
const SetPrototypeValues = uncurry(Set.prototype.values);
const SetIteratorNext = uncurry(ObjectGetPrototypeOf(new Set().values()).next);
const WeakMapPrototypeHas = uncurry(WeakMap.prototype.has);
const WeakSetPrototypeHas = uncurry(WeakSet.prototype.has);
const TypedArrayPrototype = ObjectGetPrototypeOf(Uint8Array.prototype);
const TypedArrayPrototypeGetLength = uncurry(ObjectGetOwnPropertyDescriptor(TypedArrayPrototype, 'length').get);
const TypedArrayPrototypeGetSymbolToStringTag =
  uncurry(ObjectGetOwnPropertyDescriptor(TypedArrayPrototype, Symbol.toStringTag).get);
const ArrayBufferPrototypeGetByteLength = uncurry(ObjectGetOwnPropertyDescriptor(ArrayBuffer.prototype, 'byteLength').get);
const DataViewPrototypeGetByteLength = uncurry(ObjectGetOwnPropertyDescriptor(DataView.prototype, 'byteLength').get);
const Uint8ArrayCtor = Uint8Array;
const ErrorCtor = Error;
const ErrorIsError = typeof Error.isError === 'function' ? Error.isError : () => false;
const SymbolFor = Symbol.for;
const SymbolToStringTag = Symbol.toStringTag;
const hostPromiseState = host && typeof host.promiseState === 'function' ? host.promiseState : undefined;
const hostProxyTarget = host && typeof host.proxyTarget === 'function' ? host.proxyTarget : undefined;

const kDepth = 2;
const kBreak = 80;
const kMaxArrayLength = 100;
const kMaxStringLength = 10000;
const kCustom = SymbolFor('nodejs.util.inspect.custom');
const kErrorCode = SymbolFor('jsloop.errorCode');

// util.inspect.colors and util.inspect.styles (mutable, read at each use,
// as node's): [open, close] SGR codes by name; the colour of each style.
const colors = { __proto__: null };
{
  const table = [
    ['reset', 0, 0], ['bold', 1, 22], ['dim', 2, 22], ['italic', 3, 23], ['underline', 4, 24], ['blink', 5, 25],
    ['inverse', 7, 27], ['hidden', 8, 28], ['strikethrough', 9, 29], ['doubleunderline', 21, 24],
    ['black', 30, 39], ['red', 31, 39], ['green', 32, 39], ['yellow', 33, 39], ['blue', 34, 39],
    ['magenta', 35, 39], ['cyan', 36, 39], ['white', 37, 39], ['bgBlack', 40, 49], ['bgRed', 41, 49],
    ['bgGreen', 42, 49], ['bgYellow', 43, 49], ['bgBlue', 44, 49], ['bgMagenta', 45, 49], ['bgCyan', 46, 49],
    ['bgWhite', 47, 49], ['framed', 51, 54], ['overlined', 53, 55], ['gray', 90, 39], ['redBright', 91, 39],
    ['greenBright', 92, 39], ['yellowBright', 93, 39], ['blueBright', 94, 39], ['magentaBright', 95, 39],
    ['cyanBright', 96, 39], ['whiteBright', 97, 39], ['bgGray', 100, 49], ['bgRedBright', 101, 49],
    ['bgGreenBright', 102, 49], ['bgYellowBright', 103, 49], ['bgBlueBright', 104, 49],
    ['bgMagentaBright', 105, 49], ['bgCyanBright', 106, 49], ['bgWhiteBright', 107, 49],
  ];
  for (let i = 0; i < table.length; i++) colors[table[i][0]] = [table[i][1], table[i][2]];
  // Aliases: non-enumerable accessors of the canonical entry.
  const aliases = [
    ['gray', 'grey'], ['gray', 'blackBright'], ['bgGray', 'bgGrey'], ['bgGray', 'bgBlackBright'], ['dim', 'faint'],
    ['strikethrough', 'crossedout'], ['strikethrough', 'strikeThrough'], ['strikethrough', 'crossedOut'],
    ['hidden', 'conceal'], ['inverse', 'swapColors'], ['inverse', 'swapcolors'], ['doubleunderline', 'doubleUnderline'],
  ];
  for (let i = 0; i < aliases.length; i++) {
    const from = aliases[i][0];
    ObjectDefineProperty(colors, aliases[i][1], {
      get() { return this[from]; }, set(v) { this[from] = v; }, configurable: true, enumerable: false,
    });
  }
}
const styles = {
  __proto__: null, special: 'cyan', number: 'yellow', bigint: 'yellow', boolean: 'yellow', undefined: 'grey',
  null: 'bold', string: 'green', symbol: 'green', date: 'magenta', regexp: 'red', module: 'underline',
};
function stylizeWithColor(str, styleType) {
  const style = styles[styleType];
  if (style !== undefined) {
    const color = colors[style];
    if (color !== undefined) return `\u001b[${color[0]}m${str}\u001b[${color[1]}m`;
  }
  return str;
}
function stylizeNoColor(str) {
  return str;
}
// SGR sequences, left out of widths when colouring.
function removeColors(str) {
  return RegExpPrototypeSymbolReplace(/\u001b\[\d\d?m/g, str, '');
}

function push(list, item) {
  list[list.length] = item;
}

function join(list, separator) {
  let out = '';
  for (let i = 0; i < list.length; i++) out += i === 0 ? list[i] : separator + list[i];
  return out;
}

function includes(list, item) {
  for (let i = 0; i < list.length; i++) if (list[i] === item) return true;
  return false;
}

function replaceAll(str, find, replacement) {
  let at = StringPrototypeIndexOf(str, find);
  if (at === -1) return str;
  let out = '';
  let last = 0;
  while (at !== -1) {
    out += StringPrototypeSlice(str, last, at) + replacement;
    last = at + find.length;
    at = StringPrototypeIndexOf(str, find, last);
  }
  return out + StringPrototypeSlice(str, last);
}

function indent(str, ctx) {
  return replaceAll(str, '\n', `\n${StringPrototypeRepeat(' ', ctx.indentationLvl)}`);
}

function isDigit(c) {
  return c >= 48 && c <= 57;
}

// A canonical array index: '0' or digits without a leading zero, below 2**32 - 1.
function isIndexKey(key) {
  const len = key.length;
  if (len === 0 || len > 10) return false;
  const first = StringPrototypeCharCodeAt(key, 0);
  if (!isDigit(first) || (first === 48 && len > 1)) return false;
  for (let i = 1; i < len; i++) if (!isDigit(StringPrototypeCharCodeAt(key, i))) return false;
  return len < 10 || NumberCtor(key) < 4294967295;
}

function isIdentifier(key) {
  if (key.length === 0) return false;
  for (let i = 0; i < key.length; i++) {
    const c = StringPrototypeCharCodeAt(key, i);
    const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
    if (!letter && (i === 0 || !isDigit(c))) return false;
  }
  return true;
}

// Brand checks read internal slots, never the prototype chain (which a Proxy
// or a replaced `Symbol.hasInstance` could hook).
function hasSlot(check, value) {
  try {
    check(value);
    return true;
  } catch {
    return false;
  }
}
// With the host's classId (the engine's class of an object), a brand check
// is one native call; without it (check-inspect.mjs under node), a call
// that throws for other objects (slow: each throw builds a stack trace).
const hostClassId = host && typeof host.classId === 'function' ? host.classId : undefined;
function brand(sample, check) {
  if (hostClassId === undefined) return (v) => hasSlot(check, v);
  const id = hostClassId(sample);
  return (v) => hostClassId(v) === id;
}
const isMap = brand(new MapCtor(), MapPrototypeGetSize);
const isSet = brand(new Set(), SetPrototypeGetSize);
const isWeakMap = brand(new WeakMap(), (x) => WeakMapPrototypeHas(x, {}));
const isWeakSet = brand(new WeakSet(), (x) => WeakSetPrototypeHas(x, {}));
const isDate = brand(new Date(0), DatePrototypeGetTime);
const isRegExpBrand = brand(/a/, RegExpPrototypeGetSource);
const isRegExp = (v) => v !== RegExpPrototype && isRegExpBrand(v);
const isArrayBuffer = brand(new ArrayBuffer(0), ArrayBufferPrototypeGetByteLength);
const isDataView = brand(new DataView(new ArrayBuffer(0)), DataViewPrototypeGetByteLength);
const isTypedArray = (v) => TypedArrayPrototypeGetSymbolToStringTag(v) !== undefined;
const isPromise = (v) => hostPromiseState !== undefined && hostPromiseState(v) !== undefined;
const isError = (v) => ErrorIsError(v) || FunctionPrototypeSymbolHasInstance(ErrorCtor, v);

// [name, primitive] of a boxed primitive, or undefined.
const boxedKinds = [['Number', NumberPrototypeValueOf, Object(0)], ['String', StringPrototypeValueOf, Object('')],
  ['Boolean', BooleanPrototypeValueOf, Object(false)], ['BigInt', BigIntPrototypeValueOf, Object(0n)],
  ['Symbol', SymbolPrototypeValueOf, Object(Symbol.iterator)]];
const boxedIds = hostClassId === undefined ? undefined : boxedKinds.map((k) => hostClassId(k[2]));
function boxedPrimitive(v) {
  if (boxedIds !== undefined) {
    const i = ArrayPrototypeIndexOf(boxedIds, hostClassId(v));
    return i === -1 ? undefined : [boxedKinds[i][0], boxedKinds[i][1](v)];
  }
  for (let i = 0; i < boxedKinds.length; i++) {
    try {
      return [boxedKinds[i][0], boxedKinds[i][1](v)];
    } catch {
      // not this kind
    }
  }
  return undefined;
}

function hex(code, width) {
  return StringPrototypePadStart(NumberPrototypeToString(code, 16), width, '0');
}

// Node's strEscape: the quote not used in `str`, control characters as \xHH,
// lone surrogates as \uhhhh. `str` is at most kMaxStringLength long.
function quote(str) {
  let q = 39; // '
  if (StringPrototypeIndexOf(str, "'") !== -1) {
    if (StringPrototypeIndexOf(str, '"') === -1) q = 34;
    else if (StringPrototypeIndexOf(str, '`') === -1 && StringPrototypeIndexOf(str, '${') === -1) q = 96;
  }
  let out = '';
  let last = 0;
  for (let i = 0; i < str.length; i++) {
    const c = StringPrototypeCharCodeAt(str, i);
    let esc;
    if (c === q || c === 92) esc = `\\${str[i]}`;
    else if (c === 10) esc = '\\n';
    else if (c === 9) esc = '\\t';
    else if (c === 13) esc = '\\r';
    else if (c === 8) esc = '\\b';
    else if (c === 12) esc = '\\f';
    else if (c === 11) esc = '\\v';
    else if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) esc = `\\x${StringPrototypeToUpperCase(hex(c, 2))}`;
    else if (c >= 0xd800 && c <= 0xdfff) {
      const next = i + 1 < str.length ? StringPrototypeCharCodeAt(str, i + 1) : 0;
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      esc = `\\u${hex(c, 4)}`;
    } else continue;
    out += StringPrototypeSlice(str, last, i) + esc;
    last = i + 1;
  }
  const body = last === 0 ? str : out + StringPrototypeSlice(str, last);
  const mark = q === 39 ? "'" : q === 34 ? '"' : '`';
  return mark + body + mark;
}

function formatNumber(n, fn = stylizeNoColor) {
  return fn(ObjectIs(n, -0) ? '-0' : StringCtor(n), 'number');
}

function fnBase(fn) {
  const src = FunctionPrototypeToString(fn);
  if (StringPrototypeStartsWith(src, 'class') && RegExpPrototypeExec(/^class\b/, src) !== null) {
    let s = `[class ${fn.name || '(anonymous)'}`;
    const sup = ObjectGetPrototypeOf(fn);
    if (sup && sup.name) s += ` extends ${sup.name}`;
    return s + ']';
  }
  let type = 'Function';
  const proto = ObjectGetPrototypeOf(fn);
  const ctor = proto ? proto.constructor?.name : undefined;
  if (ctor === 'AsyncFunction') type = 'AsyncFunction';
  else if (ctor === 'GeneratorFunction') type = 'GeneratorFunction';
  else if (ctor === 'AsyncGeneratorFunction') type = 'AsyncGeneratorFunction';
  return fn.name ? `[${type}: ${fn.name}]` : `[${type} (anonymous)]`;
}

function errorBase(err) {
  const name = err.name ?? 'Error';
  const message = err.message ?? '';
  let head = message === '' ? StringCtor(name) : `${name}: ${message}`;
  const code = err[kErrorCode];
  if (code) head = `${name} [${code}]: ${message}`;
  let stack = err.stack;
  stack = typeof stack === 'string' ? stack : '';
  let end = stack.length;
  while (end > 0 && StringPrototypeCharCodeAt(stack, end - 1) === 10) end--;
  stack = StringPrototypeSlice(stack, 0, end);
  if (stack === '') stack = head;
  stack = improveStack(stack, ctorName(err), StringCtor(name));
  // As node: a stack without frames (after the message) is wrapped in brackets.
  let pos = (err.message && StringPrototypeIndexOf(stack, err.message)) || -1;
  if (pos !== -1) pos += err.message.length;
  if (StringPrototypeIndexOf(stack, '\n    at', pos) === -1) stack = `[${stack}]`;
  return stack;
}

// With colours, as node: frames of built-in modules in grey; in a user
// frame, the working directory in grey and package names underlined.
function markStack(ctx, stack) {
  const at = StringPrototypeIndexOf(stack, '\n    at ');
  if (at === -1) return stack;
  let cwd;
  try {
    const process = globalThis.process;
    cwd = process !== undefined && typeof process.cwd === 'function' ? process.cwd() : undefined;
  } catch {
    cwd = undefined;
  }
  const lines = StringSplit(StringPrototypeSlice(stack, at + 1), '\n');
  let out = StringPrototypeSlice(stack, 0, at);
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i];
    if (RegExpPrototypeExec(/^ {4}at (?:[^/\\(]+ \(|)(?:node|jsloop):.+\)?$/, line) !== null) {
      out += `\n${ctx.stylize(line, 'undefined')}`;
      continue;
    }
    line = markPackages(ctx, line);
    if (cwd !== undefined) line = markCwd(ctx, line, cwd);
    out += `\n${line}`;
  }
  return out;
}

// `node_modules/NAME/` segments with NAME in the 'module' style.
function markPackages(ctx, line) {
  let out = '';
  let from = 0;
  for (;;) {
    let at = StringPrototypeIndexOf(line, '/node_modules/', from);
    if (at === -1) break;
    at += 14;
    const end = StringPrototypeIndexOf(line, '/', at);
    if (end === -1 || end === at) break;
    out += StringPrototypeSlice(line, from, at) + ctx.stylize(StringPrototypeSlice(line, at, end), 'module');
    from = end;
  }
  return from === 0 ? line : out + StringPrototypeSlice(line, from);
}

// The working directory (with a `(` before it, `file://` and the `/` after
// it; and the closing `)`) in the 'undefined' style.
function markCwd(ctx, line, cwd) {
  let start = StringPrototypeIndexOf(line, cwd);
  if (start === -1) return line;
  let length = cwd.length;
  if (StringPrototypeSlice(line, start - 7, start) === 'file://') {
    start -= 7;
    length += 7;
  }
  const open = line[start - 1] === '(' ? start - 1 : start;
  const closes = open !== start && StringPrototypeEndsWith(line, ')');
  const after = start + length + 1;
  const rest = StringPrototypeSlice(line, after, closes ? line.length - 1 : line.length);
  return StringPrototypeSlice(line, 0, open) + ctx.stylize(StringPrototypeSlice(line, open, after), 'undefined') + rest +
    (closes ? ctx.stylize(')', 'undefined') : '');
}

// Node's improveStack: names the constructor when the stack does not.
function improveStack(stack, ctor, name) {
  let len = name.length;
  if (ctor === null || (StringPrototypeEndsWith(name, 'Error') && StringPrototypeStartsWith(stack, name) &&
      (stack.length === len || stack[len] === ':' || stack[len] === '\n'))) {
    let fallback = 'Error';
    if (ctor === null) {
      const start = RegExpPrototypeExec(/^([A-Z][a-z_ A-Z0-9[\]()-]+)(?::|\n\s+at)/, stack) ||
        RegExpPrototypeExec(/^([a-z_A-Z0-9-]*Error)$/, stack);
      fallback = (start && start[1]) || '';
      len = fallback.length;
      fallback = fallback || 'Error';
    }
    const prefix = ctor === null ? `[${fallback}: null prototype]` : ctor;
    if (name !== prefix) {
      if (StringPrototypeIndexOf(prefix, name) !== -1) {
        stack = len === 0 ? `${prefix}: ${stack}` : `${prefix}${StringPrototypeSlice(stack, len)}`;
      } else {
        stack = `${prefix} [${name}]${StringPrototypeSlice(stack, len)}`;
      }
    }
  }
  return stack;
}

function keyString(k) {
  if (typeof k === 'symbol') return `[${SymbolPrototypeToString(k)}]`;
  return isIdentifier(k) ? k : quote(k);
}

function ctorName(obj) {
  let proto = ObjectGetPrototypeOf(obj);
  if (proto === null) return null;
  while (proto) {
    const d = ObjectGetOwnPropertyDescriptor(proto, 'constructor');
    if (d && typeof d.value === 'function' && d.value.name !== '') return d.value.name;
    proto = ObjectGetPrototypeOf(proto);
  }
  return null;
}

// Node's getStringWidth without ICU: full-width code points count 2,
// zero-width ones 0.
function isFullWidth(code) {
  return code >= 0x1100 && (code <= 0x115f || code === 0x2329 || code === 0x232a ||
    (code >= 0x2e80 && code <= 0x3247 && code !== 0x303f) || (code >= 0x3250 && code <= 0x4dbf) ||
    (code >= 0x4e00 && code <= 0xa4c6) || (code >= 0xa960 && code <= 0xa97c) ||
    (code >= 0xac00 && code <= 0xd7a3) || (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe10 && code <= 0xfe19) || (code >= 0xfe30 && code <= 0xfe6b) ||
    (code >= 0xff01 && code <= 0xff60) || (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x1b000 && code <= 0x1b001) || (code >= 0x1f200 && code <= 0x1f251) ||
    (code >= 0x1f300 && code <= 0x1f64f) || (code >= 0x20000 && code <= 0x3fffd));
}

function isZeroWidth(code) {
  return code <= 0x1f || (code >= 0x7f && code <= 0x9f) || (code >= 0x300 && code <= 0x36f) ||
    (code >= 0x200b && code <= 0x200f) || (code >= 0x20d0 && code <= 0x20ff) ||
    (code >= 0xfe00 && code <= 0xfe0f) || (code >= 0xfe20 && code <= 0xfe2f) ||
    (code >= 0xe0100 && code <= 0xe01ef);
}

function stringWidth(str) {
  let width = 0;
  for (let i = 0; i < str.length; i++) {
    if (StringPrototypeCharCodeAt(str, i) >= 127) {
      const rest = StringPrototypeNormalize(StringPrototypeSlice(str, i), 'NFC');
      for (let j = 0; j < rest.length; j++) {
        const code = StringPrototypeCodePointAt(rest, j);
        if (code > 0xffff) j++;
        if (isFullWidth(code)) width += 2;
        else if (!isZeroWidth(code)) width++;
      }
      break;
    }
    width += StringPrototypeCharCodeAt(str, i) >= 32 ? 1 : 0;
  }
  return width;
}

function isBelowBreakLength(ctx, output, start, base) {
  let total = output.length + start;
  if (total + output.length > ctx.breakLength) return false;
  for (let i = 0; i < output.length; i++) {
    total += ctx.colors ? removeColors(output[i]).length : output[i].length;
    if (total > ctx.breakLength) return false;
  }
  return base === '' || StringPrototypeIndexOf(base, '\n') === -1;
}

function groupArrayElements(ctx, output, value) {
  let totalLength = 0;
  let maxLength = 0;
  let i = 0;
  let outputLength = output.length;
  // Leaves out the "... more items" entry (or, as Node does, the last entry
  // whenever the output is longer than maxArrayLength).
  if (ctx.maxArrayLength < output.length) outputLength--;
  const separatorSpace = 2;
  const dataLen = [];
  for (; i < outputLength; i++) {
    const len = stringWidth(ctx.colors ? removeColors(output[i]) : output[i]);
    dataLen[i] = len;
    totalLength += len + separatorSpace;
    if (maxLength < len) maxLength = len;
  }
  const actualMax = maxLength + separatorSpace;
  if (actualMax * 3 + ctx.indentationLvl < ctx.breakLength &&
      (totalLength / actualMax > 5 || maxLength <= 6)) {
    const approxCharHeights = 2.5;
    const averageBias = MathSqrt(actualMax - totalLength / output.length);
    const biasedMax = MathMax(actualMax - 3 - averageBias, 1);
    const columns = MathMin(
      MathRound(MathSqrt(approxCharHeights * biasedMax * outputLength) / biasedMax),
      MathFloor((ctx.breakLength - ctx.indentationLvl) / actualMax),
      ctx.compact * 4,
      15,
    );
    if (columns <= 1) return output;
    const tmp = [];
    const maxLineLength = [];
    for (let c = 0; c < columns; c++) {
      let lineLength = 0;
      for (let j = c; j < output.length; j += columns) {
        if (dataLen[j] > lineLength) lineLength = dataLen[j];
      }
      push(maxLineLength, lineLength + separatorSpace);
    }
    let order = StringPrototypePadStart;
    if (value !== undefined) {
      for (let k = 0; k < output.length; k++) {
        const item = value[k];
        if (typeof item !== 'number' && typeof item !== 'bigint') {
          order = StringPrototypePadEnd;
          break;
        }
      }
    }
    for (let k = 0; k < outputLength; k += columns) {
      const max = MathMin(k + columns, outputLength);
      let str = '';
      let j = k;
      for (; j < max - 1; j++) {
        const padding = maxLineLength[j - k] + output[j].length - dataLen[j];
        str += order(`${output[j]}, `, padding, ' ');
      }
      if (order === StringPrototypePadStart) {
        const padding = maxLineLength[j - k] + output[j].length - dataLen[j] - separatorSpace;
        str += StringPrototypePadStart(output[j], padding, ' ');
      } else {
        str += output[j];
      }
      push(tmp, str);
    }
    if (ctx.maxArrayLength < output.length) push(tmp, output[outputLength]);
    output = tmp;
  }
  return output;
}

function reduceToSingleString(ctx, output, base, braces, isArrayLike, recurseTimes, value) {
  if (ctx.compact === true) {
    if (isBelowBreakLength(ctx, output, 0, base)) {
      return `${braces[0]}${base ? ` ${base}` : ''} ${join(output, ', ')} ${braces[1]}`;
    }
    const ind = `\n${StringPrototypeRepeat(' ', ctx.indentationLvl)}`;
    const ln = base === '' && braces[0].length === 1 ? ' ' : `${base ? ` ${base}` : ''}\n${ind}  `;
    return `${braces[0]}${ln}${join(output, `,${ind}  `)} ${braces[1]}`;
  }
  if (typeof ctx.compact === 'number' && ctx.compact >= 1) {
    const entries = output.length;
    if (isArrayLike && entries > 6) output = groupArrayElements(ctx, output, value);
    if (ctx.currentDepth - recurseTimes < ctx.compact && entries === output.length) {
      const start = output.length + ctx.indentationLvl + braces[0].length + base.length + 10;
      if (isBelowBreakLength(ctx, output, start, base)) {
        const joined = join(output, ', ');
        if (StringPrototypeIndexOf(joined, '\n') === -1) {
          return `${base ? `${base} ` : ''}${braces[0]} ${joined} ${braces[1]}`;
        }
      }
    }
  }
  const ind = `\n${StringPrototypeRepeat(' ', ctx.indentationLvl)}`;
  return `${base ? `${base} ` : ''}${braces[0]}${ind}  ${join(output, `,${ind}  `)}${ind}${braces[1]}`;
}

function formatPrimitive(v, fn = stylizeNoColor) {
  switch (typeof v) {
    case 'string': {
      if (v.length <= kMaxStringLength) return fn(quote(v), 'string');
      const remaining = v.length - kMaxStringLength;
      return `${fn(quote(StringPrototypeSlice(v, 0, kMaxStringLength)), 'string')}... ${remaining} more character${remaining > 1 ? 's' : ''}`;
    }
    case 'number': return formatNumber(v, fn);
    case 'bigint': return fn(`${v}n`, 'bigint');
    case 'boolean': return fn(v ? 'true' : 'false', 'boolean');
    case 'undefined': return fn('undefined', 'undefined');
    case 'symbol': return fn(SymbolPrototypeToString(v), 'symbol');
  }
  return StringCtor(v);
}

function formatProperty(ctx, obj, key, recurseTimes, isArrayItem) {
  const desc = ObjectGetOwnPropertyDescriptor(obj, key) || { value: obj[key], enumerable: true };
  let str;
  if (desc.value !== undefined || (desc.get === undefined && desc.set === undefined)) {
    ctx.indentationLvl += 2;
    str = formatValue(ctx, desc.value, recurseTimes);
    ctx.indentationLvl -= 2;
  } else if (desc.get !== undefined) {
    const label = desc.set !== undefined ? 'Getter/Setter' : 'Getter';
    const getters = ctx.getters;
    const s = ctx.stylize;
    if (getters === true || (getters === 'get' && desc.set === undefined) || (getters === 'set' && desc.set !== undefined)) {
      try {
        const got = ReflectApply(desc.get, obj, []);
        ctx.indentationLvl += 2;
        if (got === null) str = `${s(`[${label}:`, 'special')} ${s('null', 'null')}${s(']', 'special')}`;
        else if (typeof got === 'object') str = `${s(`[${label}]`, 'special')} ${formatValue(ctx, got, recurseTimes)}`;
        else str = `${s(`[${label}:`, 'special')} ${formatPrimitive(got, s)}${s(']', 'special')}`;
        ctx.indentationLvl -= 2;
      } catch (err) {
        str = `${s(`[${label}:`, 'special')} <Inspection threw (${err.message})>${s(']', 'special')}`;
      }
    } else {
      str = s(`[${label}]`, 'special');
    }
  } else {
    str = ctx.stylize('[Setter]', 'special');
  }
  if (isArrayItem) return str;
  if (typeof key === 'symbol') return `[${ctx.stylize(SymbolPrototypeToString(key), 'symbol')}]: ${str}`;
  if (key === '__proto__') return `['__proto__']: ${str}`;
  if (desc.enumerable === false) return `[${key}]: ${str}`;
  return `${isIdentifier(key) ? key : ctx.stylize(quote(key), 'string')}: ${str}`;
}

function formatValue(ctx, value, recurseTimes) {
  if (value === null) return ctx.stylize('null', 'null');
  if (typeof value !== 'object' && typeof value !== 'function') return formatPrimitive(value, ctx.stylize);
  const context = value;
  // As Node: a Proxy prints its target, without running any trap.
  if (hostProxyTarget !== undefined) {
    const target = hostProxyTarget(value);
    if (target === null) return ctx.stylize('<Revoked Proxy>', 'special');
    if (target !== undefined) value = target;
  } else if (isRevokedProxy(value)) {
    return ctx.stylize('<Revoked Proxy>', 'special');
  }
  if (includes(ctx.seen, value)) {
    let index = 1;
    if (ctx.circular === undefined) {
      ctx.circular = new MapCtor();
      MapPrototypeSet(ctx.circular, value, index);
    } else {
      index = MapPrototypeGet(ctx.circular, value);
      if (index === undefined) {
        index = MapPrototypeGetSize(ctx.circular) + 1;
        MapPrototypeSet(ctx.circular, value, index);
      }
    }
    return ctx.stylize(`[Circular *${index}]`, 'special');
  }
  const custom = ctx.customInspect ? value[kCustom] : undefined;
  if (typeof custom === 'function' && custom !== inspect) {
    const depth = ctx.depth - recurseTimes;
    // As Node's: the user's options (`depth` as configured, not what is left).
    const options = {
      stylize: ctx.stylize, depth: ctx.depth, colors: ctx.colors, breakLength: ctx.breakLength, compact: ctx.compact, showHidden: ctx.showHidden,
      maxArrayLength: ctx.maxArrayLength, sorted: ctx.sorted, getters: ctx.getters, customInspect: ctx.customInspect,
    };
    const ret = ReflectApply(custom, context, [depth, options, inspect]);
    if (ret !== context) {
      if (typeof ret !== 'string') return formatValue(ctx, ret, recurseTimes);
      return indent(ret, ctx);
    }
  }
  return formatRaw(ctx, value, recurseTimes);
}

// Only a revoked Proxy makes Array.isArray throw; no trap runs.
function isRevokedProxy(value) {
  try {
    ArrayIsArray(value);
    return false;
  } catch {
    return true;
  }
}

// Own enumerable symbols (all of them with showHidden).
function ownSymbols(ctx, value) {
  const all = ObjectGetOwnPropertySymbols(value);
  if (ctx.showHidden) return all;
  const out = [];
  for (let i = 0; i < all.length; i++) if (ObjectPrototypePropertyIsEnumerable(value, all[i])) push(out, all[i]);
  return out;
}

// Own string keys that are not array indices, in Object.keys order (all own
// names with showHidden). Without showHidden this walks `for...in` rather
// than Object.keys: QuickJS enumerates a dense array's indices lazily there,
// so memory stays constant whatever the length (the walk itself still
// visits every present element: the engine exposes no key list without the
// indices).
function ownNonIndexKeys(ctx, value) {
  const out = [];
  if (ctx.showHidden) {
    const names = ObjectGetOwnPropertyNames(value);
    for (let i = 0; i < names.length; i++) if (!isIndexKey(names[i])) push(out, names[i]);
    return out;
  }
  let indices = true;
  for (const key in value) {
    // Index keys come first, in ascending order; the first other key ends them.
    if (indices) {
      const c = StringPrototypeCharCodeAt(key, 0);
      if (c >= 48 && c <= 57 && isIndexKey(key)) continue;
      indices = false;
    }
    if (ObjectPrototypeHasOwnProperty(value, key) && !isIndexKey(key)) push(out, key);
  }
  return out;
}

function moreItems(remaining) {
  return `... ${remaining} more item${remaining > 1 ? 's' : ''}`;
}

function emptyItems(ctx, count) {
  return ctx.stylize(`<${count} empty item${count > 1 ? 's' : ''}>`, 'undefined');
}

function withoutIndexKeys(keys) {
  const out = [];
  for (let i = 0; i < keys.length; i++) if (!isIndexKey(keys[i])) push(out, keys[i]);
  return out;
}

function formatRaw(ctx, value, recurseTimes) {
  let keys;
  const symbols = ownSymbols(ctx, value);
  const ctor = ctorName(value);
  let tag = value[SymbolToStringTag];
  if (typeof tag !== 'string' || (tag !== '' && ObjectPrototypePropertyIsEnumerable(value, SymbolToStringTag))) tag = '';
  // Node's getPrefix.
  const prefixOf = (fallback, size = '') => {
    if (ctor === null) {
      return tag !== '' && fallback !== tag ? `[${fallback}${size}: null prototype] [${tag}] ` : `[${fallback}${size}: null prototype] `;
    }
    return tag !== '' && ctor !== tag ? `${ctor}${size} [${tag}] ` : `${ctor}${size} `;
  };
  const allKeys = () => (ctx.showHidden ? ObjectGetOwnPropertyNames(value) : ObjectKeys(value));
  let base = '';
  let braces;
  let formatter = null;
  let isArrayLike = false;
  if (ArrayIsArray(value)) {
    const prefix = ctor !== 'Array' || tag !== '' ? prefixOf('Array', `(${value.length})`) : '';
    keys = ownNonIndexKeys(ctx, value);
    braces = [`${prefix}[`, ']'];
    if (value.length === 0 && keys.length === 0 && symbols.length === 0) return `${braces[0]}]`;
    isArrayLike = true;
    formatter = formatArray;
  } else if (isMap(value)) {
    const size = MapPrototypeGetSize(value);
    keys = allKeys();
    braces = [`${prefixOf('Map', `(${size})`)}{`, '}'];
    if (size === 0 && keys.length === 0 && symbols.length === 0) return `${braces[0]}}`;
    formatter = formatMap;
  } else if (isSet(value)) {
    const size = SetPrototypeGetSize(value);
    keys = allKeys();
    braces = [`${prefixOf('Set', `(${size})`)}{`, '}'];
    if (size === 0 && keys.length === 0 && symbols.length === 0) return `${braces[0]}}`;
    formatter = formatSet;
  } else if (isTypedArray(value)) {
    const length = TypedArrayPrototypeGetLength(value);
    const fallback = ctor ?? TypedArrayPrototypeGetSymbolToStringTag(value);
    keys = ownNonIndexKeys(ctx, value);
    braces = [`${prefixOf(fallback, `(${length})`)}[`, ']'];
    if (length === 0 && keys.length === 0 && symbols.length === 0) return `${braces[0]}]`;
    isArrayLike = true;
    formatter = formatTyped;
  } else if (isArrayBuffer(value)) {
    keys = allKeys();
    const byteLength = ArrayBufferPrototypeGetByteLength(value);
    const view = new Uint8ArrayCtor(value, 0, MathMin(ctx.maxArrayLength, byteLength));
    let bytes = '';
    for (let i = 0; i < view.length; i++) bytes += (i === 0 ? '' : ' ') + hex(view[i], 2);
    const rest = byteLength - ctx.maxArrayLength;
    const more = rest > 0 ? ` ... ${rest} more byte${rest > 1 ? 's' : ''}` : '';
    braces = [`${ctor ?? '[ArrayBuffer: null prototype]'} {`, '}'];
    formatter = () => [
      `${ctx.stylize('[Uint8Contents]', 'special')}: <${bytes}${more}>`, `byteLength: ${formatNumber(byteLength, ctx.stylize)}`,
    ];
  } else if (typeof value === 'function') {
    base = fnBase(value);
    keys = allKeys();
    if (!ctx.showHidden) {
      const own = keys;
      keys = [];
      for (let i = 0; i < own.length; i++) if (own[i] !== 'prototype') push(keys, own[i]);
    }
    if (keys.length === 0 && symbols.length === 0) return ctx.stylize(base, 'special');
    braces = ['{', '}'];
  } else if (isRegExp(value)) {
    keys = allKeys();
    base = RegExpPrototypeToString(value);
    if (keys.length === 0 && symbols.length === 0) return ctx.stylize(base, 'regexp');
    braces = ['{', '}'];
  } else if (isDate(value)) {
    keys = allKeys();
    base = NumberIsNaN(DatePrototypeGetTime(value)) ? 'Invalid Date' : DatePrototypeToISOString(value);
    if (keys.length === 0 && symbols.length === 0) return ctx.stylize(base, 'date');
    braces = ['{', '}'];
  } else if (isError(value)) {
    base = errorBase(value);
    if (ctx.colors) base = markStack(ctx, base);
    const own = allKeys();
    // QuickJS makes an assigned stack an enumerable own property; V8 never lists it.
    keys = [];
    for (let i = 0; i < own.length; i++) {
      const k = own[i];
      if (k === 'stack') continue;
      if ((k === 'name' || k === 'message') && typeof value[k] === 'string' &&
        StringPrototypeIndexOf(base, value[k]) !== -1) continue;
      push(keys, k);
    }
    if ('cause' in value && !includes(keys, 'cause')) push(keys, 'cause');
    if (ArrayIsArray(value.errors) && !includes(keys, 'errors')) push(keys, 'errors');
    if (ctx.indentationLvl !== 0) base = indent(base, ctx);
    if (keys.length === 0 && symbols.length === 0) return base;
    braces = ['{', '}'];
  } else if (isPromise(value)) {
    keys = allKeys();
    braces = [`${prefixOf('Promise')}{`, '}'];
    formatter = formatPromise;
  } else if (isWeakMap(value) || isWeakSet(value)) {
    return `${ctor} { ${ctx.stylize('<items unknown>', 'special')} }`;
  } else if (isModuleNamespace(value, ctor, tag)) {
    keys = [];
    braces = [`${prefixOf('Module')}{`, '}'];
    formatter = formatNamespace;
  } else {
    keys = allKeys();
    const boxed = boxedPrimitive(value);
    if (boxed !== undefined) {
      base = `[${boxed[0]}: ${formatPrimitive(boxed[1])}]`;
      if (boxed[0] === 'String') keys = withoutIndexKeys(keys);
      if (keys.length === 0 && symbols.length === 0) return ctx.stylize(base, StringPrototypeToLowerCase(boxed[0]));
      braces = ['{', '}'];
    } else {
      let prefix = ctor === 'Object' && tag === '' ? '' : prefixOf('Object');
      if (ctor === 'Object' && ObjectPrototypeToString(value) === '[object Arguments]') prefix = '[Arguments] ';
      braces = [`${prefix}{`, '}'];
      if (keys.length === 0 && symbols.length === 0) return `${braces[0]}}`;
    }
  }
  if (recurseTimes > ctx.depth) {
    if (ArrayIsArray(value)) return ctx.stylize('[Array]', 'special');
    const name = ctor ?? 'Object';
    let end = name.length;
    while (end > 0 && name[end - 1] === ' ') end--;
    return ctx.stylize(`[${StringPrototypeSlice(name, 0, end)}]`, 'special');
  }
  recurseTimes++;
  push(ctx.seen, value);
  ctx.currentDepth = recurseTimes;
  const output = formatter ? formatter(ctx, value, recurseTimes) : [];
  for (let i = 0; i < keys.length; i++) push(output, formatProperty(ctx, value, keys[i], recurseTimes, false));
  for (let i = 0; i < symbols.length; i++) push(output, formatProperty(ctx, value, symbols[i], recurseTimes, false));
  if (ctx.sorted) sortOutput(ctx, output, keys.length + symbols.length, isArrayLike);
  ctx.seen.length--;
  if (ctx.circular !== undefined) {
    const index = MapPrototypeGet(ctx.circular, value);
    if (index !== undefined) {
      const ref = ctx.stylize(`<ref *${index}>`, 'special');
      base = base === '' ? ref : `${ref} ${base}`;
    }
  }
  return reduceToSingleString(ctx, output, base, braces, isArrayLike, recurseTimes, value);
}

// Node's `sorted`: all entries of a non-array, only the keys' entries after
// the items of an array-like.
function sortOutput(ctx, output, keyCount, isArrayLike) {
  const compare = ctx.sorted === true ? undefined : ctx.sorted;
  if (!isArrayLike) {
    ArrayPrototypeSort(output, compare);
  } else if (keyCount > 1) {
    const tail = ArrayPrototypeSort(ArrayPrototypeSlice(output, output.length - keyCount), compare);
    for (let i = 0; i < keyCount; i++) output[output.length - keyCount + i] = tail[i];
  }
}

// A module namespace object: no prototype, sealed, `Symbol.toStringTag`
// 'Module' neither writable, enumerable nor configurable.
function isModuleNamespace(value, ctor, tag) {
  if (ctor !== null || tag !== 'Module' || ObjectIsExtensible(value)) return false;
  const d = ObjectGetOwnPropertyDescriptor(value, SymbolToStringTag);
  return d !== undefined && !d.writable && !d.enumerable && !d.configurable;
}

// The export names of a namespace (`Object.keys` throws on a binding not
// yet initialized).
function namespaceKeys(value) {
  const all = ReflectOwnKeys(value);
  const out = [];
  for (let i = 0; i < all.length; i++) if (typeof all[i] === 'string') push(out, all[i]);
  return out;
}

// A namespace's exports, a binding not yet initialized as `<uninitialized>`.
function formatNamespace(ctx, value, recurseTimes) {
  const output = [];
  const keys = namespaceKeys(value);
  for (let i = 0; i < keys.length; i++) {
    try {
      push(output, formatProperty(ctx, value, keys[i], recurseTimes, false));
    } catch (e) {
      if (!(e instanceof ReferenceError)) throw e;
      push(output, `${keyString(keys[i])}: ${ctx.stylize('<uninitialized>', 'special')}`);
    }
  }
  return output;
}

// The first maxArrayLength items: present elements, then runs of holes as
// `<N empty items>` (the keys are listed only once a hole is met).
function formatArray(ctx, value, recurseTimes) {
  const length = value.length;
  const max = MathMin(ctx.maxArrayLength, length);
  const output = [];
  for (let i = 0; i < max; i++) {
    if (!ObjectPrototypeHasOwnProperty(value, i)) return formatSparseArray(ctx, value, recurseTimes, max, output, i);
    push(output, formatProperty(ctx, value, i, recurseTimes, true));
  }
  if (length > max) push(output, moreItems(length - max));
  return output;
}

// Continues formatArray from the hole at `index`, walking the present
// indices (Object.keys: proportional to the elements, not to the length).
function formatSparseArray(ctx, value, recurseTimes, max, output, index) {
  const keys = ObjectKeys(value);
  for (let i = index; i < keys.length && output.length < max; i++) {
    const key = keys[i];
    if (!isIndexKey(key)) break;
    const at = NumberCtor(key);
    if (at !== index) {
      push(output, emptyItems(ctx, at - index));
      index = at;
      if (output.length === max) break;
    }
    push(output, formatProperty(ctx, value, key, recurseTimes, true));
    index++;
  }
  const remaining = value.length - index;
  if (output.length !== max) {
    if (remaining > 0) push(output, emptyItems(ctx, remaining));
  } else if (remaining > 0) {
    push(output, moreItems(remaining));
  }
  return output;
}

function formatTyped(ctx, value, recurseTimes) {
  const length = TypedArrayPrototypeGetLength(value);
  const max = MathMin(ctx.maxArrayLength, length);
  const output = [];
  for (let i = 0; i < max; i++) {
    const item = value[i];
    push(output, typeof item === 'bigint' ? ctx.stylize(`${item}n`, 'bigint') : formatNumber(item, ctx.stylize));
  }
  if (length > max) push(output, moreItems(length - max));
  return output;
}

function formatMap(ctx, value, recurseTimes) {
  const size = MapPrototypeGetSize(value);
  const max = MathMin(ctx.maxArrayLength, size);
  const output = [];
  const it = MapPrototypeEntries(value);
  ctx.indentationLvl += 2;
  for (let i = 0; i < max; i++) {
    const next = MapIteratorNext(it);
    if (next.done) break;
    const entry = next.value;
    push(output, `${formatValue(ctx, entry[0], recurseTimes)} => ${formatValue(ctx, entry[1], recurseTimes)}`);
  }
  ctx.indentationLvl -= 2;
  if (size > max) push(output, moreItems(size - max));
  return output;
}

function formatSet(ctx, value, recurseTimes) {
  const size = SetPrototypeGetSize(value);
  const max = MathMin(ctx.maxArrayLength, size);
  const output = [];
  const it = SetPrototypeValues(value);
  ctx.indentationLvl += 2;
  for (let i = 0; i < max; i++) {
    const next = SetIteratorNext(it);
    if (next.done) break;
    push(output, formatValue(ctx, next.value, recurseTimes));
  }
  ctx.indentationLvl -= 2;
  if (size > max) push(output, moreItems(size - max));
  return output;
}

function formatPromise(ctx, value, recurseTimes) {
  const st = hostPromiseState(value);
  if (st === undefined || st[0] === 0) return [ctx.stylize('<pending>', 'special')];
  ctx.indentationLvl += 2;
  const str = formatValue(ctx, st[1], recurseTimes);
  ctx.indentationLvl -= 2;
  return [st[0] === 2 ? `${ctx.stylize('<rejected>', 'special')} ${str}` : str];
}

function inspect(value, depth = kDepth, showHidden = false) {
  const ctx = {
    seen: [], indentationLvl: 0, currentDepth: 0, circular: undefined, depth, showHidden,
    compact: 3, breakLength: kBreak, maxArrayLength: kMaxArrayLength, sorted: false, getters: false, customInspect: true,
    colors: false, stylize: stylizeNoColor,
  };
  if (depth !== null && typeof depth === 'object') {
    const o = depth;
    ctx.showHidden = !!o.showHidden;
    ctx.depth = o.depth === undefined ? kDepth : o.depth === null ? Infinity : o.depth;
    if (o.compact !== undefined) ctx.compact = o.compact;
    if (typeof o.breakLength === 'number') ctx.breakLength = o.breakLength;
    if (o.maxArrayLength === null) ctx.maxArrayLength = Infinity;
    else if (typeof o.maxArrayLength === 'number') ctx.maxArrayLength = MathMax(0, o.maxArrayLength);
    if (o.sorted !== undefined) ctx.sorted = o.sorted;
    if (o.getters !== undefined) ctx.getters = o.getters;
    if (o.customInspect !== undefined) ctx.customInspect = !!o.customInspect;
    if (typeof o.stylize === 'function') ctx.stylize = o.stylize;
    if (o.colors) {
      ctx.colors = true;
      ctx.stylize = stylizeWithColor;
    }
  }
  return formatValue(ctx, value, 0);
}

// util.format of `args`; `opts` (a Console's inspectOptions) applies to
// each value inspected.
function formatWithOptions(args, opts) {
  const first = args[0];
  let a = 0;
  let str = '';
  let join = '';
  if (typeof first === 'string') {
    if (args.length === 1) return first;
    let tempStr;
    let lastPos = 0;
    for (let i = 0; i < first.length - 1; i++) {
      if (StringPrototypeCharCodeAt(first, i) === 37) { // '%'
        const nextChar = StringPrototypeCharCodeAt(first, ++i);
        if (a + 1 !== args.length) {
          switch (nextChar) {
            case 115: { // 's'
              const arg = args[++a];
              if (typeof arg === 'number') tempStr = formatNumber(arg);
              else if (typeof arg === 'bigint') tempStr = `${arg}n`;
              else if (typeof arg !== 'object' || arg === null || !hasBuiltInToString(arg)) tempStr = StringCtor(arg);
              else tempStr = opts === undefined ? inspectDepth(arg, 0) : inspect(arg, { ...opts, depth: 0 });
              break;
            }
            case 106: { // 'j'
              try { tempStr = JSONStringify(args[++a]); } catch { tempStr = '[Circular]'; }
              break;
            }
            case 100: { // 'd'
              const n = args[++a];
              if (typeof n === 'bigint') tempStr = `${n}n`;
              else if (typeof n === 'symbol') tempStr = 'NaN';
              else tempStr = formatNumber(NumberCtor(n));
              break;
            }
            case 79: tempStr = opts === undefined ? inspect(args[++a]) : inspect(args[++a], opts); break; // 'O'
            case 111: tempStr = opts === undefined ? inspect(args[++a], 4, true) : inspect(args[++a], { ...opts, showHidden: true, depth: 4 }); break; // 'o'
            case 105: { // 'i'
              const n = args[++a];
              if (typeof n === 'bigint') tempStr = `${n}n`;
              else if (typeof n === 'symbol') tempStr = 'NaN';
              else tempStr = formatNumber(NumberParseInt(n));
              break;
            }
            case 102: { // 'f'
              const n = args[++a];
              tempStr = typeof n === 'symbol' ? 'NaN' : formatNumber(NumberParseFloat(n));
              break;
            }
            case 99: a++; tempStr = ''; break; // 'c'
            case 37: str += StringPrototypeSlice(first, lastPos, i); lastPos = i + 1; continue;
            default: continue;
          }
          if (lastPos !== i - 1) str += StringPrototypeSlice(first, lastPos, i - 1);
          str += tempStr;
          lastPos = i + 1;
        } else if (nextChar === 37) {
          str += StringPrototypeSlice(first, lastPos, i);
          lastPos = i + 1;
        }
      }
    }
    if (lastPos !== 0) {
      a++;
      join = ' ';
      if (lastPos < first.length) str += StringPrototypeSlice(first, lastPos);
    }
  }
  while (a < args.length) {
    const value = args[a];
    str += join;
    str += typeof value !== 'string' ? (opts === undefined ? inspect(value) : inspect(value, opts)) : value;
    join = ' ';
    a++;
  }
  return str;
}

// The engine's constructors, named as Node's builtInObjects (the global
// names before any host global was added, kept by lazy.js).
const builtInObjects = { __proto__: null };
{
  const names = host.engineGlobals ?? ObjectGetOwnPropertyNames(globalThis);
  for (let i = 0; i < names.length; i++) {
    if (RegExpPrototypeExec(/^[A-Z][a-zA-Z0-9]+$/, names[i]) !== null) builtInObjects[names[i]] = true;
  }
}

// Whether %s may inspect `value` (its toString is the engine's own).
function hasBuiltInToString(value) {
  if (typeof value.toString !== 'function') return true;
  if (ObjectPrototypeHasOwnProperty(value, 'toString')) return false;
  let pointer = value;
  do {
    pointer = ObjectGetPrototypeOf(pointer);
    if (pointer === null) return true;
  } while (!ObjectPrototypeHasOwnProperty(pointer, 'toString'));
  const descriptor = ObjectGetOwnPropertyDescriptor(pointer, 'constructor');
  return descriptor !== undefined && typeof descriptor.value === 'function' &&
    builtInObjects[descriptor.value.name] === true;
}

function inspectDepth(value, depth) {
  return inspect(value, depth);
}

return {
  inspect, format: (...args) => formatWithOptions(args), formatList: formatWithOptions, errorBase, stringWidth, colors, styles,
};
