#!/usr/bin/env bash
# Regenerates trace.out from node, the oracle (checks it is stable first).
# `--check` compares instead of writing: exits 1 when node prints otherwise.
set -euo pipefail
cd "$(dirname "$0")"
first=$(node trace.js)
for _ in 1 2 3 4; do
    [ "$(node trace.js)" = "$first" ] || { echo "trace.js is not deterministic" >&2; exit 1; }
done
if [ "${1:-}" = "--check" ]; then
    diff <(printf '%s\n' "$first") trace.out || { echo "trace.out differs from node $(node --version)" >&2; exit 1; }
    echo "promise trace matches node $(node --version)"
    exit 0
fi
printf '%s\n' "$first" > trace.out
