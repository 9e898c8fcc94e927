#!/usr/bin/env bash
# Regenerates the expected outputs of the npm package drivers from node, the
# oracle; never write them by hand. Installs the locked packages with `npm ci`
# when node_modules is missing, then runs scripts/regen-fixtures.sh on this
# folder (5 agreeing node runs per driver, NAME.stdout/.stderr/.code) with
# TZ=UTC, as .ci/npm.sh runs jsloop.
#
# Usage: crates/jsloop-cli/tests/npm/regen.sh          regenerate in place
#        crates/jsloop-cli/tests/npm/regen.sh --check  diff with node's output
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../../.." && pwd)"
if [ ! -d "$here/node_modules" ]; then
    (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi
cd "$root"
TZ=UTC FIXTURES_DIR="${here#"$root"/}" scripts/regen-fixtures.sh "$@"
