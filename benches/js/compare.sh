#!/usr/bin/env bash
# The loop-level scripts under node, jsloop and bare QuickJS, alternated
# RUNS times (single runs on a small VM spread ±30%), then each runner's
# median ops/s and the ratios jsloop/node and jsloop/raw.
# Usage: benches/js/compare.sh [RUNS] (default 5), after
#   cargo build --release -p jsloop-cli -p jsloop-quickjs --examples
# JSLOOP_BIN and RAW_QUICKJS pick other binaries; SCRIPTS other scripts.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
runs="${1:-5}"
jsloop="${JSLOOP_BIN:-$here/../../target/release/jsloop}"
raw="${RAW_QUICKJS:-$here/../../target/release/examples/raw_quickjs}"
scripts="${SCRIPTS:-microtask_chain then_chain await_loop nexttick_chain immediate_chain timeout0_chain timers_fanout timers_distinct_fanout clear_timeout}"
for bin in "$jsloop" "$raw"; do
    [ -x "$bin" ] || { echo "$bin not found: cargo build --release -p jsloop-cli -p jsloop-quickjs --examples" >&2; exit 1; }
done
out=$(mktemp)
trap 'rm -f "$out"' EXIT
for _ in $(seq 1 "$runs"); do
    for s in $scripts; do
        f="$here/$s.js"
        echo "$s node $(node "$f" | awk '{print $2}')" >> "$out"
        echo "$s jsloop $("$jsloop" run "$f" | awk '{print $2}')" >> "$out"
        case $s in
            microtask_chain | then_chain | await_loop) echo "$s raw $("$raw" "$f" | awk '{print $2}')" >> "$out" ;;
        esac
    done
done
awk -v runs="$runs" '
    function median(key,    n, i, j, t, a) {
        n = split(vals[key], a, " ")
        for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j - 1] + 0 > a[j] + 0; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
        return n ? a[int((n + 1) / 2)] : ""
    }
    { vals[$1 " " $2] = vals[$1 " " $2] " " $3; if (!($1 in seen)) { seen[$1] = 1; order[++count] = $1 } }
    END {
        printf "%-24s %12s %12s %12s %8s %8s   (medians of %d)\n", "script", "node", "jsloop", "raw", "js/node", "js/raw", runs
        for (k = 1; k <= count; k++) {
            s = order[k]; n = median(s " node"); j = median(s " jsloop"); r = median(s " raw")
            rn = (n > 0) ? sprintf("%.2f", j / n) : "-"
            rr = (r != "" && r > 0) ? sprintf("%.2f", j / r) : "-"
            printf "%-24s %12s %12s %12s %8s %8s\n", s, n, j, (r == "" ? "-" : r), rn, rr
        }
    }' "$out"
