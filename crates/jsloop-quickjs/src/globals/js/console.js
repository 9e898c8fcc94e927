// Node's console over util.inspect/util.format (inspect.js). Evaluated as a
// function body with (host, util): host.print(fd, text) writes to stdout (1)
// or stderr (2), host.now() is a monotonic time in milliseconds.
'use strict';
let groupIndent = '';
const counts = new Map();
const timers = new Map();

function write(fd, text) {
  if (groupIndent !== '') {
    if (text.includes('\n')) text = text.replace(/\n/g, `\n${groupIndent}`);
    text = groupIndent + text;
  }
  host.print(fd, `${text}\n`);
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
    write(2, `(jsloop) Warning: No such label '${label}' for console.${name}()`);
    return false;
  }
  const formatted = formatTime(host.now() - start);
  if (data === undefined) write(1, `${label}: ${formatted}`);
  else write(1, util.format(`${label}: ${formatted}`, ...data));
  return true;
}

const console = {
  log(...args) { write(1, util.format(...args)); },
  warn(...args) { write(2, util.format(...args)); },
  dir(object, options) {
    let depth = 2;
    if (options != null && options.depth !== undefined) depth = options.depth === null ? Infinity : options.depth;
    write(1, util.inspect(object, depth));
  },
  time(label = 'default') {
    label = `${label}`;
    if (timers.has(label)) {
      write(2, `(jsloop) Warning: Label '${label}' already exists for console.time()`);
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
    while (frames.length > 0 && /\(native\)|jsloop:console\.js/.test(frames[0])) frames.shift();
    const head = args.length ? `Trace: ${util.format(...args)}` : 'Trace';
    write(2, [head, ...frames.map((l) => `    ${l.trim()}`)].join('\n'));
  },
  assert(expression, ...args) {
    if (!expression) {
      args[0] = `Assertion failed${args.length === 0 ? '' : `: ${args[0]}`}`;
      console.warn(...args);
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
    if (!counts.delete(label)) write(2, `(jsloop) Warning: Count for '${label}' does not exist`);
  },
  group(...data) {
    if (data.length > 0) console.log(...data);
    groupIndent += '  ';
  },
  groupEnd() {
    groupIndent = groupIndent.slice(0, groupIndent.length - 2);
  },
  table(data) {
    console.log(data);
  },
};
console.info = console.log;
console.debug = console.log;
console.dirxml = console.log;
console.error = console.warn;
console.groupCollapsed = console.group;
for (const name of Object.keys(console)) {
  const f = console[name];
  console[name] = { [name]: (...args) => f.apply(console, args) }[name];
}
Object.defineProperty(globalThis, 'console', {
  value: console, writable: true, configurable: true, enumerable: false,
});
