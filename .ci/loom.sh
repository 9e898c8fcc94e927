#!/usr/bin/env bash
# Model-checks the concurrent core with loom (tests/loom.rs), unoptimised:
# a cold build is half that of --release and the models still run in ~1 s.
# Preemption bound 2 (loom's advice for CI: most concurrency bugs need few
# preemptions). At 2, every weakening tried against the models (a split
# ingress push, consume after inspect, notify before push, the wake word's
# orderings relaxed, a split immediate claim, `accepting` read outside the
# lock, parking in the poller without the re-check of NOTIFIED) fails its
# model. Override with LOOM_MAX_PREEMPTIONS=3 for a deeper run.
set -euo pipefail
cd "$(dirname "$0")/.."
LOOM_MAX_PREEMPTIONS="${LOOM_MAX_PREEMPTIONS:-2}" RUSTFLAGS="--cfg loom" \
    CARGO_TARGET_DIR="${LOOM_TARGET_DIR:-target/loom}" \
    cargo test -p jsloop --test loom
