// The grid solver: exact reaction, splitting, landing on output times, CFL and NaN stops.

#include <gtest/gtest.h>

#include <numbers>

#include <cmath>
#include <limits>

#include "flows/initial_fields.hpp"
#include "flows/prescribed_flow.hpp"
#include "grid/grid_solver.hpp"
#include "mesh/mesh_generators.hpp"

namespace mf {
namespace {

// The message of the RunError that advancing to t_end throws ("" if none is thrown).
std::string run_error_of(GridSolver& solver, Eigen::VectorXd& masses, double t_end) {
  double t = 0.0;
  try {
    solver.advance(masses, t, t_end);
  } catch (const RunError& e) {
    return e.what();
  }
  return "";
}

TEST(GridSolver, ExactReactionStepIsExactForAnyStep) {
  const SphereMesh m = icosahedral_mesh(2);
  PrescribedFields f;
  f.growth = linear_growth(0.3, -1.2, Vec3(1, 1, 0));
  const PrescribedFlow flow(m, f, true);
  GridSolver solver(m, flow, GridSolverOptions{});
  Eigen::VectorXd masses = sample_masses(m, von_mises(Vec3::UnitZ(), 3.0, 1.0, 0.2));
  const Eigen::VectorXd initial = masses;
  double t = 0.0;

  solver.advance(masses, t, 1.7);

  for (int c = 0; c < m.n_cells(); ++c)
    EXPECT_NEAR(masses[c], initial[c] * std::exp(f.growth(m.center[c], 0.0) * 1.7), 1e-14 * initial[c]);
  EXPECT_EQ(t, 1.7);
}

TEST(GridSolver, LandsExactlyOnRequestedTimes) {
  const SphereMesh m = icosahedral_mesh(2);
  const PrescribedFlow flow(m, solid_body_rotation(1.0, 0.3), true);
  GridSolver solver(m, flow, GridSolverOptions{});
  Eigen::VectorXd masses = sample_masses(m, cosine_bell(Vec3::UnitX(), 0.5, 1.0, 0.0));
  double t = 0.0;
  for (double target : {0.1, 0.25, 0.2500001, 1.0}) {
    solver.advance(masses, t, target);
    EXPECT_EQ(t, target);
  }
  EXPECT_LE(solver.max_courant(), 0.5 * (1 + 1e-12));
}

TEST(GridSolver, FixedStepAboveTheCourantLimitStopsWithAnActionableMessage) {
  const SphereMesh m = icosahedral_mesh(3);
  const PrescribedFlow flow(m, solid_body_rotation(6.28, 0.0), true);
  GridSolverOptions o;
  o.dt = 0.05;  // far above the limit
  GridSolver solver(m, flow, o);
  Eigen::VectorXd masses = sample_masses(m, cosine_bell(Vec3::UnitX(), 0.5, 1.0, 0.0));

  const std::string msg = run_error_of(solver, masses, 1.0);

  EXPECT_NE(msg.find("CFL violation at t = 0"), std::string::npos) << msg;
  EXPECT_NE(msg.find("time.dt ≤"), std::string::npos) << msg;
}

TEST(GridSolver, NaNStopsTheRunNamingTimeStepAndCell) {
  const SphereMesh m = icosahedral_mesh(1);
  PrescribedFields f;
  f.growth = [](const Vec3& x, double t) { return (t > 0.35 && x.z() > 0.9) ? std::numeric_limits<double>::quiet_NaN() : 0.0; };
  const PrescribedFlow flow(m, f, false);
  GridSolverOptions o;
  o.dt = 0.1;
  GridSolver solver(m, flow, o);
  Eigen::VectorXd masses = Eigen::VectorXd::Ones(m.n_cells());

  const std::string msg = run_error_of(solver, masses, 1.0);

  EXPECT_NE(msg.find("NaN at t = 0.4"), std::string::npos) << msg;
  EXPECT_NE(msg.find("in cell"), std::string::npos) << msg;
  EXPECT_NE(msg.find("reduce time.dt"), std::string::npos) << msg;
}

TEST(GridSolver, StrangAndInRhsReactionAgreeToSecondOrder) {
  const SphereMesh m = icosahedral_mesh(3);
  PrescribedFields f = solid_body_rotation(1.0, 0.4);
  f.growth = linear_growth(-0.5, 1.0, Vec3(1, 0, 0));
  const PrescribedFlow flow(m, f, true);
  const Eigen::VectorXd initial = sample_masses(m, von_mises(Vec3::UnitX(), 4.0, 1.0, 0.1));
  auto run = [&](ReactionMode mode, double cfl) {
    GridSolverOptions o;
    o.reaction = mode;
    o.cfl = cfl;
    GridSolver solver(m, flow, o);
    Eigen::VectorXd masses = initial;
    double t = 0.0;
    solver.advance(masses, t, 0.5);
    return masses;
  };
  // The two differ only by time-splitting error: it falls at least like dt² when dt halves.
  const double d1 = (run(ReactionMode::strang, 0.4) - run(ReactionMode::rhs, 0.4)).norm();
  const double d2 = (run(ReactionMode::strang, 0.2) - run(ReactionMode::rhs, 0.2)).norm();
  EXPECT_GT(d1 / d2, 3.5) << d1 << " " << d2;
}

// With the reaction in the right-hand side the step bound adds each cell's decay rate to its
// outflow rate (forward-Euler positivity), so upwind SSPRK3 at Courant 1 keeps masses ≥ 0 where
// outflow and decay are equal. Bounding dt by each alone (dt = 1/max(outflow, decay)) makes the
// forward-Euler factor 1 − dt (outflow + decay) = −1 there, and masses go negative.
TEST(GridSolver, ReactionInTheRightHandSideKeepsMassesNonNegativeAtCourantOne) {
  const SphereMesh m = circle_mesh(64);
  PrescribedFields f = solid_body_rotation(1.0, 0.0);
  const double outflow_rate = 64.0 / (2.0 * std::numbers::pi);  // speed 1 through arcs of 2π/64
  f.growth = linear_growth(-outflow_rate, 0.0, Vec3(1, 0, 0));
  const PrescribedFlow flow(m, f, true);
  GridSolverOptions o;
  o.scheme = Reconstruction::upwind;
  o.reaction = ReactionMode::rhs;
  o.cfl = 1.0;
  GridSolver solver(m, flow, o);
  Eigen::VectorXd masses = sample_masses(m, von_mises(Vec3::UnitX(), 40.0, 1.0, 0.0));
  double t = 0.0, lowest = masses.minCoeff();
  for (int k = 1; k <= 6; ++k) {  // two steps of 1/(outflow + decay) per output interval
    solver.advance(masses, t, k / outflow_rate);
    lowest = std::min(lowest, masses.minCoeff());
  }
  EXPECT_GT(solver.max_courant(), 0.99);
  EXPECT_GE(lowest, 0.0);
}

TEST(GridSolver, Dopri5TransportConservesMassAndReachesTheEnd) {
  const SphereMesh m = icosahedral_mesh(3);
  const PrescribedFlow flow(m, solid_body_rotation(1.0, 0.2), true);
  GridSolverOptions o;
  o.stepper = StepperKind::dopri5;
  o.abs_tol = 1e-6;
  o.rel_tol = 1e-6;
  GridSolver solver(m, flow, o);
  Eigen::VectorXd masses = sample_masses(m, von_mises(Vec3::UnitX(), 4.0, 1.0, 0.1));
  const double m0 = masses.sum();
  double t = 0.0;

  solver.advance(masses, t, 1.0);

  EXPECT_EQ(t, 1.0);
  EXPECT_NEAR(masses.sum(), m0, 1e-13 * m0);
}

}  // namespace
}  // namespace mf
