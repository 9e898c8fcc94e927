// Node's console over util.inspect/util.format (inspect.js): the Console
// class (any Writable) and the global console, which writes through
// process.stdout/stderr as Node's does. While the process's stream is the
// original one (its write methods untouched, nothing buffered in it), the
// global console prints natively (host.print, 0 or -errno) and goes through
// the stream only when that fails, so a replaced `process.stdout.write` sees
// console output and write errors behave as Node's (the console swallows
// the first error of a stream it writes to; a later one is the stream's).
// Evaluated as a function body with (host, util, shared).
'use strict';
// Built-ins taken at load time, so that replacing them cannot break console.
const ReflectApply = Reflect.apply;
const ReflectConstruct = Reflect.construct;
const ObjectDefineProperty = Object.defineProperty;
const ObjectKeys = Object.keys;
const FunctionPrototypeBind = Function.prototype.call.bind(Function.prototype.bind);
const StringPrototypeIndexOf = Function.prototype.call.bind(String.prototype.indexOf);
const StringPrototypeSlice = Function.prototype.call.bind(String.prototype.slice);
const StringPrototypeRepeat = Function.prototype.call.bind(String.prototype.repeat);
const StringPrototypeReplace = Function.prototype.call.bind(String.prototype.replace);
const ArrayIsArray = Array.isArray;
const MapCtor = Map;
const WeakMapCtor = WeakMap;
const { formatList } = util;
const { nodeError, invalidArgType, invalidArgValue, validateInteger } = shared;

const kCounts = Symbol('counts');
const kColorMode = Symbol('kColorMode');
const kIsConsole = Symbol('kIsConsole');
const kGroupIndent = Symbol('kGroupIndent');
const kGroupIndentWidth = Symbol('kGroupIndentWidth');
// The global console's streams per fd: unset, kOriginal (process.stdout or
// stderr as made by stdio.js, made only when needed) or another stream.
const kStdio = Symbol('kStdio');
const kOriginal = Symbol('kOriginal');
const kMaxGroupIndentation = 1000;
const optionsMap = new WeakMapCtor();

function noop() {}

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

function warning(message) {
  globalThis.process.emitWarning(message);
}

function isStackOverflow(e) {
  return e instanceof RangeError && e.message === 'Maximum call stack size exceeded';
}

// ---- the global console's streams ----------------------------------------

function binding(self, fd) {
  let bound = self[kStdio][fd];
  if (bound === undefined) {
    const stdio = shared.stdio;
    const current = stdio === undefined ? undefined : stdio.assigned(fd);
    bound = current === undefined || current === stdio.made(fd) ? kOriginal : current;
    self[kStdio][fd] = bound;
  }
  return bound;
}

function stdioStream(self, fd) {
  const bound = binding(self, fd);
  return bound === kOriginal ? shared.stdio.original(fd) : bound;
}

// Whether the global console may print `fd` natively.
function fast(self, fd) {
  const stdio = shared.stdio;
  if (stdio === undefined) return true;
  const bound = stdioBindings[fd];
  return (bound === undefined ? binding(self, fd) : bound) === kOriginal && stdio.pristine(fd);
}

// ---- writing ----------------------------------------------------------------

// Node's write-error handler: an error not yet emitted on the stream gets a
// one-time no-op listener, unless someone listens already.
function writeErrorHandler(self, fd) {
  return (err) => {
    const stream = fd === 1 ? self._stdout : self._stderr;
    if (err !== null && err !== undefined && !stream._writableState.errorEmitted) {
      if (stream.listenerCount('error') === 0) stream.once('error', noop);
    }
  };
}

function writeToConsole(self, fd, string) {
  const indent = self[kGroupIndent];
  if (indent.length !== 0) string = indent + indentLines(string, indent);
  string += '\n';
  if (self === console && fast(self, fd) && host.print(fd, string) === 0) return;
  const stream = fd === 1 ? self._stdout : self._stderr;
  if (self._ignoreErrors === false) return stream.write(string);
  // Errors may come synchronously (files, terminals) or later (pipes).
  try {
    if (stream.listenerCount('error') === 0) stream.once('error', noop);
    stream.write(string, fd === 1 ? self._stdoutErrorHandler : self._stderrErrorHandler);
  } catch (e) {
    if (isStackOverflow(e)) throw e;
  } finally {
    stream.removeListener('error', noop);
  }
}

// ---- colours -------------------------------------------------------------------

