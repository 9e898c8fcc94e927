#!/usr/bin/env bash
# Regenerates the expected outputs of the JavaScript fixtures from node, the
# oracle; never write them by hand.
#
# For every NAME.js / NAME.mjs directly in crates/jsloop-quickjs/tests/fixtures
# (helpers in fixtures/modules/ are not fixtures) it runs `node FILE ARGS...`
# 5 times with cwd = the fixtures folder, ARGS being the lines of NAME.args if
# that file exists (one argument per line). All 5 runs must agree on stdout,
# filtered stderr and exit code; otherwise the fixture is named as
# NONDETERMINISTIC, nothing is written for it and the script exits 1.
# It then writes:
#   NAME.stdout  exact stdout
#   NAME.stderr  the error lines of stderr (FILTER below), empty if none
#   NAME.code    the exit code, decimal, newline-terminated
#
# FILTER: a line of stderr is kept if it is an error's "Name: message" line as
# Node prints it for an uncaught error, i.e. it starts with a name made of
# letters that begins upper-case and ends in "Error" or "Rejection" (Node's
# "UnhandledPromiseRejection: ..." for non-Error rejection reasons), optionally
# followed by " [CODE]", then ": ". Everything else (source excerpt, caret,
# stack frames, "Node.js v20..." banner, warnings, console.error output) is
# dropped: it differs between engines. Consequence: a thrown non-Error value
# (`throw 'str'`, `throw 42`) leaves no line (node prints the bare value), so
# such fixtures compare stdout, exit code and "no error line". The Rust harness
# (tests/fixtures.rs) applies the same rule and additionally compares
# "SyntaxError: ..." lines by class only.
#
# FIXTURES_DIR (relative to the repository) picks another fixture folder,
# e.g. crates/jsloop-quickjs/tests/module_fixtures.
#
# Usage: scripts/regen-fixtures.sh          regenerate in place
#        scripts/regen-fixtures.sh NAME...  regenerate only these fixtures
#                                           (NAME without extension)
#        scripts/regen-fixtures.sh --check  regenerate into a temporary folder
#                                           and diff with the committed files
#                                           (exit 1 on any difference)
#
# RUNS (default 5; 1 with --check) sets how many node runs must agree. The
# check compares with files that were already made by 5 agreeing runs, so one
# run per fixture shows whether they still match node.
set -euo pipefail
shopt -s nullglob

FILTER='^([A-Z][A-Za-z]*)?(Error|Rejection)( \[[A-Z0-9_]+\])?: '
RUNS=${RUNS:-}
TIMEOUT=60

check=0
only=()
case "${1:-}" in
    --check) check=1 ;;
    "") ;;
    -*) echo "usage: $0 [--check | NAME...]" >&2; exit 2 ;;
    *) only=("$@") ;;
esac
if [ -z "$RUNS" ]; then
    if [ $check = 1 ]; then RUNS=1; else RUNS=5; fi
fi

root="$(cd "$(dirname "$0")/.." && pwd)"
fixtures="$(cd "$root/${FIXTURES_DIR:-crates/jsloop-quickjs/tests/fixtures}" && pwd)"
cd "$fixtures"
# A fixture folder with packages/ gets node_modules/NAME links to them (never
# committed; the Rust harness makes the same links).
if [ -d packages ]; then
    mkdir -p node_modules
    for pkg in packages/* packages/@*/*; do
        [ -d "$pkg" ] || continue
        case "$pkg" in packages/@*/*) ;; packages/@*) continue ;; esac
        name=${pkg#packages/}
        mkdir -p "node_modules/$(dirname "$name")"
        ln -sfn "$fixtures/$pkg" "node_modules/$name"
    done
fi

if ! command -v node > /dev/null; then
    echo "node not found" >&2
    exit 1
fi
case "$(node --version)" in
    v20.*) ;;
    *) echo "warning: expected node v20, found $(node --version)" >&2 ;;
esac

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ $check = 1 ]; then out_dir="$work/expected"; else out_dir="$fixtures"; fi
mkdir -p "$out_dir"

status=0
count=0
selected=(*.js *.mjs)
if [ ${#only[@]} -gt 0 ]; then
    selected=()
    for name in "${only[@]}"; do
        if [ -f "$name.js" ]; then selected+=("$name.js")
        elif [ -f "$name.mjs" ]; then selected+=("$name.mjs")
        else echo "no fixture named $name" >&2; exit 2
        fi
    done
fi
for file in "${selected[@]}"; do
    name=${file%.*}
    count=$((count + 1))
    args=()
    if [ -f "$name.args" ]; then mapfile -t args < "$name.args"; fi
    ok=1
    for run in $(seq 1 $RUNS); do
        set +e
        env -u NODE_OPTIONS timeout "$TIMEOUT" node "$file" ${args[@]+"${args[@]}"} \
            > "$work/stdout.$run" 2> "$work/rawerr.$run" < /dev/null
        code=$?
        set -e
        if [ $code = 124 ]; then
            echo "TIMEOUT in node: $file (run $run, ${TIMEOUT}s)" >&2
            ok=0
            break
        fi
        grep -E "$FILTER" "$work/rawerr.$run" > "$work/stderr.$run" || true
        echo "$code" > "$work/code.$run"
        if [ "$run" != 1 ]; then
            for ext in stdout stderr code; do
                if ! cmp -s "$work/$ext.1" "$work/$ext.$run"; then
                    echo "NONDETERMINISTIC in node: $file ($ext of run $run differs from run 1)" >&2
                    diff "$work/$ext.1" "$work/$ext.$run" | head -20 >&2 || true
                    ok=0
                fi
            done
        fi
        [ $ok = 1 ] || break
    done
    if [ $ok = 0 ]; then
        status=1
        continue
    fi
    for ext in stdout stderr code; do
        cp "$work/$ext.1" "$out_dir/$name.$ext"
    done
done

if [ $check = 1 ]; then
    for file in *.js *.mjs; do
        name=${file%.*}
        for ext in stdout stderr code; do
            [ -f "$out_dir/$name.$ext" ] || continue  # already reported above
            if [ ! -f "$name.$ext" ]; then
                echo "MISSING expected file: $name.$ext" >&2
                status=1
            elif ! cmp -s "$name.$ext" "$out_dir/$name.$ext"; then
                echo "DIFFERS from node: $name.$ext" >&2
                diff "$name.$ext" "$out_dir/$name.$ext" | head -20 >&2 || true
                status=1
            fi
        done
    done
fi

# Expected files whose script is gone.
for f in *.stdout *.stderr *.code; do
    name=${f%.*}
    if [ ! -f "$name.js" ] && [ ! -f "$name.mjs" ]; then
        echo "ORPHAN expected file (no $name.js or $name.mjs): $f" >&2
        status=1
    fi
done

if [ $status = 0 ]; then
    if [ $check = 1 ]; then
        echo "$count fixtures: expected files match node $(node --version)"
    else
        echo "$count fixtures regenerated with node $(node --version)"
    fi
fi
exit $status
