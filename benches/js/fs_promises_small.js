// 10,000 fs.promises.readFile calls of small files, 100 at a time (issue
// 13); prints "fs_promises_small ops/s" (one op = 10,000 reads).
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-'));
const files = [];
for (let i = 0; i < 100; i++) {
  files.push(path.join(dir, `f${i}.txt`));
  fs.writeFileSync(files[i], `small file ${i}\n`.repeat(8));
}
const op = async () => {
  for (let batch = 0; batch < 100; batch++) await Promise.all(files.map((f) => fs.promises.readFile(f)));
};
(async () => {
  await op();
  const R = 3;
  const start = performance.now();
  for (let i = 0; i < R; i++) await op();
  const elapsed = performance.now() - start;
  console.log('fs_promises_small', (R / (elapsed / 1000)).toFixed(2));
  fs.rmSync(dir, { recursive: true });
})();
