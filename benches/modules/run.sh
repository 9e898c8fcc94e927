#!/usr/bin/env bash
# Loads the same module graphs and scripts with node and with jsloop in one
# run, N times each, alternating (node, jsloop, node, …) so that load on the
# machine falls on both alike, and prints the median wall time of each
# process and the ratio jsloop/node. Rows:
#   empty, hello      start-up: an empty script, one console.log
#   cjs-1000          a graph of 1,000 small CommonJS files (gen.js)
#   esm-1000          a graph of 1,000 small ES modules (gen.js)
#   typescript        require('typescript'), one ~9 MB CommonJS file
#                     (needs `npm ci` in this folder; skipped without it)
# Each row first checks that both print the same output.
# Usage: benches/modules/run.sh [path/to/jsloop] (default:
# target/release/jsloop; build it with cargo build --release -p jsloop-cli).
# N=20 by default; OUT (default target/bench-modules) receives the graphs.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$here/../.."
jsloop="${1:-$root/target/release/jsloop}"
n="${N:-20}"
out="${OUT:-$root/target/bench-modules}"
if [ ! -x "$jsloop" ]; then
    echo "jsloop binary not found at $jsloop (cargo build --release -p jsloop-cli)" >&2
    exit 1
fi
node "$here/gen.js" "$out"

# Prints the median of the numbers on standard input.
median() {
    sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# Wall time of one run in milliseconds (bash's clock: no process of its own).
time_ms() {
    local t0 t1
    t0=$EPOCHREALTIME
    "$@" >/dev/null
    t1=$EPOCHREALTIME
    awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f\n", (b - a) * 1000 }'
}

row() {
    local name=$1 script=$2 node_out js_out node_ms=() js_ms=() i
    node_out=$(node "$script")
    js_out=$("$jsloop" "$script")
    if [ "$node_out" != "$js_out" ]; then
        printf '%-12s outputs differ: node %q, jsloop %q\n' "$name" "$node_out" "$js_out"
        return
    fi
    for ((i = 0; i < n; i++)); do
        node_ms+=("$(time_ms node "$script")")
        js_ms+=("$(time_ms "$jsloop" "$script")")
    done
    local nm jm
    nm=$(printf '%s\n' "${node_ms[@]}" | median)
    jm=$(printf '%s\n' "${js_ms[@]}" | median)
    printf '%-12s %12.1f %12.1f %8.2f\n' "$name" "$nm" "$jm" "$(awk -v a="$jm" -v b="$nm" 'BEGIN { print a / b }')"
}

echo "median wall ms of $n alternating runs; $(node --version), $("$jsloop" --version 2>/dev/null || echo jsloop)"
printf '%-12s %12s %12s %8s\n' row node jsloop ratio
row empty "$out/empty.js"
row hello "$out/hello.js"
row cjs-1000 "$out/cjs/main.js"
row esm-1000 "$out/esm/main.js"
if [ -d "$here/node_modules/typescript" ]; then
    row typescript "$here/typescript.js"
else
    printf '%-12s skipped: (cd %s && npm ci) first\n' typescript "$here"
fi
