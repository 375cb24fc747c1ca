#include "solve.hpp"

#include <chrono>
#include <cmath>
#include <stdexcept>

#include "app/transport_setup.hpp"
#include "report.hpp"
#include "table_figure.hpp"

namespace mf {

SolveResult solve_transport(const TransportCase& c) {
  const TransportProblem p = make_problem(c);
  const SphereMesh& mesh = *p.mesh;
  if (!p.exact || !p.exact_at(c.end_time))
    throw std::logic_error(c.file + ": validation needs an exact solution at the end time");
  GridSolver solver(mesh, *p.flow, c.solver);
  Eigen::VectorXd m = sample_masses(mesh, p.initial);
  const Eigen::Map<const Eigen::VectorXd> area(mesh.area.data(), mesh.n_cells());
  const double m0 = m.sum();
  SolveResult r;
  r.min_density_run = (m.cwiseQuotient(area)).minCoeff();
  const auto start = std::chrono::steady_clock::now();
  double t = 0.0;
  // The minimum (positivity) after every step of the run, not only at output times.
  solver.set_step_callback([&](double, long) { r.min_density_run = std::min(r.min_density_run, m.cwiseQuotient(area).minCoeff()); });
  for (double t_out : c.output.times) solver.advance(m, t, t_out);
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  Eigen::VectorXd exact(mesh.n_cells());
  for (int i = 0; i < mesh.n_cells(); ++i) exact[i] = p.exact(mesh.center[i], c.end_time);
  const Eigen::VectorXd density = m.cwiseQuotient(area);
  r.cells = mesh.n_cells();
  r.spacing = mesh.manifold == Manifold::circle ? mesh.total_measure() / r.cells : std::sqrt(mesh.total_measure() / r.cells);
  r.errors = error_norms(density, exact, mesh.area);
  r.mass_drift = (m.sum() - m0) / m0;
  r.min_density = density.minCoeff();
  r.steps = solver.steps();
  return r;
}

std::vector<SolveResult> convergence_study(Report& report, const std::vector<std::string>& labels,
                                           const std::vector<TransportCase>& cases, const std::string& figure) {
  std::vector<SolveResult> results;
  std::vector<std::vector<std::string>> rows = {
      {"level", "cells", "h", "l1", "l2", "linf", "mass error", "min", "order l1", "order l2", "steps", "seconds"}};
  for (std::size_t k = 0; k < cases.size(); ++k) {
    results.push_back(solve_transport(cases[k]));
    const SolveResult& r = results.back();
    std::string o1 = "—", o2 = "—";
    if (k > 0) {
      const SolveResult& q = results[k - 1];
      o1 = format_number(observed_order(q.errors.l1, r.errors.l1, q.spacing, r.spacing), 3);
      o2 = format_number(observed_order(q.errors.l2, r.errors.l2, q.spacing, r.spacing), 3);
    }
    rows.push_back({labels[k], std::to_string(r.cells), format_number(r.spacing), format_number(r.errors.l1),
                    format_number(r.errors.l2), format_number(r.errors.linf), format_number(r.errors.mass_error, 2),
                    format_number(r.min_density_run), o1, o2, std::to_string(r.steps), format_number(r.seconds, 2)});
  }
  report.table(rows);
  if (!figure.empty())
    table_figure(report, rows, {figure, figure + ": error norms against h (log-log)", "h", {"l1", "l2", "linf"}, true, true});
  return results;
}

double fitted_order(const std::vector<SolveResult>& results, double ErrorNorms::*norm) {
  std::vector<double> spacing, error;
  for (const auto& r : results) {
    spacing.push_back(r.spacing);
    error.push_back(r.errors.*norm);
  }
  return fitted_slope(spacing, error);
}

}  // namespace mf
