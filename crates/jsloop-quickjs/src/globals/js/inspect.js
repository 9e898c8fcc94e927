// util.inspect's default formatting (depth 2, breakLength 80, compact 3),
// as console.log prints values. Validated against node by check-inspect.mjs.
// Evaluated as a function body: `host` may provide promiseState(p).
'use strict';
const kDepth = 2;
const kBreak = 80;
const kCustom = Symbol.for('nodejs.util.inspect.custom');

const identRe = /^[a-zA-Z_][a-zA-Z_0-9]*$/;
const strEscapes = /[\x00-\x1f\x27\x5c\x7f]/;

function quote(str) {
  let q = "'";
  if (str.includes("'")) {
    if (!str.includes('"')) q = '"';
    else if (!str.includes('`') && !str.includes('${')) q = '`';
  }
  let out = '';
  for (const ch of str) {
    const c = ch.codePointAt(0);
    if (ch === q || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (ch === '\v') out += '\\v';
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).toUpperCase().padStart(2, '0');
    else out += ch;
  }
  return q + out + q;
}

function formatNumber(n) {
  return Object.is(n, -0) ? '-0' : String(n);
}

function fnBase(fn) {
  const src = Function.prototype.toString.call(fn);
  if (src.startsWith('class') && /^class\b/.test(src)) {
    let s = `[class ${fn.name || '(anonymous)'}`;
    const sup = Object.getPrototypeOf(fn);
    if (sup && sup.name) s += ` extends ${sup.name}`;
    return s + ']';
  }
  let type = 'Function';
  const ctor = Object.getPrototypeOf(fn)?.constructor?.name;
  if (ctor === 'AsyncFunction') type = 'AsyncFunction';
  else if (ctor === 'GeneratorFunction') type = 'GeneratorFunction';
  else if (ctor === 'AsyncGeneratorFunction') type = 'AsyncGeneratorFunction';
  return fn.name ? `[${type}: ${fn.name}]` : `[${type} (anonymous)]`;
}

function errorBase(err) {
  const name = err.name ?? 'Error';
  const message = err.message ?? '';
  let head = message === '' ? String(name) : `${name}: ${message}`;
  const code = err[Symbol.for('jsloop.errorCode')];
  if (code) head = `${name} [${code}]: ${message}`;
  let stack = typeof err.stack === 'string' ? err.stack : '';
  stack = stack.replace(/\n+$/, '');
  if (!stack.startsWith(head)) stack = stack ? `${head}\n${stack}` : `[${head}]`;
  return improveStack(stack, ctorName(err), String(name));
}

// Node's improveStack: names the constructor when the stack does not.
function improveStack(stack, ctor, name) {
  let len = name.length;
  if (ctor === null || (name.endsWith('Error') && stack.startsWith(name) &&
      (stack.length === len || stack[len] === ':' || stack[len] === '\n'))) {
    let fallback = 'Error';
    if (ctor === null) {
      const start = /^([A-Z][a-z_ A-Z0-9[\]()-]+)(?::|\n\s+at)/.exec(stack) || /^([a-z_A-Z0-9-]*Error)$/.exec(stack);
      fallback = (start && start[1]) || '';
      len = fallback.length;
      fallback = fallback || 'Error';
    }
    const prefix = ctor === null ? `[${fallback}: null prototype]` : ctor;
    if (name !== prefix) {
      if (prefix.includes(name)) stack = len === 0 ? `${prefix}: ${stack}` : `${prefix}${stack.slice(len)}`;
      else stack = `${prefix} [${name}]${stack.slice(len)}`;
    }
  }
  return stack;
}

function keyString(k) {
  if (typeof k === 'symbol') return `[${k.toString()}]`;
  return identRe.test(k) ? k : quote(k);
}

