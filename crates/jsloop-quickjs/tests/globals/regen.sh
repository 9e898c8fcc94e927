#!/bin/sh
# Regenerates the expected stdout/stderr of every case under cases/ with node,
# checking each is the same over 5 runs.
# Run: sh crates/jsloop-quickjs/tests/globals/regen.sh
set -eu
cd "$(dirname "$0")/cases"
for js in *.js; do
  name=${js%.js}
  node "$js" >"$name.stdout" 2>"$name.stderr"
  for _ in 2 3 4 5; do
    node "$js" >/tmp/jsloop-globals.out 2>/tmp/jsloop-globals.err
    cmp -s /tmp/jsloop-globals.out "$name.stdout" && cmp -s /tmp/jsloop-globals.err "$name.stderr" ||
      { echo "unstable under node: $js" >&2; exit 1; }
  done
done
rm -f /tmp/jsloop-globals.out /tmp/jsloop-globals.err
echo "regenerated $(ls ./*.js | wc -l) cases with $(node --version)"
