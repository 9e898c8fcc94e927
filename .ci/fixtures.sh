#!/usr/bin/env bash
# Checks the committed expected outputs of the JavaScript fixtures against
# node, the oracle (the fixtures themselves run in the test step). The
# expected files were made with node 20; another major version may print
# differently, so the check needs node 20 and is skipped, saying so, without.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v node > /dev/null || [[ "$(node --version)" != v20.* ]]; then
    echo "fixtures check skipped: node 20 not found ($(node --version 2>/dev/null || echo none))"
    exit 0
fi
scripts/regen-fixtures.sh --check
FIXTURES_DIR=crates/jsloop-quickjs/tests/module_fixtures scripts/regen-fixtures.sh --check
FIXTURES_DIR=crates/jsloop-cli/tests/process_fixtures scripts/regen-fixtures.sh --check
bash crates/jsloop/tests/promise_order/regen.sh --check
echo "fixture and promise-trace expectations match node $(node --version)"
