#include "app/run_pipeline.hpp"

#include <chrono>
#include <fstream>
#include <iterator>
#include <ostream>
#include <sstream>
#include <stdexcept>
#include <stdlib.h>

#include "app/plot.hpp"
#include "app/progress.hpp"
#include "base/stop_signal.hpp"
#include "distributed/rank_sums.hpp"
#include "io/atomic_file.hpp"

namespace mf {

namespace fs = std::filesystem;

namespace {

StageResult run_stage(const RunStage& stage, bool progress, std::ostream& err) {
  StageResult r;
  ProgressLine line(err, stage.times.back(), progress);
  const bool split = ranks_of_this_run() > 1;
  const ProgressFunction report = [&](double t, long step) {
    // SIGINT / SIGTERM: the next step stops the run as a RunError, so it ends "stopped" with
    // its frames readable (a sweep stops its members this way). Split across ranks, every
    // rank stops at the same step (mpirun forwards the signal to each at its own moment).
    if (split ? any_rank(StopSignal::raised() != 0) : StopSignal::raised() != 0)
      throw RunError(std::string("interrupted by ") + StopSignal::name() + " at t = " + std::to_string(t) + " (step " +
                     std::to_string(step) + ")");
    line.update(t, step);
  };
  const auto start = std::chrono::steady_clock::now();
  double t = stage.times.front();
  try {
    for (double t_out : stage.times) {
      stage.advance(t, t_out, report);
      // observe may stop the run too: a NaN objective is caught before its row. Split across
      // ranks, a write that fails on one rank (a full disk) stops all of them.
      if (split) together([&] { stage.observe(t); });
      else stage.observe(t);
    }
  } catch (const OtherRankFailed& e) {
    line.finish();
    r.status = std::string("stopped: ") + e.what();
    r.exit_code = 3;
  } catch (const RunError& e) {
    line.finish();
    r.status = std::string("stopped: ") + e.what();
    r.exit_code = 3;
    err << "error: " << e.what() << "\n  what was written so far stays readable: " << stage.readable.string() << "\n";
  } catch (const WriteError& e) {
    line.finish();
    r.status = std::string("stopped: ") + e.what();
    r.exit_code = 1;
    err << "error: " << e.what() << "\n";
  }
  line.finish();
  r.reached_time = t;
  r.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return r;
}

std::string summary_text(const std::string& status, const RunMode& mode, const std::vector<StageResult>* results,
                         double wall_seconds, const std::string& figure = "") {
  std::ostringstream s;
  s.precision(10);
  s << "status: " << status << "\ncase: " << mode.case_file() << "\n";
  if (ranks_of_this_run() > 1) s << "mpi_ranks: " << ranks_of_this_run() << "\n";
  if (results) {
    mode.summarize(*results, s);
    s << "figure: " << (figure.empty() ? "off" : figure) << "\nwall_seconds: " << wall_seconds << "\n";
  }
  return s.str();
}

}  // namespace

void RunMode::end_stage(int, const StageResult&, std::ostream&) {}

std::string reached_line(const StageResult& r, long steps, const std::string& unit) {
  std::ostringstream s;
  s << "t = " << r.reached_time << " after " << steps << " " << unit << " in " << r.wall_seconds << " s";
  return s.str();
}

fs::path resolve_run_directory(const RunOptions& options, const RunMode& mode) {
  if (!options.output_directory.empty()) return options.output_directory;
  const std::string from_case = mode.case_directory();
  if (!from_case.empty()) return from_case;
  return fs::path("runs") / mode.name();
}

std::string read_case_text(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in && !in.eof()) throw std::runtime_error(file + ": cannot read the case file");
  return text;
}

