#pragma once
// `measureflow sweep CASE [--set key=values]… [--seeds K] [-j N] [-o DIR] [--particles]`: the
// members of a sweep (sweep/sweep_plan.hpp) checked like any case (every member's parameter
// point read and set up before anything runs), then run as `measureflow run` child processes,
// N at a time (sweep/member_queue.hpp), each into DIR/<member>; then sweep.csv, summary.csv
// and keys.csv (sweep/sweep_tables.hpp) and the figure sweep.png. Rerunning the same command
// runs only the members whose run directory does not say complete for the same case text
// (resumable after a crash, a kill or a job's time limit). Ctrl-C / SIGTERM: running members
// end "stopped", the tables are written, exit 3.

#include <iosfwd>
#include <string>
#include <vector>

namespace mf {

struct SweepOptions {
  std::vector<std::string> settings;  ///< --set key=values
  int seeds = 0;                      ///< > 0: replaces [sweep] seeds
  int parallel = 0;                   ///< members at a time (0: the number of cores)
  std::string directory;              ///< default runs/<case name>-sweep
  bool particles = false;             ///< members run the particle counterpart
};

/// Returns the exit code: 0 every member complete, 3 some stopped, failed or not run.
/// Throws CaseError / std::runtime_error for a sweep that cannot start (nothing run then).
int run_sweep(const std::string& case_file, const SweepOptions& options, std::ostream& out, std::ostream& err);

}  // namespace mf
