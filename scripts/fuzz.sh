#!/usr/bin/env bash
# The mutation fuzzer (tests/fuzz.rs) with a long budget.
#   scripts/fuzz.sh [CASES] [FIRST_SEED]
# Each input is a copy of a good site with 1-3 mutations (bytes, YAML
# structure, Markdown, file names, symbolic links); every 10th also goes
# through `planvev build` against a previous output. Prints each finding
# with its seed (reproduce: FUZZ_SEED=N FUZZ_CASES=1 cargo test --test fuzz).
set -euo pipefail
cd "$(dirname "$0")/.."
cases="${1:-2000}"
seed="${2:-1000}"
start=$(date +%s)
FUZZ_CASES="$cases" FUZZ_SEED="$seed" FUZZ_BUILD_EVERY="${FUZZ_BUILD_EVERY:-10}" \
  cargo test --test fuzz -- --nocapture 2>&1 | grep -E "FINDING|fuzz:|test result" || true
echo "wall time: $(( $(date +%s) - start )) s"
