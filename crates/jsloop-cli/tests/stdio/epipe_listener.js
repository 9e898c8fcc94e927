// The reader of stdout is gone: a write fails with EPIPE, emitted as
// 'error' on process.stdout; the process then exits as usual.
process.on('exit', (code) => process.stderr.write(`exit ${code}\n`));
process.stdout.on('error', (e) => {
  process.stderr.write(`error ${e.name} ${e.code} ${e.errno} ${e.syscall} ${e.message}\n`);
  process.stderr.write(`destroyed ${process.stdout.destroyed}\n`);
});
process.stdin.once('data', () => {
  process.stdin.pause();
  const r = process.stdout.write('x\n', (err) => process.stderr.write(`callback ${err && err.code}\n`));
  process.stderr.write(`write returned ${r}\n`);
});