const kColorInspectOptions = { colors: true };
// Whether fd 0..2 is a terminal, asked once.
const ttyFds = [undefined, undefined, undefined];
function isTTY(fd) {
  let tty = ttyFds[fd];
  if (tty === undefined) {
    tty = host.isatty(fd);
    ttyFds[fd] = tty;
  }
  return tty;
}

// Node's shouldColorize: FORCE_COLOR decides, else a terminal stream that
// has colours. The global console's untouched stdout/stderr is asked
// without making the stream.
function shouldColorize(self, fd) {
  const env = globalThis.process.env;
  const depth = shared.ttyColors.getColorDepth;
  if (env.FORCE_COLOR !== undefined) return depth(env) > 2;
  if (self === console && binding(self, fd) === kOriginal) return isTTY(fd) && depth(env) > 2;
  const stream = fd === 1 ? self._stdout : self._stderr;
  // As node's: `undefined` (not false) for a stream without isTTY.
  return stream?.isTTY && (typeof stream.getColorDepth === 'function' ? stream.getColorDepth() > 2 : true);
}

// Node's kGetInspectOptions: the Console's `inspectOptions` (their colors
// decided once by colorMode), else colours by colorMode, else undefined.
function inspectOptionsOf(self, fd) {
  let color = self[kColorMode];
  const options = optionsMap.get(self);
  if (options !== undefined) {
    if (options.colors === undefined) options.colors = color === 'auto' ? shouldColorize(self, fd) : color;
    return options;
  }
  if (color === 'auto') color = shouldColorize(self, fd);
  return color ? kColorInspectOptions : undefined;
}

function format(self, fd, args) {
  // A lone string is printed as it is: no colour to decide.
  if (args.length === 1 && typeof args[0] === 'string') return args[0];
  return formatList(args, inspectOptionsOf(self, fd));
}

// ---- time -------------------------------------------------------------------

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

function timeLogImpl(self, name, label, data) {
  const start = self._times.get(label);
  if (start === undefined) {
    warning(`No such label '${label}' for console.${name}()`);
    return false;
  }
  const formatted = formatTime(host.now() - start);
  if (data === undefined) self.log('%s: %s', label, formatted);
  else ReflectApply(self.log, self, ['%s: %s', label, formatted, ...data]);
  return true;
}

// ---- table ------------------------------------------------------------------

