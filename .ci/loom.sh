#!/usr/bin/env bash
# Model-checks the concurrent core with loom (tests/loom.rs). The
# preemption bound keeps the run to seconds (bound 3: about 2 s here; loom's
# docs suggest 2-3 for CI, as most concurrency bugs need few preemptions).
set -euo pipefail
cd "$(dirname "$0")/.."
LOOM_MAX_PREEMPTIONS="${LOOM_MAX_PREEMPTIONS:-3}" RUSTFLAGS="--cfg loom" \
    CARGO_TARGET_DIR="${LOOM_TARGET_DIR:-target/loom}" \
    cargo test -p jsloop --test loom --release
