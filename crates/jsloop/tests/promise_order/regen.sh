#!/usr/bin/env bash
# Regenerates trace.out from node, the oracle (checks it is stable first).
set -euo pipefail
cd "$(dirname "$0")"
first=$(node trace.js)
for _ in 1 2 3 4; do
    [ "$(node trace.js)" = "$first" ] || { echo "trace.js is not deterministic" >&2; exit 1; }
done
printf '%s\n' "$first" > trace.out
