// A stdin being read keeps the process alive until its end.
process.stdin.on('data', (d) => console.log('got', String(d).trim()));
process.stdin.on('end', () => console.log('end'));
