// fs.readFile (callback) of a 10 MB file (issue 13: at least node's
// speed); prints "fs_readfile_10mb ops/s" (one op = the file read once).
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-'));
const file = path.join(dir, 'big.bin');
fs.writeFileSync(file, Buffer.alloc(10 * 1024 * 1024, 'jsloop'));
const R = 20;
const once = () => new Promise((resolve, reject) => fs.readFile(file, (e, b) => (e ? reject(e) : resolve(b))));
(async () => {
  await once();
  const start = performance.now();
  for (let i = 0; i < R; i++) await once();
  const elapsed = performance.now() - start;
  console.log('fs_readfile_10mb', (R / (elapsed / 1000)).toFixed(2));
  fs.rmSync(dir, { recursive: true });
})();