function ctorName(obj) {
  let proto = Object.getPrototypeOf(obj);
  if (proto === null) return null;
  while (proto) {
    const d = Object.getOwnPropertyDescriptor(proto, 'constructor');
    if (d && typeof d.value === 'function' && d.value.name !== '') return d.value.name;
    proto = Object.getPrototypeOf(proto);
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
    if (str.charCodeAt(i) >= 127) {
      for (const ch of str.slice(i).normalize('NFC')) {
        const code = ch.codePointAt(0);
        if (isFullWidth(code)) width += 2;
        else if (!isZeroWidth(code)) width++;
      }
      break;
    }
    width += str.charCodeAt(i) >= 32 ? 1 : 0;
  }
  return width;
}

function isBelowBreakLength(ctx, output, start, base) {
  let total = output.length + start;
  if (total + output.length > kBreak) return false;
  for (const o of output) {
    total += o.length;
    if (total > kBreak) return false;
  }
  return base === '' || !base.includes('\n');
}

function groupArrayElements(ctx, output, value) {
  let totalLength = 0;
  let maxLength = 0;
  let i = 0;
  let outputLength = output.length;
  if (ctx.extra > 0) outputLength--;
  const separatorSpace = 2;
  const dataLen = new Array(outputLength);
  for (; i < outputLength; i++) {
    const len = stringWidth(output[i]);
    dataLen[i] = len;
    totalLength += len + separatorSpace;
    if (maxLength < len) maxLength = len;
  }
  const actualMax = maxLength + separatorSpace;
  if (actualMax * 3 + ctx.indentationLvl < kBreak &&
      (totalLength / actualMax > 5 || maxLength <= 6)) {
    const approxCharHeights = 2.5;
    const averageBias = Math.sqrt(actualMax - totalLength / output.length);
    const biasedMax = Math.max(actualMax - 3 - averageBias, 1);
    const columns = Math.min(
      Math.round(Math.sqrt(approxCharHeights * biasedMax * outputLength) / biasedMax),
      Math.floor((kBreak - ctx.indentationLvl) / actualMax),
      3 * 4,
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
      maxLineLength.push(lineLength + separatorSpace);
    }
    let order = String.prototype.padStart;
    if (value !== undefined) {
      for (let k = 0; k < output.length; k++) {
        if (typeof value[k] !== 'number' && typeof value[k] !== 'bigint') {
          order = String.prototype.padEnd;
          break;
        }
      }
    }
    for (let k = 0; k < outputLength; k += columns) {
      const max = Math.min(k + columns, outputLength);
      let str = '';
      let j = k;
      for (; j < max - 1; j++) {
        const padding = maxLineLength[j - k] + output[j].length - dataLen[j];
        str += order.call(`${output[j]}, `, padding, ' ');
      }
      if (order === String.prototype.padStart) {
        const padding = maxLineLength[j - k] + output[j].length - dataLen[j] - separatorSpace;
        str += output[j].padStart(padding, ' ');
      } else {
        str += output[j];
      }
      tmp.push(str);
    }
    if (ctx.extra > 0) tmp.push(output[outputLength]);
    output = tmp;
  }
  return output;
}

function reduceToSingleString(ctx, output, base, braces, isArrayLike, recurseTimes, value) {
  const entries = output.length;
  if (isArrayLike && entries > 6) output = groupArrayElements(ctx, output, value);
  if (ctx.currentDepth - recurseTimes < 3 && entries === output.length) {
    const start = output.length + ctx.indentationLvl + braces[0].length + base.length + 10;
    if (isBelowBreakLength(ctx, output, start, base)) {
      const joined = output.join(', ');
      if (!joined.includes('\n')) {
        return `${base ? `${base} ` : ''}${braces[0]} ${joined} ${braces[1]}`;
      }
    }
  }
  const ind = `\n${' '.repeat(ctx.indentationLvl)}`;
  return `${base ? `${base} ` : ''}${braces[0]}${ind}  ${output.join(`,${ind}  `)}${ind}${braces[1]}`;
}

