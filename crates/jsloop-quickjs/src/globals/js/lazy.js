// The first file run: what must exist before user code (the native timers,
// `global`), `shared.lazyGlobal`, and the accessors that load the other
// start-up files on first use (globals/mod.rs lists which file defines
// what). Returns `lazy` for those accessors and the `util` the files get,
// whose members load inspect.js on first read.
'use strict';
const { defineProperty, getOwnPropertyDescriptor } = Object;
const { loadUnit } = host;
const data = (value, enumerable) => ({ value, writable: true, configurable: true, enumerable });
// For inspect.js: the engine's own globals, before any of ours.
host.engineGlobals = Object.getOwnPropertyNames(globalThis);

// Accessors on `target` for `keys` (comma-separated; `@name` is
// Symbol.for(name)) that load unit `unit` on first read or write; the unit
// defines the keys over them. A key the unit leaves undefined (a unit
// still loading reads its own) reads as undefined and is written as data.
function lazy(target, keys, unit) {
  for (const name of keys.split(',')) {
    const key = name[0] === '@' ? Symbol.for(name.slice(1)) : name;
    const settled = () => {
      loadUnit(unit);
      const d = getOwnPropertyDescriptor(target, key);
      return d === undefined || d.get !== get;
    };
    const get = function get() { return settled() ? target[key] : undefined; };
    const set = function set(value) {
      if (settled()) target[key] = value;
      else defineProperty(target, key, data(value, false));
    };
    defineProperty(target, key, { get, set, configurable: true, enumerable: false });
  }
}

// A global (`Buffer`, `URL`, …) that is an export of a built-in module,
// loaded on first use: an accessor that becomes a plain writable,
// configurable, non-enumerable value property (as Node's) once read or
// assigned.
shared.lazyGlobal = function lazyGlobal(name, moduleName, exportName = name) {
  const settle = (value) => {
    defineProperty(globalThis, name, data(value, false));
    return value;
  };
  defineProperty(globalThis, name, {
    get() { return settle(shared.requireBuiltin(moduleName)[exportName]); },
    set(value) { settle(value); },
    configurable: true,
    enumerable: false,
  });
};

const lazyUtil = {};
for (const key of ['inspect', 'format', 'formatList', 'errorBase', 'stringWidth']) {
  defineProperty(lazyUtil, key, {
    get() {
      const value = host.utilObject()[key];
      defineProperty(lazyUtil, key, data(value, true));
      return value;
    },
    configurable: true,
    enumerable: true,
  });
}

defineProperty(globalThis, 'global', data(globalThis, false));
defineProperty(globalThis, 'setTimeout', data(host.setTimeout, false));
defineProperty(globalThis, 'setInterval', data(host.setInterval, false));
defineProperty(globalThis, 'setImmediate', data(host.setImmediate, false));

return { lazy, util: lazyUtil };
