// `cat`-like piping of 100 MB from process.stdin to process.stdout, both
// pipes (issue 13: at least node's throughput); prints "stdin_cat_100mb
// ops/s" (one op = 100 MB through). The script runs itself as the cat,
// between `head -c` and `wc -c`, under the same runtime.
'use strict';
if (process.argv[2] === 'cat') {
  process.stdin.pipe(process.stdout);
} else {
  const { execFileSync } = require('child_process');
  const size = 100 * 1024 * 1024;
  // jsloop has no process.execPath yet: run.sh passes its binary.
  const runtime = process.execPath || process.env.JSLOOP_BIN;
  const once = () => {
    const out = execFileSync('sh', ['-c', `head -c ${size} /dev/zero | "$0" "$1" cat | wc -c`, runtime, __filename]);
    if (Number(String(out).trim()) !== size) throw new Error(`short copy: ${out}`);
  };
  once();
  const R = 3;
  const start = performance.now();
  for (let i = 0; i < R; i++) once();
  const elapsed = performance.now() - start;
  console.log('stdin_cat_100mb', (R / (elapsed / 1000)).toFixed(2));
}
