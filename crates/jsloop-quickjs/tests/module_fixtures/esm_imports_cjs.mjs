// Importing CommonJS: default is module.exports; named exports are the
// names Node detects statically (not `exports[late]`).
import named, { alpha, beta, gamma } from './lib/named.cjs';
import * as ns from './lib/named.cjs';
import literal, { one, two, three } from './lib/literal.cjs';
import cjsOnly from 'cjs-only';
console.log(alpha, beta, gamma, named.delta, Object.keys(ns).sort().join(','));
console.log(one(), two, three, literal.two, cjsOnly.version);
