#!/usr/bin/env bash
# A run whose disk fills up ends with exit 1 and a message naming the file it could not write,
# summary.txt never says "complete", and the frames written before stay readable.
# Uses a 1 MB tmpfs (needs root or a user namespace); exits 77 (skipped) where none can be mounted.
# Usage: disk_full.sh MEASUREFLOW_BINARY CASE_FILE
set -u
bin=$1 case=$2
mnt=$(mktemp -d)
if ! mount -t tmpfs -o size=1m tmpfs "$mnt" 2>/dev/null; then
  echo "SKIP: cannot mount a tmpfs here"; rmdir "$mnt"; exit 77
fi
trap 'umount "$mnt"; rmdir "$mnt"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

# 1. The disk fills during the run.
"$bin" run "$case" -o "$mnt/run" --no-progress >"$mnt/../df_out.txt" 2>/tmp/disk_full_err.txt
rc=$?
cat /tmp/disk_full_err.txt
[ $rc -eq 1 ] || fail "exit code $rc, expected 1"
grep -q "$mnt/run/" /tmp/disk_full_err.txt || fail "the message does not name a file of the run"
grep -q "is the disk full" /tmp/disk_full_err.txt || fail "the message does not say the disk may be full"
if [ -f "$mnt/run/summary.txt" ]; then
  grep -q "status: complete" "$mnt/run/summary.txt" && fail "summary.txt says complete"
  head -1 "$mnt/run/summary.txt"
fi
ls "$mnt/run"/*.tmp 2>/dev/null && fail "temporary files were left behind"
# Every frame listed in the .pvd exists and is not empty.
pvd=$(ls "$mnt/run"/*.pvd 2>/dev/null | head -1)
if [ -n "$pvd" ]; then
  for f in $(grep -o 'file="[^"]*"' "$pvd" | cut -d'"' -f2); do
    [ -s "$mnt/run/$f" ] || fail "frame $f listed in the .pvd is missing or empty"
  done
fi
# diagnostics.csv holds only whole rows (each with as many fields as the header).
if [ -f "$mnt/run/diagnostics.csv" ]; then
  awk -F, 'NR==1{n=NF} NF!=n{exit 1}' "$mnt/run/diagnostics.csv" || fail "diagnostics.csv holds a partial row"
fi
rm -rf "$mnt/run"

# 2. Only 8 KB are free when the run starts.
size=$(df --output=avail -B1 "$mnt" | tail -1)
dd if=/dev/zero of="$mnt/filler" bs=4096 count=$(( (size - 8192) / 4096 )) status=none 2>/dev/null
"$bin" run "$case" -o "$mnt/run" --no-progress >/dev/null 2>/tmp/disk_full_err.txt
rc=$?
cat /tmp/disk_full_err.txt
[ $rc -eq 1 ] || fail "with 8 KB free: exit code $rc, expected 1"
grep -q "$mnt/run/" /tmp/disk_full_err.txt || fail "with 8 KB free: the message does not name a file"
if [ -f "$mnt/run/summary.txt" ]; then
  grep -q "status: complete" "$mnt/run/summary.txt" && fail "with 8 KB free: summary.txt says complete"
  [ -s "$mnt/run/summary.txt" ] || fail "with 8 KB free: summary.txt is empty"
fi
echo "PASS"
