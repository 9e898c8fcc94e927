// `process`: events, nextTick, exit codes, warnings, and the fatal-error
// path. Puts `process` and `fatal` on `shared`; returns its part of the
// dispatch contract (fatal, rejections, beforeExit, exit, mainModule).
'use strict';
const { invalidArgType, validateFunction, validateInteger, nodeError, define } = shared;
const write = (fd, s) => host.print(fd, s);
const kGenericUserError = 1;
const kUnsettledTopLevelAwait = 13;

// ---- events -----------------------------------------------------------------
// Kept without prototype methods (null-prototype table, index loops), so a
// script replacing built-ins cannot break `exit` and error reporting.
const ReflectApply = Reflect.apply;
const listeners = { __proto__: null };
function addListener(name, fn, once, prepend) {
  validateFunction(fn, 'listener');
  let list = listeners[name];
  if (list === undefined) { list = []; listeners[name] = list; }
  const entry = { fn, once };
  if (prepend) {
    for (let i = list.length; i > 0; i--) list[i] = list[i - 1];
    list[0] = entry;
  } else {
    list[list.length] = entry;
  }
}
function removeAt(list, at) {
  for (let i = at; i < list.length - 1; i++) list[i] = list[i + 1];
  list.length -= 1;
}

const kNodeVersion = '20.20.2';

// ---- process.env ------------------------------------------------------------
// Node's semantics: values are stored as strings, a symbol key reads as
// undefined and cannot be written, only plain data descriptors are taken.
function nodeEnv(store) {
  const refuse = (message) => nodeError(TypeError, 'ERR_INVALID_OBJECT_DEFINE_PROPERTY', message);
  const text = (v) => {
    if (typeof v === 'symbol') throw new TypeError('Cannot convert a Symbol value to a string');
    return `${v}`;
  };
  return new Proxy(store, {
    get(target, key) { return typeof key === 'symbol' ? undefined : target[key]; },
    set(target, key, value) {
      target[text(key)] = text(value);
      return true;
    },
    defineProperty(target, key, desc) {
      if ('get' in desc || 'set' in desc) throw refuse("'process.env' does not accept an accessor(getter/setter) descriptor");
      if (!desc.configurable || !desc.writable || !desc.enumerable) {
        throw refuse("'process.env' only accepts a configurable, writable, and enumerable data descriptor");
      }
      target[text(key)] = text(desc.value);
      return true;
    },
    deleteProperty(target, key) {
      if (typeof key !== 'symbol') delete target[key];
      return true;
    },
  });
}

// ---- resources --------------------------------------------------------------
function cpuUsage(prev) {
  const [user, system] = host.cpuUsage();
  if (prev === undefined) return { user, system };
  if (prev === null || typeof prev !== 'object') throw invalidArgType('prevValue', 'object', prev);
  for (const k of ['user', 'system']) {
    const v = prev[k];
    if (typeof v !== 'number') throw invalidArgType(`prevValue.${k}`, 'number', v);
    if (v < 0 || !Number.isFinite(v) || v > Number.MAX_SAFE_INTEGER) {
      throw nodeError(RangeError, 'ERR_INVALID_ARG_VALUE', `The property 'prevValue.${k}' is invalid. Received ${v}`);
    }
  }
  return { user: user - prev.user, system: system - prev.system };
}

// ---- terminal colours ----------------------------------------------------------
const COLORS_2 = 1; const COLORS_16 = 4; const COLORS_256 = 8; const COLORS_16m = 24;
const TERM_ENVS = {
  __proto__: null,
  eterm: COLORS_16, cons25: COLORS_16, console: COLORS_16, cygwin: COLORS_16, dtterm: COLORS_16, gnome: COLORS_16,
  hurd: COLORS_16, jfbterm: COLORS_16, konsole: COLORS_16, kterm: COLORS_16, mlterm: COLORS_16, mosh: COLORS_16m,
  putty: COLORS_16, st: COLORS_16, 'rxvt-unicode-24bit': COLORS_16m, terminator: COLORS_16m,
};
const TERM_PATTERNS = [/ansi/, /color/, /linux/, /^con[0-9]*x[0-9]/, /^rxvt/, /^screen/, /^xterm/, /^vt100/];
const CI_NAMES = ['APPVEYOR', 'BUILDKITE', 'CIRCLECI', 'DRONE', 'GITHUB_ACTIONS', 'GITLAB_CI', 'TRAVIS'];

