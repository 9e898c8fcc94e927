// CommonJS as Node runs it (Module, require, require.resolve, the cache,
// cycles, JSON), `node:module`, the built-in registry's values, and the
// hook the ES module loader's generated modules call. Resolution, reading
// and compiling are native (modules/). Returns its part of the dispatch
// contract (runMain).
'use strict';
const { nodeError, invalidArgType, define } = shared;
const { resolveModule, readModule, compileCommonJs, requireEsm, esmFacade, detectsModule, moduleEvaluated } = host;
const ReflectApply = Reflect.apply;

const cache = { __proto__: null };
// Modules embedders registered from Rust, by name.
const natives = { __proto__: null };
// Sources of CommonJS files the ES module loader already read.
const primed = { __proto__: null };
// CommonJS files the ES module loader is running (innermost last).
const importing = [];
// `require()`s of ES modules in progress: [filename, requiring filename].
const requiringEsm = [];
let mainModule;

function dirname(path) {
  const i = path.lastIndexOf('/');
  return i <= 0 ? (i === 0 ? '/' : '.') : path.slice(0, i);
}

function nodeModulePaths(from) {
  const paths = [];
  let dir = from;
  for (;;) {
    if (!dir.endsWith('/node_modules')) paths.push(`${dir === '/' ? '' : dir}/node_modules`);
    if (dir === '/' || dir === '.' || dir === '') break;
    dir = dirname(dir);
  }
  return paths;
}

class Module {
  constructor(id = '', parent) {
    this.id = id;
    this.path = dirname(id);
    this.exports = {};
    this.filename = null;
    this.loaded = false;
    this.children = [];
    this.paths = nodeModulePaths(this.path);
    this.parent = parent;
    if (parent) parent.children.push(this);
  }
  require(id) { return makeRequire(this)(id); }
}

function requireStack(mod) {
  const stack = [];
  for (let m = mod; m; m = m.parent) if (m.filename) stack.push(m.filename);
  return stack;
}

// `[kind, value]` for `request` from `mod`, or a thrown Node error.
function resolveFrom(mod, request) {
  if (natives[request] !== undefined) return ['native', request];
  const r = resolveModule(request, mod.path, undefined);
  if (r[0] === 'error') {
    const stack = requireStack(mod);
    let message = r[2];
    if (r[1] === 'MODULE_NOT_FOUND' && stack.length > 0) message += `\nRequire stack:\n- ${stack.join('\n- ')}`;
    const e = new Error(message);
    e.code = r[1];
    if (r[1] === 'MODULE_NOT_FOUND') e.requireStack = stack;
    shared.setStackHeader(e, `Error: ${message}`);
    throw e;
  }
  if (r[0] === 'unsupported') {
    throw nodeError(Error, 'ERR_JSLOOP_UNSUPPORTED_BUILTIN', `The built-in module 'node:${r[1]}' is not provided by jsloop yet`);
  }
  if (r[0] === 'unknown') throw nodeError(Error, 'ERR_UNKNOWN_BUILTIN_MODULE', `No such built-in module: ${r[1]}`);
  return r;
}

function validateId(id) {
  if (typeof id !== 'string') throw invalidArgType('id', 'string', id);
  if (id === '') {
    throw nodeError(TypeError, 'ERR_INVALID_ARG_VALUE', "The argument 'id' must be a non-empty string. Received ''");
  }
}

function makeRequire(mod) {
  function require(id) {
    validateId(id);
    return load(mod, resolveFrom(mod, id));
  }
  function resolve(request, options) {
    validateId(request);
    if (options !== undefined && options.paths !== undefined) {
      if (!Array.isArray(options.paths)) throw invalidArgType('options.paths', 'Array', options.paths);
      let last;
      for (const base of options.paths) {
        try { return resolveFrom(new Module(`${base}/[resolve]`), request)[1]; } catch (e) { last = e; }
      }
      if (last) throw last;
    }
    const r = resolveFrom(mod, request);
    return r[0] === 'builtin' ? (request.startsWith('node:') ? request : r[1]) : r[1];
  }
  resolve.paths = (request) => (builtinModules.includes(request) || request.startsWith('node:')
    ? null : nodeModulePaths(mod.path));
  require.resolve = resolve;
  require.main = mainModule;
  require.cache = cache;
  require.extensions = { __proto__: null, '.js': null, '.json': null, '.node': null };
  return require;
}

