#!/usr/bin/env bash
# A run killed mid-way (SIGKILL: no chance to clean up) leaves summary.txt saying "running",
# and the .pvd lists only frames that exist whole, so ParaView opens what was written.
# Usage: interrupted_run.sh MEASUREFLOW_BINARY CASE_FILE OUT_DIR
set -u
bin=$1 case=$2 out=$3
fail() { echo "FAIL: $*"; exit 1; }
rm -rf "$out"
"$bin" run "$case" -o "$out" --no-progress >/dev/null 2>&1 &
pid=$!
# Kill it once it has written a few frames.
for _ in $(seq 1 600); do
  n=$(ls "$out"/*.vtu 2>/dev/null | wc -l)
  [ "$n" -ge 3 ] && break
  kill -0 $pid 2>/dev/null || break
  sleep 0.05
done
kill -9 $pid 2>/dev/null || fail "the run ended before it could be interrupted; use a longer case"
wait $pid 2>/dev/null
[ -f "$out/summary.txt" ] || fail "no summary.txt"
head -1 "$out/summary.txt" | grep -q "^status: running$" || fail "summary.txt says: $(head -1 "$out/summary.txt")"
pvd=$(ls "$out"/*.pvd | head -1)
count=0
for f in $(grep -o 'file="[^"]*"' "$pvd" | cut -d'"' -f2); do
  [ -s "$out/$f" ] || fail "frame $f listed in the .pvd is missing or empty"
  count=$((count + 1))
done
[ $count -ge 3 ] || fail "only $count frames listed"
echo "PASS: killed after $count frames; summary.txt says running"
