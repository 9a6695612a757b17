#!/usr/bin/env bash
# Build time of a whole country: 357 synthetic municipalities, phase by phase
# (examples/bench_build.rs), then the release binary end to end under
# /usr/bin/time. Extra arguments go to the example (--munis N --areas N --runs N).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --example bench_build --bin planvev
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
target/release/examples/bench_build --keep "$tmp/content" "$@"
echo
echo "== planvev build, end to end"
/usr/bin/time -v target/release/planvev build --content "$tmp/content" --output "$tmp/output" 2>&1 |
  grep -E "Built|Elapsed|Maximum resident|Percent of CPU"
