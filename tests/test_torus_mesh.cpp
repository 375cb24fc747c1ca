// The flat torus mesh (build_torus_mesh): areas, closed normals, neighbours across the sides,
// point location, the reconstruction's exactness for linear fields, and transport by a
// constant velocity against the shifted exact solution at the limited scheme's order.

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <random>

#include "app/network_case.hpp"
#include "app/network_particle_run.hpp"
#include "app/network_setup.hpp"
#include "app/transport_case.hpp"
#include "compare/deposit.hpp"
#include "flows/grid_potential.hpp"
#include "flows/initial_fields.hpp"
#include "flows/prescribed_flow.hpp"
#include "grid/grid_solver.hpp"
#include "grid/reconstruction_stencil.hpp"
#include "mesh/mesh_families.hpp"
#include "mesh/mesh_generators.hpp"
#include "mesh/mesh_quality.hpp"
#include "mesh/point_locator.hpp"
#include "io/toml_reader.hpp"
#include "test_support.hpp"

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

TEST(TorusMesh, StencilsReachAcrossTheSidesAndTheirGradientsConvergeAtSecondOrder) {
  // Face stencils have the 4 squares across the sides, vertex stencils the 8 around a cell — at
  // the sides of [0, 2π)² too, where the vertices are copies; the least-squares gradient of
  // sin θ₁ cos 2θ₂ at the centroids converges at order 2 (the stencils are symmetric).
  auto f = [](const Vec3& x) { return std::sin(x.x()) * std::cos(2.0 * x.y()); };
  auto grad = [](const Vec3& x) {
    return Vec2(std::cos(x.x()) * std::cos(2.0 * x.y()), -2.0 * std::sin(x.x()) * std::sin(2.0 * x.y()));
  };
  for (StencilKind kind : {StencilKind::face_neighbours, StencilKind::vertex_neighbours}) {
    std::vector<double> errors;
    for (int n : {32, 64}) {
      const SphereMesh m = torus_mesh(n);
      const ReconstructionStencil st = build_reconstruction_stencil(m, kind);
      double worst = 0.0;
      for (int c = 0; c < m.n_cells(); ++c) {
        ASSERT_EQ(st.offsets[c + 1] - st.offsets[c], kind == StencilKind::face_neighbours ? 4 : 8) << "cell " << c;
        Vec2 g = Vec2::Zero();
        for (int k = st.offsets[c]; k < st.offsets[c + 1]; ++k)
          g += st.weight[k] * (f(m.center[st.neighbour[k]]) - f(m.center[c]));
        worst = std::max(worst, (g - grad(m.center[c])).cwiseAbs().maxCoeff());
      }
      errors.push_back(worst);
    }
    EXPECT_GE(std::log2(errors[0] / errors[1]), 1.9) << to_string(kind) << ": " << errors[0] << " " << errors[1];
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

namespace mf {
namespace {

const char* kTorusCase = R"([mesh]
type = "torus"
n = 12

[model]
loss = "square"

[data]
type = "deconvolution"
axes = 2
modes = 2

[teacher]
angles = [[3.0, 3.0], [4.8, 2.8]]
weights = [1.2, 0.6]

[flow]
type = "wfr"

[initial.plus]
type = "uniform"
mass = 0.25

[initial.minus]
type = "uniform"
mass = 0.1

[particles]
init = "random"
count = 50

[time]
end = 0.2
outputs = 2
)";

std::string network_error_of(const std::string& text) {
  const TempDir dir;
  try {
    make_network_problem(read_network_case(TomlDocument(dir.write("torus.toml", text))));
    return "";
  } catch (const std::exception& e) {
    return e.what();
  }
}

TEST(TorusNetworkCase, ThePotentialAtCentroidsAndItsNormalDerivativeAtFacesAreTheObjectives) {
  const TempDir dir;
  const NetworkProblem p = make_network_problem(read_network_case(TomlDocument(dir.write("torus.toml", kTorusCase))));
  ASSERT_EQ(p.objective->dimension(), 4);
  const SphereMesh& m = *p.mesh;
  const int nc = m.n_cells();
  std::mt19937_64 rng(2);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  Eigen::VectorXd w(nc);
  for (int c = 0; c < nc; ++c) w[c] = u(rng) / nc - 0.3 / nc;
  const GridPotential potential(m, *p.objective);
  Eigen::VectorXd v, dvdn;
  potential.evaluate(w, v, dvdn);
  // The grid measure's atoms at the centroids, the potential there directly through the objective.
  Measure mu{Eigen::MatrixXd(4, nc), w};
  for (int c = 0; c < nc; ++c)
    mu.directions.col(c) << std::cos(m.center[c].x()), std::sin(m.center[c].x()), std::cos(m.center[c].y()),
        std::sin(m.center[c].y());
  Eigen::VectorXd direct;
  p.objective->potential(mu, mu.directions, direct, nullptr);
  EXPECT_NEAR((v - direct).cwiseAbs().maxCoeff(), 0.0, 1e-12);
  // ∇V·n at each face midpoint: a central difference of V along the face normal in the angles.
  const double eps = 1e-5;
  for (int f = 0; f < m.n_faces(); f += 7) {
    Eigen::MatrixXd two(4, 2);
    for (int s = 0; s < 2; ++s) {
      const Vec3 x = m.face_midpoint[f] + (s == 0 ? eps : -eps) * m.face_normal[f];
      two.col(s) << std::cos(x.x()), std::sin(x.x()), std::cos(x.y()), std::sin(x.y());
    }
    Eigen::VectorXd pm;
    p.objective->potential(mu, two, pm, nullptr);
    EXPECT_NEAR(dvdn[f], (pm[0] - pm[1]) / (2 * eps), 1e-7) << "face " << f;
  }
}

TEST(TorusNetworkCase, ParticleStartsLieOnTheTorusWithTheInitialMasses) {
  const TempDir dir;
  const NetworkCase c = read_network_case(TomlDocument(dir.write("torus.toml", kTorusCase)));
  const NetworkProblem p = make_network_problem(c);
  const ConicParticles q = initial_particles(c, p);
  ASSERT_EQ(q.size(), 100);
  for (int j = 0; j < q.size(); ++j) {
    EXPECT_NEAR(q.theta.col(j).head(2).norm(), 1.0, 1e-14);
    EXPECT_NEAR(q.theta.col(j).tail(2).norm(), 1.0, 1e-14);
  }
  const Eigen::VectorXd plus = q.mass.cwiseProduct((q.sign.array() > 0).cast<double>().matrix());
  EXPECT_NEAR(plus.sum(), 0.25, 1e-14);
  EXPECT_NEAR(q.mass.sum() - plus.sum(), 0.1, 1e-14);
  // Deposited into the cells, the masses are kept and land in the cells holding the particles.
  const PointLocator locator(*p.mesh);
  const Eigen::VectorXd cells = deposit(locator, p.mesh->n_cells(), Measure{q.theta, plus});
  EXPECT_NEAR(cells.sum(), 0.25, 1e-14);
  // The centroid start is the grid measure itself.
  NetworkCase centroids = c;
  centroids.particles.init = ParticleInit::centroids;
  const ConicParticles r = initial_particles(centroids, p);
  const Measure grid = p.flow->measure(p.initial_masses);
  ASSERT_EQ(r.size(), 2 * p.mesh->n_cells());
  EXPECT_NEAR((r.theta.leftCols(p.mesh->n_cells()) - grid.directions).norm(), 0.0, 1e-14);
}

TEST(TorusNetworkCase, BadCombinationsNameTheKey) {
  const std::string population = network_error_of(replace(kTorusCase, "type = \"deconvolution\"\naxes = 2\nmodes = 2", "type = \"population\""));
  EXPECT_NE(population.find("key 'data.type'"), std::string::npos) << population;
  EXPECT_NE(population.find("torus mesh carries spike deconvolution"), std::string::npos) << population;
  const std::string circle = network_error_of(replace(kTorusCase, "axes = 2\n", ""));
  EXPECT_NE(circle.find("circle mesh (d = 2)"), std::string::npos) << circle;
  const std::string bell = network_error_of(replace(kTorusCase, "[initial.minus]\ntype = \"uniform\"", "[initial.minus]\ntype = \"von_mises\""));
  EXPECT_NE(bell.find("key 'initial.minus.type'"), std::string::npos) << bell;
  EXPECT_NE(bell.find("on the torus use \"uniform\""), std::string::npos) << bell;
  const TempDir dir;
  const std::string transport = dir.write("transport.toml", "[mesh]\ntype = \"torus\"\nn = 8\n\n[initial]\ntype = \"constant\"\n\n[flow]\ntype = \"none\"\n\n[time]\nend = 1.0\n");
  try {
    read_transport_case(transport);
    FAIL() << "a transport case on the torus was read";
  } catch (const std::exception& e) {
    EXPECT_NE(std::string(e.what()).find("key 'mesh.type'"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace mf
