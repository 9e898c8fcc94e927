#!/usr/bin/env bash
# The stress suite optimised (bench profile: .ci/run built its dependencies
# in the step before); the test step also runs it unoptimised.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test -p jsloop --profile bench --test stress --test ingress
