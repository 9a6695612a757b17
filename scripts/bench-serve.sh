#!/usr/bin/env bash
# Save-to-reload time of `planvev serve`: the example content and a synthetic
# site of 357 municipalities, each in a temp dir (content/ is not touched).
# Builds in release mode, then runs examples/bench_serve.rs; extra
# arguments go to it (--munis N --areas N --runs N --only example|synthetic).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --example bench_serve
exec target/release/examples/bench_serve "$@"
