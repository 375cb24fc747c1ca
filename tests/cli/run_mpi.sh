#!/usr/bin/env bash
# One run split across MPI ranks: for plain networks (GD, SGD and the flow, on teacher data and
# on a data file read in byte ranges; a classifier's margins; cluster data with a test set and a
# decaying step) and conic particles (population kernel and data set),
# mpirun -np 2 and -np 3 write the numbers of the 1-process run — every CSV of the run directory
# (diagnostics, weights or particles at every output, data.csv) to 1e-13 relative — and
# summary.txt says the run was split and complete. A data file with a bad line is reported by
# its line number under mpirun as without it.
# Usage: run_mpi.sh MEASUREFLOW SOURCE_DIR
set -euo pipefail
mf=$1
src=$2
source "$src/tests/cli/mpi_common.sh"
export OMP_NUM_THREADS=1
same="python3 $src/tests/cli/same_numbers.py"

plain=$src/tests/data/mpi_plain_network.toml
cp "$plain" "$work/gd.toml"
sed -e 's/^method = "gd"/method = "sgd"\nbatch = 50\nseed = 7/' "$plain" > "$work/sgd.toml"
# The flow with a smooth activation: ReLU's kinks make an adaptive stepper's accept/reject
# decisions jump, so round-off-level differences between rank counts can change its steps.
sed -e 's/^method = "gd"/method = "flow"\nabs_tol = 1e-9\nrel_tol = 1e-9/' -e '/^step = /d' \
    -e 's/^activation = "relu"/activation = "tanh"/' "$plain" > "$work/flow.toml"
# A classifier of the output layer only: its margins are summed and minimized over ranks.
sed -e 's/^loss = "square"/loss = "exponential"/' -e 's/^step = 0.2/step = 0.2\nlayers = "output"/' "$plain" > "$work/exp_output.toml"
# Cluster data (drawn share by share) with a test set (on every rank), a decaying step.
cat > "$work/clusters.toml" <<'CASE'
[network]
dimension = 4
width = 30
bias = true
loss = "logistic"
[data]
type = "clusters"
clusters = 3
samples = 97
seed = 5
test_samples = 200
[training]
method = "gd"
step = 0.5
schedule = "inverse_sqrt"
[time]
end = 6.0
outputs = 3
CASE
# The data file: the GD run's own data.csv (301 samples, d = 5), read back as a file.
"$mf" run "$work/gd.toml" -o "$work/data_source" > /dev/null
awk '/^\[data\]/ {print; print "type = \"file\""; print "file = \"data.csv\""; skip = 1; next}
     /^\[/ {skip = 0} !skip' "$plain" > "$work/file.toml"
cp "$work/data_source/data.csv" "$work/data.csv"
grep -q 'type = "file"' "$work/file.toml" || fail "the data-file case was not made"

check() {  # check NAME CASE [--particles]
  local name=$1 case=$2
  shift 2
  "$mf" run "$@" "$case" -o "$work/${name}_1" > "$work/${name}_1.log" 2>&1 ||
    { cat "$work/${name}_1.log"; fail "$name: the 1-process run failed"; }
  for np in 2 3; do
    mpirun -np $np "$mf" run "$@" "$case" -o "$work/${name}_$np" > "$work/${name}_$np.log" 2>&1 ||
      { cat "$work/${name}_$np.log"; fail "$name: the run under mpirun -np $np failed"; }
    grep -q "split over $np MPI ranks" "$work/${name}_$np.log" || { cat "$work/${name}_$np.log"; fail "$name: -np $np did not split the run"; }
    grep -q "^status: complete" "$work/${name}_$np/summary.txt" || fail "$name -np $np: summary.txt does not say complete"
    grep -q "^mpi_ranks: $np" "$work/${name}_$np/summary.txt" || fail "$name -np $np: summary.txt does not name the ranks"
    [ "$(grep -c 'complete: t = ' "$work/${name}_$np.log")" -eq 1 ] || fail "$name -np $np: more than rank 0 printed"
    out=$($same "$work/${name}_1" "$work/${name}_$np" 1e-13) || { echo "$out"; fail "$name: -np $np differs from 1 process"; }
    echo "ok: $name, mpirun -np $np: $out"
  done
}

check gd "$work/gd.toml"
check sgd "$work/sgd.toml"
check flow "$work/flow.toml"
check data_file "$work/file.toml"
check exp_output "$work/exp_output.toml"
check clusters "$work/clusters.toml"
grep -q "^margin_final: " "$work/exp_output_3/summary.txt" || fail "the exponential-loss run has no margin"
check particles_population "$src/tests/data/mpi_particles_population.toml" --particles
check particles_data "$src/tests/data/mpi_particles_data.toml" --particles

# A bad number in the last rank's byte range is reported with its line in the file.
awk 'NR == 290 {$0 = "1,2,x,4,5,6"} {print}' "$work/data.csv" > "$work/bad.csv"
sed -e 's/file = "data.csv"/file = "bad.csv"/' "$work/file.toml" > "$work/bad.toml"
status=0
mpirun -np 3 "$mf" run "$work/bad.toml" -o "$work/bad" > "$work/bad.log" 2>&1 || status=$?
[ $status -eq 2 ] || { cat "$work/bad.log"; fail "a data file with a bad number under mpirun exited with $status, not 2"; }
[ ! -e "$work/bad" ] || fail "a run that could not start left a run directory"
grep -q "error in input file: rank 2: .*bad.csv:290: column 3" "$work/bad.log" || { cat "$work/bad.log"; fail "the bad line was not named (line 290)"; }
[ "$(grep -c "bad.csv:290" "$work/bad.log")" -eq 1 ] || { cat "$work/bad.log"; fail "the error was printed by more than one rank"; }
echo "ok: a bad data line under mpirun -np 3 is named once"
echo PASS
