// An empty (or /dev/null) stdin ends at once without data.
let n = 0;
process.stdin.on('data', () => n++);
process.stdin.on('end', () => console.log('end after', n, 'chunks'));
