// Without a listener a signal kills the process with its default action.
process.on('exit', () => console.log('exit never runs'));
console.log('before');
process.kill(process.pid, 'SIGHUP');
setTimeout(() => console.log('never'), 1000);