function formatPrimitive(v) {
  switch (typeof v) {
    case 'string': return quote(v);
    case 'number': return formatNumber(v);
    case 'bigint': return `${v}n`;
    case 'boolean': return String(v);
    case 'undefined': return 'undefined';
    case 'symbol': return v.toString();
  }
  return String(v);
}

function formatProperty(ctx, obj, key, recurseTimes, isArrayItem) {
  const desc = Object.getOwnPropertyDescriptor(obj, key) || { value: obj[key], enumerable: true };
  let str;
  if (desc.value !== undefined || !('get' in desc || 'set' in desc)) {
    ctx.indentationLvl += isArrayItem ? 2 : 2;
    str = formatValue(ctx, desc.value, recurseTimes);
    ctx.indentationLvl -= 2;
  } else if (desc.get !== undefined) {
    str = desc.set !== undefined ? '[Getter/Setter]' : '[Getter]';
  } else if (desc.set !== undefined) {
    str = '[Setter]';
  } else {
    str = 'undefined';
  }
  if (isArrayItem) return str;
  if (desc.enumerable === false) return `[${typeof key === 'symbol' ? key.toString() : key}]: ${str}`;
  return `${keyString(key)}: ${str}`;
}

function formatValue(ctx, value, recurseTimes, typedArray) {
  if (value === null) return 'null';
  if (typeof value !== 'object' && typeof value !== 'function') return formatPrimitive(value);
  if (ctx.seen.includes(value)) {
    let index = 1;
    if (ctx.circular === undefined) {
      ctx.circular = new Map([[value, index]]);
    } else {
      index = ctx.circular.get(value);
      if (index === undefined) {
        index = ctx.circular.size + 1;
        ctx.circular.set(value, index);
      }
    }
    return `[Circular *${index}]`;
  }
  const custom = value[kCustom];
  if (typeof custom === 'function' && custom !== inspect) {
    const depth = ctx.depth - recurseTimes;
    const ret = custom.call(value, depth, { depth, breakLength: kBreak, compact: 3 }, inspect);
    if (ret !== value) {
      if (typeof ret !== 'string') return formatValue(ctx, ret, recurseTimes);
      return ret.replaceAll('\n', `\n${' '.repeat(ctx.indentationLvl)}`);
    }
  }
  return formatRaw(ctx, value, recurseTimes);
}

