// console.log to a closed pipe drops the output quietly, as node's.
process.on('exit', (code) => process.stderr.write(`exit ${code}\n`));
process.stdin.once('data', () => {
  process.stdin.pause();
  for (let i = 0; i < 1000; i++) console.log(`line ${i}`);
  process.stderr.write('after the loop\n');
});
