# Sourced by the MPI command-line tests: a scratch directory $work removed at exit, fail(), and
# mpirun set up as CI needs it (root; more ranks than the machine's 2 cores).
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
command -v mpirun > /dev/null || fail "mpirun is missing: run scripts/install-deps.sh (openmpi-bin)"
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
export OMPI_MCA_rmaps_base_oversubscribe=1
