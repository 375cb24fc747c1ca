#pragma once
// The one run pipeline every mode goes through (`measureflow run`):
//   read and validate the case (the mode's constructor: every input error is thrown there,
//   before a file exists) → prepare the run directory (RunDirectory: case.toml, summary.txt
//   "running", the manifest) → start the mode's writers → for each stage, advance to each
//   output time and observe → the run's figure → summary.txt "complete" or "stopped: why".
// A mode supplies what differs: its integrator (`advance`), its observer (frames, CSV rows)
// and its summary lines. Exit codes: 0 complete; 3 stopped by a RunError (NaN, a collapsed
// step, tolerances), its message printed and what was written kept; 1 a failed write (disk
// full), naming the file. summary.txt never says "complete" for an incomplete run.

#include <filesystem>
#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

#include "app/run_directory.hpp"
#include "time/run_error.hpp"

namespace mf {

struct RunOptions {
  std::string output_directory;  ///< overrides the case's [output] directory
  bool overwrite = false;        ///< replace an earlier run in the same directory
  bool progress = true;
};

/// Moves the state from t to t_out, setting t (to t_out, or to the last iterate at or before
/// it for discrete steps); calls progress(t, step) as it goes; throws RunError to stop.
using ProgressFunction = std::function<void(double, long)>;
using AdvanceFunction = std::function<void(double& t, double t_out, const ProgressFunction& progress)>;

/// One advance-and-observe loop over output times. Most modes have one; an algorithm run has
/// one per method.
struct RunStage {
  std::vector<double> times;             ///< increasing; the first observation is at times[0]'s t
  AdvanceFunction advance;
  std::function<void(double t)> observe;  ///< writes the frame / CSV row of time t
  std::filesystem::path readable;        ///< what stays readable if the stage stops (printed)
};

struct StageResult {
  std::string status = "complete";  ///< "complete" or "stopped: why"
  int exit_code = 0;                 ///< 0, 3 (RunError) or 1 (a write failed)
  double reached_time = 0.0;
  double wall_seconds = 0.0;
  bool complete() const { return exit_code == 0; }
};

class RunMode {
 public:
  virtual ~RunMode() = default;
  virtual const std::string& case_file() const = 0;
  /// The run's name: runs/<name> is its default directory.
  virtual std::string name() const = 0;
  /// The case's [output] directory ("" when it names none).
  virtual std::string case_directory() const = 0;
  /// The lines printed under "measureflow run FILE" (each "  key: value\n").
  virtual void describe(std::ostream& out) const = 0;
  /// Opens the writers in `dir` and writes the run's fixed inputs (data.csv, …).
  virtual void start(RunDirectory& dir) = 0;
  virtual int n_stages() const { return 1; }
  virtual RunStage stage(int k) = 0;
  /// After stage k: its final files, and its line on `out` (the default prints nothing).
  virtual void end_stage(int k, const StageResult& r, std::ostream& out);
  /// summary.txt's lines after "status" and "case" (key: value), and the closing line
  /// printed on `out` after "  complete: " or "  stopped: ".
  virtual void summarize(const std::vector<StageResult>& results, std::ostream& summary) const = 0;
  virtual std::string result_line(const std::vector<StageResult>& results) const = 0;
  /// Whether the run draws its own figure <name>.png at the end ([output] plot): the pipeline
  /// draws it from the run's CSVs after the last stage (app/plot.hpp), a stopped run's too.
  virtual bool plot() const { return false; }
  /// Its lifted-paths figure with radii compressed to tanh(r) ([output] lifted = "tanh").
  virtual bool compressed_paths() const { return false; }
  /// Whether the run can be split across the ranks of mpirun (distributed/): plain networks
  /// (the data set shared out) and conic particles (the particles shared out). Under mpirun
  /// rank 0 writes the run directory; the other ranks run the same steps into a scratch
  /// directory they remove at the end.
  virtual bool splits_over_ranks() const { return false; }
};

/// "t = 2.5 after 120 steps in 0.31 s": the closing line of a one-stage run.
std::string reached_line(const StageResult& r, long steps, const std::string& unit = "steps");

/// The run directory: the -o option, else the case's [output] directory, else runs/<name>.
std::filesystem::path resolve_run_directory(const RunOptions& options, const RunMode& mode);

/// Runs a mode through the pipeline; returns the exit code (0, 1 or 3; see above). Throws
/// (std::runtime_error) only for what is found before anything is written.
int run(RunMode& mode, const RunOptions& options, std::ostream& out, std::ostream& err);

/// The file's text (read before the run directory is prepared, which may remove it).
std::string read_case_text(const std::string& file);

}  // namespace mf
