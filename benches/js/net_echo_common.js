// The echo benchmark shared by net_echo_1.js and net_echo_50.js (not a
// benchmark itself: run.sh skips names without a number).
const net = require('net');
module.exports = function run(name, connections, total) {
  const message = Buffer.alloc(64, 'x');
  const server = net.createServer((s) => s.on('data', (d) => s.write(d)));
  server.listen(0, '127.0.0.1', () => {
    const per = Math.ceil(total / connections);
    let open = connections;
    const start = performance.now();
    for (let i = 0; i < connections; i++) {
      const c = net.connect(server.address().port, '127.0.0.1', () => c.write(message));
      c.setNoDelay(true);
      let got = 0;
      let trips = 0;
      c.on('data', (d) => {
        got += d.length;
        while (got >= message.length) {
          got -= message.length;
          trips++;
          if (trips < per) c.write(message);
          else {
            c.end();
            if (--open === 0) {
              const elapsed = performance.now() - start;
              console.log(name, Math.round((per * connections) / (elapsed / 1000)));
              server.close();
            }
          }
        }
      });
    }
  });
};
