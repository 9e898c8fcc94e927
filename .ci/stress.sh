#!/usr/bin/env bash
# The stress suite in release mode (it also runs, slower, in the test step).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test -p jsloop --release --test stress --test ingress
