// A stdin never read keeps nothing alive.
setTimeout(() => console.log('timer'), 1);
console.log('fd', process.stdin.fd);
