#pragma once
// The output loop every grid run shares: advance to each output time, hand the state to the
// caller's observer, stop cleanly on a RunError (message printed, frames kept), report progress.

#include <Eigen/Core>
#include <filesystem>
#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

#include "grid/grid_solver.hpp"

namespace mf {

struct RunLoopResult {
  std::string status = "complete";  ///< "complete" or "stopped: why"
  int exit_code = 0;                 ///< 0 or 3 (stopped)
  double reached_time = 0.0;
  double wall_seconds = 0.0;
};

/// `on_output(t)` is called at each output time with `masses` advanced to t.
RunLoopResult run_output_loop(GridSolver& solver, Eigen::VectorXd& masses, const std::vector<double>& times,
                              bool progress, std::ostream& err, const std::filesystem::path& readable_output,
                              const std::function<void(double)>& on_output);

/// The same for any integrator: advance(t, t_out) moves the state from t to t_out (setting t)
/// and throws RunError to stop; progress(t, step) may be called from inside advance.
using AdvanceFunction = std::function<void(double& t, double t_out, const std::function<void(double, long)>& progress)>;
RunLoopResult run_output_loop(const AdvanceFunction& advance, const std::vector<double>& times, bool progress,
                              std::ostream& err, const std::filesystem::path& readable_output,
                              const std::function<void(double)>& on_output);

/// The run directory of a case: the -o option, else its [output] directory, else runs/<name>.
std::filesystem::path run_directory(const std::string& option, const std::string& from_case, const std::string& name);

/// Reads the case file's text (before the run directory is prepared, which may remove it) and
/// writes it as dir/case.toml.
std::string read_case_text(const std::string& file);
void write_case_copy(const std::filesystem::path& dir, const std::string& text);

}  // namespace mf
