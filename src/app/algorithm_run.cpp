#include "app/algorithm_run.hpp"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <ostream>
#include <sstream>

#include "io/csv_writer.hpp"
#include "app/particle_output.hpp"
#include "particles/particle_file.hpp"

namespace mf {

namespace fs = std::filesystem;

namespace {

// The iterations with a CSV row: 0, every, 2·every, …, and the last.
std::vector<double> row_iterations(long iterations, int every) {
  std::vector<double> rows;
  for (long k = 0; k < iterations; k += every) rows.push_back(static_cast<double>(k));
  rows.push_back(static_cast<double>(iterations));
  return rows;
}

// The iterations with a frame: `frames` evenly spaced ones, 0 and the last included, each
// moved to the next CSV row.
std::vector<long> frame_iterations(long iterations, int frames, int every) {
  std::vector<long> out;
  if (frames <= 0) return out;
  for (int f = 0; f <= frames; ++f) {
    long k = static_cast<long>(std::llround(static_cast<double>(iterations) * f / frames));
    k = std::min(iterations, (k + every - 1) / every * every);
    if (out.empty() || k > out.back()) out.push_back(k);
  }
  return out;
}

struct MethodResult {
  std::string method, status = "complete";
  long iterations = 0;
  double penalized = 0, objective = 0, tv = 0, seconds = 0;
  int atoms = 0;
  long removed = 0, merged = 0;
};

}  // namespace

const std::vector<std::string>& iteration_columns() {
  static const std::vector<std::string> columns = {"iteration", "penalized_objective", "objective", "atoms",
                                                   "tv_norm", "time"};
  return columns;
}

namespace {

class AlgorithmRun : public RunMode {
 public:
  explicit AlgorithmRun(const AlgorithmCase& c)
      : c_(c), objective_(make_objective(c_.data, c_.loss, c_.dimension)),
        L_(c_.smoothness > 0.0 ? c_.smoothness : objective_->smoothness()),
        empty_{Eigen::MatrixXd(c.dimension, 0), Eigen::VectorXd(0)}, rows_(row_iterations(c.iterations, c.every)),
        frames_(frame_iterations(c.iterations, c.vtk ? c.frames : 0, c.every)) {
    if (needs_initial_atoms(c)) atoms0_ = initial_atoms(c.init, objective_->domain());
    if (!atoms0_.weights.allFinite() || !atoms0_.directions.allFinite())
      throw std::runtime_error(c.file + ": the initial atoms are not finite");
  }

  const std::string& case_file() const override { return c_.file; }
  std::string name() const override { return c_.name; }
  std::string case_directory() const override { return c_.directory; }
  void describe(std::ostream& out) const override {
    out << "  objective: d = " << c_.dimension << ", " << to_string(c_.data.type) << " (" << to_string(c_.loss)
        << " loss), L = " << L_ << (c_.smoothness > 0.0 ? " (from the case)" : "") << ", lambda_TV = " << c_.options.tv
        << "\n  " << c_.iterations << " iterations of " << c_.methods.size() << " method(s)\n";
  }

  void start(RunDirectory& dir) override {
    dir_ = &dir;
    if (const Measure* teacher = objective_->teacher()) write_teacher(dir, *teacher, objective_->domain());
  }
  int n_stages() const override { return static_cast<int>(c_.methods.size()); }

  RunStage stage(int k) override {
    const MeasureMethod method = c_.methods[static_cast<std::size_t>(k)];
    MeasureAlgorithmOptions o = c_.options;
    o.method = method;
    o.smoothness = L_;
    alg_ = std::make_unique<MeasureAlgorithm>(*objective_, o, starts_from_atoms(method) ? atoms0_ : empty_);
    method_ = to_string(method);
    const std::filesystem::path csv = dir_->file(method_ + "/iterations.csv");
    csv_ = std::make_unique<CsvWriter>(csv.string(), iteration_columns(), dir_);
    vtp_.reset();
    if (!frames_.empty()) vtp_ = std::make_unique<VtpParticleWriter>(dir_->path() / method_, method_, dir_);
    next_frame_ = 0;
    seconds_ = 0.0;
    const bool conic = method == MeasureMethod::conic_gd || method == MeasureMethod::modified_prox_tv_conic;
    const AdvanceFunction advance = [this, conic](double& t, double t_out, const ProgressFunction& report) {
      while (static_cast<double>(alg_->iteration()) < t_out) {
        const auto t0 = std::chrono::steady_clock::now();
        try {
          alg_->step();
        } catch (const std::runtime_error& e) {
          throw RunError(method_ + ": " + e.what());
        }
        seconds_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        t = static_cast<double>(alg_->iteration());
        if (!std::isfinite(alg_->penalized_objective()))
          throw RunError(method_ + ": the objective became NaN/infinite at iteration " +
                         std::to_string(alg_->iteration()) +
                         (conic ? "; reduce algorithm.conic_step" : "; set algorithm.smoothness to a larger L"));
        report(t, alg_->iteration());
      }
    };
    return {rows_, advance, [this](double) { observe(); }, csv};
  }