// Node 20's colour depth (bits) of a terminal from its environment.
function getColorDepth(env = process.env) {
  if (env.FORCE_COLOR !== undefined) {
    switch (env.FORCE_COLOR) {
      case '': case '1': case 'true': return COLORS_16;
      case '2': return COLORS_256;
      case '3': return COLORS_16m;
      default: return COLORS_2;
    }
  }
  if (env.NODE_DISABLE_COLORS !== undefined || env.NO_COLOR !== undefined || env.TERM === 'dumb') return COLORS_2;
  if (env.TMUX) return COLORS_256;
  if (env.CI) {
    if (CI_NAMES.some((name) => name in env) || env.CI_NAME === 'codeship') return COLORS_256;
    return COLORS_2;
  }
  if ('TEAMCITY_VERSION' in env) return /^(9\.(0*[1-9]\d*)\.|\d{2,}\.)/.test(env.TEAMCITY_VERSION) ? COLORS_16 : COLORS_2;
  switch (env.TERM_PROGRAM) {
    case 'iTerm.app':
      if (!env.TERM_PROGRAM_VERSION || /^[0-2]\./.test(env.TERM_PROGRAM_VERSION)) return COLORS_256;
      return COLORS_16m;
    case 'HyperTerm': case 'MacTerm': return COLORS_16m;
    case 'Apple_Terminal': return COLORS_256;
    default:
  }
  if (env.COLORTERM === 'truecolor' || env.COLORTERM === '24bit') return COLORS_16m;
  if (env.TERM) {
    if (/^xterm-256/.test(env.TERM)) return COLORS_256;
    const term = env.TERM.toLowerCase();
    if (TERM_ENVS[term]) return TERM_ENVS[term];
    if (TERM_PATTERNS.some((p) => p.test(term))) return COLORS_16;
  }
  if (env.COLORTERM) return COLORS_16;
  return COLORS_2;
}

function hasColors(count, env) {
  if (env === undefined && (count === undefined || (typeof count === 'object' && count !== null))) {
    env = count;
    count = 16;
  } else {
    validateInteger(count, 'count', 2);
  }
  return count <= 2 ** getColorDepth(env);
}
shared.ttyColors = { getColorDepth, hasColors };

