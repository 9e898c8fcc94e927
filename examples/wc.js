#!/usr/bin/env jsloop
// wc: counts the lines, words and bytes of each file given (or of
// standard input without one), and their total, as `wc` does. A file that
// cannot be read is reported on stderr and the exit code is 1.
//
//   jsloop run examples/wc.js FILE...
//   cat FILE | jsloop run examples/wc.js
'use strict';
const fs = require('fs');

// Counts of one stream, fed chunk by chunk (a word may span chunks).
function counter() {
  const c = { lines: 0, words: 0, bytes: 0, inWord: false };
  c.add = (chunk) => {
    c.bytes += chunk.length;
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i];
      // Space, \t, \n, \v, \f, \r separate words.
      const space = b === 32 || (b >= 9 && b <= 13);
      if (b === 10) c.lines++;
      if (space) c.inWord = false;
      else if (!c.inWord) { c.inWord = true; c.words++; }
    }
  };
  return c;
}

function count(stream) {
  return new Promise((resolve, reject) => {
    const c = counter();
    stream.on('data', c.add);
    stream.on('end', () => resolve(c));
    stream.on('error', reject);
  });
}

function describe(err) {
  if (err.code === 'ENOENT') return 'No such file or directory';
  if (err.code === 'EISDIR') return 'Is a directory';
  if (err.code === 'EACCES') return 'Permission denied';
  return err.message;
}

async function main(names) {
  const rows = [];
  let failed = false;
  if (names.length === 0) {
    rows.push([await count(process.stdin), '']);
  }
  for (const name of names) {
    try {
      rows.push([await count(fs.createReadStream(name)), name]);
    } catch (err) {
      process.stderr.write(`wc: ${name}: ${describe(err)}\n`);
      failed = true;
    }
  }
  if (names.length > 1) {
    const total = { lines: 0, words: 0, bytes: 0 };
    for (const [c] of rows) {
      total.lines += c.lines; total.words += c.words; total.bytes += c.bytes;
    }
    rows.push([total, 'total']);
  }
  const width = Math.max(1, ...rows.map(([c]) => String(c.bytes).length));
  const pad = (n) => String(n).padStart(width);
  for (const [c, name] of rows) {
    const line = `${pad(c.lines)} ${pad(c.words)} ${pad(c.bytes)}`;
    console.log(name ? `${line} ${name}` : line);
  }
  if (failed) process.exitCode = 1;
}

main(process.argv.slice(2));
