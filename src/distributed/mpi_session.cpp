#include "distributed/mpi_session.hpp"

#include <omp.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <stdexcept>
#include <thread>
#include <vector>

#ifdef MEASUREFLOW_HAVE_MPI
#include <mpi.h>
#endif

namespace mf {

namespace {

bool launched_by_mpirun() { return std::getenv("OMPI_COMM_WORLD_SIZE") || std::getenv("PMI_SIZE"); }

}  // namespace

bool mpi_built() {
#ifdef MEASUREFLOW_HAVE_MPI
  return true;
#else
  return false;
#endif
}

#ifdef MEASUREFLOW_HAVE_MPI

void start_mpi_if_launched(int& argc, char**& argv) {
  int initialized = 0;
  MPI_Initialized(&initialized);
  if (initialized || !launched_by_mpirun()) return;
  MPI_Init(&argc, &argv);
  // The ranks on one machine share its cores: without OMP_NUM_THREADS each takes its part.
  const char* local = std::getenv("OMPI_COMM_WORLD_LOCAL_SIZE");
  if (!std::getenv("OMP_NUM_THREADS") && local && std::atoi(local) > 1)
    omp_set_num_threads(std::max(1, omp_get_num_procs() / std::atoi(local)));
  std::atexit([] {
    int finalized = 0;
    MPI_Finalized(&finalized);
    if (!finalized) MPI_Finalize();
  });
}

int mpi_rank() {
  int initialized = 0, rank = 0;
  MPI_Initialized(&initialized);
  if (initialized) MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  return rank;
}

int mpi_size() {
  int initialized = 0, size = 1;
  MPI_Initialized(&initialized);
  if (initialized) MPI_Comm_size(MPI_COMM_WORLD, &size);
  return size;
}

int mpi_broadcast(int value) {
  if (mpi_size() > 1) MPI_Bcast(&value, 1, MPI_INT, 0, MPI_COMM_WORLD);
  return value;
}

void mpi_broadcast(std::vector<int>& values) {
  if (mpi_size() == 1) return;
  int count = mpi_broadcast(static_cast<int>(values.size()));
  values.resize(static_cast<std::size_t>(count));
  if (count > 0) MPI_Bcast(values.data(), count, MPI_INT, 0, MPI_COMM_WORLD);
}

std::vector<int> mpi_work_queue(int n, const std::function<void(int)>& work, const std::function<bool()>& stop) {
  const int size = mpi_size(), rank = mpi_rank();
  constexpr int kAsk = 1, kJob = 2;
  constexpr int kNone = -1;
  std::vector<int> handed;
  auto wait = [](MPI_Request& request) {  // poll, not spin: rank 0 shares the machine with workers
    int done = 0;
    while (MPI_Test(&request, &done, MPI_STATUS_IGNORE), !done) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  };
  if (rank == 0) {
    int next = 0, finished_workers = 0;
    while (finished_workers < size - 1) {
      int from = 0;
      MPI_Request request;
      MPI_Irecv(&from, 1, MPI_INT, MPI_ANY_SOURCE, kAsk, MPI_COMM_WORLD, &request);
      wait(request);
      int job = kNone;
      if (next < n && !stop()) {
        job = next++;
        handed.push_back(job);
      }
      MPI_Send(&job, 1, MPI_INT, from, kJob, MPI_COMM_WORLD);
      if (job == kNone) ++finished_workers;
    }
  } else {
    while (true) {
      MPI_Send(&rank, 1, MPI_INT, 0, kAsk, MPI_COMM_WORLD);
      int job = kNone;
      MPI_Request request;
      MPI_Irecv(&job, 1, MPI_INT, 0, kJob, MPI_COMM_WORLD, &request);
      wait(request);
      if (job == kNone) break;
      work(job);
      handed.push_back(job);
    }
  }
  mpi_broadcast(handed);  // every rank learns which jobs were handed out (rank 0 knows)
  return handed;
}

#else

void start_mpi_if_launched(int&, char**&) {
  if (launched_by_mpirun())
    throw std::runtime_error("measureflow was started by mpirun but built without MPI; install libopenmpi-dev "
                             "(scripts/install-deps.sh) and rebuild with -DMEASUREFLOW_MPI=ON");
}
int mpi_rank() { return 0; }
int mpi_size() { return 1; }
int mpi_broadcast(int value) { return value; }
void mpi_broadcast(std::vector<int>&) {}
std::vector<int> mpi_work_queue(int, const std::function<void(int)>&, const std::function<bool()>&) {
  throw std::logic_error("mpi_work_queue without MPI");
}

#endif

}  // namespace mf
