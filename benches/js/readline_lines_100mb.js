// Counts the lines of a 100 MB file through readline over
// fs.createReadStream (issue 13: at least node's speed); prints
// "readline_lines_100mb ops/s" (one op = the file's lines counted once).
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const readline = require('readline');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-'));
const file = path.join(dir, 'lines.txt');
const block = Buffer.from('a line of text, of the kind a log file has: 0123456789\n'.repeat(1024 * 1024 / 64));
const fd = fs.openSync(file, 'w');
let size = 0;
while (size < 100 * 1024 * 1024) size += fs.writeSync(fd, block);
fs.closeSync(fd);
const once = async () => {
  let n = 0;
  const rl = readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity });
  for await (const line of rl) if (line.length >= 0) n++;
  return n;
};
(async () => {
  const expected = await once();
  const R = 2;
  const start = performance.now();
  for (let i = 0; i < R; i++) if ((await once()) !== expected) throw new Error('wrong count');
  const elapsed = performance.now() - start;
  console.log('readline_lines_100mb', (R / (elapsed / 1000)).toFixed(2));
  fs.rmSync(dir, { recursive: true });
})();
