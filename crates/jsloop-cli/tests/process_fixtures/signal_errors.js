// Listening to an unhandleable signal throws node's uv_signal_start error.
for (const name of ['SIGKILL', 'SIGSTOP']) {
  try {
    process.on(name, () => {});
  } catch (e) {
    console.log(name, e.name, e.code, e.errno, e.syscall, e.message, process.listenerCount(name));
  }
}
// Not signals: plain events.
process.on('SIGNOPE', () => console.log('plain event'));
process.emit('SIGNOPE');
process.on('sigint', () => {});
console.log(process.listenerCount('sigint'));
