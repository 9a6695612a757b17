#!/usr/bin/env bash
# The country benchmark, side by side: planvev, Zola and Hugo build the same
# synthetic country (../shared/bench/gen-corpus.py: N municipalities × 12
# service areas × 2 languages), alternately (A B C A B C …), each from a clean
# output folder, on tmpfs when it can be mounted. Prints each tool's median
# wall time, CPU time (user + system) and peak memory, and the ratios to Zola.
# Then planvev alone on the same country with every table and goal left
# unplaced (one warning each), against the clean run.
#
#   scripts/bench-country.sh [N=357] [RUNS=3]
#
# Needs python3; Zola comes from ../shared/bench (xz), Hugo from Debian
# (`apt-get install hugo`; skipped when missing). Measure, never assert.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-357}
RUNS=${2:-3}
BENCH=${BENCH_DIR:-../shared/bench}
# PLANVEV=path measures another build; PLANVEV_BEFORE=path adds an older
# one to the same alternation, for a before/after.
if [ -z "${PLANVEV:-}" ]; then
  cargo build --release --quiet
  PLANVEV=$PWD/target/release/planvev
fi

WORK=${WORK:-/mnt/planvev-bench}
mkdir -p "$WORK"
if ! mountpoint -q "$WORK" && mount -t tmpfs -o size=4g tmpfs "$WORK" 2>/dev/null; then
  echo "(on tmpfs at $WORK)"
fi
trap 'rm -rf "$WORK"/c "$WORK"/u "$WORK"/out-*' EXIT

python3 "$BENCH/gen-corpus.py" "$N" --out "$WORK/c" >/dev/null
python3 "$BENCH/gen-corpus.py" "$N" --unplaced --out "$WORK/u" >/dev/null
if [ ! -x "$WORK/zola" ]; then xz -dc "$BENCH"/zola-*-x86_64-linux.xz >"$WORK/zola" && chmod +x "$WORK/zola"; fi

# run NAME DIR COMMAND...: one timed run, appended to $WORK/NAME.times as
# "wall cpu maxrss_kb".
run() {
  local name=$1 dir=$2
  shift 2
  rm -rf "$WORK/out-$name"
  (cd "$dir" && /usr/bin/time -f "%e %U %S %M" -o "$WORK/$name.one" "$@" >/dev/null 2>&1) ||
    { echo "$name failed"; cat "$WORK/$name.one"; exit 1; }
  awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }' "$WORK/$name.one" >>"$WORK/$name.times"
}

tools=(planvev zola)
[ -n "${PLANVEV_BEFORE:-}" ] && tools=(before "${tools[@]}")
command -v hugo >/dev/null && tools+=(hugo)
one_round() {
  if [ -n "${PLANVEV_BEFORE:-}" ]; then run before "$WORK/c/planvev" "$PLANVEV_BEFORE" build --output "$WORK/out-before"; fi
  run planvev "$WORK/c/planvev" "$PLANVEV" build --output "$WORK/out-planvev"
  run zola "$WORK/c/zola" "$WORK/zola" build --output-dir "$WORK/out-zola" --force
  if command -v hugo >/dev/null; then run hugo "$WORK/c/hugo" hugo --quiet -d "$WORK/out-hugo"; fi
  run unplaced "$WORK/u/planvev" "$PLANVEV" build --output "$WORK/out-unplaced"
}
rm -f "$WORK"/*.times
echo "warm-up"
one_round
rm -f "$WORK"/*.times
for i in $(seq "$RUNS"); do
  echo "round $i of $RUNS"
  one_round
done

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
col() { awk -v c="$2" '{ print $c }' "$WORK/$1.times" | median; }
echo
echo "country: $N municipalities × 12 areas × 2 languages, median of $RUNS"
printf "%-18s %9s %9s %11s %10s %10s\n" tool "wall s" "cpu s" "peak MB" "wall/zola" "mem/zola"
zw=$(col zola 1); zm=$(col zola 3)
for t in "${tools[@]}" unplaced; do
  w=$(col "$t" 1); c=$(col "$t" 2); m=$(col "$t" 3)
  label=$t; [ "$t" = unplaced ] && label="planvev --unplaced"
  [ "$t" = before ] && label="planvev (before)"
  awk -v l="$label" -v w="$w" -v c="$c" -v m="$m" -v zw="$zw" -v zm="$zm" \
    'BEGIN { printf "%-18s %9.2f %9.2f %11.0f %10.2f %10.2f\n", l, w, c, m / 1024, w / zw, m / zm }'
done
awk -v a="$(col unplaced 1)" -v b="$(col planvev 1)" \
  'BEGIN { printf "\n8 000+ warnings cost %.2f× a clean build (wall)\n", a / b }'
