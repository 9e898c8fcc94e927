// EPIPE with no 'error' listener is an uncaught error: exit code 1.
process.on('exit', (code) => process.stderr.write(`exit ${code}\n`));
process.stdin.once('data', () => {
  process.stdin.pause();
  for (let i = 0; i < 1000; i++) process.stdout.write(`line ${i}\n`);
});
