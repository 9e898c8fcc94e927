// require() from ES modules (createRequire): a module still evaluating is
// a cycle; a function of an evaluated module requiring its importer is not.
import { createRequire } from 'node:module';
import { load } from './lib/esm/loader-util.mjs';

const require = createRequire(import.meta.url);
try {
  require('./lib/esm/imports-main.mjs');
} catch (e) {
  console.log(e.code, '|', e.message.split(import.meta.dirname).join('.'));
}
console.log(load('./uses-util.mjs'));
console.log(require('./lib/esm/with-default.mjs'));
export const mainValue = 1;
