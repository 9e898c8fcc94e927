// A paused stdin lets the process exit although its writer is still open.
process.stdin.on('data', (d) => console.log('got', String(d).trim()));
process.stdin.pause();
console.log('paused', process.stdin.isPaused());
setTimeout(() => console.log('timer'), 1);
process.on('exit', () => console.log('exit'));