// Node's console.table (lib/internal/console/constructor.js, cli_table.js).
// Widths leave out colour sequences.
const kColorSequence = /\u001b\[\d+(?:;\d+)*m/g;
function width(text) {
  return util.stringWidth(StringPrototypeReplace(text, kColorSequence, ''));
}
function renderRow(row, widths) {
  let out = '│ ';
  for (let i = 0; i < row.length; i++) {
    out += row[i] + ' '.repeat(widths[i] - width(row[i]));
    if (i !== row.length - 1) out += ' │ ';
  }
  return `${out} │`;
}

function cliTable(head, columns) {
  const rows = [];
  const widths = head.map((h) => width(h));
  const longest = Math.max(...columns.map((c) => c.length));
  for (let i = 0; i < head.length; i++) {
    for (let j = 0; j < longest; j++) {
      if (rows[j] === undefined) rows[j] = [];
      const value = rows[j][i] = Object.prototype.hasOwnProperty.call(columns[i], j) ? columns[i][j] : '';
      widths[i] = Math.max(widths[i] || 0, width(value));
    }
  }
  const divider = widths.map((w) => '─'.repeat(w + 2));
  let result = `┌${divider.join('┬')}┐\n${renderRow(head, widths)}\n├${divider.join('┼')}┤\n`;
  for (const row of rows) result += `${renderRow(row, widths)}\n`;
  return `${result}└${divider.join('┴')}┘`;
}

function renderTable(self, data, properties) {
  const base = inspectOptionsOf(self, 1);
  const cell = (v) => {
    const depth = v !== null && typeof v === 'object' && !ArrayIsArray(v) && ObjectKeys(v).length > 2 ? -1 : 0;
    return util.inspect(v, { depth, maxArrayLength: 3, breakLength: Infinity, ...base });
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
  const index = ObjectKeys(data);
  for (let i = 0; i < index.length; i++) {
    const item = data[index[i]];
    const primitive = item === null || (typeof item !== 'function' && typeof item !== 'object');
    if (properties === undefined && primitive) {
      hasPrimitives = true;
      primitives[i] = cell(item);
    } else {
      for (const key of properties || ObjectKeys(item)) {
        map[key] ??= [];
        map[key][i] = (primitive && properties) || !Object.prototype.hasOwnProperty.call(item, key) ? '' : cell(item[key]);
      }
    }
  }
  const keys = ObjectKeys(map);
  const values = Object.values(map);
  if (hasPrimitives) {
    keys.push('Values');
    values.push(primitives);
  }
  return cliTable(['(index)', ...keys], [index, ...values]);
}

// ---- the methods --------------------------------------------------------------

const consoleMethods = {
  log(...args) { writeToConsole(this, 1, format(this, 1, args)); },
  warn(...args) { writeToConsole(this, 2, format(this, 2, args)); },
  dir(object, options) {
    const base = inspectOptionsOf(this, 1);
    writeToConsole(this, 1, util.inspect(object, { customInspect: false, ...base, ...options }));
  },
  time(label = 'default') {
    label = `${label}`;
    if (this._times.has(label)) {
      warning(`Label '${label}' already exists for console.time()`);
      return;
    }
    this._times.set(label, host.now());
  },
  timeEnd(label = 'default') {
    label = `${label}`;
    if (timeLogImpl(this, 'timeEnd', label)) this._times.delete(label);
  },
  timeLog(label = 'default', ...data) {
    timeLogImpl(this, 'timeLog', `${label}`, data);
  },
  trace: function trace(...args) {
    const err = new Error();
    const frames = (err.stack || '').split('\n').filter((l) => /^\s*at /.test(l));
    while (frames.length > 0 && /\(native\)|\(<anonymous>\)|jsloop:console\.js/.test(frames[0])) frames.shift();
    const head = args.length ? `Trace: ${format(this, 2, args)}` : 'Trace';
    this.error([head, ...frames.map((l) => `    ${l.trim()}`)].join('\n'));
  },
  assert(expression, ...args) {
    if (!expression) {
      args[0] = `Assertion failed${args.length === 0 ? '' : `: ${args[0]}`}`;
      ReflectApply(this.warn, this, args);
    }
  },
  clear() {
    const stdout = this._stdout;
    if (stdout.isTTY && globalThis.process.env.TERM !== 'dumb') {
      stdout.write('\x1b[1;1H');
      stdout.write('\x1b[0J');
    }
  },
  count(label = 'default') {
    label = `${label}`;
    const counts = this[kCounts];
    const n = (counts.get(label) || 0) + 1;
    counts.set(label, n);
    this.log(`${label}: ${n}`);
  },
  // As Node 20: the label is looked up as given, deleted as a string.
  countReset(label = 'default') {
    const counts = this[kCounts];
    if (!counts.has(label)) {
      warning(`Count for '${label}' does not exist`);
      return;
    }
    counts.delete(`${label}`);
  },
  group(...data) {
    if (data.length > 0) ReflectApply(this.log, this, data);
    this[kGroupIndent] += StringPrototypeRepeat(' ', this[kGroupIndentWidth]);
  },
  groupEnd() {
    const indent = this[kGroupIndent];
    this[kGroupIndent] = StringPrototypeSlice(indent, 0, indent.length - this[kGroupIndentWidth]);
  },
  table(data, properties) {
    if (properties !== undefined && !ArrayIsArray(properties)) throw invalidArgType('properties', 'Array', properties);
    if (data === null || typeof data !== 'object') return this.log(data);
    this.log(renderTable(this, data, properties));
  },
};
consoleMethods.debug = consoleMethods.log;
consoleMethods.info = consoleMethods.log;
consoleMethods.dirxml = consoleMethods.log;
consoleMethods.error = consoleMethods.warn;
consoleMethods.groupCollapsed = consoleMethods.group;

const hidden = { writable: true, enumerable: false, configurable: true };

function bindProperties(self, ignoreErrors, colorMode, groupIndentation = 2) {
  Object.defineProperties(self, {
    _stdoutErrorHandler: { ...hidden, value: writeErrorHandler(self, 1) },
    _stderrErrorHandler: { ...hidden, value: writeErrorHandler(self, 2) },
    _ignoreErrors: { ...hidden, value: Boolean(ignoreErrors) },
    _times: { ...hidden, value: new MapCtor() },
    [kCounts]: { ...hidden, value: new MapCtor() },
    [kColorMode]: { ...hidden, value: colorMode },
    [kIsConsole]: { ...hidden, value: true },
    [kGroupIndent]: { ...hidden, value: '' },
    [kGroupIndentWidth]: { ...hidden, value: groupIndentation },
  });
}

// ---- Console ------------------------------------------------------------------

function Console(options /* or: stdout, stderr, ignoreErrors = true */) {
  if (!new.target) return ReflectConstruct(Console, arguments);
  if (!options || typeof options.write === 'function') {
    options = { stdout: options, stderr: arguments[1], ignoreErrors: arguments[2] };
  }
  const {
    stdout, stderr = stdout, ignoreErrors = true, colorMode = 'auto', inspectOptions, groupIndentation,
  } = options;
  if (!stdout || typeof stdout.write !== 'function') {
    throw nodeError(TypeError, 'ERR_CONSOLE_WRITABLE_STREAM', 'Console expects a writable stream instance for stdout');
  }
  if (!stderr || typeof stderr.write !== 'function') {
    throw nodeError(TypeError, 'ERR_CONSOLE_WRITABLE_STREAM', 'Console expects a writable stream instance for stderr');
  }
  if (colorMode !== 'auto' && colorMode !== true && colorMode !== false) {
    throw invalidArgValue('colorMode', colorMode, "must be one of: 'auto', true, false");
  }
  if (groupIndentation !== undefined) validateInteger(groupIndentation, 'groupIndentation', 0, kMaxGroupIndentation);
  if (inspectOptions !== undefined) {
    if (inspectOptions === null || typeof inspectOptions !== 'object') {
      throw invalidArgType('options.inspectOptions', 'object', inspectOptions);
    }
    if (inspectOptions.colors !== undefined && options.colorMode !== undefined) {
      throw nodeError(TypeError, 'ERR_INCOMPATIBLE_OPTION_PAIR',
        'Option "options.inspectOptions.color" cannot be used in combination with option "colorMode"');
    }
    optionsMap.set(this, inspectOptions);
  }
  // Bound from the instance, so a subclass's overrides are the ones bound.
  for (const key of ObjectKeys(Console.prototype)) {
    this[key] = FunctionPrototypeBind(this[key], this);
    ObjectDefineProperty(this[key], 'name', { value: key });
  }
  Object.defineProperties(this, {
    _stdout: { ...hidden, value: stdout },
    _stderr: { ...hidden, value: stderr },
  });
  bindProperties(this, ignoreErrors, colorMode, groupIndentation);
  // As node's: the tag is the instance's own, not Console.prototype's.
  ObjectDefineProperty(this, Symbol.toStringTag, {
    value: 'console', writable: false, enumerable: false, configurable: true,
  });
}
ObjectDefineProperty(Console, Symbol.hasInstance, {
  value(instance) { return instance != null && instance[kIsConsole] === true; },
});
for (const key of Reflect.ownKeys(consoleMethods)) Console.prototype[key] = consoleMethods[key];

// ---- the global console ---------------------------------------------------------

const console = Object.create({});
const stdioBindings = [undefined, undefined, undefined];
for (const key of ObjectKeys(consoleMethods)) {
  const impl = consoleMethods[key];
  console[key] = { [key](...args) { return ReflectApply(impl, console, args); } }[key];
}
// The printing methods without the indirection (the common calls).
for (const [key, fd] of [['log', 1], ['info', 1], ['debug', 1], ['dirxml', 1], ['warn', 2], ['error', 2]]) {
  console[key] = { [key](...args) { writeToConsole(console, fd, format(console, fd, args)); } }[key];
}
console.Console = Console;
// Inspector-only methods: without an inspector they do nothing, as in node.
const inspectorOnly = ['profile', 'profileEnd', 'timeStamp'];
for (const key of inspectorOnly) console[key] = { [key]() {} }[key];
console.context = function context() {
  const out = {};
  for (const key of ['dir', 'dirXml', 'table', 'groupEnd', 'clear', 'count', 'countReset', 'profile', 'profileEnd',
    'timeLog', 'debug', 'error', 'info', 'log', 'warn', 'trace', 'group', 'groupCollapsed', 'assert', 'time',
    'timeEnd', 'timeStamp']) {
    out[key] = { [key]() {} }[key];
  }
  return out;
};
console.createTask = function createTask(name) {
  if (typeof name !== 'string' || name === '') throw new Error('First argument must be a non-empty string.');
  return { run: function run(f) { return f(); } };
};
ObjectDefineProperty(console, kStdio, { value: stdioBindings });
for (const [name, fd] of [['_stdout', 1], ['_stderr', 2]]) {
  ObjectDefineProperty(console, name, {
    enumerable: false,
    configurable: true,
    get() { return stdioStream(console, fd); },
    set(value) { console[kStdio][fd] = value; },
  });
}
bindProperties(console, true, 'auto');
ObjectDefineProperty(console, Symbol.toStringTag, {
  value: 'console', writable: false, enumerable: false, configurable: true,
});
shared.console = console;
Object.defineProperty(globalThis, 'console', {
  value: console, writable: true, configurable: true, enumerable: false,
});
