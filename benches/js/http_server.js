// The HTTP hello-world server the load generator drives
// (crates/jsloop-cli/benches/http_load.rs); not a benchmark itself (run.sh
// skips it). Listens on 127.0.0.1 port 0, prints the port as its first line,
// closes when stdin ends or on SIGTERM.
'use strict';
const http = require('http');
const server = http.createServer((req, res) => {
  res.setHeader('Content-Type', 'text/plain');
  res.end('hello world');
});
server.keepAliveTimeout = 60000;
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
const stop = () => {
  server.close();
  if (server.closeAllConnections) server.closeAllConnections();
  process.stdin.pause();
  process.removeListener('SIGTERM', stop);
};
process.on('SIGTERM', stop);
process.stdin.on('end', stop);
process.stdin.resume();