let exitCode;
const process = {
  argv: host.argv,
  argv0: host.argv0,
  execPath: host.execPath,
  execArgv: [],
  env: nodeEnv(host.env),
  pid: host.pid,
  ppid: host.ppid,
  platform: host.platform,
  arch: host.arch,
  // The node release whose behaviour jsloop follows (packages branch on
  // it); `versions.jsloop` and `versions.quickjs` say what really runs.
  version: `v${kNodeVersion}`,
  versions: { node: kNodeVersion, jsloop: host.version, quickjs: host.quickjsVersion },
  release: {
    name: 'node',
    lts: 'Iron',
    sourceUrl: `https://nodejs.org/download/release/v${kNodeVersion}/node-v${kNodeVersion}.tar.gz`,
    headersUrl: `https://nodejs.org/download/release/v${kNodeVersion}/node-v${kNodeVersion}-headers.tar.gz`,
  },
  config: {
    target_defaults: { cflags: [], default_configuration: 'Release', defines: [], include_dirs: [], libraries: [] },
    variables: { host_arch: host.arch, target_arch: host.arch, napi_build_version: '9', node_module_version: 115, node_shared: false },
  },
  title: host.argv0,
  on(name, fn) { addListener(name, fn, false, false); return this; },
  once(name, fn) { addListener(name, fn, true, false); return this; },
  prependListener(name, fn) { addListener(name, fn, false, true); return this; },
  prependOnceListener(name, fn) { addListener(name, fn, true, true); return this; },
  off(name, fn) {
    const list = listeners[name];
    if (list) {
      for (let i = list.length - 1; i >= 0; i--) {
        if (list[i].fn === fn) { removeAt(list, i); break; }
      }
    }
    return this;
  },
  removeAllListeners(name) {
    if (name === undefined) {
      for (const key of Reflect.ownKeys(listeners)) delete listeners[key];
    } else {
      delete listeners[name];
    }
    return this;
  },
  emit(name, ...args) {
    const list = listeners[name];
    if (!list || list.length === 0) return false;
    const copy = [];
    for (let i = 0; i < list.length; i++) copy[i] = list[i];
    for (let i = 0; i < copy.length; i++) {
      const entry = copy[i];
      if (entry.once) process.off(name, entry.fn);
      ReflectApply(entry.fn, process, args);
    }
    return true;
  },
  listenerCount(name) { const list = listeners[name]; return list ? list.length : 0; },
  listeners(name) {
    const list = listeners[name] || [];
    const out = [];
    for (let i = 0; i < list.length; i++) out[i] = list[i].fn;
    return out;
  },
  eventNames() {
    const out = [];
    for (const key of Reflect.ownKeys(listeners)) if (listeners[key].length > 0) out[out.length] = key;
    return out;
  },
  // Native: each callback is one loop nextTick, in the loop's tick queue.
  nextTick: host.nextTick,
  exit(code) {
    if (code !== undefined) process.exitCode = code;
    if (!exiting) {
      exiting = true;
      process.emit('exit', exitCode || 0);
    }
    host.exit(exitCodeNow());
  },
  reallyExit(code) { host.exit(code === undefined ? 0 : code | 0); },
  abort() { write(2, 'abort() called\n'); host.exit(134); },
  cwd: () => host.cwd,
  uptime: () => host.now() / 1000,
  hrtime: Object.assign((prev) => {
    const ns = BigInt(Math.round(host.now() * 1e6));
    const s = [Number(ns / 1000000000n), Number(ns % 1000000000n)];
    if (prev === undefined) return s;
    if (!Array.isArray(prev)) throw invalidArgType('time', 'Array', prev);
    if (prev.length !== 2) throw nodeError(RangeError, 'ERR_OUT_OF_RANGE', `The value of "time" is out of range. It must be 2. Received ${prev.length}`);
    let sec = s[0] - prev[0]; let nsec = s[1] - prev[1];
    if (nsec < 0) { sec--; nsec += 1e9; }
    return [sec, nsec];
  }, { bigint: () => BigInt(Math.round(host.now() * 1e6)) }),
  emitWarning,
  cpuUsage,
  memoryUsage: Object.assign(() => {
    const [rss, heapTotal, heapUsed] = host.memoryUsage();
    return { rss, heapTotal, heapUsed, external: 0, arrayBuffers: 0 };
  }, { rss: () => host.rss() }),
};
process.addListener = process.on;
process.removeListener = process.off;
Object.defineProperty(process, 'exitCode', {
  enumerable: true,
  configurable: false,
  get() { return exitCode; },
  set(value) {
    if (value !== null && value !== undefined) {
      let checked = value;
      if (typeof value === 'string' && value !== '' && Number.isInteger(+value)) checked = +value;
      validateInteger(checked, 'code');
    }
    exitCode = value;
  },
});

// ---- warnings ---------------------------------------------------------------
let warnedOnce = false;
function emitWarning(warning, type, code, ctor) {
  let detail;
  if (type !== null && typeof type === 'object' && !Array.isArray(type)) {
    ctor = type.ctor; code = type.code; detail = type.detail; type = type.type || 'Warning';
  } else if (typeof type === 'function') {
    ctor = type; code = undefined; type = 'Warning';
  }
  if (type !== undefined && typeof type !== 'string') throw invalidArgType('type', 'string', type);
  if (typeof code === 'function') { ctor = code; code = undefined; }
  if (code !== undefined && typeof code !== 'string') throw invalidArgType('code', 'string', code);
  if (typeof warning === 'string') {
    const e = new Error(warning);
    e.name = String(type || 'Warning');
    if (code !== undefined) e.code = code;
    if (detail !== undefined) e.detail = detail;
    warning = e;
  } else if (!(warning instanceof Error)) {
    throw invalidArgType('warning', ['Error', 'string'], warning);
  }
  if (warning.name === 'DeprecationWarning' && process.noDeprecation) return;
  process.nextTick(doEmitWarning, warning);
}
function doEmitWarning(warning) {
  const code = warning.code ? `[${warning.code}] ` : '';
  let text = `(node:${host.pid}) ${code}${warning.name}: ${warning.message}\n`;
  if (!warnedOnce) {
    warnedOnce = true;
    const flag = warning.name === 'DeprecationWarning' ? '--trace-deprecation' : '--trace-warnings';
    text += `(Use \`node ${flag} ...\` to show where the warning was created)\n`;
  }
  write(2, text);
  process.emit('warning', warning);
}

