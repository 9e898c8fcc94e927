// Removing the last listener restores the default action: the second
// SIGTERM kills the process (exit listeners do not run), as node.
const keep = setInterval(() => {}, 1000);
function onTerm(name) {
  console.log('caught', name);
  process.off('SIGTERM', onTerm);
  console.log('left', process.listenerCount('SIGTERM'));
  process.kill(process.pid, 'SIGTERM');
}
process.on('SIGTERM', onTerm);
process.on('exit', () => console.log('exit never runs'));
process.kill(process.pid, 'SIGTERM');
void keep;
