// Node's console over util.inspect/util.format (inspect.js). Evaluated as a
// function body with (host, util): host.print(fd, text) writes to stdout (1)
// or stderr (2), host.now() is a monotonic time in milliseconds.
'use strict';
// Built-ins taken at load time, so that replacing them cannot break console.
const ReflectApply = Reflect.apply;
const StringPrototypeIndexOf = Function.prototype.call.bind(String.prototype.indexOf);
const StringPrototypeSlice = Function.prototype.call.bind(String.prototype.slice);
const { formatList } = util;
let groupIndent = '';

// `args` as util.format prints them (no spread: Array iterators may be replaced).
function format(args) {
  return formatList(args);
}

function indentLines(text, prefix) {
  let at = StringPrototypeIndexOf(text, '\n');
  if (at === -1) return text;
  let out = '';
  let last = 0;
  while (at !== -1) {
    out += `${StringPrototypeSlice(text, last, at)}\n${prefix}`;
    last = at + 1;
    at = StringPrototypeIndexOf(text, '\n', last);
  }
  return out + StringPrototypeSlice(text, last);
}
const counts = new Map();
const timers = new Map();

function write(fd, text) {
  if (groupIndent !== '') {
    text = groupIndent + indentLines(text, groupIndent);
  }
  host.print(fd, `${text}\n`);
}

// process.emitWarning's line, as Node prints a warning without listeners.
function warn(message) {
  host.print(2, `(node:${globalThis.process?.pid ?? 0}) Warning: ${message}\n`);
}

function pad(n) {
  return String(n).padStart(2, '0');
}

// Node's formatTime (lib/internal/console/constructor.js).
function formatTime(ms) {
  let hours = 0;
  let minutes = 0;
  let seconds = 0;
  if (ms >= 1000) {
    if (ms >= 60000) {
      if (ms >= 3600000) {
        hours = Math.floor(ms / 3600000);
        ms %= 3600000;
      }
      minutes = Math.floor(ms / 60000);
      ms %= 60000;
    }
    seconds = ms / 1000;
  }
  if (hours !== 0 || minutes !== 0) {
    const [s, frac] = seconds.toFixed(3).split('.');
    const res = hours !== 0 ? `${hours}:${pad(minutes)}` : minutes;
    return `${res}:${pad(s)}.${frac} (${hours !== 0 ? 'h:m' : ''}m:ss.mmm)`;
  }
  if (seconds !== 0) return `${seconds.toFixed(3)}s`;
  return `${Number(ms.toFixed(3))}ms`;
}

function timeLogImpl(name, label, data) {
  const start = timers.get(label);
  if (start === undefined) {
    warn(`No such label '${label}' for console.${name}()`);
    return false;
  }
  const formatted = formatTime(host.now() - start);
  if (data === undefined) write(1, `${label}: ${formatted}`);
  else {
    const args = [`${label}: ${formatted}`];
    for (let i = 0; i < data.length; i++) args[i + 1] = data[i];
    write(1, format(args));
  }
  return true;
}

// Node's console.table (lib/internal/console/constructor.js, cli_table.js).
function renderRow(row, widths) {
  let out = '│ ';
  for (let i = 0; i < row.length; i++) {
    out += row[i] + ' '.repeat(widths[i] - util.stringWidth(row[i]));
    if (i !== row.length - 1) out += ' │ ';
  }
  return `${out} │`;
}

function cliTable(head, columns) {
  const rows = [];
  const widths = head.map((h) => util.stringWidth(h));
  const longest = Math.max(...columns.map((c) => c.length));
  for (let i = 0; i < head.length; i++) {
    for (let j = 0; j < longest; j++) {
      if (rows[j] === undefined) rows[j] = [];
      const value = rows[j][i] = Object.prototype.hasOwnProperty.call(columns[i], j) ? columns[i][j] : '';
      widths[i] = Math.max(widths[i] || 0, util.stringWidth(value));
    }
  }
  const divider = widths.map((w) => '─'.repeat(w + 2));
  let result = `┌${divider.join('┬')}┐\n${renderRow(head, widths)}\n├${divider.join('┼')}┤\n`;
  for (const row of rows) result += `${renderRow(row, widths)}\n`;
  return `${result}└${divider.join('┴')}┘`;
}

