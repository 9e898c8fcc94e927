// SIGPIPE and SIGWINCH are ignored without listeners, as node; a listener
// alone does not keep the process alive.
process.on('SIGINT', () => console.log('never'));
process.on('SIGWINCH', () => console.log('never'));
process.off('SIGWINCH', () => {});
process.removeAllListeners('SIGWINCH');
process.kill(process.pid, 'SIGPIPE');
process.kill(process.pid, 'SIGWINCH');
setTimeout(() => console.log('alive'), 20);
process.on('exit', (code) => console.log('exit', code));
