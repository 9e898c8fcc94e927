// node:module: builtinModules, isBuiltin, createRequire; require('module')
// is the Module class.
const Module = require('module');
console.log(typeof Module, Module === require('node:module'), Module.Module === Module);
console.log(Module.builtinModules.includes('fs'), Module.builtinModules.includes('node:fs'), Module.builtinModules.length);
console.log(Module.isBuiltin('fs'), Module.isBuiltin('node:fs'), Module.isBuiltin('test'), Module.isBuiltin('node:test'), Module.isBuiltin('nope'));
const req = Module.createRequire(__filename);
console.log(req('./lib/helper').add(20, 22));
try { Module.createRequire('relative/path'); } catch (e) { console.log(e.code); }
console.log(typeof require('process').nextTick, require('timers').setTimeout === setTimeout);
