// process.kill: names, numbers, signal 0 and node's errors.
const show = (f) => {
  try {
    console.log('ok', f());
  } catch (e) {
    console.log(e.name, e.code, e.errno, e.syscall, e.message, Object.keys(e));
  }
};
show(() => process.kill(process.pid, 0));
show(() => process.kill(process.pid, 'SIGFOO'));
show(() => process.kill(process.pid, 'toString'));
show(() => process.kill(process.pid, 1.5));
show(() => process.kill(process.pid, 99));
show(() => process.kill('abc'));
show(() => process.kill(1.5));
show(() => process.kill(2 ** 31, 0));
show(() => process.kill(999999999, 0));
show(() => process.kill(999999999, 'SIGTERM'));
show(() => process.kill(String(process.pid), 0));
show(() => typeof process.pid === 'number' && typeof process.ppid === 'number' && process.pid > 0 && process.ppid > 0);
// The default signal is SIGTERM: caught here.
const keep = setInterval(() => {}, 1000);
process.on('SIGTERM', (name) => {
  console.log('default signal', name);
  clearInterval(keep);
});
show(() => process.kill(process.pid));
