// HTTP hello-world over 127.0.0.1: a server answering 'hello world' and an
// in-process client keeping 50 connections alive, 10,000 requests in all:
// requests per second (client and server share the process).
const http = require('http');
const TOTAL = 10000;
const CONNECTIONS = 50;
const server = http.createServer((req, res) => {
  res.setHeader('Content-Type', 'text/plain');
  res.end('hello world');
});
server.listen(0, '127.0.0.1', () => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const port = server.address().port;
  let sent = 0;
  let done = 0;
  const start = performance.now();
  function one() {
    if (sent >= TOTAL) return;
    sent++;
    http.get({ host: '127.0.0.1', port, path: '/', agent }, (res) => {
      res.resume();
      res.on('end', () => {
        if (++done === TOTAL) {
          const elapsed = performance.now() - start;
          console.log('http_hello', Math.round(TOTAL / (elapsed / 1000)));
          agent.destroy();
          server.close();
        } else {
          one();
        }
      });
    });
  }
  for (let i = 0; i < CONNECTIONS; i++) one();
});
