// process.stdin/stdout on a terminal: tty streams, window size, cursor
// helpers, raw mode and keypress events, 'resize' on SIGWINCH.
'use strict';
// Values printed as one string: console.log's colours on a terminal are not compared here.
const log = (...args) => console.log(args.map(String).join(' '));
const readline = require('readline');
const tty = require('tty');
const { stdin, stdout } = process;
log('tty', stdin.isTTY, stdout.isTTY, stdin instanceof tty.ReadStream, stdout instanceof tty.WriteStream);
log('size', stdout.columns, stdout.rows, JSON.stringify(stdout.getWindowSize()));
stdout.cursorTo(2);
stdout.moveCursor(1, 0);
stdout.clearLine(1);
stdout.clearScreenDown();
readline.cursorTo(stdout, 0);
stdout.write('\n');
log('raw', stdin.isRaw, stdin.setRawMode(true) === stdin, stdin.isRaw);
readline.emitKeypressEvents(stdin);
stdin.on('keypress', (s, key) => {
  log(JSON.stringify(s), JSON.stringify(key));
});
stdout.on('resize', () => log(`resize ${stdout.columns} ${stdout.rows}`));
let chunks = 0;
stdin.on('data', () => {
  chunks++;
  log(`#${chunks}`);
  if (chunks === 6) {
    stdin.setRawMode(false);
    stdin.pause();
    log(`raw ${stdin.isRaw}`);
  }
});
log('ready');
