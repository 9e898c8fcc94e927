// ES modules: relative files (full paths), packages with the import
// condition, ESM-only packages, built-ins, type: module scopes.
import greet, { value } from './lib/esm-lib.mjs';
import { which } from 'dual';
import esmOnly, { named } from 'esm-only';
import { kind } from './type-module/index.js';
import { createRequire, isBuiltin } from 'node:module';
import Module from 'module';
console.log(greet('esm'), value, which, esmOnly, named, kind);
console.log(typeof createRequire, isBuiltin('fs'), typeof Module.createRequire);
console.log(typeof require, typeof module, typeof exports);
