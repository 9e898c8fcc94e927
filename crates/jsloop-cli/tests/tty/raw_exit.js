// Leaves the terminal in raw mode: on input, exits with the code given
// (process.exit), throws, or waits to be killed.
'use strict';
process.stdin.setRawMode(true);
process.stdin.on('data', (d) => {
  const how = String(d);
  if (how === 'x') process.exit(3);
  if (how === 't') throw new Error('thrown in raw mode');
});
console.log('ready');
