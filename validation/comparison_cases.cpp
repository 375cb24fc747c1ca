#include "comparison_cases.hpp"

#include <cmath>
#include <map>

#include "app/network_case.hpp"
#include "app/network_setup.hpp"
#include "app/run_particles.hpp"
#include "compare/error_norms.hpp"
#include "grid/grid_solver.hpp"
#include "mesh/mesh_generators.hpp"
#include "particles/conic_particles.hpp"
#include "particles/two_layer_network.hpp"
#include "report.hpp"
#include "time/ode_stepper.hpp"

namespace mf {

namespace {

// A grid run of a case on a circle of n arcs; the measure at each of `times`.
std::vector<Measure> grid_measures(NetworkCase c, int n, const std::vector<double>& times, std::vector<double>& losses) {
  c.mesh.n = n;
  NetworkProblem p = make_network_problem(c);
  GridSolver solver(*p.mesh, *p.flow, c.solver);
  Eigen::VectorXd masses = p.initial_masses;
  std::vector<Measure> out;
  double t = 0.0;
  for (double target : times) {
    solver.advance(masses, t, target);
    out.push_back(p.flow->measure(masses));
    losses.push_back(p.flow->diagnostics(masses).loss);
  }
  return out;
}

// A particle run (dopri5, tolerance 1e-10) of the same case; init "centroids" of a circle of m
// arcs (quasi-uniform) or "random" with m particles per sign.
std::vector<Measure> particle_measures(NetworkCase c, const std::string& init, int m, const std::vector<double>& times,
                                       std::vector<double>& losses) {
  c.particles.init = init;
  c.particles.count = m;
  if (init == "centroids") c.mesh.n = m;
  NetworkProblem p = make_network_problem(c);
  ConicParticles parts = initial_particles(c, p);
  const ConicParticleFlow flow(*p.objective, c.flow, parts.sign);
  OdeStepper stepper(StepperKind::dopri5, 1e-10, 1e-10);
  const OdeRhs rhs = [&](const Eigen::VectorXd& y, Eigen::VectorXd& dy, double) { flow.rhs(y, dy); };
  Eigen::VectorXd x = parts.state();
  std::vector<Measure> out;
  double t = 0.0, dt = 1e-2;
  for (double target : times) {
    while (target - t > 1e-13) {
      double step = std::min(dt, target - t);
      stepper.try_step(rhs, x, t, step);
      dt = step;
    }
    parts.set_state(x);
    Measure mu = parts.measure();
    mu.directions = mu.directions.colwise().normalized();
    out.push_back(mu);
    losses.push_back(p.objective->loss(mu));
  }
  return out;
}

double slope(const std::vector<double>& x, const std::vector<double>& y) {  // least squares in log-log
  double sx = 0, sy = 0, sxx = 0, sxy = 0;
  const double n = static_cast<double>(x.size());
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double a = std::log(x[i]), b = std::log(y[i]);
    sx += a;
    sy += b;
    sxx += a * a;
    sxy += a * b;
  }
  return (n * sxy - sx * sy) / (n * sxx - sx * sx);
}

}  // namespace

void validate_c3_convergence(Report& report, const std::string& dir, bool quick) {
  report.section("C3 grid versus particles (S¹, WFR)",
                 "The B4 teacher–student case to T = 5. Reference: quasi-uniform particles, 4096 per sign (quick: 1024), "
                 "which carry no spatial discretization error. Errors at t = 1, 2.5, 5: "
                 "the predictor distance D(μ, μ_ref) = ‖f_μ − f_ref‖ (exact, through the kernel) and |J − J_ref|, for grids "
                 "of n arcs and for particles (quasi-uniform: one per cell of an m-arc circle and sign; random: m per sign, "
                 "weighted by the initial density). Rates are least-squares slopes in log–log against n and m.");
  NetworkCase c = read_network_case(TomlDocument(dir + "/B4_teacher_circle/case.toml"));
  c.end_time = 5.0;
  const std::vector<double> times = {1.0, 2.5, 5.0};
  // Reference: quasi-uniform particles (no spatial discretization, ODE tolerance 1e-10) —
  // more accurate than any grid here, so it measures both the grid's and the particles' errors.
  std::vector<double> ref_losses;
  const int reference_size = quick ? 1024 : 4096;
  const std::vector<Measure> ref = particle_measures(c, "centroids", reference_size, times, ref_losses);
  NetworkProblem reference_problem = make_network_problem(c);
  const Objective& objective = *reference_problem.objective;

  const std::vector<int> sizes = quick ? std::vector<int>{64, 128, 256} : std::vector<int>{64, 128, 256, 512, 1024};
  struct Series {
    std::string name;
    std::vector<std::vector<double>> d, dj;  // [size][time]
  };
  std::vector<Series> all = {{"grid (limited)", {}, {}}, {"particles, quasi-uniform", {}, {}}, {"particles, random", {}, {}}};
  for (int n : sizes) {
    for (int k = 0; k < 3; ++k) {
      std::vector<double> losses;
      const std::vector<Measure> mus = k == 0 ? grid_measures(c, n, times, losses)
                                              : particle_measures(c, k == 1 ? "centroids" : "random", n, times, losses);
      std::vector<double> d, dj;
      for (std::size_t i = 0; i < times.size(); ++i) {
        d.push_back(objective.distance(mus[i], ref[i]));
        dj.push_back(std::abs(losses[i] - ref_losses[i]));
      }
      all[k].d.push_back(d);
      all[k].dj.push_back(dj);
    }
  }
  std::vector<std::vector<std::string>> rows = {{"method", "n or m", "D(t=1)", "D(t=2.5)", "D(t=5)", "|ΔJ|(t=1)", "|ΔJ|(t=2.5)", "|ΔJ|(t=5)"}};
  std::vector<double> xs(sizes.begin(), sizes.end());
  std::map<std::string, double> rate_at_end;
  for (const Series& s : all) {
    for (std::size_t k = 0; k < sizes.size(); ++k)
      rows.push_back({s.name, std::to_string(sizes[k]), format_number(s.d[k][0]), format_number(s.d[k][1]),
                      format_number(s.d[k][2]), format_number(s.dj[k][0]), format_number(s.dj[k][1]),
                      format_number(s.dj[k][2])});
    std::vector<std::string> rate_row = {s.name, "rate"};
    for (int which = 0; which < 2; ++which)
      for (std::size_t i = 0; i < times.size(); ++i) {
        std::vector<double> ys;
        for (std::size_t k = 0; k < sizes.size(); ++k) ys.push_back(which == 0 ? s.d[k][i] : s.dj[k][i]);
        const double r = -slope(xs, ys);
        rate_row.push_back(format_number(r, 3));
        if (which == 0 && i + 1 == times.size()) rate_at_end[s.name] = r;
      }
    rows.push_back(rate_row);
  }
  report.table(rows);
  report.check("C3", "grid: rate of D at t = 5 (errors fall as h → 0)", rate_at_end["grid (limited)"], ">=", 0.5);
  report.check("C3", "random particles: rate of D at t = 5 (≈ m^{-1/2})", rate_at_end["particles, random"], ">=", 0.3);
  report.check("C3", "quasi-uniform particles: rate of D at t = 5 (faster than random)",
               rate_at_end["particles, quasi-uniform"] - rate_at_end["particles, random"], ">=", 0.2);
}

}  // namespace mf
