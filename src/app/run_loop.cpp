#include "app/run_loop.hpp"

#include <chrono>
#include <fstream>
#include <iterator>
#include <ostream>
#include <stdexcept>

#include "app/progress.hpp"

namespace mf {

RunLoopResult run_output_loop(const AdvanceFunction& advance, const std::vector<double>& times, bool progress,
                              std::ostream& err, const std::filesystem::path& readable_output,
                              const std::function<void(double)>& on_output) {
  RunLoopResult r;
  ProgressLine line(err, times.back(), progress);
  const auto report = [&](double t, long step) { line.update(t, step); };
  const auto start = std::chrono::steady_clock::now();
  double t = 0.0;
  for (double t_out : times) {
    try {
      advance(t, t_out, report);
    } catch (const RunError& e) {
      line.finish();
      r.status = std::string("stopped: ") + e.what();
      r.exit_code = 3;
      err << "error: " << e.what() << "\n  what was written so far stays readable: " << readable_output.string() << "\n";
      break;
    }
    on_output(t);
  }
  line.finish();
  r.reached_time = t;
  r.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return r;
}

RunLoopResult run_output_loop(GridSolver& solver, Eigen::VectorXd& masses, const std::vector<double>& times,
                              bool progress, std::ostream& err, const std::filesystem::path& readable_output,
                              const std::function<void(double)>& on_output) {
  const AdvanceFunction advance = [&](double& t, double t_out, const std::function<void(double, long)>& report) {
    solver.set_step_callback(report);
    solver.advance(masses, t, t_out);
  };
  RunLoopResult r = run_output_loop(advance, times, progress, err, readable_output, on_output);
  solver.set_step_callback(nullptr);
  return r;
}

std::filesystem::path run_directory(const std::string& option, const std::string& from_case, const std::string& name) {
  if (!option.empty()) return option;
  if (!from_case.empty()) return from_case;
  return std::filesystem::path("runs") / name;
}

std::string read_case_text(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in && !in.eof()) throw std::runtime_error(file + ": cannot read the case file");
  return text;
}

void write_case_copy(const std::filesystem::path& dir, const std::string& text) {
  std::ofstream copy(dir / "case.toml", std::ios::binary);
  if (!(copy << text)) throw std::runtime_error((dir / "case.toml").string() + ": cannot write the case copy");
}

}  // namespace mf