function formatRaw(ctx, value, recurseTimes) {
  let keys = ctx.showHidden ? Object.getOwnPropertyNames(value) : Object.keys(value);
  let symbols = Object.getOwnPropertySymbols(value);
  if (!ctx.showHidden) symbols = symbols.filter((s) => Object.getOwnPropertyDescriptor(value, s).enumerable);
  const ctor = ctorName(value);
  let tag = value[Symbol.toStringTag];
  if (typeof tag !== 'string' || (tag !== '' && Object.prototype.propertyIsEnumerable.call(value, Symbol.toStringTag))) tag = '';
  // Node's getPrefix.
  const prefixOf = (fallback, size = '') => {
    if (ctor === null) {
      return tag !== '' && fallback !== tag ? `[${fallback}${size}: null prototype] [${tag}] ` : `[${fallback}${size}: null prototype] `;
    }
    return tag !== '' && ctor !== tag ? `${ctor}${size} [${tag}] ` : `${ctor}${size} `;
  };
  let base = '';
  let braces;
  let formatter = null;
  let isArrayLike = false;
  let extrasKeys = keys;
  if (Array.isArray(value)) {
    const prefix = ctor !== 'Array' || tag !== '' ? prefixOf('Array', `(${value.length})`) : '';
    extrasKeys = keys.filter((k) => !/^(0|[1-9][0-9]*)$/.test(k) || Number(k) >= value.length);
    braces = [`${prefix}[`, ']'];
    if (value.length === 0 && extrasKeys.length === 0 && symbols.length === 0) return `${braces[0]}]`;
    isArrayLike = true;
    formatter = formatArray;
  } else if (value instanceof Map) {
    const prefix = prefixOf('Map', `(${value.size})`);
    braces = [`${prefix}{`, '}'];
    if (value.size === 0 && keys.length === 0) return `${braces[0]}}`;
    formatter = formatMap;
  } else if (value instanceof Set) {
    const prefix = prefixOf('Set', `(${value.size})`);
    braces = [`${prefix}{`, '}'];
    if (value.size === 0 && keys.length === 0) return `${braces[0]}}`;
    formatter = formatSet;
  } else if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const prefix = prefixOf(ctor ?? 'TypedArray', `(${value.length})`);
    extrasKeys = keys.filter((k) => !/^(0|[1-9][0-9]*)$/.test(k));
    braces = [`${prefix}[`, ']'];
    if (value.length === 0 && extrasKeys.length === 0) return `${braces[0]}]`;
    isArrayLike = true;
    formatter = formatTyped;
  } else if (value instanceof ArrayBuffer) {
    const bytes = [...new Uint8Array(value, 0, Math.min(100, value.byteLength))]
      .map((b) => b.toString(16).padStart(2, '0')).join(' ');
    const rest = value.byteLength - 100;
    const more = rest > 0 ? ` ... ${rest} more byte${rest > 1 ? 's' : ''}` : '';
    braces = [`${ctor ?? '[ArrayBuffer: null prototype]'} {`, '}'];
    formatter = () => [`[Uint8Contents]: <${bytes}${more}>`, `byteLength: ${formatNumber(value.byteLength)}`];
  } else if (typeof value === 'function') {
    base = fnBase(value);
    if (!ctx.showHidden) keys = keys.filter((k) => k !== 'prototype');
    extrasKeys = keys;
    if (keys.length === 0 && symbols.length === 0) return base;
    braces = ['{', '}'];
  } else if (value instanceof RegExp) {
    base = RegExp.prototype.toString.call(value);
    if (keys.length === 0 && symbols.length === 0) return base;
    braces = ['{', '}'];
  } else if (value instanceof Date) {
    base = Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
    if (keys.length === 0 && symbols.length === 0) return base;
    braces = ['{', '}'];
  } else if (value instanceof Error) {
    base = errorBase(value);
    // QuickJS makes an assigned stack an enumerable own property; V8 never lists it.
    extrasKeys = keys.filter((k) => k !== 'stack' && !((k === 'name' || k === 'message') &&
      typeof value[k] === 'string' && base.includes(value[k])));
    if ('cause' in value && !extrasKeys.includes('cause')) extrasKeys.push('cause');
    if (Array.isArray(value.errors) && !extrasKeys.includes('errors')) extrasKeys.push('errors');
    if (ctx.indentationLvl !== 0) base = base.replaceAll('\n', `\n${' '.repeat(ctx.indentationLvl)}`);
    if (extrasKeys.length === 0 && symbols.length === 0) return base;
    braces = ['{', '}'];
  } else if (value instanceof Promise) {
    braces = [`${prefixOf('Promise')}{`, '}'];
    formatter = formatPromise;
  } else if (value instanceof WeakMap || value instanceof WeakSet) {
    return `${ctor} { <items unknown> }`;
  } else if (value instanceof Number || value instanceof String || value instanceof Boolean ||
      value instanceof BigInt || value instanceof Symbol) {
    const t = value instanceof Number ? 'Number' : value instanceof String ? 'String'
      : value instanceof Boolean ? 'Boolean' : value instanceof BigInt ? 'BigInt' : 'Symbol';
    base = `[${t}: ${formatPrimitive(value.valueOf())}]`;
    if (value instanceof String) extrasKeys = keys.filter((k) => !/^(0|[1-9][0-9]*)$/.test(k));
    if (extrasKeys.length === 0 && symbols.length === 0) return base;
    braces = ['{', '}'];
  } else {
    let prefix = ctor === 'Object' && tag === '' ? '' : prefixOf('Object');
    if (ctor === 'Object' && Object.prototype.toString.call(value) === '[object Arguments]') prefix = '[Arguments] ';
    braces = [`${prefix}{`, '}'];
    if (keys.length === 0 && symbols.length === 0) return `${braces[0]}}`;
  }
  if (recurseTimes > ctx.depth) {
    const name = (ctor ?? 'Object').replace(/\s+$/, '');
    return Array.isArray(value) ? '[Array]' : `[${name}]`;
  }
  recurseTimes++;
  ctx.seen.push(value);
  ctx.currentDepth = recurseTimes;
  let output = formatter ? formatter(ctx, value, recurseTimes) : [];
  ctx.extra = 0;
  if ((formatter === formatArray || formatter === formatTyped) && output.extra) ctx.extra = output.extra;
  for (const k of extrasKeys) output.push(formatProperty(ctx, value, k, recurseTimes, false));
  for (const s of symbols) output.push(formatProperty(ctx, value, s, recurseTimes, false));
  ctx.seen.pop();
  if (ctx.circular !== undefined) {
    const index = ctx.circular.get(value);
    if (index !== undefined) {
      const ref = `<ref *${index}>`;
      base = base === '' ? ref : `${ref} ${base}`;
      if (braces[0] === '{' && base === ref) { /* plain */ }
    }
  }
  const res = reduceToSingleString(ctx, output, base, braces, isArrayLike, recurseTimes, value);
  return res;
}

