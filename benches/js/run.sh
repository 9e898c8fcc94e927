#!/usr/bin/env bash
# Runs every benchmark script here under node and under jsloop in one run
# and prints ops/s (interval_lateness: mean lateness in ms) and the ratio.
# Each script stops its clock before its first console.log: jsloop loads
# console lazily on first use (~28M instructions), node has it from start-up.
# Usage: benches/js/run.sh [path/to/jsloop] (default: target/release/jsloop)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
jsloop="${1:-$here/../../target/release/jsloop}"
export JSLOOP_BIN="$jsloop"
raw="${RAW_QUICKJS:-$here/../../target/release/examples/raw_quickjs}"
if [ ! -x "$jsloop" ]; then
    echo "jsloop binary not found at $jsloop (cargo build --release -p jsloop-cli); node numbers only"
fi
printf '%-22s %14s %14s %14s %8s\n' script node jsloop quickjs-raw ratio
for script in "$here"/*.js; do
    case "$(basename "$script")" in *_common.js | http_server.js) continue ;; esac
    name=$(basename "$script" .js)
    node_v=$(node "$script" | awk '{print $2}')
    if [ -x "$jsloop" ]; then js_v=$("$jsloop" run "$script" | awk '{print $2}'); else js_v="-"; fi
    raw_v="-"
    case "$name" in
        then_chain|await_loop|events_emit)
            if [ -x "$raw" ]; then raw_v=$("$raw" "$script" | awk '{print $2}'); fi ;;
    esac
    ratio=$(awk -v a="$js_v" -v b="$node_v" 'BEGIN { if (a == "-" || b == 0) print "-"; else printf "%.2f", a / b }')
    printf '%-22s %14s %14s %14s %8s\n' "$name" "$node_v" "$js_v" "$raw_v" "$ratio"
done
