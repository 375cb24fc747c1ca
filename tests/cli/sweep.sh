#!/usr/bin/env bash
# Sweeps from outside: a sweep runs its members two at a time into one directory with its
# tables; SIGTERM stops it cleanly (running members end "stopped", the tables list every
# member, exit 3) and the same command then completes only the missing members; bad sweeps are
# refused before anything runs; the sweep example draws its figure.
# Usage: sweep.sh MEASUREFLOW SOURCE_DIR
set -euo pipefail
mf=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
case="$src/tests/data/sweep_circle.toml"

# Interrupted after the first member ends.
"$mf" sweep "$case" -o "$work/s" -j 2 > "$work/first.log" 2>&1 &
pid=$!
for _ in $(seq 600); do grep -q '^  \[1/6\]' "$work/first.log" && break; sleep 0.1; done
grep -q '^  \[1/6\]' "$work/first.log" || fail "no member ended within 60 s"
kill -TERM $pid
status=0
wait $pid || status=$?
[ "$status" -eq 3 ] || { cat "$work/first.log"; fail "an interrupted sweep exited $status, not 3"; }
grep -q "sweep interrupted" "$work/first.log" || fail "the interrupted sweep did not say so"
rows=$(tail -n +2 "$work/s/sweep.csv" | wc -l)
[ "$rows" -eq 6 ] || fail "sweep.csv has $rows rows, not 6"
done_before=$(grep -c ',complete,' "$work/s/sweep.csv" || true)
[ "$done_before" -ge 1 ] && [ "$done_before" -lt 6 ] || fail "$done_before members complete after the interrupt"
grep -qE ',(stopped: interrupted by SIGTERM|not run),' "$work/s/sweep.csv" || fail "no member stopped or not run"
for m in "$work"/s/m*/; do  # a stopped member's run directory says so and stays readable
  if grep -q '^status: stopped' "$m/summary.txt" 2>/dev/null; then
    grep -q 'interrupted by SIGTERM' "$m/summary.txt" || fail "$m stopped without saying why"
    [ -s "$m/diagnostics.csv" ] || fail "$m lost its diagnostics"
  fi
done
echo "ok: interrupted with $done_before of 6 complete"

# Rerun: only the missing members run.
"$mf" sweep "$case" -o "$work/s" -j 2 > "$work/second.log" 2>&1 || { cat "$work/second.log"; fail "the rerun failed"; }
grep -q "$done_before already complete, $((6 - done_before)) to run" "$work/second.log" ||
  { cat "$work/second.log"; fail "the rerun did not skip the $done_before complete members"; }
grep -q "complete: 6 of 6 members" "$work/second.log" || fail "the rerun did not complete the sweep"
[ "$(grep -c ',complete,' "$work/s/sweep.csv")" -eq 6 ] || fail "sweep.csv does not list 6 complete members"
[ "$(tail -n +2 "$work/s/summary.csv" | wc -l)" -eq 3 ] || fail "summary.csv has not 3 parameter points"
[ -s "$work/s/sweep_final_loss.png" ] || fail "no sweep figure"
echo "ok: the rerun completed the missing members"

# Refused before anything runs, with the reason.
refuse() {  # pattern args…
  local pattern=$1; shift
  if "$mf" "$@" > "$work/refused.log" 2>&1; then fail "$* succeeded"; fi
  grep -q "$pattern" "$work/refused.log" || { cat "$work/refused.log"; fail "$* did not say '$pattern'"; }
  echo "ok: refused ($pattern)"
}
refuse "this case is a sweep" run "$case" -o "$work/r"
refuse "nothing to sweep" sweep "$src/examples/teacher_circle.toml" -o "$work/n"
refuse "sweep member m0002 (flow.alpha = -2.0" sweep "$case" -o "$work/bad" --set "flow.alpha=1.0,-2.0" --seeds 1
[ ! -e "$work/bad/m0001" ] || fail "a refused sweep ran a member"
refuse "keys, and it has none" sweep "$src/examples/cosine_bell.toml" -o "$work/ns" --seeds 2

# The example: ε of kernel merging, 4 values × 3 seeds, and its figure.
"$mf" sweep "$src/examples/sweep_kernel_merging.toml" -o "$work/example" > "$work/example.log" 2>&1 ||
  { cat "$work/example.log"; fail "the sweep example failed"; }
[ -s "$work/example/sweep_final_atoms.png" ] || fail "the sweep example drew no figure"
python3 - "$work/example/summary.csv" <<'PY' || fail "merging does not leave fewer atoms for larger ε"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
atoms = [float(r["final_atoms_mean"]) for r in rows]
assert len(atoms) == 4 and all(a > b for a, b in zip(atoms, atoms[1:])), atoms
PY
echo PASS
