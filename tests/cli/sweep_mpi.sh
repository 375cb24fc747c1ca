#!/usr/bin/env bash
# A sweep under mpirun: with 2 and 3 ranks (rank 0 hands out members, the others run them) it
# completes every member with the numbers of the local sweep (the same computation in every
# member: every column but the wall time equal), and a rerun under mpirun skips them all.
# Usage: sweep_mpi.sh MEASUREFLOW SOURCE_DIR
set -euo pipefail
mf=$1
src=$2
source "$src/tests/cli/mpi_common.sh"
sed -e 's/^end = 100.0/end = 10.0/' "$src/tests/data/sweep_circle.toml" > "$work/case.toml"
"$mf" sweep "$work/case.toml" -o "$work/local" -j 2 > /dev/null
numbers() { cut -d, -f1-4,6- "$1"; }  # every column but wall_seconds (member,flow.alpha,seed,status,wall,…)
for np in 2 3; do
  mpirun -np $np "$mf" sweep "$work/case.toml" -o "$work/mpi$np" > "$work/mpi$np.log" 2>&1 ||
    { cat "$work/mpi$np.log"; fail "the sweep under mpirun -np $np failed"; }
  grep -q "MPI: $((np - 1)) worker ranks" "$work/mpi$np.log" || fail "-np $np did not run across ranks"
  grep -q "complete: 6 of 6 members" "$work/mpi$np.log" || fail "-np $np did not complete 6 members"
  [ "$(grep -c 'complete: 6 of 6' "$work/mpi$np.log")" -eq 1 ] || fail "-np $np: more than rank 0 printed"
  diff <(numbers "$work/local/sweep.csv") <(numbers "$work/mpi$np/sweep.csv") > /dev/null ||
    fail "-np $np: sweep.csv differs from the local sweep's"
  echo "ok: mpirun -np $np equals the local sweep"
done
mpirun -np 2 "$mf" sweep "$work/case.toml" -o "$work/mpi2" > "$work/again.log" 2>&1 || fail "the rerun failed"
grep -q "6 already complete, 0 to run" "$work/again.log" || { cat "$work/again.log"; fail "the rerun ran members again"; }
if mpirun -np 2 "$mf" run "$src/examples/teacher_circle.toml" -o "$work/r" > "$work/run.log" 2>&1; then
  fail "a grid run under mpirun was accepted"
fi
grep -q "this case runs on one process: run it without mpirun" "$work/run.log" || { cat "$work/run.log"; fail "a grid run under mpirun did not say why it was refused"; }
echo PASS
