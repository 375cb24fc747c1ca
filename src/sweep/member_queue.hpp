#pragma once
// Running a sweep's members as child processes, at most `parallel` at a time (a dynamic queue:
// the next member starts when one ends), each with OMP_NUM_THREADS = threads and its output in
// its log file. SIGINT or SIGTERM stops the queue: no member starts any more, the running ones
// get SIGTERM (a measureflow run then ends "stopped", its files readable) and are waited for.

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace mf {

struct MemberJob {
  std::vector<std::string> argv;  ///< argv[0]: the program
  std::string log;                ///< stdout and stderr go here
};

struct JobResult {
  bool started = false;
  int exit_code = -1;   ///< the child's exit status; 128 + signal when a signal ended it
  double seconds = 0.0;
};

/// Runs `jobs`; `done(k, result)` is called as job k ends. Returns when all ended or the queue
/// was stopped by a signal (then interrupted() is true).
std::vector<JobResult> run_jobs(const std::vector<MemberJob>& jobs, int parallel, int threads,
                                const std::function<void(std::size_t, const JobResult&)>& done);

/// Whether the last run_jobs was stopped by SIGINT or SIGTERM.
bool interrupted();

}  // namespace mf
