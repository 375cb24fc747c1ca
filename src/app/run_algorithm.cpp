#include "app/run_algorithm.hpp"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <ostream>
#include <sstream>

#include "app/plot.hpp"
#include "io/csv_writer.hpp"
#include "io/vtp_particle_writer.hpp"
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

int run_algorithm_case(const AlgorithmCase& c, const RunOptions& options, std::ostream& out, std::ostream& err) {
  // Everything that can fail on input fails here, before a file is written.
  const std::unique_ptr<Objective> objective = make_objective(c.data, c.loss, c.dimension);
  const double L = c.smoothness > 0.0 ? c.smoothness : objective->smoothness();
  Measure atoms0;
  if (needs_initial_atoms(c)) atoms0 = initial_atoms(c.init, c.dimension);
  const Measure empty{Eigen::MatrixXd(c.dimension, 0), Eigen::VectorXd(0)};

  const fs::path dir = run_directory(options.output_directory, c.directory, c.name);
  const std::string case_text = read_case_text(c.file);
  prepare_run_directory(dir, options.overwrite);
  write_case_copy(dir, case_text);

  out << "measureflow run " << c.file << "\n  objective: d = " << c.dimension << ", " << c.data.type << " ("
      << to_string(c.loss) << " loss), L = " << L << (c.smoothness > 0.0 ? " (from the case)" : "")
      << ", lambda_TV = " << c.options.tv << "\n  " << c.iterations << " iterations of " << c.methods.size()
      << " method(s)\n  output: " << dir.string() << "\n";

  std::vector<MethodResult> results;
  int exit_code = 0;
  const std::vector<double> rows = row_iterations(c.iterations, c.every);
  const std::vector<long> frames = frame_iterations(c.iterations, c.vtk ? c.frames : 0, c.every);
  for (MeasureMethod method : c.methods) {
    MeasureAlgorithmOptions o = c.options;
    o.method = method;
    o.smoothness = L;
    MeasureAlgorithm alg(*objective, o, starts_from_atoms(method) ? atoms0 : empty);
    const std::string name = to_string(method);
    const fs::path sub = dir / name;
    fs::create_directories(sub);
    CsvWriter csv((sub / "iterations.csv").string(), iteration_columns());
    std::unique_ptr<VtpParticleWriter> vtp;
    if (!frames.empty()) vtp = std::make_unique<VtpParticleWriter>(sub, name);
    std::size_t next_frame = 0;
    double seconds = 0.0;

    const AdvanceFunction advance = [&](double& t, double t_out, const std::function<void(double, long)>& report) {
      while (static_cast<double>(alg.iteration()) < t_out) {
        const auto t0 = std::chrono::steady_clock::now();
        try {
          alg.step();
        } catch (const std::runtime_error& e) {
          throw RunError(name + ": " + e.what());
        }
        seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        t = static_cast<double>(alg.iteration());
        if (!std::isfinite(alg.penalized_objective()))
          throw RunError(name + ": the objective became NaN/infinite at iteration " + std::to_string(alg.iteration()) +
                         (method == MeasureMethod::conic_gd || method == MeasureMethod::modified_prox_tv_conic
                              ? "; reduce algorithm.conic_step"
                              : "; set algorithm.smoothness to a larger L"));
        report(t, alg.iteration());
      }
    };
    const RunLoopResult r = run_output_loop(advance, rows, options.progress, err, sub / "iterations.csv", [&](double) {
      csv.row({static_cast<double>(alg.iteration()), alg.penalized_objective(), alg.objective(),
               static_cast<double>(alg.atoms()), alg.tv_norm(), seconds});
      if (vtp && next_frame < frames.size() && alg.iteration() == frames[next_frame]) {
        const ConicParticles p = conic_particles_of(alg.measure());
        vtp->write_frame(static_cast<double>(alg.iteration()), p.theta, p.mass, p.sign, {});
        ++next_frame;
      }
    });
    write_particles_csv(conic_particles_of(alg.measure()), (sub / "atoms_final.csv").string());
    MethodResult m{name, r.status, alg.iteration(), alg.penalized_objective(), alg.objective(), alg.tv_norm(),
                   seconds, alg.atoms(), alg.removed_atoms(), alg.merged_atoms()};
    results.push_back(m);
    if (r.exit_code != 0) exit_code = r.exit_code;
    char line[256];
    std::snprintf(line, sizeof line, "  %-24s %s after %ld iterations: F = %.6g, J = %.6g, %d atoms, %.3g s\n",
                  name.c_str(), short_status(r).c_str(), alg.iteration(), m.penalized, m.objective, m.atoms, seconds);
    out << line;
  }

  std::string plot_note;
  if (c.plot) {
    std::vector<PlotSeries> series;
    for (const auto& m : results) series.push_back({m.method, (dir / m.method / "iterations.csv").string()});
    const std::string png = (dir / (c.name + ".png")).string();
    try {
      plot_iteration_curves(series, png, c.name);
      plot_note = png;
      out << "  plot: " << png << "\n";
    } catch (const std::runtime_error& e) {
      plot_note = std::string("not drawn: ") + e.what();
      err << "note: the plot was not drawn: " << e.what() << "\n";
    }
  }

  std::ofstream summary(dir / "summary.txt");
  summary.precision(10);
  summary << "status: " << (exit_code == 0 ? "complete" : "stopped") << "\ncase: " << c.file << "\ndimension: "
          << c.dimension << "\nsmoothness_L: " << L << "\ntv_lambda: " << c.options.tv << "\niterations: " << c.iterations
          << "\nplot: " << (c.plot ? plot_note : "off") << "\n";
  for (const auto& m : results)
    summary << "\n[" << m.method << "]\nstatus: " << m.status << "\niterations: " << m.iterations
            << "\npenalized_objective: " << m.penalized << "\nobjective: " << m.objective << "\natoms: " << m.atoms
            << "\ntv_norm: " << m.tv << "\nremoved_atoms: " << m.removed << "\nmerged_atoms: " << m.merged
            << "\nseconds: " << m.seconds << "\n";
  return exit_code;
}

}  // namespace mf
