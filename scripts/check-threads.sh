#!/usr/bin/env bash
# Threads that pay (issue 12, item 5): every example runs with OMP_NUM_THREADS=1 and with 2 while
# a third process (`yes > /dev/null`) keeps one core busy, the shared machine's common case; the
# check fails if 2 threads are slower than 1 by more than the noise margin on any example. A sweep
# example (a [sweep] table) runs with 1 and 2 members at a time instead (`sweep -j`).
# Run on demand, not by ctest (its timings are meaningless while other tests run):
#
#   scripts/check-threads.sh [BUILD_DIR] [CASE…]    # BUILD_DIR default build; CASE an example's
#                                                   # name (cosine_bell) or a case file's path
#                                                   # (default: every example)
#
# Each case runs REPEATS times (default 3) per thread count, the counts interleaved
# (1, 2, 1, 2, …) so slow drifts of the other load hit both; the minimum wall time of each
# count is compared. A case fails when t2 > MARGIN · t1 (default 1.10) and t2 − t1 > SLACK seconds
# (default 0.02: a 0.1 s example's start-up jitter alone is about 10 %). Environment: REPEATS,
# MARGIN, SLACK, BUSY=0 to run without the busy loop. Runs go to a temporary directory, removed
# at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

build=${1:-build}
[[ $# -gt 0 ]] && shift
program=$build/measureflow
[[ -x $program ]] || { echo "check-threads: no $program (build first: cmake --build $build)" >&2; exit 1; }
repeats=${REPEATS:-3}
margin=${MARGIN:-1.10}
slack=${SLACK:-0.02}

if [[ $# -gt 0 ]]; then
  cases=()
  for name in "$@"; do
    if [[ -f $name ]]; then cases+=("$name"); else cases+=("examples/${name%.toml}.toml"); fi
  done
else
  cases=(examples/*.toml)
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/check-threads.XXXXXX")
busy_pid=
cleanup() {
  if [[ -n $busy_pid ]]; then kill "$busy_pid" 2>/dev/null || true; wait "$busy_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
if [[ ${BUSY:-1} != 0 ]]; then
  yes > /dev/null &
  busy_pid=$!
fi

# Wall time in seconds of one run with $1 threads of case $2 (its output in $work).
run_once() {
  local threads=$1 case=$2 name start end
  name=$(basename "$case" .toml)
  start=$(date +%s.%N)
  # A sweep's members are one-thread runs of their own: there the count is members at a time; its
  # directory goes first, or the sweep would resume the members an earlier repeat completed.
  local command=(run "$case" -o "$work/$name-$threads" --overwrite --no-progress)
  if grep -q '^\[sweep' "$case"; then
    rm -rf "$work/$name-$threads"
    command=(sweep "$case" -j "$threads" -o "$work/$name-$threads")
  fi
  if ! OMP_NUM_THREADS=$threads "$program" "${command[@]}" > "$work/$name-$threads.log" 2>&1; then
    echo "check-threads: $case failed with $threads threads:" >&2
    cat "$work/$name-$threads.log" >&2
    exit 1
  fi
  end=$(date +%s.%N)
  echo "$end - $start" | bc -l
}

min() { if (($(echo "$1 < $2" | bc -l))); then echo "$1"; else echo "$2"; fi; }

echo "measureflow examples, wall time (min of $repeats), $(nproc) cores$([[ -n $busy_pid ]] && echo ', one kept busy')"
printf '%-24s %10s %10s %8s  %s\n' example "1 thread" "2 threads" t2/t1 verdict
status=0
for case in "${cases[@]}"; do
  [[ -f $case ]] || { echo "check-threads: no $case" >&2; exit 1; }
  t1=inf t2=inf
  for ((k = 0; k < repeats; ++k)); do
    s=$(run_once 1 "$case"); [[ $t1 == inf ]] && t1=$s || t1=$(min "$t1" "$s")
    s=$(run_once 2 "$case"); [[ $t2 == inf ]] && t2=$s || t2=$(min "$t2" "$s")
  done
  ratio=$(echo "$t2 / $t1" | bc -l)
  verdict=ok
  if (($(echo "$ratio > $margin && $t2 - $t1 > $slack" | bc -l))); then verdict="SLOWER (> $margin)"; status=1; fi
  printf '%-24s %9.2fs %9.2fs %8.2f  %s\n' "$(basename "$case" .toml)" "$t1" "$t2" "$ratio" "$verdict"
done
exit $status
