// `process`: events, nextTick, exit codes, warnings, and the fatal-error
// path. Puts `process` and `fatal` on `shared`; returns its part of the
// dispatch contract (fatal, rejections, beforeExit, exit, mainModule).
'use strict';
const { invalidArgType, validateFunction, validateInteger, nodeError, define, outOfRange } = shared;
const write = (fd, s) => host.print(fd, s);
const kGenericUserError = 1;
const kUnsettledTopLevelAwait = 13;

// ---- events -----------------------------------------------------------------
// `process` is an EventEmitter with node:events' storage (`_events` holds a
// function for one listener, a never-mutated array for more): these methods
// serve until node:events loads, which puts EventEmitter.prototype in their
// place on the same storage (see the prototype chain at the end). Built-ins
// are taken at load time, so replacing them cannot break exit and errors.
const ReflectApply = Reflect.apply;
const ReflectOwnKeys = Reflect.ownKeys;
const kDefaultMaxListeners = 10;
const maxListenersOf = (that) => (that._maxListeners === undefined
  ? (shared.eventDefaults === undefined ? kDefaultMaxListeners : shared.eventDefaults.maxListeners)
  : that._maxListeners);

function addListener(that, type, listener, prepend) {
  validateFunction(listener, 'listener');
  let events = that._events;
  if (events === undefined) {
    events = that._events = { __proto__: null };
    that._eventsCount = 0;
  } else if (events.newListener !== undefined) {
    that.emit('newListener', type, listener.listener ?? listener);
    events = that._events;
  }
  let existing = events[type];
  if (existing === undefined) {
    events[type] = listener;
    ++that._eventsCount;
    return that;
  }
  if (typeof existing === 'function') {
    existing = events[type] = prepend ? [listener, existing] : [existing, listener];
  } else {
    const warned = existing.warned;
    existing = events[type] = prepend ? [listener, ...existing] : [...existing, listener];
    if (warned) existing.warned = true;
  }
  const m = maxListenersOf(that);
  if (m > 0 && existing.length > m && !existing.warned) {
    existing.warned = true;
    const w = new Error('Possible EventEmitter memory leak detected. ' +
      `${existing.length} ${String(type)} listeners added to [process]. ` +
      `MaxListeners is ${m}. Use emitter.setMaxListeners() to increase limit`);
    w.name = 'MaxListenersExceededWarning';
    w.emitter = that;
    w.type = type;
    w.count = existing.length;
    process.emitWarning(w);
  }
  return that;
}

function onceWrapper(...args) {
  if (!this.fired) {
    this.target.removeListener(this.type, this.wrapFn);
    this.fired = true;
    return ReflectApply(this.listener, this.target, args);
  }
  return undefined;
}
function onceWrap(target, type, listener) {
  validateFunction(listener, 'listener');
  const state = { fired: false, wrapFn: undefined, target, type, listener };
  const wrapped = FunctionBind(onceWrapper, state);
  wrapped.listener = listener;
  state.wrapFn = wrapped;
  return wrapped;
}
const FunctionBind = (f, self) => ReflectApply(Function.prototype.bind, f, [self]);

function listenersOf(that, type, unwrap) {
  const events = that._events;
  const found = events === undefined ? undefined : events[type];
  if (found === undefined) return [];
  if (typeof found === 'function') return [unwrap ? found.listener || found : found];
  const out = [];
  for (let i = 0; i < found.length; i++) out[i] = unwrap ? found[i].listener || found[i] : found[i];
  return out;
}

