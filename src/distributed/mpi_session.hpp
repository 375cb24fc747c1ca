#pragma once
// MPI for sweeps: measureflow started by mpirun (OMPI_COMM_WORLD_SIZE or PMI_SIZE in the
// environment) initializes MPI once; run without it, it never touches MPI. Built with
// MEASUREFLOW_MPI (OpenMPI from Debian); without it every process is alone (rank 0 of 1).

#include <functional>
#include <vector>

namespace mf {

/// Initializes MPI when launched by mpirun (the first call; later calls do nothing). Finalizes
/// at exit.
void start_mpi_if_launched(int& argc, char**& argv);
int mpi_rank();
int mpi_size();
bool mpi_built();

/// Rank 0's value on every rank (the identity on one rank).
int mpi_broadcast(int value);
void mpi_broadcast(std::vector<int>& values);

/// A work queue over ranks: rank 0 hands out job indices 0 … n − 1 one at a time to the
/// other ranks as they ask (a dynamic queue: a rank gets the next job when it finishes one),
/// and returns when all are done or `stop()` became true (no job is handed out then); ranks
/// ≥ 1 call `work(k)` for each job they get. Every rank returns the indices of the jobs that
/// were handed out. Rank 0 does no job itself; it polls gently (it does not spin a core).
std::vector<int> mpi_work_queue(int n, const std::function<void(int)>& work, const std::function<bool()>& stop);

}  // namespace mf
