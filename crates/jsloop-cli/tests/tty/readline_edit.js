// readline on a terminal: the Interface puts the terminal in raw mode and
// edits lines (insert, backspace, cursor keys, history), ctrl-c closes it.
'use strict';
// Values printed as one string: console.log's colours on a terminal are not compared here.
const log = (...args) => console.log(args.map(String).join(' '));
const readline = require('readline');
const rl = readline.createInterface({ input: process.stdin, output: process.stdout, prompt: '> ' });
log('ready', rl.terminal, process.stdin.isRaw);
let chunks = 0;
process.stdin.on('data', () => process.stdout.write(`<${++chunks}>`));
rl.on('line', (line) => {
  log('line', JSON.stringify(line));
  rl.prompt();
});
rl.on('close', () => {
  log(`close ${process.stdin.isRaw}`);
});
rl.prompt();
