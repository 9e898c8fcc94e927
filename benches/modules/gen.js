// Writes the module graphs and start-up scripts benches/modules/run.sh loads.
// Usage: node benches/modules/gen.js OUT_DIR
//
// OUT_DIR/cjs and OUT_DIR/esm each hold a graph of 1,000 small modules:
// main.js, 998 modules m1..m998 in ten folders d0..d9 (module i loads
// modules 10i+1..10i+10, a tree three levels deep under main) and one
// lib/util.js every module loads (so each graph also checks that a module
// loaded many times is read once). CommonJS requires leave the extension
// off (the loader probes, as real code makes it); ES modules spell it.
// main prints the number of modules and a checksum, the same in node and
// jsloop. OUT_DIR/empty.js and OUT_DIR/hello.js are the start-up scripts.
'use strict';
const fs = require('fs');
const path = require('path');

const out = process.argv[2];
if (!out) {
  console.error('usage: node gen.js OUT_DIR');
  process.exit(2);
}
const LAST = 998;

function children(i) {
  const c = [];
  for (let k = 10 * i + 1; k <= Math.min(10 * i + 10, LAST); k++) c.push(k);
  return c;
}

// The path of module i from its graph's root, and the specifier from module i to j.
function file(i) {
  return i === 0 ? 'main.js' : `d${i % 10}/m${i}.js`;
}
function specifier(from, to, ext) {
  const rel = path.posix.relative(path.posix.dirname(file(from)), to);
  const spec = rel.startsWith('.') ? rel : `./${rel}`;
  return ext ? spec : spec.replace(/\.js$/, '');
}

// A small module body: a few functions and constants, as a real module has.
function body(i) {
  return `
const NAME = 'm${i}';
const WEIGHTS = [${[1, 2, 3, 4, 5].map((w) => w * ((i % 7) + 1)).join(', ')}];
function score(x) {
  let s = 0;
  for (const w of WEIGHTS) s += (w * x) % 97;
  return s;
}
class Node${i} {
  constructor(value) { this.value = value; this.name = NAME; }
  describe() { return \`\${this.name}:\${this.value}\`; }
}
`;
}

function cjs(i) {
  const kids = children(i);
  const lines = ["'use strict';"];
  lines.push(`const util = require('${specifier(i, 'lib/util.js', false)}');`);
  kids.forEach((k) => lines.push(`const c${k} = require('${specifier(i, file(k), false)}');`));
  lines.push(body(i));
  const sum = ['score(' + i + ')', ...kids.map((k) => `c${k}.total`)].join(' + ');
  const count = ['1', ...kids.map((k) => `c${k}.count`)].join(' + ');
  lines.push(`exports.total = util.mix(${sum});`);
  lines.push(`exports.count = ${count};`);
  lines.push(`exports.make = (v) => new Node${i}(v).describe();`);
  if (i === 0) lines.push('console.log(exports.count + 1, exports.total, util.calls());');
  return lines.join('\n') + '\n';
}

function esm(i) {
  const kids = children(i);
  const lines = [`import * as util from '${specifier(i, 'lib/util.js', true)}';`];
  kids.forEach((k) => lines.push(`import * as c${k} from '${specifier(i, file(k), true)}';`));
  lines.push(body(i));
  const sum = ['score(' + i + ')', ...kids.map((k) => `c${k}.total`)].join(' + ');
  const count = ['1', ...kids.map((k) => `c${k}.count`)].join(' + ');
  lines.push(`export const total = util.mix(${sum});`);
  lines.push(`export const count = ${count};`);
  lines.push(`export const make = (v) => new Node${i}(v).describe();`);
  if (i === 0) lines.push('console.log(count + 1, total, util.calls());');
  return lines.join('\n') + '\n';
}

const UTIL_CJS = `'use strict';
let n = 0;
exports.mix = (x) => { n++; return (x * 31 + 7) % 1000003; };
exports.calls = () => n;
`;
const UTIL_ESM = `let n = 0;
export const mix = (x) => { n++; return (x * 31 + 7) % 1000003; };
export const calls = () => n;
`;

function write(rel, text) {
  const p = path.join(out, rel);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, text);
}

for (const [kind, make, util, type] of [
  ['cjs', cjs, UTIL_CJS, 'commonjs'],
  ['esm', esm, UTIL_ESM, 'module'],
]) {
  fs.rmSync(path.join(out, kind), { recursive: true, force: true });
  write(`${kind}/package.json`, JSON.stringify({ type }) + '\n');
  write(`${kind}/lib/util.js`, util);
  for (let i = 0; i <= LAST; i++) write(`${kind}/${file(i)}`, make(i));
}
write('package.json', JSON.stringify({ type: 'commonjs' }) + '\n');
write('empty.js', '');
write('hello.js', "console.log('hello');\n");