// ---- exit -------------------------------------------------------------------
let exiting = false;
function exitCodeNow() {
  const c = exitCode;
  return c === undefined || c === null ? 0 : (+c | 0);
}

// V8's NoSideEffectsToString, which Node's unhandled-rejection message uses.
function noSideEffectsToString(v) {
  if (typeof v === 'string') return v;
  if (typeof v === 'symbol') return v.toString();
  if (typeof v === 'function') return Function.prototype.toString.call(v);
  if (v === null || typeof v !== 'object') return String(v);
  const toString = dataProperty(v, 'toString');
  if (v instanceof Error || toString === Error.prototype.toString) {
    const name = dataProperty(v, 'name'); const message = dataProperty(v, 'message');
    const n = name === undefined ? 'Error' : String(name);
    const m = message === undefined ? '' : String(message);
    return n === '' ? m : m === '' ? n : `${n}: ${m}`;
  }
  if (toString === Object.prototype.toString) {
    const ctor = dataProperty(v, 'constructor');
    if (typeof ctor === 'function' && typeof ctor.name === 'string' && ctor.name !== '') return `#<${ctor.name}>`;
  }
  return Array.isArray(v) ? '[object Array]' : '[object Object]';
}

// A data property along the prototype chain, without running getters
// (V8's JSReceiver::GetDataProperty).
function dataProperty(o, key) {
  for (let p = o; p !== null; p = Object.getPrototypeOf(p)) {
    const d = Object.getOwnPropertyDescriptor(p, key);
    if (d !== undefined) return 'value' in d ? d.value : undefined;
  }
  return undefined;
}

// Node's isErrorLike (an object with an own `stack`; QuickJS keeps
// `stack` on Error.prototype, so errors count too). A revoked Proxy
// throws here, as in Node.
function isErrorLike(v) {
  if (typeof v !== 'object' || v === null) return false;
  try {
    return Object.prototype.hasOwnProperty.call(v, 'stack') || v instanceof Error;
  } catch (e) {
    // V8's words for the check on a revoked Proxy, which Node reports.
    if (isRevoked(v)) {
      throw new TypeError("Cannot perform 'getOwnPropertyDescriptor' on a proxy that has been revoked");
    }
    throw e;
  }
}
function isRevoked(v) {
  try { Array.isArray(v); return false; } catch { return true; }
}

// What Node prints for an uncaught value: the error as util.inspect shows
// it; if printing throws, the error raised while printing it.
function describe(err) {
  try {
    return util.inspect(err);
  } catch (e) {
    // Node falls back to `Name: message` for an error it cannot inspect.
    try {
      if (err instanceof Error) return Reflect.apply(Error.prototype.toString, err, []);
    } catch { /* print what printing threw */ }
    try { return util.inspect(e); } catch { return 'Uncaught exception'; }
  }
}

function unhandledRejectionError(reason) {
  let shown;
  try { shown = noSideEffectsToString(reason); } catch { shown = '[object Object]'; }
  const message = 'This error originated either by throwing inside of an async function without a catch block, ' +
    `or by rejecting a promise which was not handled with .catch(). The promise rejected with the reason "${shown}".`;
  const e = new Error(message);
  shared.setStackHeader(e, `UnhandledPromiseRejection: ${message}`);
  Object.defineProperty(e, 'name', { value: 'UnhandledPromiseRejection', writable: true, configurable: true, enumerable: false });
  e.code = 'ERR_UNHANDLED_REJECTION';
  return e;
}

