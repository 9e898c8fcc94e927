// Paused mode: 'readable' and read() until null, then 'end'.
let total = '';
process.stdin.on('readable', () => {
  let chunk;
  while ((chunk = process.stdin.read()) !== null) total += chunk;
});
process.stdin.on('end', () => console.log('read', JSON.stringify(total)));
console.log('isPaused', process.stdin.isPaused(), 'flowing', process.stdin.readableFlowing);