function load(parent, [kind, value]) {
  if (kind === 'builtin') return builtin(value);
  if (kind === 'native') return natives[value];
  const filename = value;
  const cached = cache[filename];
  if (cached !== undefined) {
    return cached.exports;
  }
  if (kind === 'module') return loadEsm(parent, filename);
  const mod = new Module(filename, parent);
  mod.filename = filename;
  cache[filename] = mod;
  let threw = true;
  try {
    const source = primed[filename] !== undefined ? primed[filename] : readModule(filename);
    delete primed[filename];
    if (kind === 'json') {
      try {
        mod.exports = JSON.parse(source);
      } catch (e) {
        e.message = `${filename}: ${e.message}`;
        throw e;
      }
    } else {
      let fn;
      try {
        fn = compileCommonJs(source, filename);
      } catch (e) {
        // node 20.20: a file no "type" claims that does not parse as
        // CommonJS but has module syntax is an ES module.
        if (!(e instanceof SyntaxError) || !detectsModule(filename, source)) throw e;
        delete cache[filename];
        threw = false;
        return loadEsm(parent, filename);
      }
      ReflectApply(fn, mod.exports, [mod.exports, makeRequire(mod), mod, filename, mod.path]);
    }
    threw = false;
  } finally {
    if (threw) delete cache[filename];
  }
  mod.loaded = true;
  return mod.exports;
}

// `require()` of an ES module, as node 20.20: its namespace (with
// `__esModule` when it has a default export and none of that name; its
// `module.exports` export if it has one), unless its graph awaits at top
// level or reaches a module still running.
function loadEsm(parent, filename) {
  const from = parent && parent.filename;
  requiringEsm.push([filename, from]);
  let r;
  try {
    r = requireEsm(filename, importing);
  } finally {
    requiringEsm.pop();
  }
  if (r[0] === 'cycle' && r[1] !== undefined) {
    throw nodeError(Error, 'ERR_REQUIRE_CYCLE_MODULE', `Cannot import Module ${r[1]} in a cycle. (from ${r[2]})`);
  }
  if (r[0] === 'cycle') {
    const outer = requiringEsm.find((e) => e[0] === filename);
    let message = `Cannot require() ES Module ${filename} in a cycle.`;
    if (outer !== undefined) {
      if (outer[1]) message += ` (from ${outer[1]})`;
    } else {
      if (from) message += ` (from ${from})`;
      message += ' A cycle involving require(esm) is not allowed to maintain invariants mandated by the ' +
        'ECMAScript specification. Try making at least part of the dependency in the graph lazily loaded.';
    }
    throw nodeError(Error, 'ERR_REQUIRE_CYCLE_MODULE', message);
  }
  if (r[0] === 'async') {
    let message = 'require() cannot be used on an ESM graph with top-level await. Use import() instead. ' +
      'To see where the top-level await comes from, use --experimental-print-required-tla.';
    if (from) message += `\n  From ${from} `;
    message += `\n  Requiring ${filename} `;
    throw nodeError(Error, 'ERR_REQUIRE_ASYNC_MODULE', message);
  }
  if (r[0] === 'rejected') {
    r[2].then(undefined, () => {});
    throw r[1];
  }
  const ns = r[1];
  let exports = ns;
  if ('module.exports' in ns) exports = ns['module.exports'];
  else if ('default' in ns && !('__esModule' in ns)) exports = esmFacade(filename);
  const mod = new Module(filename, parent);
  mod.filename = filename;
  mod.exports = exports;
  mod.loaded = true;
  cache[filename] = mod;
  return exports;
}

// ---- built-ins ----------------------------------------------------------------
const builtinModules = host.builtinNames;
function isBuiltin(name) {
  if (typeof name !== 'string') return false;
  if (name.startsWith('node:')) return builtinModules.includes(name.slice(5)) || name === 'node:test' || name === 'node:test/reporters';
  return builtinModules.includes(name);
}
function createRequire(filename) {
  let path = filename;
  if (typeof path === 'object' && path !== null && typeof path.href === 'string') path = path.href;
  if (typeof path === 'string' && path.startsWith('file://')) path = decodeURIComponent(path.slice(7));
  if (typeof path !== 'string' || !path.startsWith('/')) {
    throw nodeError(TypeError, 'ERR_INVALID_ARG_VALUE',
      `The argument 'filename' must be a file URL object, file URL string, or absolute path string. Received ${util.inspect(filename)}`);
  }
  const mod = new Module(path);
  mod.filename = path;
  return makeRequire(mod);
}
Object.assign(Module, {
  Module, builtinModules, isBuiltin, createRequire, _cache: cache, _nodeModulePaths: nodeModulePaths,
  wrap: (script) => `(function (exports, require, module, __filename, __dirname) { ${script}\n});`,
});

