#pragma once
// OMP_WAIT_POLICY=passive for the measureflow program unless its environment chose a wait policy
// (OMP_WAIT_POLICY, or GOMP_SPINCOUNT for GCC's libgomp).
//
// Why: libgomp's default lets a waiting thread spin for up to 300,000 iterations (milliseconds)
// before it sleeps. When another process occupies a core, the spinning thread of a 2-thread team
// shares that core with it and gets it back only every scheduler slice, so each fork and barrier
// can cost milliseconds. Measured with bench/bench_threads, one core kept busy, 2 threads against
// 1 (scripts/bench-threads.sh, Intel Xeon, 2 cores): the S² kernel potential at 256² pairs took
// 1085 us against 180 us, the limited transport on hexagonal level 5 2096 us against 290 us, a
// network gradient of 5.0e7 multiply-adds 14.6 ms against 5.8 ms; with passive waiting 243 us,
// 284 us and 6.2 ms, and every region large enough to pass its threshold
// (base/parallel_threshold.hpp) won or tied. Five examples with every region on the team were
// 3.0-4.4x slower on 2 threads than on 1 by default, 1.02-1.41x with passive waiting
// (scripts/check-threads.sh, one run each).
//
// The OpenMP runtime reads the variable when it loads, before main(), so setting it in main is
// too late: the program sets it and executes itself again, once.

#include <unistd.h>

#include <cstdlib>

namespace mf {

/// Call first in main(). Returns at once if the environment chose a wait policy; otherwise sets
/// OMP_WAIT_POLICY=passive and re-executes the program with the same arguments (returning only
/// if that fails: the run goes on with the runtime's default).
inline void default_to_passive_omp_wait(char** argv) {
  if (std::getenv("OMP_WAIT_POLICY") != nullptr || std::getenv("GOMP_SPINCOUNT") != nullptr) return;
  // The executable's own path (not /proc/self/exe, which would rename the process "exe").
  char path[4096];
  const ssize_t n = readlink("/proc/self/exe", path, sizeof path - 1);
  if (n <= 0 || setenv("OMP_WAIT_POLICY", "passive", 0) != 0) return;
  path[n] = '\0';
  execv(path, argv);
}

}  // namespace mf
