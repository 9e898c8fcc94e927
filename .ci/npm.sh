#!/usr/bin/env bash
# Runs real npm packages under jsloop: installs the locked packages of
# crates/jsloop-cli/tests/npm with `npm ci`, runs every driver (NAME.js,
# NAME.mjs) with the jsloop binary and compares stdout, the error lines of
# stderr (the filter of scripts/regen-fixtures.sh) and the exit code with the
# expected files made by node (tests/npm/regen.sh). Prints a table; fails on
# any difference, except for the drivers listed in tests/npm/known-failures
# (NAME, then the reason), which are run and reported but may fail; one of
# them that passes fails the run, so that the list stays true.
# JSLOOP=path picks the binary; otherwise target/release/jsloop is built
# (cargo makes that a no-op when it is up to date).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
dir=crates/jsloop-cli/tests/npm
FILTER='^([A-Z][A-Za-z]*)?(Error|Rejection)( \[[A-Z0-9_]+\])?: '
TIMEOUT=60

if ! command -v npm > /dev/null; then
    echo "npm packages check skipped: npm not found"
    exit 0
fi
if [ -z "${JSLOOP:-}" ]; then
    cargo build --release -p jsloop-cli --quiet
    JSLOOP="$root/target/release/jsloop"
fi
(cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
if [ -x "$(command -v node)" ] && [[ "$(node --version)" == v20.* ]]; then
    "$dir/regen.sh" --check
fi

known=()
if [ -f "$dir/known-failures" ]; then
    mapfile -t known < <(grep -v '^#' "$dir/known-failures" | awk 'NF { print $1 }')
fi
is_known() {
    local k
    for k in ${known[@]+"${known[@]}"}; do [ "$k" = "$1" ] && return 0; done
    return 1
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$dir"
status=0
pass=0
total=0
printf '%-22s %-6s %-6s %s\n' PACKAGE KIND RESULT DETAIL
for file in *.js *.mjs; do
    name=${file%.*}
    total=$((total + 1))
    case "$file" in *.mjs) kind=esm ;; *) kind=cjs ;; esac
    set +e
    TZ=UTC timeout "$TIMEOUT" "$JSLOOP" run "$file" > "$work/stdout" 2> "$work/rawerr" < /dev/null
    code=$?
    set -e
    grep -E "$FILTER" "$work/rawerr" > "$work/stderr" || true
    echo "$code" > "$work/code"
    bad=()
    for ext in stdout stderr code; do
        cmp -s "$name.$ext" "$work/$ext" || bad+=("$ext")
    done
    if [ ${#bad[@]} = 0 ]; then
        pass=$((pass + 1))
        if is_known "$name"; then
            printf '%-22s %-6s %-6s %s\n' "$name" "$kind" XPASS "passes: remove it from known-failures"
            status=1
        else
            printf '%-22s %-6s %-6s\n' "$name" "$kind" ok
        fi
        continue
    fi
    first=$(grep -m1 -v '^\s*$' "$work/rawerr" || true)
    detail="differs: ${bad[*]}; exit $code; ${first:0:100}"
    if is_known "$name"; then
        printf '%-22s %-6s %-6s %s\n' "$name" "$kind" known "$detail"
    else
        printf '%-22s %-6s %-6s %s\n' "$name" "$kind" FAIL "$detail"
        for ext in "${bad[@]}"; do
            echo "--- $name.$ext (expected, from node) vs +++ jsloop"
            diff "$name.$ext" "$work/$ext" | head -20 || true
        done
        status=1
    fi
done
echo "$pass of $total npm package drivers match node"
exit $status
