#!/usr/bin/env bash
# The loop-level scripts under node, jsloop and bare QuickJS, alternated
# RUNS times (single runs on a small VM spread ±30%), then each runner's
# median ops/s, the ratios of those medians (jsloop/node, jsloop/raw), and
# the medians of the per-run ratios jsloop/node and jsloop/raw ("paired":
# runs right after each other see the same machine state, so a slow phase
# of the VM, which can last for several runs, cancels out).
# Usage: benches/js/compare.sh [RUNS] (default 5), after
#   cargo build --release -p jsloop-cli -p jsloop-quickjs --bins --examples
# JSLOOP_BIN and RAW_QUICKJS pick other binaries; SCRIPTS other scripts.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
runs="${1:-5}"
jsloop="${JSLOOP_BIN:-$here/../../target/release/jsloop}"
raw="${RAW_QUICKJS:-$here/../../target/release/examples/raw_quickjs}"
scripts="${SCRIPTS:-microtask_chain then_chain await_loop nexttick_chain immediate_chain timeout0_chain timers_fanout timers_distinct_fanout clear_timeout}"
for bin in "$jsloop" "$raw"; do
    [ -x "$bin" ] || { echo "$bin not found: cargo build --release -p jsloop-cli -p jsloop-quickjs --bins --examples" >&2; exit 1; }
done
out=$(mktemp)
trap 'rm -f "$out"' EXIT
for i in $(seq 1 "$runs"); do
    for s in $scripts; do
        f="$here/$s.js"
        echo "$s node $(node "$f" | awk '{print $2}') $i" >> "$out"
        echo "$s jsloop $("$jsloop" run "$f" | awk '{print $2}') $i" >> "$out"
        case $s in
            microtask_chain | then_chain | await_loop) echo "$s raw $("$raw" "$f" | awk '{print $2}') $i" >> "$out" ;;
        esac
    done
done
awk -v runs="$runs" '
    function median(key) { return median_of(vals[key]) }
    function median_of(list,    n, i, j, t, a) {
        n = split(list, a, " ")
        for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j - 1] + 0 > a[j] + 0; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
        return n ? a[int((n + 1) / 2)] : ""
    }
    {
        vals[$1 " " $2] = vals[$1 " " $2] " " $3; run[$1 " " $2 " " $4] = $3
        if (!($1 in seen)) { seen[$1] = 1; order[++count] = $1 }
    }
    END {
        printf "%-24s %12s %12s %12s %8s %8s %8s %8s   (medians of %d)\n", "script", "node", "jsloop", "raw", "js/node", "js/raw", "paired", "p/raw", runs
        for (k = 1; k <= count; k++) {
            s = order[k]; n = median(s " node"); j = median(s " jsloop"); r = median(s " raw")
            rn = (n > 0) ? sprintf("%.2f", j / n) : "-"
            rr = (r != "" && r > 0) ? sprintf("%.2f", j / r) : "-"
            pairs = ""
            for (i = 1; i <= runs; i++) if (run[s " node " i] > 0) pairs = pairs " " run[s " jsloop " i] / run[s " node " i]
            pr = (pairs != "") ? sprintf("%.2f", median_of(pairs)) : "-"
            pairs = ""
            for (i = 1; i <= runs; i++) if (run[s " raw " i] > 0) pairs = pairs " " run[s " jsloop " i] / run[s " raw " i]
            prr = (pairs != "") ? sprintf("%.2f", median_of(pairs)) : "-"
            printf "%-24s %12s %12s %12s %8s %8s %8s %8s\n", s, n, j, (r == "" ? "-" : r), rn, rr, pr, prr
        }
    }' "$out"
