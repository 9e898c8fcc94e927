// createHash('sha256') over 64 MB fed in 64 KiB Buffers (issue 10: at least
// 0.8x node); prints "crypto_sha256 ops/s" (one op = 64 MB hashed).
'use strict';
const crypto = require('crypto');
const CHUNK = 64 * 1024;
const chunk = Buffer.alloc(CHUNK, 'jsloop');
const R = 3;
const op = () => {
  const h = crypto.createHash('sha256');
  for (let i = 0; i < 1024; i++) h.update(chunk);
  return h.digest('hex');
};
op();
const start = performance.now();
for (let i = 0; i < R; i++) op();
const elapsed = performance.now() - start;
console.log('crypto_sha256', (R / (elapsed / 1000)).toFixed(2));