function renderTable(data, properties) {
  const cell = (v) => {
    const depth = v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length > 2 ? -1 : 0;
    return util.inspect(v, depth);
  };
  const indices = (n) => Array.from({ length: n }, (_, i) => cell(i));
  if (data instanceof Map) {
    const keys = [];
    const values = [];
    for (const [k, v] of data) {
      keys.push(cell(k));
      values.push(cell(v));
    }
    return cliTable(['(iteration index)', 'Key', 'Values'], [indices(keys.length), keys, values]);
  }
  if (data instanceof Set) {
    const values = [...data].map(cell);
    return cliTable(['(iteration index)', 'Values'], [indices(values.length), values]);
  }
  const map = Object.create(null);
  let hasPrimitives = false;
  const primitives = [];
  const index = Object.keys(data);
  for (let i = 0; i < index.length; i++) {
    const item = data[index[i]];
    const primitive = item === null || (typeof item !== 'function' && typeof item !== 'object');
    if (properties === undefined && primitive) {
      hasPrimitives = true;
      primitives[i] = cell(item);
    } else {
      for (const key of properties || Object.keys(item)) {
        map[key] ??= [];
        map[key][i] = (primitive && properties) || !Object.prototype.hasOwnProperty.call(item, key) ? '' : cell(item[key]);
      }
    }
  }
  const keys = Object.keys(map);
  const values = Object.values(map);
  if (hasPrimitives) {
    keys.push('Values');
    values.push(primitives);
  }
  return cliTable(['(index)', ...keys], [index, ...values]);
}

const console = {
  log(...args) { write(1, format(args)); },
  warn(...args) { write(2, format(args)); },
  dir(object, options) {
    let depth = 2;
    if (options != null && options.depth !== undefined) depth = options.depth === null ? Infinity : options.depth;
    write(1, util.inspect(object, depth));
  },
  time(label = 'default') {
    label = `${label}`;
    if (timers.has(label)) {
      warn(`Label '${label}' already exists for console.time()`);
      return;
    }
    timers.set(label, host.now());
  },
  timeEnd(label = 'default') {
    label = `${label}`;
    if (timeLogImpl('timeEnd', label)) timers.delete(label);
  },
  timeLog(label = 'default', ...data) {
    timeLogImpl('timeLog', `${label}`, data);
  },
  trace(...args) {
    const err = new Error();
    const frames = (err.stack || '').split('\n').filter((l) => /^\s*at /.test(l));
    while (frames.length > 0 && /\(native\)|\(<anonymous>\)|jsloop:console\.js/.test(frames[0])) frames.shift();
    const head = args.length ? `Trace: ${format(args)}` : 'Trace';
    write(2, [head, ...frames.map((l) => `    ${l.trim()}`)].join('\n'));
  },
  assert(expression, ...args) {
    if (!expression) {
      args[0] = `Assertion failed${args.length === 0 ? '' : `: ${args[0]}`}`;
      ReflectApply(console.warn, console, args);
    }
  },
  count(label = 'default') {
    label = `${label}`;
    const n = (counts.get(label) || 0) + 1;
    counts.set(label, n);
    write(1, `${label}: ${n}`);
  },
  countReset(label = 'default') {
    label = `${label}`;
    if (!counts.delete(label)) warn(`Count for '${label}' does not exist`);
  },
  group(...data) {
    if (data.length > 0) ReflectApply(console.log, console, data);
    groupIndent += '  ';
  },
  groupEnd() {
    groupIndent = groupIndent.slice(0, groupIndent.length - 2);
  },
  table(data, properties) {
    if (data === null || typeof data !== 'object') return console.log(data);
    console.log(renderTable(data, properties));
  },
};
console.info = console.log;
console.debug = console.log;
console.dirxml = console.log;
console.error = console.warn;
console.groupCollapsed = console.group;
for (const name of Object.keys(console)) {
  const f = console[name];
  console[name] = { [name]: (...args) => ReflectApply(f, console, args) }[name];
}
Object.defineProperty(globalThis, 'console', {
  value: console, writable: true, configurable: true, enumerable: false,
});
