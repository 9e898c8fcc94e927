// import.meta: url, filename, dirname, resolve.
const here = import.meta.dirname;
const rel = (s) => s.split(here).join('.');
console.log(rel(import.meta.url), rel(import.meta.filename), import.meta.dirname === here);
console.log(import.meta.url.startsWith('file:///'), rel(import.meta.resolve('./lib/esm-lib.mjs')));
console.log(rel(import.meta.resolve('dual')), import.meta.resolve('node:module'));
