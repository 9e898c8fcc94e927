// console.log on a timer to a pipe whose reader is gone (`node x.js | head
// -1`): the console swallows the stream's first write error, the next one
// is an uncaught 'error' on stdout and the process ends with code 1, as
// node's.
process.on('exit', (code) => process.stderr.write(`exit ${code}\n`));
process.stdin.once('data', () => {
  process.stdin.pause();
  let i = 0;
  setInterval(() => console.log(`line ${i++}`), 1);
});
