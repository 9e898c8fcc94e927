#!/usr/bin/env bash
# Runs the lock-order suite with every crate lock swapped for tracing-mutex.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test -p jsloop --features lock-order --test lock_order
