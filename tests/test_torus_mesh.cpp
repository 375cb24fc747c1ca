// The flat torus mesh (build_torus_mesh): areas, closed normals, neighbours across the sides,
// point location, the reconstruction's exactness for linear fields, and transport by a
// constant velocity against the shifted exact solution at the limited scheme's order.

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <random>

#include "flows/initial_fields.hpp"
#include "flows/prescribed_flow.hpp"
#include "grid/grid_solver.hpp"
#include "mesh/mesh_families.hpp"
#include "mesh/mesh_generators.hpp"
#include "mesh/mesh_quality.hpp"
#include "mesh/point_locator.hpp"

namespace mf {
namespace {

constexpr double kTwoPi = 2.0 * std::numbers::pi;

TEST(TorusMesh, AreasSumToFourPiSquaredAndEveryCellsNormalsClose) {
  const SphereMesh m = torus_mesh(12);
  EXPECT_EQ(m.manifold, Manifold::torus);
  EXPECT_EQ(m.n_cells(), 144);
  EXPECT_EQ(m.n_faces(), 288);
  EXPECT_EQ(m.manifold_dimension(), 2);
  const MeshQuality q = mesh_quality(m);
  EXPECT_NEAR(q.area_sum_error, 0.0, 1e-12);
  EXPECT_NEAR(q.max_normal_closure, 0.0, 1e-15);
  EXPECT_DOUBLE_EQ(q.area_ratio, 1.0);
  // Each face: normal from its left cell to its right one across the periodic sides, its
  // midpoint halfway, its length h.
  const double h = kTwoPi / 12;
  for (int f = 0; f < m.n_faces(); ++f) {
    const auto [l, r] = m.face_cells[f];
    const Vec3 d = torus_difference(m.center[l], m.center[r]);
    EXPECT_NEAR((d - h * m.face_normal[f]).norm(), 0.0, 1e-14) << "face " << f;
    EXPECT_NEAR((torus_difference(m.center[l], m.face_midpoint[f]) - 0.5 * h * m.face_normal[f]).norm(), 0.0, 1e-14);
    EXPECT_DOUBLE_EQ(m.face_length[f], h);
  }
  EXPECT_NEAR(mesh_family("torus").spacing(12), h, 1e-15);
}

TEST(TorusMesh, LocatesPointsAnywhereInThePlaneModuloTwoPi) {
  const SphereMesh m = torus_mesh(10);
  const PointLocator locator(m);
  std::mt19937_64 rng(5);
  std::uniform_real_distribution<double> u(-20.0, 20.0);
  const double h = kTwoPi / 10;
  for (int k = 0; k < 2000; ++k) {
    const Vec3 p(u(rng), u(rng), 0.0);
    const int c = locator.locate(p);
    // Inside the cell: the periodic difference to its centre is within half a cell on each axis.
    const Vec3 d = torus_difference(m.center[c], p);
    EXPECT_LE(std::abs(d.x()), 0.5 * h + 1e-12);
    EXPECT_LE(std::abs(d.y()), 0.5 * h + 1e-12);
    EXPECT_TRUE(locator.contains(c, p));
  }
}

TEST(TorusMesh, TransportByAConstantVelocityConvergesAtSecondOrder) {
  // ρ₀ = 1 + ½ sin θ₁ cos θ₂ + ¼ cos(θ₁ + 2θ₂) translated by u = (1, 0.6) to t = 1: the exact
  // solution is ρ₀(θ − u t). L¹ errors of the cell means (the masses over the areas) on
  // 32², 64², 128² cells, the limited scheme with SSPRK3 at Courant 0.5.
  auto rho0 = [](const Vec3& x) { return 1.0 + 0.5 * std::sin(x.x()) * std::cos(x.y()) + 0.25 * std::cos(x.x() + 2.0 * x.y()); };
  const Vec3 u(1.0, 0.6, 0.0);
  std::vector<double> errors;
  for (int n : {32, 64, 128}) {
    const SphereMesh m = torus_mesh(n);
    PrescribedFields f;
    f.velocity = [u](double) { return [u](const Vec3&) { return u; }; };
    const PrescribedFlow flow(m, f, true);
    GridSolver solver(m, flow, GridSolverOptions{});
    // Cell means by a 4 × 4 Gauss rule (the masses of a smooth field to 1e-10).
    auto cell_means = [&](double t) {
      Eigen::VectorXd v(m.n_cells());
      const double g[2] = {0.5 - 0.5 / std::sqrt(3.0), 0.5 + 0.5 / std::sqrt(3.0)};
      const double h = kTwoPi / n;
      for (int c = 0; c < m.n_cells(); ++c) {
        double s = 0.0;
        for (double a : g)
          for (double b : g) {
            const Vec3 x = m.center[c] + h * Vec3(a - 0.5, b - 0.5, 0.0) - t * u;
            s += 0.25 * rho0(x);
          }
        v[c] = s;
      }
      return v;
    };
    Eigen::VectorXd masses = cell_means(0.0) * (kTwoPi / n) * (kTwoPi / n);
    const double total = masses.sum();
    double t = 0.0;
    solver.advance(masses, t, 1.0);
    EXPECT_NEAR(masses.sum(), total, 1e-12 * total);
    const Eigen::VectorXd exact = cell_means(1.0);
    double e = 0.0;
    for (int c = 0; c < m.n_cells(); ++c) e += std::abs(masses[c] / m.area[c] - exact[c]) * m.area[c];
    errors.push_back(e);
  }
  const double rate1 = std::log2(errors[0] / errors[1]), rate2 = std::log2(errors[1] / errors[2]);
  EXPECT_GE(rate1, 1.8) << errors[0] << " " << errors[1];
  EXPECT_GE(rate2, 1.8) << errors[1] << " " << errors[2];
}

}  // namespace
}  // namespace mf
