#!/usr/bin/env bash
# Measures the size thresholds of base/parallel_threshold.hpp: runs bench/bench_threads (every
# OpenMP kernel family at a range of sizes, thresholds off) with OMP_NUM_THREADS=1 and 2 in turn,
# ROUNDS times (1, 2, 1, 2, …), with one core kept busy by another process, and prints per
# benchmark and size the fastest time of each thread count over the rounds and t2/t1.
#
#   scripts/bench-threads.sh [BUILD_DIR] [BENCHMARK_ARGS…]     # BUILD_DIR default build
#
# On a shared machine the busy core may already be someone else's: before each run the other
# processes' share of the machine is measured over 2 s; below half a core this script starts
# `yes > /dev/null` for the run. A run is kept when the rest of the machine (the busy loop and
# everything else) used 0.75-1.25 cores during it, and repeated otherwise (up to 5 times; the
# count is printed), so every row compares 1 and 2 threads with one core busy.
#
# The runs wait passively for OpenMP work, as the measureflow program does (base/omp_wait_policy.hpp),
# unless OMP_WAIT_POLICY or GOMP_SPINCOUNT is set.
#
# Environment: ROUNDS (default 3), MIN_TIME (seconds per benchmark, default 0.1), BUSY=0 to keep
# runs on a quiet machine instead (the rest using < 0.1 core).
set -euo pipefail
cd "$(dirname "$0")/.."

build=${1:-build}
[[ $# -gt 0 ]] && shift
program=$build/bench/bench_threads
[[ -x $program ]] || { echo "bench-threads: no $program (build first: cmake --build $build)" >&2; exit 1; }
rounds=${ROUNDS:-3}
[[ -n ${OMP_WAIT_POLICY:-} || -n ${GOMP_SPINCOUNT:-} ]] || export OMP_WAIT_POLICY=passive
cores=$(nproc)

work=$(mktemp -d "${TMPDIR:-/tmp}/bench-threads.XXXXXX")
busy_pid=
stop_busy() {
  if [[ -n $busy_pid ]]; then kill "$busy_pid" 2>/dev/null || true; wait "$busy_pid" 2>/dev/null || true; fi
  busy_pid=
}
trap 'stop_busy; rm -rf "$work"' EXIT

ticks_busy() { awk '/^cpu /{print $2 + $3 + $4 + $7 + $8}' /proc/stat; }  # user nice system irq softirq
ticks_all() { awk '/^cpu /{print $2 + $3 + $4 + $5 + $6 + $7 + $8}' /proc/stat; }
hz=$(getconf CLK_TCK)
# Cores used by the machine over `ticks` busy and `all` ticks (all = cores × elapsed).
cores_used() { awk -v b="$1" -v a="$2" -v c="$cores" 'BEGIN {printf "%.2f", (a > 0 ? c * b / a : 0)}'; }

kept=0 repeated=0
for ((round = 0; round < rounds; ++round)); do
  for threads in 1 2; do
    for attempt in 1 2 3 4 5; do
      b0=$(ticks_busy) a0=$(ticks_all)
      sleep 2
      others=$(cores_used $(($(ticks_busy) - b0)) $(($(ticks_all) - a0)))
      if [[ ${BUSY:-1} != 0 ]] && awk -v o="$others" 'BEGIN {exit !(o < 0.5)}'; then
        yes > /dev/null &
        busy_pid=$!
      fi
      out=$work/round$round-t$threads.txt
      b0=$(ticks_busy) a0=$(ticks_all)
      /usr/bin/time -f '%U %S' -o "$work/time.txt" env OMP_NUM_THREADS=$threads "$program" \
        --benchmark_min_time="${MIN_TIME:-0.1}" --benchmark_color=false "$@" > "$out" 2> "$work/stderr.txt" ||
        { cat "$work/stderr.txt" >&2; exit 1; }
      b1=$(ticks_busy) a1=$(ticks_all)
      stop_busy
      # The rest of the machine during the run: all busy ticks minus the benchmark's own.
      rest=$(awk -v b=$((b1 - b0)) -v a=$((a1 - a0)) -v hz="$hz" -v c="$cores" \
        '{mine = ($1 + $2) * hz; r = c * (b - mine) / a; printf "%.2f", (r < 0 ? 0 : r)}' "$work/time.txt")
      if [[ ${BUSY:-1} != 0 ]]; then ok='r >= 0.75 && r <= 1.25'; else ok='r < 0.1'; fi
      if awk -v r="$rest" "BEGIN {exit !($ok)}"; then
        kept=$((kept + 1))
        break
      fi
      repeated=$((repeated + 1))
      echo "bench-threads: round $round, $threads threads: the rest of the machine used $rest cores; again" >&2
      rm -f "$out"
    done
  done
done

echo "bench_threads: fastest of $rounds rounds, $cores cores," \
  "$([[ ${BUSY:-1} != 0 ]] && echo 'one core busy' || echo 'quiet'), OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-}" \
  "GOMP_SPINCOUNT=${GOMP_SPINCOUNT:-}; $kept runs kept, $repeated repeated"
# Console lines: "BM_Name/size/real_time   12.3 us   12.1 us   1000 counters…".
awk '
  FNR == 1 { match(FILENAME, /-t[12]\.txt$/); threads = substr(FILENAME, RSTART + 2, 1) }
  /^BM_/ {
    split($1, n, "/"); key = n[1] " " n[2]
    t = $2; u = $3; if (u == "ns") t /= 1000; else if (u == "ms") t *= 1000; else if (u == "s") t *= 1e6
    if (!(key in best1)) { order[++count] = key; best1[key] = best2[key] = 1e300 }
    if (threads == 1 && t < best1[key]) best1[key] = t
    if (threads == 2 && t < best2[key]) best2[key] = t
  }
  END {
    printf "%-28s %9s %12s %12s %7s\n", "benchmark", "size", "1 thread us", "2 threads us", "t2/t1"
    for (i = 1; i <= count; ++i) {
      split(order[i], k, " ")
      printf "%-28s %9s %12.1f %12.1f %7.2f\n", k[1], k[2], best1[order[i]], best2[order[i]], best2[order[i]] / best1[order[i]]
    }
  }' "$work"/round*-t*.txt
