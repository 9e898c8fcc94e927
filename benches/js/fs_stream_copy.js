// Copies a 100 MB file through createReadStream().pipe(createWriteStream())
// (issue 13: at least node's speed); prints "fs_stream_copy ops/s"
// (one op = 100 MB copied).
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-'));
const src = path.join(dir, 'src.bin');
const dst = path.join(dir, 'dst.bin');
const chunk = Buffer.alloc(1024 * 1024, 'jsloop');
const fd = fs.openSync(src, 'w');
for (let i = 0; i < 100; i++) fs.writeSync(fd, chunk);
fs.closeSync(fd);
const once = () => new Promise((resolve, reject) => {
  const w = fs.createWriteStream(dst);
  w.on('close', resolve).on('error', reject);
  fs.createReadStream(src).on('error', reject).pipe(w);
});
(async () => {
  await once();
  const R = 3;
  const start = performance.now();
  for (let i = 0; i < R; i++) await once();
  if (fs.statSync(dst).size !== 100 * 1024 * 1024) throw new Error('short copy');
  const elapsed = performance.now() - start;
  console.log('fs_stream_copy', (R / (elapsed / 1000)).toFixed(2));
  fs.rmSync(dir, { recursive: true });
})();