function formatArray(ctx, value, recurseTimes) {
  const output = [];
  const max = Math.min(100, value.length);
  let holes = 0;
  for (let i = 0; i < value.length && output.length < max; i++) {
    if (!Object.prototype.hasOwnProperty.call(value, i)) {
      holes++;
      continue;
    }
    if (holes > 0) {
      output.push(`<${holes} empty item${holes > 1 ? 's' : ''}>`);
      holes = 0;
      if (output.length >= max) break;
    }
    output.push(formatProperty(ctx, value, String(i), recurseTimes, true));
  }
  if (holes > 0) output.push(`<${holes} empty item${holes > 1 ? 's' : ''}>`);
  const remaining = value.length - max;
  if (remaining > 0 && output.length >= max) {
    output.push(`... ${remaining} more item${remaining > 1 ? 's' : ''}`);
    output.extra = 1;
  }
  return output;
}

function formatTyped(ctx, value, recurseTimes) {
  const output = [];
  const max = Math.min(100, value.length);
  for (let i = 0; i < max; i++) output.push(typeof value[i] === 'bigint' ? `${value[i]}n` : formatNumber(value[i]));
  if (value.length > max) {
    const r = value.length - max;
    output.push(`... ${r} more item${r > 1 ? 's' : ''}`);
    output.extra = 1;
  }
  return output;
}

function formatMap(ctx, value, recurseTimes) {
  const output = [];
  ctx.indentationLvl += 2;
  for (const [k, v] of value) {
    output.push(`${formatValue(ctx, k, recurseTimes)} => ${formatValue(ctx, v, recurseTimes)}`);
  }
  ctx.indentationLvl -= 2;
  return output;
}

function formatSet(ctx, value, recurseTimes) {
  const output = [];
  ctx.indentationLvl += 2;
  for (const v of value) output.push(formatValue(ctx, v, recurseTimes));
  ctx.indentationLvl -= 2;
  return output;
}

function formatPromise(ctx, value, recurseTimes) {
  const st = host && host.promiseState ? host.promiseState(value) : undefined;
  if (st === undefined || st[0] === 0) return ['<pending>'];
  ctx.indentationLvl += 2;
  const str = formatValue(ctx, st[1], recurseTimes);
  ctx.indentationLvl -= 2;
  return [st[0] === 2 ? `<rejected> ${str}` : str];
}