const emitterMethods = {
  setMaxListeners(n) {
    if (typeof n !== 'number') throw invalidArgType('setMaxListeners', 'number', n);
    if (!(n >= 0)) throw outOfRange('setMaxListeners', '>= 0', n);
    this._maxListeners = n;
    return this;
  },
  getMaxListeners() { return maxListenersOf(this); },
  emit(type, ...args) {
    const events = this._events;
    const handler = events === undefined ? undefined : events[type];
    if (handler === undefined) {
      if (type !== 'error') return false;
      const er = args[0];
      if (er instanceof Error) throw er;
      let shown;
      try { shown = util.inspect(er); } catch { shown = er; }
      const err = nodeError(Error, 'ERR_UNHANDLED_ERROR', `Unhandled error. (${shown})`);
      err.context = er;
      throw err;
    }
    if (typeof handler === 'function') {
      ReflectApply(handler, this, args);
    } else {
      for (let i = 0; i < handler.length; i++) ReflectApply(handler[i], this, args);
    }
    return true;
  },
  addListener(type, listener) { return addListener(this, type, listener, false); },
  prependListener(type, listener) { return addListener(this, type, listener, true); },
  once(type, listener) { return this.on(type, onceWrap(this, type, listener)); },
  prependOnceListener(type, listener) { return this.prependListener(type, onceWrap(this, type, listener)); },
  removeListener(type, listener) {
    validateFunction(listener, 'listener');
    const events = this._events;
    const list = events === undefined ? undefined : events[type];
    if (list === undefined) return this;
    if (list === listener || list.listener === listener) {
      if (--this._eventsCount === 0) {
        this._events = { __proto__: null };
      } else {
        delete events[type];
        if (events.removeListener !== undefined) this.emit('removeListener', type, list.listener || listener);
      }
    } else if (typeof list !== 'function') {
      let position = -1;
      for (let i = list.length - 1; i >= 0; i--) {
        if (list[i] === listener || list[i].listener === listener) { position = i; break; }
      }
      if (position < 0) return this;
      if (list.length === 2) {
        events[type] = list[1 - position];
      } else {
        const rest = [];
        for (let i = 0; i < list.length; i++) if (i !== position) rest[rest.length] = list[i];
        if (list.warned) rest.warned = true;
        events[type] = rest;
      }
      if (events.removeListener !== undefined) this.emit('removeListener', type, listener);
    }
    return this;
  },
  removeAllListeners(type) {
    const events = this._events;
    if (events === undefined) return this;
    if (events.removeListener === undefined) {
      if (arguments.length === 0) {
        this._events = { __proto__: null };
        this._eventsCount = 0;
      } else if (events[type] !== undefined) {
        if (--this._eventsCount === 0) this._events = { __proto__: null };
        else delete events[type];
      }
      return this;
    }
    if (arguments.length === 0) {
      for (const key of ReflectOwnKeys(events)) if (key !== 'removeListener') this.removeAllListeners(key);
      this.removeAllListeners('removeListener');
      this._events = { __proto__: null };
      this._eventsCount = 0;
      return this;
    }
    const found = events[type];
    if (typeof found === 'function') {
      this.removeListener(type, found);
    } else if (found !== undefined) {
      for (let i = found.length - 1; i >= 0; i--) this.removeListener(type, found[i]);
    }
    return this;
  },
  listeners(type) { return listenersOf(this, type, true); },
  rawListeners(type) { return listenersOf(this, type, false); },
  listenerCount(type, listener) {
    const events = this._events;
    const found = events === undefined ? undefined : events[type];
    if (found === undefined) return 0;
    if (typeof found === 'function') {
      return listener == null || listener === found || listener === found.listener ? 1 : 0;
    }
    if (listener == null) return found.length;
    let n = 0;
    for (let i = 0; i < found.length; i++) if (found[i] === listener || found[i].listener === listener) n++;
    return n;
  },
  eventNames() { return this._eventsCount > 0 ? ReflectOwnKeys(this._events) : []; },
};
emitterMethods.on = emitterMethods.addListener;
emitterMethods.off = emitterMethods.removeListener;

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
  // Native: each callback is one loop nextTick, in the loop's tick queue.
  nextTick: host.nextTick,
  exit(code) {
    if (code !== undefined) process.exitCode = code;
    exiting = true;
    if (!exitingFlag) {
      exitingFlag = true;
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

// ---- credentials ------------------------------------------------------------
function validateId(id, name) {
  if (typeof id === 'number') {
    if (!Number.isInteger(id)) throw outOfRange(name, 'an integer', id);
    if (id < 0 || id > 0xffffffff) throw outOfRange(name, '>= 0 && <= 4294967295', id);
  } else if (typeof id !== 'string') {
    throw invalidArgType(name, ['number', 'string'], id);
  }
}
const unknownCredential = (type, id) => nodeError(Error, 'ERR_UNKNOWN_CREDENTIAL', `${type} identifier does not exist: ${id}`);
// Node's C++ ErrnoException: `CODE, strerror text`, a positive errno.
function credentialError(err, syscall) {
  const e = shared.errnoException(err, syscall);
  const text = host.errText(err);
  e.message = `${e.code}, ${text.charAt(0).toUpperCase()}${text.slice(1)}`;
  e.errno = -err;
  shared.setStackHeader(e, `Error: ${e.message}`);
  return e;
}
function idSetter(name, which, type) {
  return {
    [name](id) {
      validateId(id, 'id');
      const r = host.setCredential(which, typeof id === 'number' ? id >>> 0 : id);
      if (r === 1) throw unknownCredential(type, id);
      if (r < 0) throw credentialError(r, name);
    },
  }[name];
}
function setgroups(groups) {
  if (!Array.isArray(groups)) throw invalidArgType('groups', 'Array', groups);
  for (let i = 0; i < groups.length; i++) validateId(groups[i], `groups[${i}]`);
  const r = host.setGroups(groups);
  if (r > 0) throw unknownCredential('Group', groups[r - 1]);
  if (r < 0) throw credentialError(r, 'setgroups');
}
function initgroups(user, extraGroup) {
  validateId(user, 'user');
  validateId(extraGroup, 'extraGroup');
  const r = host.initGroups(user, extraGroup);
  if (r === 1) throw unknownCredential('User', user);
  if (r === 2) throw unknownCredential('Group', extraGroup);
  if (r < 0) throw credentialError(r, 'initgroups');
}
function getgroups() {
  const groups = host.credentialGroups();
  if (groups.length === 1 && groups[0] < 0) throw credentialError(groups[0], 'getgroups');
  return groups;
}

// ---- uncaught exceptions ------------------------------------------------------
let captureFn = null;
function setUncaughtExceptionCaptureCallback(fn) {
  if (fn === null) {
    captureFn = null;
    return;
  }
  if (typeof fn !== 'function') throw invalidArgType('fn', ['Function', 'null'], fn);
  if (captureFn !== null) {
    throw nodeError(Error, 'ERR_UNCAUGHT_EXCEPTION_CAPTURE_ALREADY_SET',
      '`process.setupUncaughtExceptionCapture()` was called while a capture callback was already active');
  }
  captureFn = fn;
}

// ---- .env files -----------------------------------------------------------------
// The parser is native (globals/node/dotenv.rs): one for --env-file, util.parseEnv and here.
const parseEnv = (content) => host.parseEnv(content);
function loadEnvFile(path = undefined) {
  if (path !== undefined && path !== null && typeof path !== 'string' && !(path instanceof Uint8Array) &&
      !(path instanceof shared.requireBuiltin('url').URL)) {
    throw invalidArgType('path', ['string', 'Buffer', 'URL'], path);
  }
  const fs = shared.requireBuiltin('fs');
  const parsed = parseEnv(fs.readFileSync(path === undefined || path === null ? '.env' : path, 'utf8'));
  const env = process.env;
  for (const key of Object.keys(parsed)) {
    if (!Object.prototype.hasOwnProperty.call(env, key)) env[key] = parsed[key];
  }
}

// ---- what jsloop cannot have ------------------------------------------------------
// Native addons: no Node-API in jsloop.
function dlopen(module, filename) {
  if (arguments.length < 2) throw nodeError(TypeError, 'ERR_MISSING_ARGS', 'process.dlopen needs at least 2 arguments');
  if (module === null || module === undefined) throw new TypeError('Cannot convert undefined or null to object');
  throw nodeError(Error, 'ERR_DLOPEN_FAILED', `${filename}: native addons (.node files) cannot be loaded by jsloop`);
}
// Node's internal bindings are not there: every name is unknown.
function binding(name) {
  throw new Error(`No such module: ${name}`);
}
function _linkedBinding(name) {
  throw nodeError(Error, 'ERR_INVALID_MODULE', `No such binding was linked: ${name}`);
}

// Flags jsloop takes, as node reads them from NODE_OPTIONS (jsloop from
// JSLOOP_OPTIONS); a read-only Set whose has() accepts node's spellings.
const allowedFlags = ['--import', '--input-type', '--max-old-space-size', '--require', '-r'];
const kFlags = Symbol('kFlags');
class NodeEnvironmentFlagsSet extends Set {
  constructor(flags) {
    super();
    this[kFlags] = flags;
  }
  add() { return this; }
  delete() { return false; }
  clear() {}
  has(key) {
    if (typeof key !== 'string') return false;
    let flag = key.replace(/=.*$/, '');
    if (flag.startsWith('--no-')) flag = `--${flag.slice(5)}`;
    if (flag.startsWith('--')) flag = `--${flag.slice(2).replace(/_/g, '-')}`;
    return this[kFlags].includes(flag);
  }
  get size() { return this[kFlags].length; }
  entries() { return this[kFlags].map((f) => [f, f])[Symbol.iterator](); }
  keys() { return this[kFlags][Symbol.iterator](); }
  values() { return this[kFlags][Symbol.iterator](); }
  [Symbol.iterator]() { return this[kFlags][Symbol.iterator](); }
  forEach(callback, thisArg) {
    validateFunction(callback, 'callback');
    for (const flag of this[kFlags]) Reflect.apply(callback, thisArg, [flag, flag, this]);
  }
}

// process.report: a reduced report (no native stack, heap spaces or libuv
// handles), honest about what jsloop knows.
function makeReport() {
  let sequence = 0;
  function getReport(err) {
    if (err !== undefined && (err === null || typeof err !== 'object')) throw invalidArgType('err', 'Object', err);
    const now = new Date();
    const usage = process.resourceUsage();
    const stack = (err === undefined ? new Error('JavaScript API') : err).stack;
    return {
      header: {
        reportVersion: 3,
        event: 'JavaScript API',
        trigger: 'GetReport',
        filename: null,
        dumpEventTime: now.toISOString(),
        dumpEventTimeStamp: String(now.getTime()),
        processId: host.pid,
        threadId: 0,
        cwd: process.cwd(),
        commandLine: [...process.argv],
        nodejsVersion: process.version,
        wordSize: 64,
        arch: process.arch,
        platform: process.platform,
        componentVersions: { ...process.versions },
        release: { ...process.release },
      },
      javascriptStack: {
        message: err === undefined ? 'No stack.' : `${err.name}: ${err.message}`,
        stack: typeof stack === 'string' ? stack.split('\n').filter((l) => /^\s*at /.test(l)).map((l) => l.trim()) : [],
      },
      resourceUsage: {
        userCpuSeconds: usage.userCPUTime / 1e6,
        kernelCpuSeconds: usage.systemCPUTime / 1e6,
        maxRss: usage.maxRSS * 1024,
        pageFaults: { IORequired: usage.majorPageFault, IONotRequired: usage.minorPageFault },
        fsActivity: { reads: usage.fsRead, writes: usage.fsWrite },
      },
      environmentVariables: { ...process.env },
      sharedObjects: [],
    };
  }
  const report = {
    writeReport(file, err) {
      if (typeof file === 'object' && file !== null) { err = file; file = undefined; }
      if (file !== undefined && typeof file !== 'string') throw invalidArgType('file', 'string', file);
      const data = getReport(err);
      const stamp = data.header.dumpEventTime.replace(/[-:]/g, '').replace('T', '.').slice(0, 15);
      sequence++;
      const name = file || report.filename || `report.${stamp}.${host.pid}.0.${String(sequence).padStart(3, '0')}.json`;
      const dir = report.directory;
      const target = name.startsWith('/') || dir === '' ? name : `${dir}/${name}`;
      data.header.filename = name;
      data.header.trigger = 'API';
      shared.requireBuiltin('fs').writeFileSync(target, JSON.stringify(data, null, report.compact ? 0 : 2));
      write(2, `\nWriting Node.js report to file: ${name}\nNode.js report completed\n`);
      return name;
    },
    getReport,
    directory: '',
    filename: '',
    compact: false,
    excludeNetwork: false,
    signal: 'SIGUSR2',
    reportOnFatalError: false,
    reportOnSignal: false,
    reportOnUncaughtException: false,
  };
  return report;
}

function deprecatedAssert(value, message) {
  if (!assertWarned) {
    assertWarned = true;
    emitWarning('process.assert() is deprecated. Please use the `assert` module instead.', 'DeprecationWarning', 'DEP0100');
  }
  if (!value) throw nodeError(Error, 'ERR_ASSERTION', message || 'assertion error');
}
let assertWarned = false;

let sourceMapsEnabled = false;
const lazy = (name, make) => {
  Object.defineProperty(process, name, {
    get() {
      const value = make();
      Object.defineProperty(process, name, { value, writable: true, configurable: true, enumerable: true });
      return value;
    },
    set(value) {
      Object.defineProperty(process, name, { value, writable: true, configurable: true, enumerable: true });
    },
    enumerable: true,
    configurable: true,
  });
};

Object.assign(process, {
  _rawDebug(...args) { write(2, `${util.formatList(args)}\n`); },
  moduleLoadList: [],
  binding,
  _linkedBinding,
  domain: null,
  dlopen,
  resourceUsage() {
    const u = host.resourceUsage();
    return {
      userCPUTime: u[0], systemCPUTime: u[1], maxRSS: u[2], sharedMemorySize: u[3], unsharedDataSize: u[4],
      unsharedStackSize: u[5], minorPageFault: u[6], majorPageFault: u[7], swappedOut: u[8], fsRead: u[9],
      fsWrite: u[10], ipcSent: u[11], ipcReceived: u[12], signalsCount: u[13], voluntaryContextSwitches: u[14],
      involuntaryContextSwitches: u[15],
    };
  },
  constrainedMemory: () => host.constrainedMemory(),
  availableMemory: () => host.availableMemory(),
  loadEnvFile,
  _kill(pid, sig) { try { process.kill(pid, sig); return 0; } catch (e) { return typeof e.errno === 'number' ? e.errno : -1; } },
  openStdin() { process.stdin.resume(); return process.stdin; },
  getuid: () => host.credentialIds()[0],
  geteuid: () => host.credentialIds()[1],
  getgid: () => host.credentialIds()[2],
  getegid: () => host.credentialIds()[3],
  getgroups,
  setuid: idSetter('setuid', 0, 'User'),
  seteuid: idSetter('seteuid', 1, 'User'),
  setgid: idSetter('setgid', 2, 'Group'),
  setegid: idSetter('setegid', 3, 'Group'),
  setgroups,
  initgroups,
  assert: deprecatedAssert,
  features: {
    inspector: false, debug: false, uv: false, ipv6: true, tls_alpn: true, tls_sni: true, tls_ocsp: false, tls: true,
    cached_builtins: false, require_module: true,
  },
  _fatalException(er, fromPromise) {
    const handled = handleUncaught(er, fromPromise);
    // As node's: 'exit' now (once), and again at the natural end.
    if (!handled && !exitingFlag) {
      exitingFlag = true;
      exitCode = kGenericUserError;
      process.emit('exit', kGenericUserError);
    }
    return handled;
  },
  setUncaughtExceptionCaptureCallback,
  hasUncaughtExceptionCaptureCallback: () => captureFn !== null,
  setSourceMapsEnabled(val) {
    if (typeof val !== 'boolean') throw invalidArgType('val', 'boolean', val);
    if (val) {
      throw nodeError(Error, 'ERR_JSLOOP_UNSUPPORTED', 'Source maps are not supported by jsloop');
    }
    sourceMapsEnabled = false;
  },
  getBuiltinModule(id) {
    if (typeof id !== 'string') throw invalidArgType('id', 'string', id);
    const Module = shared.requireBuiltin('module');
    if (!Module.isBuiltin(id)) return undefined;
    return Module.createRequire(`${host.cwd}/`)(id);
  },
  debugPort: 9229,
  _preload_modules: [],
  _debugProcess(pid) {
    throw nodeError(Error, 'ERR_JSLOOP_UNSUPPORTED', `jsloop has no inspector to start in process ${pid}`);
  },
  _debugEnd() {},
  _startProfilerIdleNotifier() {},
  _stopProfilerIdleNotifier() {},
});
Object.defineProperty(process, 'sourceMapsEnabled', {
  get() { return sourceMapsEnabled; }, enumerable: true, configurable: true,
});
Object.defineProperty(process, '_exiting', {
  get() { return exitingFlag; }, set(v) { exitingFlag = Boolean(v); }, enumerable: true, configurable: true,
});
lazy('report', makeReport);
lazy('allowedNodeEnvironmentFlags', () => Object.freeze(new NodeEnvironmentFlagsSet(allowedFlags)));

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
  process.emit('warning', warning);
}
// Node's own 'warning' listener, which prints (so removing every 'warning'
// listener silences warnings, as in node).
function onWarning(warning) {
  if (!(warning instanceof Error)) return;
  if (warning.name === 'DeprecationWarning' && process.noDeprecation) return;
  let text = `(node:${host.pid}) `;
  if (warning.code) text += `[${warning.code}] `;
  text += typeof warning.toString === 'function' ? `${warning.toString()}` : ReflectApply(Error.prototype.toString, warning, []);
  if (typeof warning.detail === 'string') text += `\n${warning.detail}`;
  if (!warnedOnce) {
    warnedOnce = true;
    const flag = warning.name === 'DeprecationWarning' ? '--trace-deprecation' : '--trace-warnings';
    text += `\n(Use \`node ${flag} ...\` to show where the warning was created)`;
  }
  // As node: through the console's error method (a hijacked stderr sees it).
  const console = shared.console;
  if (console !== undefined && typeof console.error === 'function') console.error(text);
  else write(2, `${text}\n`);
}
shared.onWarning = onWarning;

// ---- exit -------------------------------------------------------------------
// `exiting`: the run is ending ('exit' emitted by the end of the run or
// process.exit); `exitingFlag`: process._exiting, which process.exit and
// _fatalException consult before emitting 'exit'.
let exiting = false;
let exitingFlag = false;
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

// The capture callback, else 'uncaughtException' listeners: whether one
// took the error (after 'uncaughtExceptionMonitor').
function handleUncaught(err, fromPromise) {
  const type = fromPromise ? 'unhandledRejection' : 'uncaughtException';
  process.emit('uncaughtExceptionMonitor', err, type);
  if (captureFn !== null) {
    captureFn(err);
    return true;
  }
  return process.emit('uncaughtException', err, type);
}

// An exception nothing caught (Node's _fatalException): uncaughtException
// listeners, else `exit` listeners (once), the report, and the end. An
// exception thrown by a listener propagates (the Rust side ends with 7).
function fatal(err, fromPromise) {
  if (host.exiting()) return;
  if (handleUncaught(err, fromPromise)) return;
  if (!exiting) {
    exiting = true;
    exitingFlag = true;
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
    exitingFlag = false;
    exitCode = undefined;
    return 0;
  }
  if (!exiting) {
    exiting = true;
    exitingFlag = true;
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

// As Node's: an instance of a `process` class whose prototype's prototype
// is EventEmitter.prototype. Until node:events loads, that place is held by
// `emitterMethods`; node:events then sets the `process` class prototype's
// prototype to EventEmitter.prototype, dropping these for its own.
const processCtor = Object.defineProperty(function () {}, 'name', { value: 'process' });
const processProto = Object.create(Object.setPrototypeOf(emitterMethods, Object.prototype), {
  constructor: { value: processCtor, writable: true, configurable: true, enumerable: false },
});
processCtor.prototype = processProto;
for (const key of ReflectOwnKeys(emitterMethods)) {
  Object.defineProperty(emitterMethods, key, { enumerable: false });
}
Object.setPrototypeOf(process, processProto);
Object.defineProperty(process, Symbol.toStringTag, { value: 'process', writable: false, enumerable: false, configurable: true });
process._events = { __proto__: null };
process._eventsCount = 0;
process._maxListeners = undefined;
shared.process = process;
shared.fatal = fatal;
define('process', process);

return { fatal, rejections, beforeExit, exit, mainModule };
