#!/usr/bin/env bash
# Kill test: SIGKILL `planvev build` at random moments, many times, and check
# that the output folder is always, byte for byte, the previous site or the
# new one, and that no leftover survives the next complete build.
#
# A large synthetic site (the generator of scripts/bench-build.sh) is built
# alternately from two versions A and B (B changes a text, drops an area
# and adds a file), so every kill lands between two different sites.
#
#   scripts/kill-test.sh [--kills N] [--munis N] [--areas N] [--seed N]
#
# Uses the debug binary (PLANVEV=path to use another). Prints the figures:
# kills, where they landed (old site kept / new site in place), leftovers
# seen after kills and after the next build, time taken.
set -euo pipefail
cd "$(dirname "$0")/.."
kills=100 munis=20 areas=4 seed=$RANDOM
while [ $# -gt 0 ]; do
  case "$1" in
    --kills) kills=$2; shift 2 ;;
    --munis) munis=$2; shift 2 ;;
    --areas) areas=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
RANDOM=$seed
cargo build --quiet --example bench_build --bin planvev
bin=${PLANVEV:-target/debug/planvev}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
start=$(date +%s)

# Two versions of the content.
target/debug/examples/bench_build --keep "$tmp/A" --munis "$munis" --areas "$areas" --runs 1 >/dev/null
cp -a "$tmp/A" "$tmp/B"
first_md=$(find "$tmp/B" -name 'index.nn.md' | sort | sed -n 1p)
printf '\nEin ny avsnitt i versjon B.\n' >>"$first_md"
last_area=$(dirname "$(find "$tmp/B" -name data.yaml | sort | tail -1)")
rm -rf "$last_area"

# What each version looks like when built whole: path, type and checksum.
manifest() {
  (cd "$1" && find . -mindepth 1 -printf '%y %P\n' | sort && find . -type f -print0 | sort -z | xargs -0 sha256sum)
}
build_whole() {
  "$bin" build --content "$tmp/$1" --output "$2" >/dev/null
}
build_whole A "$tmp/refA"
build_whole B "$tmp/refB"
manifest "$tmp/refA" >"$tmp/manA"
manifest "$tmp/refB" >"$tmp/manB"
files=$(find "$tmp/refA" -type f | wc -l)
# How long one build takes here (the slowest of three: the machine is
# shared), to spread the kills over it and past its end.
build_ms=0
for v in B A A; do
  t0=$(date +%s%N)
  build_whole $v "$tmp/web/out"
  t1=$(date +%s%N)
  ms=$(((t1 - t0) / 1000000))
  [ "$ms" -gt "$build_ms" ] && build_ms=$ms
done
echo "site: $munis municipalities x $areas areas, $files files; one build takes ${build_ms} ms"

out="$tmp/web/out"
current=A
declare -A landed=([old]=0 [new]=0)
leftover_after_kill=0 old_after_kill=0 leftover_after_build=0 failures=0
leftovers() { find "$tmp/web" "$out" -maxdepth 1 -name '*planvev-new-*' -o -maxdepth 1 -name '*planvev-old-*' | wc -l; }
for i in $(seq 1 "$kills"); do
  next=$([ "$current" = A ] && echo B || echo A)
  delay=$(((RANDOM * 32768 + RANDOM) % (build_ms * 3 / 2 + 1)))
  "$bin" build --content "$tmp/$next" --output "$out" >/dev/null 2>&1 &
  pid=$!
  sleep "$(awk -v ms="$delay" 'BEGIN { printf "%.3f", ms / 1000 }')"
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  manifest "$out" >"$tmp/now"
  if cmp -s "$tmp/now" "$tmp/man$current"; then
    landed[old]=$((landed[old] + 1))
  elif cmp -s "$tmp/now" "$tmp/man$next"; then
    landed[new]=$((landed[new] + 1))
    current=$next
  else
    failures=$((failures + 1))
    echo "kill $i after ${delay} ms: the output is neither site" >&2
    diff "$tmp/now" "$tmp/man$current" | head -5 >&2 || true
    build_whole "$current" "$out"
  fi
  n=$(leftovers)
  [ "$n" -gt 0 ] && leftover_after_kill=$((leftover_after_kill + 1))
  # Killed while removing the replaced site: its folder must still be
  # recognisable (marked, or empty) for the next build to remove it.
  old=$(find "$tmp/web" -maxdepth 1 -name '*planvev-old-*' | wc -l)
  [ "$old" -gt 0 ] && old_after_kill=$((old_after_kill + 1))
  # Every fourth kill a complete build follows, which must remove every
  # leftover (the killed builds in between pile theirs up first).
  if [ $((i % 4)) -eq 0 ] || [ "$i" -eq "$kills" ]; then
    build_whole "$current" "$out"
    if [ "$(leftovers)" -gt 0 ]; then
      leftover_after_build=$((leftover_after_build + 1))
      echo "kill $i: leftovers survived the next build:" >&2
      find "$tmp/web" "$out" -maxdepth 1 -name '*planvev-*' >&2
    fi
    cmp -s <(manifest "$out") "$tmp/man$current" || {
      failures=$((failures + 1))
      echo "kill $i: the next complete build is not the site" >&2
    }
  fi
done
end=$(date +%s)
echo "kills: $kills (seed $seed), delays 0..$((build_ms * 3 / 2)) ms"
echo "output afterwards: old site kept ${landed[old]}, new site in place ${landed[new]}, neither $failures"
echo "kills after which a hidden build folder was there: $leftover_after_kill (an old site being removed: $old_after_kill)"
echo "leftovers surviving the next complete build: $leftover_after_build"
echo "time: $((end - start)) s"
[ "$failures" -eq 0 ] && [ "$leftover_after_build" -eq 0 ]
