// Output flow: a child writing without end is read in bounded amounts per
// loop turn (immediates still run between them); a paused stdout stops
// reading the pipe (the child blocks, the buffer stays bounded) until
// resumed.
const { spawn } = require('child_process');
const y = spawn('yes');
let n = 0;
let done = false;
let turns = 0;
const spin = () => { turns++; if (!done) setImmediate(spin); };
spin();
y.stdout.on('data', (b) => {
  n += b.length;
  if (n > 20e6 && !done) {
    done = true;
    y.kill();
    y.stdout.destroy();
  }
});
y.on('close', (code, signal) => {
  console.log('yes', code, signal, n > 20e6, turns > 2);
  const z = spawn('head', ['-c', '5000000', '/dev/zero']);
  let total = 0;
  z.stdout.pause();
  z.stdout.on('data', (b) => { total += b.length; });
  setTimeout(() => {
    console.log('paused: buffer bounded', z.stdout.readableLength < 2e6, 'exited', z.exitCode);
    z.stdout.resume();
  }, 100);
  z.on('close', (code) => console.log('head close', code, total));
});
