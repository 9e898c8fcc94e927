#!/usr/bin/env bash
# Memory gate: runs `jsloop run` on a chosen set of fixtures under valgrind
# memcheck. Each run must show zero errors and zero bytes definitely lost
# (possibly lost and still reachable are not counted: process.exit() ends
# without unwinding). The fixtures cover timers, ticks, promises, rejections
# handled late and fatal, process.exit() with work pending, and uncaught errors
# in every callback kind, with a listener and fatal, and the built-in modules
# with native halves.
# Prints one row per fixture: exit code (and node's), errors, bytes definitely
# lost, seconds. A run killed by a signal or by the 600 s timeout fails too.
# Usage: bash .ci/memcheck.sh [FIXTURE...]  (names without .js; default: the list)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind > /dev/null || { apt-get update -qq && apt-get install -y -qq valgrind > /dev/null; }

fixtures=(
    # timers
    timers_many_fire_in_order order_interval_and_timeout timers_refresh timers_unref_alone_exits
    # ticks, microtasks, promises
    tick_recursive tick_run_uncaught_and_jobs order_ticks_between_timers order_microtask_inside_tick promise_all async_ordering_many
    # rejections: handled late, with a listener, fatal
    reject_handled_later reject_handled_in_immediate_late reject_unhandled_with_listener reject_unhandled_fatal
    # process.exit() mid-flight
    exit_in_timer_stops_everything exit_in_promise_job exit_mid_flight_pending_work
    # errors in each callback kind: timer, immediate, tick, microtask, promise reaction
    error_uncaught_in_timer_with_listener error_uncaught_in_timer_fatal
    immediate_uncaught_with_listener error_uncaught_in_immediate_fatal
    error_uncaught_in_tick tick_uncaught_fatal
    microtask_exception_is_uncaught microtask_uncaught_fatal
    reject_thrown_in_then_with_listener reject_thrown_in_then_fatal
    error_throw_in_uncaught_listener
    # built-in modules with Rust halves, and an ES module detected by syntax
    buffer_encodings url_whatwg util_types events_emitter_basic module_tla_detected
)
[ $# -gt 0 ] && fixtures=("$@")

# The bench profile is release + debug info (Cargo.toml), so valgrind names
# the frames of any report; it builds into target/release.
cargo build --profile bench -q -p jsloop-cli
bin="$(pwd)/${CARGO_TARGET_DIR:-target}/release/jsloop"
dir=crates/jsloop-quickjs/tests/fixtures
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

status=0
started=$SECONDS
printf '%-42s %5s %5s %7s %9s %5s\n' fixture code node errors def.lost secs
for name in "${fixtures[@]}"; do
    file=$dir/$name.js
    [ -f "$file" ] || file=$dir/$name.mjs
    if [ ! -f "$file" ]; then
        echo "memcheck: no fixture named $name" >&2
        status=1
        continue
    fi
    log=$tmp/$name.log
    t0=$SECONDS
    set +e
    (cd "$dir" && timeout 600 valgrind --error-exitcode=9 --leak-check=full \
        --errors-for-leak-kinds=definite --log-file="$log" \
        "$bin" run "$(basename "$file")" > /dev/null 2>&1 < /dev/null)
    code=$?
    set -e
    errors=$(sed -n 's/.*ERROR SUMMARY: \([0-9,]*\) errors.*/\1/p' "$log" | tail -1 | tr -d ,)
    lost=$(sed -n 's/.*definitely lost: \([0-9,]*\) bytes.*/\1/p' "$log" | tail -1 | tr -d ,)
    # No leak summary at all means nothing was allocated at exit.
    if ! grep -q 'LEAK SUMMARY' "$log" && grep -q 'All heap blocks were freed' "$log"; then lost=0; fi
    printf '%-42s %5s %5s %7s %9s %5s\n' "$name" "$code" "$(cat "$dir/$name.code" 2>/dev/null || echo -)" \
        "${errors:-?}" "${lost:-?}" "$((SECONDS - t0))"
    if [ "$code" = 9 ] || [ "$code" -ge 124 ] || [ "${errors:-x}" != 0 ] || [ "${lost:-x}" != 0 ]; then
        status=1
        echo "  ^ valgrind log follows" >&2
        cat "$log" >&2
    fi
done
echo "memcheck: ${#fixtures[@]} fixtures in $((SECONDS - started)) s"
exit $status
