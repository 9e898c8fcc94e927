// A signal listener runs on the loop with (name, number); `once` and
// removal give the signal back; a listener alone does not keep the
// process alive, so an interval does until the last signal.
const keep = setInterval(() => {}, 1000);
const steps = [
  () => process.kill(process.pid, 'SIGUSR2'),
  () => process.kill(process.pid, 'SIGUSR1'),
  () => process.kill(process.pid, 'SIGHUP'),
  () => process.kill(process.pid, 12),
  () => clearInterval(keep),
];
const next = () => steps.shift()();
function usr2(name, num) {
  console.log('usr2', name, num, this === process);
  setImmediate(() => console.log('immediate after usr2'));
  process.nextTick(() => console.log('tick after usr2'));
  Promise.resolve().then(() => console.log('promise after usr2'));
  next();
}
process.on('SIGUSR2', usr2);
process.once('SIGUSR1', (name, num) => {
  console.log('once', name, num, process.listenerCount('SIGUSR1'));
  next();
});
process.prependListener('SIGHUP', (name) => {
  console.log('hup first', name);
});
process.addListener('SIGHUP', (name) => {
  console.log('hup second', name);
  process.removeAllListeners('SIGHUP');
  next();
});
process.on('exit', (code) => console.log('exit', code, process.listenerCount('SIGUSR2')));
console.log('listeners', process.listenerCount('SIGUSR2'), process.eventNames().filter((n) => n.startsWith('SIG')));
next();
