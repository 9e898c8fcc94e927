// Shared body of the buffer_* benchmarks: Buffer.from(string, enc) or
// buf.toString(enc) on 1 MB of input; prints "NAME ops/s" (one op = 1 MB).
'use strict';
const MB = 1 << 20;
const line = 'héllo wörld, a mostly ASCII line of text with € and 😀 in it.\n';
const text = line.repeat(Math.ceil(MB / line.length)).slice(0, MB);
const R = 50;

exports.run = function run(op, enc) {
  const input = enc === 'utf8' ? text : Buffer.from(text).subarray(0, enc === 'hex' ? MB / 2 : (MB * 3) / 4).toString(enc);
  const buf = Buffer.from(input, enc);
  const f = op === 'from' ? () => Buffer.from(input, enc) : () => buf.toString(enc);
  for (let i = 0; i < 5; i++) f();
  const start = performance.now();
  for (let i = 0; i < R; i++) f();
  console.log(`buffer_${op}_${enc}`, Math.round(R / ((performance.now() - start) / 1000)));
};