const builtinValues = {
  __proto__: null,
  module: () => Module,
  process: () => shared.process,
  console: () => shared.console,
};
const builtinCache = { __proto__: null };
function builtin(name) {
  let v = builtinCache[name];
  if (v === undefined) {
    const make = builtinValues[name];
    v = make !== undefined ? make() : host.loadBuiltin(name, host, util, shared);
    builtinCache[name] = v;
  }
  return v;
}
shared.requireBuiltin = builtin;

// ---- the ES module loader's hook ------------------------------------------------
function esmHook(kind, name, source) {
  switch (kind) {
    case 'builtin': return builtin(name);
    case 'builtin-keys': {
      const v = builtin(name);
      return Object.keys(v).concat(typeof v === 'function' ? Object.getOwnPropertyNames(v).filter((k) => !['length', 'name', 'prototype', 'arguments', 'caller'].includes(k) && !Object.keys(v).includes(k)) : []);
    }
    case 'evaluated': moduleEvaluated(name); return undefined;
    case 'native': return natives[name];
    case 'native-keys': return Object.keys(natives[name]);
    case 'prime': if (cache[name] === undefined) primed[name] = source; return undefined;
    case 'commonjs': {
      if (cache[name] === undefined && primed[name] === undefined) return undefined;
      importing.push(name);
      try {
        return load(importerModule(name), ['commonjs', name]);
      } finally {
        importing.pop();
      }
    }
    case 'meta-resolve': return function resolve(specifier) {
      const r = resolveModule(String(specifier), dirname(name), name);
      if (r[0] === 'builtin') return `node:${r[1]}`;
      if (r[0] === 'error') { const e = new Error(r[2]); e.code = r[1]; throw e; }
      return `file://${encodeURI(r[1])}`;
    };
    default: return undefined;
  }
}
function importerModule(filename) {
  const m = new Module(filename);
  return m;
}
Object.defineProperty(globalThis, Symbol.for('jsloop.esm'), { value: esmHook });

// The main script: `fn` is its compiled CommonJS wrapper.
function runMain(fn, filename) {
  const mod = new Module('.');
  mod.filename = filename;
  mod.path = dirname(filename);
  mod.paths = nodeModulePaths(mod.path);
  mainModule = mod;
  shared.process.mainModule = mod;
  if (filename.startsWith('/')) cache[filename] = mod;
  const require = makeRequire(mod);
  ReflectApply(fn, mod.exports, [mod.exports, require, mod, filename, mod.path]);
  mod.loaded = true;
}

function registerNative(name, exports) {
  natives[name] = exports;
}

// `node -r specifier`: required from the working directory before the main script.
function preload(specifier) {
  const mod = new Module(`${host.cwd}/[preload]`);
  makeRequire(mod)(specifier);
}

// `node --import specifier`: imported from the working directory before the
// main script; `done()` once its evaluation settled (an error it throws is
// an uncaught exception).
function importPreload(specifier, done) {
  const fail = (e) => { done(); shared.fatal(e, false); };
  let target;
  try {
    const r = resolveModule(specifier, host.cwd, `${host.cwd}/`);
    if (r[0] === 'error') {
      const e = nodeError(Error, r[1], r[2]);
      if (r[1] === 'ERR_MODULE_NOT_FOUND') e.url = `file://${encodeURI(`${host.cwd}/${specifier}`)}`;
      throw e;
    }
    if (r[0] === 'unsupported') {
      throw nodeError(Error, 'ERR_JSLOOP_UNSUPPORTED_BUILTIN', `The built-in module 'node:${r[1]}' is not provided by jsloop yet`);
    }
    if (r[0] === 'unknown') throw nodeError(Error, 'ERR_UNKNOWN_BUILTIN_MODULE', `No such built-in module: ${r[1]}`);
    target = r[0] === 'builtin' ? `node:${r[1]}` : r[1];
  } catch (e) {
    fail(e);
    return;
  }
  import(target).then(() => done(), fail);
}

return { runMain, registerNative, preload, importPreload };