namespace {

// The folder of a rank ≥ 1 of a run split across ranks: a scratch directory, removed when the
// run ends (rank 0 writes the run directory).
class ScratchDirectory {
 public:
  ScratchDirectory() {
    std::string pattern = (fs::temp_directory_path() / "measureflow-rank-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("cannot create a scratch directory in " + fs::temp_directory_path().string());
    path_ = pattern;
  }
  ~ScratchDirectory() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  ScratchDirectory(const ScratchDirectory&) = delete;
  ScratchDirectory& operator=(const ScratchDirectory&) = delete;
  fs::path run_path() const { return path_ / "run"; }

 private:
  fs::path path_;
};

int run_here(RunMode& mode, const RunOptions& options, std::ostream& out, std::ostream& err);

}  // namespace

int run(RunMode& mode, const RunOptions& options, std::ostream& out, std::ostream& err) {
  if (ranks_of_this_run() == 1) return run_here(mode, options, out, err);
  if (!mode.splits_over_ranks())
    throw std::runtime_error(mode.case_file() + ": under mpirun, `run` splits plain-network runs (their data set) and "
                             "particle runs (their particles) across ranks; this case runs on one process: run it "
                             "without mpirun (or sweep it: `mpirun … measureflow sweep`)");
  std::unique_ptr<ScratchDirectory> scratch;
  together([&] {
    if (rank_of_this_process() > 0) scratch = std::make_unique<ScratchDirectory>();
  });
  if (rank_of_this_process() == 0) return run_here(mode, options, out, err);
  RunOptions quiet = options;
  quiet.output_directory = scratch->run_path();
  quiet.overwrite = false;
  quiet.progress = false;
  std::ostringstream muted_out, muted_err;
  return run_here(mode, quiet, muted_out, muted_err);
}

namespace {

int run_here(RunMode& mode, const RunOptions& options, std::ostream& out, std::ostream& err) {
  const bool split = ranks_of_this_run() > 1, lead = rank_of_this_process() == 0;
  const StopSignal stop;  // the caller's handlers come back when the run ends
  std::string case_text;
  std::unique_ptr<RunDirectory> made;
  const auto open = [&] {
    case_text = read_case_text(mode.case_file());  // before --overwrite may remove it
    made = std::make_unique<RunDirectory>(resolve_run_directory(options, mode), options.overwrite);
  };
  if (split) together(open);
  else open();
  RunDirectory& dir = *made;
  const auto start = std::chrono::steady_clock::now();
  std::vector<StageResult> results;
  try {
    dir.write_text("case.toml", case_text);
    dir.write_text("summary.txt", summary_text("running", mode, nullptr, 0.0));
    out << "measureflow run " << mode.case_file() << "\n";
    mode.describe(out);
    out << "  output: " << dir.path().string() << "\n";
    mode.start(dir);
    for (int k = 0; k < mode.n_stages(); ++k) {
      results.push_back(run_stage(mode.stage(k), options.progress, err));
      if (results.back().exit_code == 1) break;  // the disk is full: later stages would fail too
      mode.end_stage(k, results.back(), out);
    }
  } catch (const WriteError& e) {
    err << "error: " << e.what() << "\n";
    results.push_back(StageResult{std::string("stopped: ") + e.what(), 1, 0.0, 0.0});
  }
  int code = 0;
  std::string status = "complete", figure;
  for (const StageResult& r : results)
    if (r.exit_code != 0 && (code == 0 || r.exit_code == 1)) {
      code = r.exit_code;
      status = r.status;
    }
  if (mode.plot() && code != 1 && lead) figure = draw_own_figure(dir, mode.name(), out, mode.compressed_paths());
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  try {
    dir.write_text("summary.txt", summary_text(status, mode, &results, seconds, figure));
  } catch (const WriteError& e) {
    err << "error: " << e.what() << "\n  summary.txt still says \"running\": the run is not complete\n";
    return 1;
  }
  out << "  " << (code == 0 ? "complete" : "stopped") << ": " << mode.result_line(results) << "\n";
  return code;
}

}  // namespace

}  // namespace mf
