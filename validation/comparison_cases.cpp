#include "comparison_cases.hpp"

#include <cctype>
#include <cmath>
#include <filesystem>
#include <limits>
#include <memory>
#include <optional>
#include <random>
#include <sstream>

#include "app/convergence_study.hpp"
#include "app/network_setup.hpp"
#include "app/network_particle_run.hpp"
#include "figures/run_figures.hpp"
#include "grid/grid_solver.hpp"
#include "io/toml_reader.hpp"
#include "network/network_training.hpp"
#include "particles/conic_particles.hpp"
#include "particles/two_layer_network.hpp"
#include "report.hpp"
#include "table_figure.hpp"
#include "time/ode_stepper.hpp"

namespace mf {

void validate_c1_fisher_rao(Report& report, const std::string& dir, bool) {
  report.section("C1 FR particles at the centroids equal the grid",
                 "validation/C1_fisher_rao_centroids/case.toml (hexagonal level 3, FR with a TV penalty) and the same "
                 "on 256 arcs of S¹: the grid (RK4, dt = 0.05, reaction in the right-hand side) and the particles of "
                 "`init = \"centroids\"` (one atom per cell and sign with the cell mass, RK4, same dt). The table gives "
                 "max_i |M_i − c_i| / max_i M_i.");
  const NetworkCase base = read_network_case(TomlDocument(dir + "/C1_fisher_rao_centroids/case.toml"));
  std::vector<std::vector<std::string>> rows = {{"mesh", "cells", "t", "relative difference"}};
  double worst = 0.0;
  for (int kind = 0; kind < 2; ++kind) {
    NetworkCase c = base;
    if (kind == 1) {
      c.mesh = MeshSpec::generated("circle", 256);
      c.dimension = 2;
    }
    const NetworkProblem problem = make_network_problem(c);
    const int nc = problem.mesh->n_cells();
    GridSolver solver(*problem.mesh, *problem.flow, c.solver);
    Eigen::VectorXd masses = problem.initial_masses;
    ConicParticles p = initial_particles(c, problem);  // sign +: cells 0..nc−1, then sign −
    if (p.size() != 2 * nc) {
      report.note("C1: a cell of zero initial mass left no particle; the comparison needs one per cell and sign");
      worst = std::numeric_limits<double>::infinity();
      continue;
    }
    const ConicParticleFlow flow(*problem.objective, c.flow, p.sign);
    const OdeRhs rhs = [&](const Eigen::VectorXd& y, Eigen::VectorXd& dy, double) { flow.rhs(y, dy); };
    OdeStepper stepper(c.particles.stepper);
    Eigen::VectorXd x = p.state();
    const double dt = c.particles.dt;
    double t = 0.0;
    long k = 0;
    for (double t_out : c.output.times) {
      if (t_out == 0.0) continue;
      solver.advance(masses, t, t_out);
      for (; static_cast<double>(k + 1) * dt <= t_out * (1.0 + 1e-12); ++k)
        stepper.do_step(rhs, x, static_cast<double>(k) * dt, dt);
      p.set_state(x);
      const double e = (p.mass - masses).cwiseAbs().maxCoeff() / masses.cwiseAbs().maxCoeff();
      worst = std::max(worst, e);
      rows.push_back({problem.mesh->description, std::to_string(nc), format_number(t_out), format_number(e)});
    }
  }
  report.table(rows);
  table_figure(report, rows, {"C1/differences", "C1: max |M_i − c_i| / max M_i (grid against centroid particles) "
                              "against t, both meshes", "t", {"relative difference"}, false, true});
  report.check("C1", "largest relative difference of the cell masses over the run", worst, "<=", 1e-10);
}

namespace {


template <class Flow>
void c2_advance(const Flow& f, Eigen::VectorXd& x, double& t, double t_out) {
  OdeStepper stepper(StepperKind::dopri5, 1e-12, 1e-12);
  const OdeRhs rhs = [&](const Eigen::VectorXd& y, Eigen::VectorXd& dy, double) { f.rhs(y, dy); };
  double dt = 1e-3;
  stepper.advance(rhs, x, t, t_out, dt);
}

// max |θ − θ'| and max |c − c'|/c' between conic particles and a network's conic image.
double c2_difference(const ConicParticles& p, const ConicParticles& q) {
  const double theta = (p.theta.colwise().normalized() - q.theta).cwiseAbs().maxCoeff();
  const double mass = ((p.mass - q.mass).cwiseAbs().array() / q.mass.array()).maxCoeff();
  return std::max(theta, mass);
}

}  // namespace

// The largest relative difference between the conic field dp and the chain-rule image of the
// network field dn at the cone network n (conic_velocity), atom by atom: |dθ − dθ'|/|dθ'|,
// |dc − dc'|/|dc'|.
double c2_field_difference(const Eigen::VectorXd& dp, const PlainNetwork& n, const Eigen::VectorXd& dn) {
  const int m = n.width(), d = static_cast<int>(n.b.rows());
  const Eigen::VectorXd image = conic_velocity(n, dn);
  double worst = 0.0;
  for (int j = 0; j < m; ++j) {
    const auto dtheta = image.segment(d * j, d);
    const double dc = image[d * m + j];
    worst = std::max(worst, (dtheta - dp.segment(d * j, d)).norm() / std::max(dtheta.norm(), 1e-300));
    worst = std::max(worst, std::abs(dc - dp[d * m + j]) / std::max(std::abs(dc), 1e-300));
  }
  return worst;
}

void validate_c2_conic_equals_gd(Report& report, const std::string&, bool) {
  report.section("C2 conic particles equal plain GD on (a, b) from the cone",
                 "The WFR conic flow (α = β = 1) against the mean-field gradient flow of the ReLU network a_j = s_j r_j, "
                 "b_j = r_j θ_j (r_j = √(m c_j)), 40 atoms. Trajectories (population kernels, smooth fields): dopri5 at "
                 "tolerance 1e-12 on both sides, max over atoms of |θ − θ'| and |c − c'|/c'. Data sets (ReLU makes the "
                 "field jump where an input crosses a neuron's hyperplane, so no adaptive integrator reaches 1e-12 "
                 "there in reasonable time): the identity of the vector fields, conic against the chain-rule image of "
                 "GD, and the plain network code (src/network, fused kernels) against the measure code's GD, at the "
                 "start and after 100 GD steps of 0.01 put back on the cone (see validation/C2_conic_vs_plain_gd/README.md).");
  const int m = 40;
  std::vector<std::vector<std::string>> rows = {{"objective", "t", "conic vs GD (trajectory)"}};
  double worst = 0.0;
  for (int which = 0; which < 2; ++which) {
    const int d = which == 0 ? 3 : 5;
    const InputDistribution dist = which == 0 ? InputDistribution::sphere : InputDistribution::gaussian;
    const PopulationObjective obj(d, dist, random_teacher(d, 4, 1));
    const std::string name = std::string("population, d = ") + std::to_string(d) + ", " + to_string(dist) + " inputs";
    const ConicParticles p0 = random_conic_particles(d, m, 5);
    const ConicParticleFlow conic(obj, NetworkFlowOptions{}, p0.sign);
    const NetworkGradientFlow gd(obj, m);
    PlainNetwork n = network_on_cone(p0);
    Eigen::VectorXd x = p0.state(), y = PlainNetworkFlow::state(n);
    double tx = 0.0, ty = 0.0;
    for (double t_out : {0.5, 1.0, 2.0, 4.0}) {
      c2_advance(conic, x, tx, t_out);
      c2_advance(gd, y, ty, t_out);
      ConicParticles p = p0;
      p.set_state(x);
      PlainNetworkFlow::set_state(n, y);
      const double e = c2_difference(p, conic_image(n));
      worst = std::max(worst, e);
      rows.push_back({name, format_number(t_out), format_number(e)});
    }
  }
  report.table(rows);
  table_figure(report, rows, {"C2/trajectories", "C2: conic particles against plain GD along the trajectories "
                              "(both objectives)", "t", {"conic vs GD (trajectory)"}, false, true});
  report.check("C2", "largest relative difference of positions and masses along the trajectories", worst, "<=", 1e-8);

  std::vector<std::vector<std::string>> field_rows = {
      {"objective", "state", "conic vs GD (vector field)", "plain network code vs measure code (vector field)"}};
  double field_worst = 0.0;
  for (Loss loss : {Loss::square, Loss::logistic}) {
    const int d = 5;
    const DataSet data = teacher_data(random_teacher(d, 3, 2), loss, InputDistribution::gaussian, 2000, 0.0, 3);
    const DataObjective obj(data, loss, std::nullopt);
    const NetworkGradientFlow gd(obj, m);
    PlainNetwork n = network_on_cone(random_conic_particles(d, m, 5));
    const PlainNetworkFlow plain_gd(n, data, loss);
    PackedBatch batch;
    batch.pack(data, false);
    for (int stage = 0; stage < 2; ++stage) {
      if (stage == 1) {  // a generic state: 100 GD steps, then back onto the cone (the flow keeps
        NetworkGradient g;  // |a|² − ‖b‖², discrete steps only to O(η²))
        for (int k = 0; k < 100; ++k) gradient_step(n, batch, loss, 0.01, g);
        n = network_on_cone(conic_image(n));
      }
      const ConicParticles p = conic_image(n);  // its own signs
      Eigen::VectorXd dp, dn, dplain;
      ConicParticleFlow(obj, NetworkFlowOptions{}, p.sign).rhs(p.state(), dp);
      gd.rhs(PlainNetworkFlow::state(n), dn);
      plain_gd.rhs(PlainNetworkFlow::state(n), dplain);
      const double e1 = c2_field_difference(dp, n, dn);
      const double e2 = (dplain - dn).cwiseAbs().maxCoeff() / dn.cwiseAbs().maxCoeff();
      field_worst = std::max({field_worst, e1, e2});
      field_rows.push_back({std::string("data set n = 2000, d = 5, ") + to_string(loss),
                            stage == 0 ? "start" : "after 100 GD steps", format_number(e1),
                            format_number(e2)});
    }
  }
  report.table(field_rows);
  report.check("C2", "data sets: largest relative difference of the vector fields (round-off)", field_worst, "<=", 1e-10);
}

StudyRates study_rates(const StudyResult& r) {
  auto rates_of = [&](const std::vector<std::pair<std::string, std::vector<double>>>& table, const std::string& method) {
    for (const auto& [m, rates] : table)
      if (m == method) return rates;
    return std::vector<double>{};
  };
  auto smallest = [](const std::vector<double>& v) {  // NaN when any rate is NaN (or none): fails the bar
    double low = v.empty() ? std::nan("") : std::numeric_limits<double>::infinity();
    for (double x : v) low = std::isnan(x) ? x : std::min(low, x);
    return low;
  };
  auto last = [](const std::vector<double>& v) { return v.empty() ? std::nan("") : v.back(); };
  return {smallest(rates_of(r.distance_rates, "grid")), smallest(rates_of(r.loss_rates, "grid")),
          last(rates_of(r.distance_rates, "particles (quasi-uniform)")), last(rates_of(r.distance_rates, "particles (random)"))};
}

namespace {

std::string name_of_study(const std::string& where, const std::string& upper) {
  return "C3 grid versus particles, " + where + ", " + upper;
}

// One C3 study: the B4 (S¹) or B5 (S²) case with the given flow; bars on the rates at the last
// time. Rates are in h = cells^{−1/dim}: random particles (m^{−1/2}) give 1/2 on S¹ and 1 on S².
void c3_study(Report& report, const std::string& dir, bool quick, FlowGeometry geometry, bool sphere) {
  std::string upper = to_string(geometry);
  for (char& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  const std::string where = sphere ? "S²" : "S¹";
  const double end = sphere ? 2.0 : 5.0;
  std::ostringstream text;
  text << "The " << (sphere ? "B5" : "B4") << " teacher–student case on " << where << " with the " << upper
       << " flow to T = " << end << ", by `measureflow compare` (app/convergence_study). Reference: quasi-uniform "
       << "particles, " << (sphere ? "one per cell and sign of hexagonal level 4 (5,124)"
                                   : "4096 per sign (quick: 1024)")
       << ", which carry no spatial discretization error. D(μ, μ_ref) = ‖f_μ − f_ref‖ (exact, through the kernel), "
          "|J − J_ref|, and the cell-mass TV distance on "
       << (sphere ? "hexagonal level 1" : "64 arcs")
       << "; rates are least-squares slopes of log D against log h (h = cells^{−1/dim}, or m^{−1/dim}). Random "
          "particles: several seeds per size, D their RMS (one seed's rate is itself a random number).";
  if (geometry == FlowGeometry::fr)
    text << " FR has no transport, so no CFL ties the grid's time step to h: the grid integrates the reaction in the "
            "right-hand side with dopri5 at 1e-10 (then it is the quasi-uniform particles' ODE, C1).";
  report.section("C3 grid versus particles (" + where + ", " + upper + ")", text.str());
  NetworkCase c =
      read_network_case(TomlDocument(dir + (sphere ? "/B5_teacher_sphere/case.toml" : "/B4_teacher_circle/case.toml")));
  c.flow.geometry = geometry;
  c.end_time = end;
  c.output.times = sphere ? std::vector<double>{0.0, 0.5, 1.0, 2.0} : std::vector<double>{0.0, 1.0, 2.5, 5.0};
  if (geometry == FlowGeometry::fr) {
    c.solver.reaction = ReactionMode::rhs;
    c.solver.stepper = StepperKind::dopri5;
    c.solver.abs_tol = c.solver.rel_tol = 1e-10;
  }
  StudyOptions o;
  if (sphere) {
    o.grid_sizes = {1, 2, 3};
    o.reference_size = 4;
    o.coarse_size = 1;
  } else {
    o.grid_sizes = quick ? std::vector<int>{64, 128, 256} : std::vector<int>{64, 128, 256, 512, 1024};
    o.reference_size = quick ? 1024 : 4096;
    o.coarse_size = 64;
  }
  o.particle_sizes = o.grid_sizes;
  o.random_seeds = quick ? 16 : 8;
  std::ostringstream quiet;
  const StudyResult r = run_convergence_study(c, o, quiet);
  report.note(study_markdown(r));
  // The rate figure of `measureflow compare`, from the study's compare.csv in the report.
  const std::string stem = "C3/" + std::string(sphere ? "S2_" : "S1_") + to_string(geometry);
  const std::filesystem::path study_dir = std::filesystem::path(report.directory()) / stem;
  try {
    write_study(r, study_dir);
    draw_run_figure(find_run_curves(study_dir.string()), study_dir / "compare.png", name_of_study(where, upper));
    report.figure(stem + "/compare.png", "C3, " + where + ", " + upper + ": errors against h at t = " +
                                             format_number(end) + ", fitted slopes dashed");
  } catch (const std::runtime_error& e) {
    report.note(std::string("(figure not drawn: ") + e.what() + ")");
  }
  const StudyRates rates = study_rates(r);
  const double grid_d = rates.grid_distance, grid_j = rates.grid_loss, quasi = rates.quasi_uniform, random = rates.random;
  const std::string name = "C3 " + where + " " + upper, at = " at t = " + format_number(end);
  std::string times;
  for (double t : c.output.times)
    if (t > 0.0) times += (times.empty() ? "" : ", ") + format_number(t);
  // The design order of the limited scheme with the default reaction (in the right-hand side).
  report.check(name, "grid: smallest rate of D over t = " + times + " (design order 2)", grid_d, ">=", 1.8);
  report.check(name, "grid: smallest rate of |J − J_ref| over t = " + times + " (design order 2)", grid_j, ">=", 1.8);
  report.check(name, std::string("random particles: rate of D") + at + (sphere ? " (m^{-1/2} is 1 in h)" : " (m^{-1/2} is 1/2 in h)"),
               random, ">=", sphere ? 0.6 : 0.3);
  report.check(name, "quasi-uniform particles: rate of D" + at + " minus the random particles' (faster)", quasi - random,
               ">=", 0.2);
}

}  // namespace

void validate_c3_convergence(Report& report, const std::string& dir, bool quick) {
  for (FlowGeometry geometry : {FlowGeometry::wfr, FlowGeometry::w, FlowGeometry::fr})
    c3_study(report, dir, quick, geometry, false);
  // S²: WFR in the quick run; all three flows in the full one.
  for (FlowGeometry geometry : {FlowGeometry::wfr, FlowGeometry::w, FlowGeometry::fr})
    if (!quick || geometry == FlowGeometry::wfr) c3_study(report, dir, quick, geometry, true);
}

}  // namespace mf
