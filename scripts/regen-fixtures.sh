#!/usr/bin/env bash
# Regenerates the expected outputs of the JavaScript fixtures from node, the
# oracle. For each fixtures/NAME.js or NAME.mjs it runs node 5 times (cwd =
# the fixtures folder, no arguments), requires identical results, and writes:
#   NAME.stdout  exact stdout
#   NAME.stderr  the error lines of stderr (see FILTER)
#   NAME.code    the exit code
# --check: regenerate into a temporary folder and diff instead of writing.
set -euo pipefail
cd "$(dirname "$0")/../crates/jsloop-quickjs/tests/fixtures"

# An error's "Name: message" (or "Name [CODE]: message") line, as Node prints
# uncaught errors; stack frames and source excerpts differ between engines.
FILTER='^([A-Z][A-Za-z]*)?(Error|Rejection)( \[[A-Z0-9_]+\])?: '

check=0
[ "${1:-}" = "--check" ] && check=1
out_dir=.
if [ $check = 1 ]; then out_dir=$(mktemp -d); fi

status=0
for file in *.js *.mjs; do
    name=${file%.*}
    first=""
    for run in 1 2 3 4 5; do
        set +e
        node "$file" > "$out_dir/$name.stdout.tmp" 2> "$out_dir/$name.err.tmp"
        code=$?
        set -e
        grep -E "$FILTER" "$out_dir/$name.err.tmp" > "$out_dir/$name.stderr.tmp" || true
        result="$(cat "$out_dir/$name.stdout.tmp"; echo "--stderr--"; cat "$out_dir/$name.stderr.tmp"; echo "--code $code")"
        if [ $run = 1 ]; then
            first=$result
        elif [ "$result" != "$first" ]; then
            echo "NONDETERMINISTIC in node: $file (run $run differs)" >&2
            status=1
        fi
    done
    mv "$out_dir/$name.stdout.tmp" "$out_dir/$name.stdout"
    mv "$out_dir/$name.stderr.tmp" "$out_dir/$name.stderr"
    rm -f "$out_dir/$name.err.tmp"
    echo "$code" > "$out_dir/$name.code"
    if [ $check = 1 ]; then
        for ext in stdout stderr code; do
            if ! diff -q "$name.$ext" "$out_dir/$name.$ext" > /dev/null 2>&1; then
                echo "DIFFERS from node: $name.$ext" >&2
                status=1
            fi
        done
    fi
done
[ $check = 1 ] && rm -rf "$out_dir"
exit $status
