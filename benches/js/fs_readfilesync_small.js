// fs.readFileSync of 1,000 small files (issue 13); prints
// "fs_readfilesync_small ops/s" (one op = 1,000 reads).
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-'));
const files = [];
for (let i = 0; i < 1000; i++) {
  files.push(path.join(dir, `f${i}.txt`));
  fs.writeFileSync(files[i], `small file ${i}\n`.repeat(8));
}
const op = () => {
  let n = 0;
  for (const f of files) n += fs.readFileSync(f, 'utf8').length;
  return n;
};
op();
const R = 10;
const start = performance.now();
for (let i = 0; i < R; i++) op();
const elapsed = performance.now() - start;
console.log('fs_readfilesync_small', (R / (elapsed / 1000)).toFixed(2));
fs.rmSync(dir, { recursive: true });