// An exception nothing caught (Node's _fatalException): uncaughtException
// listeners, else `exit` listeners (once), the report, and the end. An
// exception thrown by a listener propagates (the Rust side ends with 7).
function fatal(err, fromPromise) {
  if (host.exiting()) return;
  const type = fromPromise ? 'unhandledRejection' : 'uncaughtException';
  process.emit('uncaughtExceptionMonitor', err, type);
  if (process.emit('uncaughtException', err, type)) return;
  if (!exiting) {
    exiting = true;
    try {
      exitCode = kGenericUserError;
      process.emit('exit', kGenericUserError);
    } catch { /* as Node: nothing to be done about it now */ }
  }
  write(2, `${describe(err)}\n`);
  // `true`: an uncaught error ends the run, not the runtime.
  host.exit(exitCode === undefined || exitCode === null ? kGenericUserError : (+exitCode | 0), true);
}

// ---- rejection tracking -------------------------------------------------------
// Promises reported as unhandled; a later handler fires `rejectionHandled`.
// Weak, so a reported promise that is never handled is still collected.
const reported = new WeakSet();

// events: flat [handled, promise, reason, ...] in the order the engine's
// tracker reported them since the last checkpoint.
function rejections(events) {
  const pending = new Map();
  const handledLate = [];
  for (let i = 0; i < events.length; i += 3) {
    const handled = events[i]; const p = events[i + 1]; const reason = events[i + 2];
    if (!handled) {
      pending.set(p, reason);
    } else if (pending.has(p)) {
      pending.delete(p);
    } else if (reported.has(p)) {
      reported.delete(p);
      handledLate.push(p);
    }
  }
  for (const p of handledLate) {
    process.emit('rejectionHandled', p);
  }
  for (const [p, reason] of pending) {
    if (host.exiting()) return;
    reported.add(p);
    if (!process.emit('unhandledRejection', reason, p)) {
      fatal(isErrorLike(reason) ? reason : unhandledRejectionError(reason), true);
    }
  }
}

function beforeExit() {
  if (exiting) return;
  process.emit('beforeExit', exitCodeNow());
}

// The end of a natural run: `exit` listeners (once); the exit code.
// `exit(true)` starts a new run of a reused runtime (fresh events and code).
function exit(reset) {
  if (reset) {
    exiting = false;
    exitCode = undefined;
    return 0;
  }
  if (!exiting) {
    exiting = true;
    process.emit('exit', exitCodeNow());
  }
  return exitCodeNow();
}

// Node's words for a CommonJS global used in an ES module.
const commonJsGlobals = ['require', 'module', 'exports', '__filename', '__dirname'];
function esmScope(e, modulePackage) {
  try {
    if (!(e instanceof ReferenceError)) return e;
    const name = commonJsGlobals.find((g) => e.message === `${g} is not defined`);
    if (name === undefined) return e;
    let message = `${e.message} in ES module scope`;
    if (name === 'require') message += ', you can use import instead';
    if (modulePackage !== undefined) {
      message += "\nThis file is being treated as an ES module because it has a '.js' file extension and " +
        `'${modulePackage}' contains "type": "module". To treat it as a CommonJS script, rename it to use the '.cjs' file extension.`;
    }
    shared.setStackHeader(e, `ReferenceError: ${message}`);
    e.message = message;
  } catch { /* a hostile error stays as it is */ }
  return e;
}

// The main ES module: if its evaluation never settles, the exit code is 13.
// `modulePackage`: the package.json whose "type" makes a .js file one.
function mainModule(promise, modulePackage) {
  let settled = false;
  promise.then(() => { settled = true; }, (e) => { settled = true; fatal(esmScope(e, modulePackage), false); });
  process.prependListener('exit', () => { if (!settled && exitCode === undefined) exitCode = kUnsettledTopLevelAwait; });
}

// As Node's: an instance of a `process` class (whose prototype becomes an
// EventEmitter's when node:events loads), tagged 'process'.
const processProto = Object.create(Object.prototype, {
  constructor: { value: function process() {}, writable: true, configurable: true, enumerable: false },
});
Object.setPrototypeOf(process, processProto);
Object.defineProperty(process, Symbol.toStringTag, { value: 'process', writable: false, enumerable: false, configurable: true });
shared.process = process;
shared.fatal = fatal;
define('process', process);

return { fatal, rejections, beforeExit, exit, mainModule };
