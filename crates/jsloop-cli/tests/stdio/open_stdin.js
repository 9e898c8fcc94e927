'use strict';
// process.openStdin(): stdin, resumed (flowing without a 'data' listener
// attached first).
const stdin = process.openStdin();
console.log(stdin === process.stdin, stdin.isPaused());
let text = '';
stdin.setEncoding('utf8');
stdin.on('data', (chunk) => { text += chunk; });
stdin.on('end', () => console.log(JSON.stringify(text)));
