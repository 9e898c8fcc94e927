// A SIGINT listener catches one SIGINT (Ctrl-C); `once` removes it, and
// the second SIGINT terminates the process.
const keep = setInterval(() => {}, 1000);
process.once('SIGINT', (name, num) => {
  console.log('caught', name, num);
  setImmediate(() => process.kill(process.pid, 'SIGINT'));
});
process.kill(process.pid, 'SIGINT');
void keep;
