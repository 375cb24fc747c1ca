#include "app/convergence_study.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <ostream>
#include <sstream>

#include "app/network_setup.hpp"
#include "app/network_particle_run.hpp"
#include "app/transport_setup.hpp"
#include "compare/deposit.hpp"
#include "compare/error_norms.hpp"
#include "grid/grid_solver.hpp"
#include "io/atomic_file.hpp"
#include "io/csv_writer.hpp"
#include "time/ode_stepper.hpp"

namespace mf {

namespace {

NetworkCase with_size(NetworkCase c, int size) {
  if (!c.mesh.family) throw std::runtime_error(c.file + ": compare refines a generated mesh family; a mesh file has no sizes");
  c.mesh.size = size;
  return c;
}

struct Run {
  std::vector<Measure> measures;
  std::vector<double> losses;
  std::vector<double> seconds;  // wall time from the start (set-up included) to each output time
  int cells = 0;
};

double seconds_since(const std::chrono::steady_clock::time_point& start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

Run grid_run(const NetworkCase& c, const std::vector<double>& times) {
  const auto start = std::chrono::steady_clock::now();
  NetworkProblem p = make_network_problem(c);
  GridSolver solver(*p.mesh, *p.flow, c.solver);
  Eigen::VectorXd masses = p.initial_masses;
  Run r;
  r.cells = p.mesh->n_cells();
  double t = 0.0;
  for (double target : times) {
    solver.advance(masses, t, target);
    r.measures.push_back(p.flow->measure(masses));
    r.losses.push_back(p.flow->diagnostics(masses).loss);
    r.seconds.push_back(seconds_since(start));
  }
  return r;
}

// Conic particles (dopri5 at tolerance 1e-10), initialized as c.particles says.
Run particle_run(const NetworkCase& c, const std::vector<double>& times) {
  const auto start = std::chrono::steady_clock::now();
  NetworkProblem p = make_network_problem(c);
  ConicParticles parts = initial_particles(c, p);
  const ConicParticleFlow flow(*p.objective, c.flow, parts.sign);
  OdeStepper stepper(StepperKind::dopri5, 1e-10, 1e-10);
  const OdeRhs rhs = [&](const Eigen::VectorXd& y, Eigen::VectorXd& dy, double) { flow.rhs(y, dy); };
  Eigen::VectorXd x = parts.state();
  Run r;
  r.cells = p.mesh->n_cells();
  double t = 0.0, dt = 1e-2;
  for (double target : times) {
    if (!stepper.advance(rhs, x, t, target, dt))
      throw std::runtime_error("particle run: dopri5 could not meet tolerance 1e-10 at t = " + std::to_string(t));
    parts.set_state(x);
    Measure mu = parts.measure();
    flow.domain().retract(mu.directions);
    r.measures.push_back(mu);
    r.losses.push_back(p.objective->loss(mu));
    r.seconds.push_back(seconds_since(start));
  }
  return r;
}

std::string fmt(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g", x);
  return buf;
}

}  // namespace

StudyResult run_convergence_study(const NetworkCase& c, const StudyOptions& o, std::ostream& log) {
  if (c.flow.geometry == FlowGeometry::l2) throw std::runtime_error(c.file + ": the L2 flow has no particles to compare");
  StudyResult result;
  result.times.assign(c.output.times.begin() + 1, c.output.times.end());  // t = 0 is the same for all
  const std::vector<double>& times = result.times;

  NetworkCase reference_case = with_size(c, o.reference_size);
  reference_case.particles.init = ParticleInit::centroids;
  log << "reference: quasi-uniform particles on " << o.reference_size << " …\n" << std::flush;
  const Run reference = particle_run(reference_case, times);
  result.reference_losses = reference.losses;
  result.reference_seconds = reference.seconds.back();
  const NetworkProblem reference_problem = make_network_problem(c);
  const Objective& objective = *reference_problem.objective;
  const SphereMesh coarse = make_mesh(with_size(c, o.coarse_size > 0 ? o.coarse_size : o.grid_sizes.front()).mesh);
  const PointLocator locator(coarse);
  const int dim = coarse.manifold_dimension();  // spacing ~ cells^{-1/dim}

  // One row per time; several runs (random particles, one per seed) give D as the RMS over the
  // runs (a Monte Carlo estimate of the expected error) and the means of |ΔJ| and TV.
  auto add = [&](const std::string& method, int size, const std::vector<Run>& runs) {
    for (std::size_t i = 0; i < times.size(); ++i) {
      StudyRow row{method, size, std::pow(static_cast<double>(runs.front().cells), -1.0 / dim), times[i], 0, 0, 0, 0};
      for (const Run& run : runs) {
        row.seconds += run.seconds[i];
        row.distance += std::pow(objective.distance(run.measures[i], reference.measures[i]), 2);
        row.loss_difference += std::abs(run.losses[i] - reference.losses[i]);
        row.tv_distance += cell_tv_distance(locator, coarse.n_cells(), run.measures[i], reference.measures[i]);
      }
      const double k = static_cast<double>(runs.size());
      row.distance = std::sqrt(row.distance / k);
      row.loss_difference /= k;
      row.tv_distance /= k;
      row.seconds /= k;
      result.rows.push_back(row);
    }
  };
  for (int size : o.grid_sizes) {
    log << "grid " << size << " …\n" << std::flush;
    add("grid", size, {grid_run(with_size(c, size), times)});
  }
  const std::vector<int>& random_sizes = o.random_sizes.empty() ? o.particle_sizes : o.random_sizes;
  std::vector<int> sizes = o.particle_sizes;  // rows in size order, quasi-uniform then random at each
  for (int size : random_sizes)
    if (std::find(sizes.begin(), sizes.end(), size) == sizes.end()) sizes.push_back(size);
  std::sort(sizes.begin(), sizes.end());
  for (int size : sizes) {
    NetworkCase q = with_size(c, size);
    q.particles.init = ParticleInit::centroids;
    if (std::find(o.particle_sizes.begin(), o.particle_sizes.end(), size) != o.particle_sizes.end()) {
      log << "quasi-uniform particles " << size << " …\n" << std::flush;
      add("particles (quasi-uniform)", size, {particle_run(q, times)});
    }
    if (o.random_particles && std::find(random_sizes.begin(), random_sizes.end(), size) != random_sizes.end()) {
      NetworkCase r = q;
      r.particles.init = ParticleInit::random;
      r.particles.count = make_mesh(q.mesh).n_cells();
      log << "random particles " << r.particles.count << " per sign (" << o.random_seeds << " seeds) …\n" << std::flush;
      std::vector<Run> runs;
      for (int seed = 1; seed <= o.random_seeds; ++seed) {
        r.particles.seed = static_cast<unsigned long>(seed);
        runs.push_back(particle_run(r, times));
      }
      add("particles (random)", size, runs);
    }
  }

  // Rates of D and |ΔJ| against the spacing (h, or m^{−1/dim}): positive when the error falls.
  for (const std::string method : {"grid", "particles (quasi-uniform)", "particles (random)"}) {
    std::vector<double> d_rates, j_rates;
    for (double t : times) {
      std::vector<double> h, d, j;
      for (const StudyRow& row : result.rows)
        if (row.method == method && row.time == t) {
          h.push_back(row.spacing);
          d.push_back(row.distance);
          j.push_back(row.loss_difference);
        }
      if (h.size() < 2) continue;
      d_rates.push_back(fitted_slope(h, d));
      j_rates.push_back(fitted_slope(h, j));
    }
    if (d_rates.empty()) continue;
    result.distance_rates.emplace_back(method, d_rates);
    result.loss_rates.emplace_back(method, j_rates);
  }
  return result;
}

std::string study_markdown(const StudyResult& r) {
  std::ostringstream s;
  s << "| method | size | h | t | D(μ, μ_ref) | abs(J − J_ref) | cell TV distance | seconds |\n"
    << "|---|---|---|---|---|---|---|---|\n";
  for (const StudyRow& row : r.rows)
    s << "| " << row.method << " | " << row.size << " | " << fmt(row.spacing) << " | " << row.time << " | "
      << fmt(row.distance) << " | " << fmt(row.loss_difference) << " | " << fmt(row.tv_distance) << " | "
      << fmt(row.seconds) << " |\n";
  auto rate_table = [&](const char* what, const std::vector<std::pair<std::string, std::vector<double>>>& rates) {
    s << "\nObserved rates of " << what << " against h (h = cells^{−1/dim}; particles: m^{−1/dim}):\n\n| method |";
    for (double t : r.times) s << " t = " << t << " |";
    s << "\n|---|";
    for (std::size_t i = 0; i < r.times.size(); ++i) s << "---|";
    s << "\n";
    for (const auto& [method, values] : rates) {
      s << "| " << method << " |";
      for (double rate : values) s << " " << fmt(rate) << " |";
      s << "\n";
    }
  };
  rate_table("D", r.distance_rates);
  rate_table("|J − J_ref|", r.loss_rates);
  return s.str();
}

void write_study(const StudyResult& r, const std::filesystem::path& dir) {
  std::filesystem::create_directories(dir);
  write_file_atomically(dir / "compare.csv", [&](std::ostream& csv) {
    csv << "method,size,spacing,time,distance,loss_difference,tv_distance,seconds\n";
    char line[256];
    for (const StudyRow& row : r.rows) {
      std::snprintf(line, sizeof line, "%d,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g\n", row.size, row.spacing, row.time,
                    row.distance, row.loss_difference, row.tv_distance, row.seconds);
      csv << row.method << "," << line;
    }
  });
  write_file_atomically(dir / "compare.md", [&](std::ostream& md) { md << "# Grid versus particles\n\n" << study_markdown(r); });
}

std::string study_summary(const StudyResult& r) {
  std::ostringstream s;
  const double t = r.times.back();
  s << "At t = " << t << " (all times: compare.md):\n";
  char line[160];
  std::snprintf(line, sizeof line, "  %-26s %6s %10s %10s %10s %9s\n", "method", "size", "h", "D", "|J - J_ref|", "seconds");
  s << line;
  for (const StudyRow& row : r.rows)
    if (row.time == t) {
      std::snprintf(line, sizeof line, "  %-26s %6d %10.3g %10.3g %10.3g %9.3g\n", row.method.c_str(), row.size,
                    row.spacing, row.distance, row.loss_difference, row.seconds);
      s << line;
    }
  s << "Rates against h at t = " << t << ":";
  for (std::size_t k = 0; k < r.distance_rates.size(); ++k)
    s << (k ? ";" : "") << " " << r.distance_rates[k].first << " D " << fmt(r.distance_rates[k].second.back())
      << ", |ΔJ| " << fmt(r.loss_rates[k].second.back());
  s << "\n";
  return s.str();
}

}  // namespace mf