function inspect(value, depth = kDepth, showHidden = false) {
  if (depth !== null && typeof depth === 'object') {
    showHidden = !!depth.showHidden;
    depth = depth.depth === undefined ? kDepth : depth.depth === null ? Infinity : depth.depth;
  }
  const ctx = { seen: [], indentationLvl: 0, currentDepth: 0, circular: undefined, extra: 0, depth, showHidden };
  return formatValue(ctx, value, 0);
}

function formatWithOptions(args) {
  const first = args[0];
  let a = 0;
  let str = '';
  let join = '';
  if (typeof first === 'string') {
    if (args.length === 1) return first;
    let tempStr;
    let lastPos = 0;
    for (let i = 0; i < first.length - 1; i++) {
      if (first.charCodeAt(i) === 37) { // '%'
        const nextChar = first.charCodeAt(++i);
        if (a + 1 !== args.length) {
          switch (nextChar) {
            case 115: { // 's'
              const arg = args[++a];
              if (typeof arg === 'number') tempStr = formatNumber(arg);
              else if (typeof arg === 'bigint') tempStr = `${arg}n`;
              else if (typeof arg !== 'object' || arg === null || !hasBuiltInToString(arg)) tempStr = String(arg);
              else tempStr = inspectDepth(arg, 0);
              break;
            }
            case 106: { // 'j'
              try { tempStr = JSON.stringify(args[++a]); } catch { tempStr = '[Circular]'; }
              break;
            }
            case 100: { // 'd'
              const n = args[++a];
              if (typeof n === 'bigint') tempStr = `${n}n`;
              else if (typeof n === 'symbol') tempStr = 'NaN';
              else tempStr = formatNumber(Number(n));
              break;
            }
            case 79: tempStr = inspect(args[++a]); break; // 'O'
            case 111: tempStr = inspect(args[++a], 4, true); break; // 'o'
            case 105: { // 'i'
              const n = args[++a];
              if (typeof n === 'bigint') tempStr = `${n}n`;
              else if (typeof n === 'symbol') tempStr = 'NaN';
              else tempStr = formatNumber(Number.parseInt(n));
              break;
            }
            case 102: { // 'f'
              const n = args[++a];
              tempStr = typeof n === 'symbol' ? 'NaN' : formatNumber(Number.parseFloat(n));
              break;
            }
            case 99: a++; tempStr = ''; break; // 'c'
            case 37: str += first.slice(lastPos, i); lastPos = i + 1; continue;
            default: continue;
          }
          if (lastPos !== i - 1) str += first.slice(lastPos, i - 1);
          str += tempStr;
          lastPos = i + 1;
        } else if (nextChar === 37) {
          str += first.slice(lastPos, i);
          lastPos = i + 1;
        }
      }
    }
    if (lastPos !== 0) {
      a++;
      join = ' ';
      if (lastPos < first.length) str += first.slice(lastPos);
    }
  }
  while (a < args.length) {
    const value = args[a];
    str += join;
    str += typeof value !== 'string' ? inspect(value) : value;
    join = ' ';
    a++;
  }
  return str;
}

// The engine's constructors, named as Node's builtInObjects (taken before
// any host global is added).
const builtInObjects = new Set(Object.getOwnPropertyNames(globalThis).filter((e) => /^[A-Z][a-zA-Z0-9]+$/.test(e)));

// Whether %s may inspect `value` (its toString is the engine's own).
function hasBuiltInToString(value) {
  if (typeof value.toString !== 'function') return true;
  if (Object.prototype.hasOwnProperty.call(value, 'toString')) return false;
  let pointer = value;
  do {
    pointer = Object.getPrototypeOf(pointer);
  } while (!Object.prototype.hasOwnProperty.call(pointer, 'toString'));
  const descriptor = Object.getOwnPropertyDescriptor(pointer, 'constructor');
  return descriptor !== undefined && typeof descriptor.value === 'function' && builtInObjects.has(descriptor.value.name);
}

function inspectDepth(value, depth) {
  return inspect(value, depth);
}

return { inspect, format: (...args) => formatWithOptions(args), errorBase, stringWidth };
