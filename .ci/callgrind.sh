#!/usr/bin/env bash
# Instruction-count gate: runs each hot path under callgrind, subtracts the
# start-up cost (the `noop` run of the same binary), and compares with
# benches/callgrind-baseline.txt. Fails when any count rises more than 5%.
# `--update` rewrites the baseline instead (commit it, saying why).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind > /dev/null || { apt-get update -qq && apt-get install -y -qq valgrind > /dev/null; }

baseline=benches/callgrind-baseline.txt
update=0
[ "${1:-}" = "--update" ] && update=1
limit_pct=5

# The bench profile (release + debug info), as `cargo bench --no-run` built
# the dependencies with it just before in .ci/run.
cargo build --profile bench -q -p jsloop --example hotpaths
cargo build --profile bench -q -p jsloop-quickjs --example hotpath_js
out="${CARGO_TARGET_DIR:-target}/release/examples"
core=$out/hotpaths
js=$out/hotpath_js
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

count() { # binary scenario -> instructions
    valgrind --tool=callgrind --callgrind-out-file="$tmp/out" "$1" "$2" > /dev/null 2> "$tmp/err" \
        || { cat "$tmp/err" >&2; exit 1; }
    awk '/^(summary|totals):/ { print $2; exit }' "$tmp/out"
}

core_noop=$(count "$core" noop)
js_noop=$(count "$js" noop)
results=()
for s in submit handle_submit handle_submit_arc timer_set_clear timer_fire timer_fire_distinct timer_insert_pending immediate microtask next_tick promise_chain promise_create promise_resolve_then promise_chain_100 promise_resolve_then_1000; do
    results+=("$s $(( $(count "$core" "$s") - core_noop ))")
done
for s in immediate_loop next_tick microtask timeout_set_clear timeout_fanout then_chain; do
    results+=("js_$s $(( $(count "$js" "$s") - js_noop ))")
done

if [ $update = 1 ]; then
    printf '%s\n' "${results[@]}" > "$baseline"
    echo "wrote $baseline"
    cat "$baseline"
    exit 0
fi

status=0
printf '%-26s %14s %14s %8s\n' benchmark baseline current delta
for line in "${results[@]}"; do
    name=${line% *}
    now=${line#* }
    base=$(awk -v n="$name" '$1 == n { print $2 }' "$baseline")
    if [ -z "$base" ]; then
        printf '%-26s %14s %14s %8s\n' "$name" "-" "$now" "new"
        status=1
        continue
    fi
    delta=$(awk -v a="$now" -v b="$base" 'BEGIN { printf "%+.2f%%", (a - b) * 100 / b }')
    printf '%-26s %14s %14s %8s\n' "$name" "$base" "$now" "$delta"
    if awk -v a="$now" -v b="$base" -v l="$limit_pct" 'BEGIN { exit !(a > b * (1 + l / 100)) }'; then
        echo "  ^ more than ${limit_pct}% over the baseline" >&2
        status=1
    fi
done
exit $status
