// The fast zonal potential on S²: V, ∇_S V against the direct sums with the exact κ within the
// stated error bound.

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <random>

#include "base/parallel_threshold.hpp"
#include "flows/grid_potential.hpp"
#include "mesh/mesh_embedding.hpp"
#include "mesh/mesh_generators.hpp"
#include "objective/kernel_sums.hpp"
#include "potential/zonal_potential.hpp"
#include "test_support.hpp"

namespace mf {
namespace {

// V and ∇_S V at the centroids of a hexagonal mesh, weights of both signs, against the direct
// sums with the exact κ: within ‖w‖₁ times the stated bounds, which meet the tolerance.
TEST(ZonalPotential, MatchesTheExactDirectSumWithinItsStatedBound) {
  for (int level : {3, 4}) {
    const SphereMesh m = hexagonal_mesh(level);
    const Eigen::MatrixXd centers = embedded_points(m, m.center, 3);
    std::mt19937_64 rng(level);
    std::uniform_real_distribution<double> uni(-1.0, 1.0);
    Measure mu;
    mu.directions = centers;
    mu.weights.resize(m.n_cells());
    for (int i = 0; i < m.n_cells(); ++i) mu.weights[i] = (uni(rng) + 0.3 * std::cos(3.0 * centers(0, i))) / m.n_cells();
    Eigen::VectorXd v_ref;
    Eigen::MatrixXd g_ref;
    kernel_sums::reference::potential(1.0, mu, centers, v_ref, &g_ref);
    const double mass = mu.weights.lpNorm<1>();
    for (double tolerance : {1e-6, 1e-10}) {
      const ZonalPotential zp(centers, tolerance);
      EXPECT_LE(zp.value_bound(), tolerance);
      EXPECT_LE(zp.derivative_bound(), tolerance);
      Eigen::VectorXd v;
      Eigen::Matrix3Xd g;
      zp.evaluate(mu.weights, v, g);
      const double dv = (v - v_ref).cwiseAbs().maxCoeff();
      const double dg = (g - g_ref).colwise().norm().maxCoeff();
      EXPECT_LE(dv, mass * zp.value_bound() + 1e-14) << "level " << level << " tolerance " << tolerance;
      EXPECT_LE(dg, std::sqrt(3.0) * mass * zp.derivative_bound() + 1e-14) << "level " << level;
      std::cout << "level " << level << " tolerance " << tolerance << ": degree " << zp.degree() << ", δ = "
                << zp.near_angle() << ", |ΔV| " << dv / mass << " ‖w‖₁ (bound " << zp.value_bound() << "), |Δ∇V| "
                << dg / mass << " ‖w‖₁ (bound " << zp.derivative_bound() << ")\n";
    }
  }
}

// Its regions on the team (near pairs' set-up, near rows, interpolation; per point, no
// reductions) give what the serial loops give, to the bit.
TEST(ZonalPotential, TheTeamComputesWhatTheSerialLoopsCompute) {
  const Eigen::Matrix3Xd p = random_sphere_points(1500, 11);
  const Eigen::VectorXd w = Eigen::VectorXd::Random(p.cols()) / p.cols();
  Eigen::VectorXd v_serial, v_team;
  Eigen::Matrix3Xd g_serial, g_team;
  const ZonalPotential serial(p, 1e-8);
  serial.evaluate(w, v_serial, g_serial);
  {
    const parallel::ForceParallel team;
    const ZonalPotential teamed(p, 1e-8);
    EXPECT_EQ(teamed.near_pairs(), serial.near_pairs());
    teamed.evaluate(w, v_team, g_team);
  }
  EXPECT_EQ((v_team - v_serial).cwiseAbs().maxCoeff(), 0.0);
  EXPECT_EQ((g_team - g_serial).cwiseAbs().maxCoeff(), 0.0);
}

TEST(ZonalPotential, RefusesAToleranceOutsideZeroOne) {
  const Eigen::Matrix3Xd p = random_sphere_points(10, 5);
  EXPECT_THROW(ZonalPotential(p, 0.0), std::invalid_argument);
  EXPECT_THROW(ZonalPotential(p, 2.0), std::invalid_argument);
}

}  // namespace
}  // namespace mf
