#!/usr/bin/env bash
# Model-checks the concurrent core with loom (tests/loom.rs). The
# preemption bound keeps the run to seconds; 2 is the bound loom's authors
# recommend for CI (most concurrency bugs need at most two preemptions).
set -euo pipefail
cd "$(dirname "$0")/.."
LOOM_MAX_PREEMPTIONS="${LOOM_MAX_PREEMPTIONS:-2}" RUSTFLAGS="--cfg loom" \
    CARGO_TARGET_DIR="${LOOM_TARGET_DIR:-target/loom}" \
    cargo test -p jsloop --test loom --release