  void end_stage(int, const StageResult& r, std::ostream& out) override {
    write_particles_csv(conic_particles_of(alg_->measure()), dir_->file(method_ + "/atoms_final.csv").string(),
                        objective_->domain());
    MethodResult m{method_, r.status, alg_->iteration(), alg_->penalized_objective(), alg_->objective(),
                   alg_->tv_norm(), seconds_, alg_->atoms(), alg_->removed_atoms(), alg_->merged_atoms()};
    results_.push_back(m);
    char line[256];
    std::snprintf(line, sizeof line, "  %-24s %s after %ld iterations: F = %.6g, J = %.6g, %d atoms, %.3g s\n",
                  m.method.c_str(), r.complete() ? "complete" : "stopped", m.iterations, m.penalized, m.objective,
                  m.atoms, m.seconds);
    out << line;
    ++k_done_;
  }

  void summarize(const std::vector<StageResult>&, std::ostream& s) const override {
    s << "dimension: " << c_.dimension << "\nsmoothness_L: " << L_ << "\ntv_lambda: " << c_.options.tv
      << "\niterations: " << c_.iterations << "\n";
    for (const auto& m : results_)
      s << "\n[" << m.method << "]\nstatus: " << m.status << "\niterations: " << m.iterations
        << "\npenalized_objective: " << m.penalized << "\nobjective: " << m.objective << "\natoms: " << m.atoms
        << "\ntv_norm: " << m.tv << "\nremoved_atoms: " << m.removed << "\nmerged_atoms: " << m.merged
        << "\nseconds: " << m.seconds << "\n";
    s << "\n";
  }

  bool plot() const override { return c_.plot; }

  std::string result_line(const std::vector<StageResult>& results) const override {
    int stopped = 0;
    for (const StageResult& r : results) stopped += r.complete() ? 0 : 1;
    return std::to_string(results.size() - static_cast<std::size_t>(stopped)) + " of " +
           std::to_string(c_.methods.size()) + " methods complete";
  }

 private:
  void observe() {
    csv_->row({static_cast<double>(alg_->iteration()), alg_->penalized_objective(), alg_->objective(),
               static_cast<double>(alg_->atoms()), alg_->tv_norm(), seconds_});
    if (vtp_ && next_frame_ < frames_.size() && alg_->iteration() == frames_[next_frame_]) {
      const ConicParticles p = conic_particles_of(alg_->measure());
      vtp_->write_frame(static_cast<double>(alg_->iteration()), drawn_points(objective_->domain(), p.theta), p.mass,
                        p.sign, {});
      // The same frame as CSV, for the figures (the atoms' paths) and scripts.
      char name[64];
      std::snprintf(name, sizeof name, "/atoms/atoms_%06zu.csv", next_frame_);
      write_particles_csv(p, dir_->file(method_ + name).string(), objective_->domain());
      ++next_frame_;
    }
  }

  const AlgorithmCase c_;  // a copy: the mode may outlive the caller's case
  std::unique_ptr<Objective> objective_;
  double L_;
  Measure atoms0_, empty_;
  std::vector<double> rows_;
  std::vector<long> frames_;
  RunDirectory* dir_ = nullptr;
  std::unique_ptr<MeasureAlgorithm> alg_;
  std::string method_;
  std::unique_ptr<CsvWriter> csv_;
  std::unique_ptr<VtpParticleWriter> vtp_;
  std::size_t next_frame_ = 0;
  double seconds_ = 0.0;
  int k_done_ = 0;
  std::vector<MethodResult> results_;
};

}  // namespace

std::unique_ptr<RunMode> algorithm_run(const AlgorithmCase& c) { return std::make_unique<AlgorithmRun>(c); }

int run_algorithm_case(const AlgorithmCase& c, const RunOptions& options, std::ostream& out, std::ostream& err) {
  return run(*algorithm_run(c), options, out, err);
}

}  // namespace mf
