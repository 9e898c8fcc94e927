#!/bin/sh
# Regenerates the expected stdout/stderr of every case under cases/ with node,
# checking each is the same over 5 runs. With --check, compares instead of
# writing (exit 1 on any difference).
# Run: sh crates/jsloop-quickjs/tests/globals/regen.sh [--check]
set -eu
cd "$(dirname "$0")/cases"
check=${1:-}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
for js in *.js; do
  name=${js%.js}
  node "$js" >"$tmp/$name.stdout" 2>"$tmp/$name.stderr"
  for _ in 2 3 4 5; do
    node "$js" >"$tmp/again.stdout" 2>"$tmp/again.stderr"
    cmp -s "$tmp/again.stdout" "$tmp/$name.stdout" && cmp -s "$tmp/again.stderr" "$tmp/$name.stderr" ||
      { echo "unstable under node: $js" >&2; exit 1; }
  done
  if [ "$check" = "--check" ]; then
    for ext in stdout stderr; do
      cmp -s "$tmp/$name.$ext" "$name.$ext" || { echo "stale: $name.$ext" >&2; status=1; }
    done
  else
    cp "$tmp/$name.stdout" "$tmp/$name.stderr" .
  fi
done
[ "$check" = "--check" ] && [ "$status" -eq 0 ] && echo "$(ls ./*.js | wc -l) cases match $(node --version)"
[ "$check" = "--check" ] || echo "regenerated $(ls ./*.js | wc -l) cases with $(node --version)"
exit "$status"
