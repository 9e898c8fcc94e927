// fetch() of a 1 MB body from a local http server on 127.0.0.1, 1,000 times,
// one at a time (each body read whole with arrayBuffer() before the next);
// prints "fetch_1mb ops/s" (one op = 1,000 fetches).
'use strict';
const http = require('http');
const N = 1000;
const body = Buffer.alloc(1024 * 1024, 'jsloop');
const server = http.createServer((req, res) => {
  res.setHeader('Content-Type', 'application/octet-stream');
  res.setHeader('Content-Length', body.length);
  res.end(body);
});
server.listen(0, '127.0.0.1', async () => {
  const url = `http://127.0.0.1:${server.address().port}/`;
  const once = async () => {
    const res = await fetch(url);
    const buf = await res.arrayBuffer();
    if (buf.byteLength !== body.length) throw new Error(`short body: ${buf.byteLength}`);
  };
  await once();
  const start = performance.now();
  for (let i = 0; i < N; i++) await once();
  const elapsed = performance.now() - start;
  console.log('fetch_1mb', (1 / (elapsed / 1000)).toFixed(3));
  server.close();
  if (server.closeAllConnections) server.closeAllConnections();
});
