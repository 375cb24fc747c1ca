// The grid network flows: potential paths against plain sums, factor conventions, monotone
// objective, conservation of each species under W.

#include <gtest/gtest.h>

#include <cmath>
#include <iostream>
#include <numbers>
#include <optional>

#include "base/parallel_threshold.hpp"
#include "flows/initial_fields.hpp"
#include "flows/network_flow.hpp"
#include "grid/grid_solver.hpp"
#include "mesh/mesh_embedding.hpp"
#include "mesh/mesh_generators.hpp"
#include "objective/kernel_sums.hpp"
#include "particles/conic_particles.hpp"
#include "potential/zonal_potential.hpp"

namespace mf {
namespace {

Measure circle_teacher() {
  const std::vector<double> angles = {0.3, 1.5, 2.6, 3.9, 5.2}, weights = {1.0, -0.8, 0.9, 0.7, -1.1};
  Measure t;
  t.directions.resize(2, 5);
  t.weights.resize(5);
  for (int i = 0; i < 5; ++i) {
    t.directions.col(i) = Eigen::Vector2d(std::cos(angles[i]), std::sin(angles[i]));
    t.weights[i] = weights[i];
  }
  return t;
}

// Plain-sum potential at centres and normal gradient at faces, the reference for GridPotential.
void plain_potential(const SphereMesh& m, const PopulationObjective& obj, const Eigen::VectorXd& w, Eigen::VectorXd& v,
                     Eigen::VectorXd& dvdn) {
  const int d = obj.dimension();
  const Measure e = difference(grid_measure(m, w, d), *obj.teacher());
  Eigen::VectorXd unused;
  Eigen::MatrixXd g;
  kernel_sums::reference::potential(obj.kernel_factor(), e, embedded_points(m, m.center, d), v, nullptr);
  kernel_sums::reference::potential(obj.kernel_factor(), e, embedded_points(m, m.face_midpoint, d), unused, &g);
  dvdn.resize(m.n_faces());
  for (int f = 0; f < m.n_faces(); ++f) dvdn[f] = g.col(f).dot(m.face_normal[f].head(d));
}

TEST(GridPotential, FftOnTheCircleMatchesPlainSums) {
  const SphereMesh m = circle_mesh(96);
  const PopulationObjective obj(2, InputDistribution::sphere, circle_teacher());
  const GridPotential gp(m, obj);
  ASSERT_TRUE(gp.uses_fft());
  Eigen::VectorXd w = Eigen::VectorXd::Random(m.n_cells());
  Eigen::VectorXd v, dvdn, v_ref, dvdn_ref;

  gp.evaluate(w, v, dvdn);
  plain_potential(m, obj, w, v_ref, dvdn_ref);

  EXPECT_LT((v - v_ref).cwiseAbs().maxCoeff(), 1e-13);
  EXPECT_LT((dvdn - dvdn_ref).cwiseAbs().maxCoeff(), 1e-13);
}

// On S²: V at the centroids equals the plain sums (to the fast κ's 5e-9); ∇_S V·n at faces is
// the mean of the two centroids' gradients, whose error against the exact face value falls
// like h² (by about 4 per level).
TEST(GridPotential, CentroidSumsOnTheSphereMatchPlainSumsAndFacesConvergeAtSecondOrder) {
  const PopulationObjective obj(3, InputDistribution::gaussian, random_teacher(3, 4, 2));
  const DensityField rho = von_mises(Vec3(0.3, -0.5, 0.8).normalized(), 3.0, 1.0, 0.2);
  std::vector<double> face_errors;
  for (int level : {2, 3, 4}) {
    const SphereMesh m = hexagonal_mesh(level);
    const GridPotential gp(m, obj);
    EXPECT_FALSE(gp.uses_fft());
    const Eigen::VectorXd w = sample_masses(m, rho);
    Eigen::VectorXd v, dvdn, v_ref, dvdn_ref;

    gp.evaluate(w, v, dvdn);
    plain_potential(m, obj, w, v_ref, dvdn_ref);

    EXPECT_LT((v - v_ref).cwiseAbs().maxCoeff(), 5e-9 * (w.cwiseAbs().sum() + 4.0)) << "level " << level;
    face_errors.push_back((dvdn - dvdn_ref).cwiseAbs().maxCoeff());
  }
  EXPECT_GT(face_errors[0] / face_errors[1], 3.0) << face_errors[0] << " " << face_errors[1];
  EXPECT_GT(face_errors[1] / face_errors[2], 3.0) << face_errors[1] << " " << face_errors[2];
}

// J's own term ⟨μ, Kμ⟩ from the V the step computed (GridPotential::own_energy), and V, ∇_S V at
// the centroids for output (evaluate_centers), against the exact direct sums, on both S² paths:
// within the fast κ's 5e-9 (direct) or the harmonic path's measured bounds, per unit ‖μ‖.
TEST(GridPotential, OwnEnergyAndCentreFieldsAgreeWithTheExactSumsOnBothPaths) {
  const PopulationObjective obj(3, InputDistribution::sphere, random_teacher(3, 4, 2));
  const double factor = obj.kernel_factor();
  const SphereMesh m = hexagonal_mesh(3);
  const DensityField plus = von_mises(Vec3(0.3, -0.5, 0.8).normalized(), 3.0, 1.0, 0.2);
  const DensityField minus = von_mises(Vec3(-0.6, 0.0, 0.8).normalized(), 5.0, 1.0, 0.1);
  const Eigen::VectorXd w = sample_masses(m, plus) - 0.7 * sample_masses(m, minus);
  const Measure mu = grid_measure(m, w, 3);
  const double w1 = w.cwiseAbs().sum(), teacher1 = obj.teacher()->weights.cwiseAbs().sum();

  Eigen::VectorXd k_mu, v_exact;
  Eigen::MatrixXd g_exact;
  kernel_sums::reference::potential(factor, mu, mu.directions, k_mu, nullptr);
  const double energy_exact = w.dot(k_mu);
  kernel_sums::reference::potential(factor, difference(mu, *obj.teacher()), mu.directions, v_exact, &g_exact);
  const Measure e = difference(mu, *obj.teacher());
  Eigen::VectorXd v_e;
  kernel_sums::reference::potential(factor, e, e.directions, v_e, nullptr);
  const double loss_exact = 0.5 * e.weights.dot(v_e);

  for (const PotentialMethod method : {PotentialMethod::direct, PotentialMethod::harmonic}) {
    const GridPotential gp(m, obj, GridPotentialOptions{method});
    ASSERT_EQ(gp.harmonic() != nullptr, method == PotentialMethod::harmonic);
    const double v_bound = gp.harmonic() ? gp.harmonic()->value_bound() : 5e-9;
    const double g_bound = gp.harmonic() ? std::sqrt(3.0) * gp.harmonic()->derivative_bound() : 5e-9;
    Eigen::VectorXd v, dvdn;
    gp.evaluate(w, v, dvdn);
    const std::optional<double> energy = gp.own_energy(w, v);
    ASSERT_TRUE(energy.has_value());
    const double energy_bound = factor * w1 * w1 * v_bound + 1e-13 * factor * w1 * w1;
    EXPECT_LT(std::abs(*energy - energy_exact), energy_bound) << to_string(method);
    EXPECT_LT(std::abs(obj.loss_from_energy(mu, *energy) - loss_exact), 0.5 * energy_bound + 1e-14) << to_string(method);

    Eigen::VectorXd vc;
    Eigen::Matrix3Xd gc;
    gp.evaluate_centers(w, vc, gc);
    const double scale = factor * (w1 + teacher1);
    EXPECT_LT((vc - v_exact).cwiseAbs().maxCoeff(), scale * (v_bound + 1e-13)) << to_string(method);
    double grad_error = 0.0;
    for (int c = 0; c < m.n_cells(); ++c) {
      const Vec3 x = m.center[c];
      const Vec3 g = g_exact.col(c);
      grad_error = std::max(grad_error, (gc.col(c) - (g - x.dot(g) * x)).cwiseAbs().maxCoeff());
    }
    EXPECT_LT(grad_error, scale * (g_bound + 1e-13)) << to_string(method);
  }
  EXPECT_DOUBLE_EQ(obj.loss_from_energy(mu, obj.kernel_inner(mu, mu)), obj.loss(mu));
}

TEST(KernelSums, SymmetricSelfPotentialMatchesReference) {
  const Measure mu = [] {
    Measure m = random_teacher(3, 1000, 5);
    m.weights = Eigen::VectorXd::Random(1000);
    return m;
  }();
  Eigen::VectorXd va, vb;
  Eigen::MatrixXd ga, gb;
  kernel_sums::reference::potential(0.4, mu, mu.directions, va, &ga);
  for (const bool threaded : {false, true}) {  // below the size threshold, and the team forced on
    std::optional<parallel::ForceParallel> force;
    if (threaded) force.emplace();
    kernel_sums::omp::self_potential(0.4, mu, vb, &gb);
    const double scale = 0.4 * mu.weights.cwiseAbs().sum();
    EXPECT_LT((va - vb).cwiseAbs().maxCoeff(), 5e-9 * scale) << "threaded " << threaded;
    EXPECT_LT((ga - gb).cwiseAbs().maxCoeff(), 5e-9 * scale) << "threaded " << threaded;
  }
}

TEST(GridPotential, RefusesADimensionThatIsNotTheMeshs) {
  const SphereMesh m = circle_mesh(16);
  const PopulationObjective obj(3, InputDistribution::sphere, random_teacher(3, 2, 1));
  try {
    GridPotential gp(m, obj);
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("a circle mesh needs d = 2"), std::string::npos) << e.what();
  }
}

// The conventions of docs/DESIGN.md §2 as exact identities on one state: growth −2β G^s, face flux
// −α ∇_S G^s·n L, TV shifts G^s by λ_TV for both signs.
TEST(NetworkGridFlow, GrowthAndFluxFollowTheFactorConventions) {
  const SphereMesh m = circle_mesh(64);
  const PopulationObjective obj(2, InputDistribution::sphere, circle_teacher());
  NetworkFlowOptions o;
  o.alpha = 0.7;
  o.beta = 1.3;
  o.tv = 0.05;
  const NetworkGridFlow flow(m, obj, o);
  Eigen::VectorXd masses(2 * m.n_cells());
  masses << sample_masses(m, von_mises(Vec3::UnitX(), 2.0, 1.0, 0.1)), sample_masses(m, von_mises(-Vec3::UnitY(), 1.0, 0.5, 0.2));
  Eigen::VectorXd v, dvdn, g, phi;
  flow.potential().evaluate(masses.head(m.n_cells()) - masses.tail(m.n_cells()), v, dvdn);

  flow.growth_rates(0.0, masses, g);
  flow.face_fluxes(0.0, masses, phi);

  for (int i = 0; i < m.n_cells(); ++i) {
    EXPECT_NEAR(g[i], -2.0 * 1.3 * (v[i] + 0.05), 1e-15);
    EXPECT_NEAR(g[m.n_cells() + i], -2.0 * 1.3 * (-v[i] + 0.05), 1e-15);
  }
  for (int f = 0; f < m.n_faces(); ++f) {
    EXPECT_NEAR(phi[f], -0.7 * dvdn[f] * m.face_length[f], 1e-15);
    EXPECT_NEAR(phi[m.n_faces() + f], 0.7 * dvdn[f] * m.face_length[f], 1e-15);
  }
}

// The grid's frame fields and the particles' at the same atoms are one definition (the model):
// with a kernel penalty and TV, −α ∇_S G^s and −2β G^s of cell-centroid particles equal the
// grid's velocity and growth at the centroids (on S¹ and S²).
TEST(NetworkGridFlow, FrameFieldsEqualTheParticlesFieldsAtTheSameAtoms) {
  const SphereMesh circle = circle_mesh(48), sphere = icosahedral_mesh(2);
  for (const SphereMesh* m : {&circle, &sphere}) {
    const int d = m->manifold == Manifold::circle ? 2 : 3, nc = m->n_cells();
    const Measure teacher = d == 2 ? circle_teacher() : random_teacher(3, 4, 5);
    const PopulationObjective obj(d, InputDistribution::sphere, teacher);
    NetworkFlowOptions o;
    o.alpha = 0.7;
    o.beta = 1.3;
    o.tv = 0.05;
    o.kernel.lambda = 0.2;
    o.kernel.width = 0.6;
    const NetworkGridFlow grid(*m, obj, o);
    Eigen::VectorXd masses(2 * nc);
    masses << sample_masses(*m, von_mises(Vec3::UnitX(), 2.0, 1.0, 0.1)),
        sample_masses(*m, von_mises(-Vec3::UnitY(), 1.0, 0.5, 0.2));
    ConicParticles p;  // sign + at every centroid, then sign −
    p.theta.resize(d, 2 * nc);
    p.mass = masses;
    p.sign.resize(2 * nc);
    for (int s = 0; s < 2; ++s)
      for (int i = 0; i < nc; ++i) {
        p.theta.col(s * nc + i) = m->center[i].head(d);
        p.sign[s * nc + i] = s == 0 ? 1.0 : -1.0;
      }
    const ConicParticleFlow particles(obj, o, p.sign);
    Eigen::VectorXd V, rate;
    std::vector<Eigen::Matrix3Xd> velocity;
    std::vector<Eigen::VectorXd> growth;
    Eigen::MatrixXd particle_velocity;

    grid.cell_fields(masses, V, velocity, growth);
    particles.fields(p.state(), particle_velocity, rate);

    const double scale = particle_velocity.cwiseAbs().maxCoeff();
    ASSERT_GT(scale, 0.0);
    for (int s = 0; s < 2; ++s)
      for (int i = 0; i < nc; ++i) {
        EXPECT_NEAR(growth[s][i], rate[s * nc + i], 1e-8) << "d = " << d << " sign " << s << " cell " << i;
        for (int r = 0; r < d; ++r)
          EXPECT_NEAR(velocity[s](r, i), particle_velocity(r, s * nc + i), 1e-8 * scale)
              << "d = " << d << " sign " << s << " cell " << i;
      }
  }
}

double run_and_track(const SphereMesh& m, const Objective& obj, NetworkFlowOptions o, Eigen::VectorXd masses,
                     std::vector<double>& losses, StepperKind stepper = StepperKind::ssprk3) {
  const NetworkGridFlow flow(m, obj, o);
  GridSolverOptions so;
  so.stepper = stepper;
  so.scheme = Reconstruction::upwind;
  so.cfl = 0.5;
  GridSolver solver(m, flow, so);
  double t = 0.0;
  for (double target : {0.5, 1.0, 1.5, 2.0, 3.0, 4.0}) {
    solver.advance(masses, t, target);
    losses.push_back(flow.diagnostics(masses).penalized_loss);
  }
  return masses.sum();
}

TEST(NetworkGridFlow, EveryGeometryDecreasesItsObjective) {
  const SphereMesh m = circle_mesh(128);
  const PopulationObjective obj(2, InputDistribution::sphere, circle_teacher());
  Eigen::VectorXd init(2 * m.n_cells());
  init << sample_masses(m, von_mises(Vec3::UnitX(), 0.0, 1.0 / (2 * std::numbers::pi), 0.0)),
      sample_masses(m, von_mises(Vec3::UnitX(), 0.0, 1.0 / (2 * std::numbers::pi), 0.0));
  for (FlowGeometry g : {FlowGeometry::w, FlowGeometry::fr, FlowGeometry::wfr}) {
    for (double tv : {0.0, 0.02}) {
      NetworkFlowOptions o;
      o.geometry = g;
      o.tv = tv;
      std::vector<double> losses;
      run_and_track(m, obj, o, init, losses);
      for (std::size_t k = 1; k < losses.size(); ++k)
        EXPECT_LE(losses[k], losses[k - 1] * (1 + 1e-9)) << to_string(g) << " tv " << tv << " output " << k;
      EXPECT_LT(losses.back(), losses.front()) << to_string(g);
    }
  }
}

// The order in dt on a fixed mesh, from successive differences of runs with dt, dt/2, dt/4, dt/8
// (the exact solution of the semi-discrete system is not needed): the default must be at least
// second order on a network flow, whose growth −2βG^s[μ] depends on the state. Strang splitting
// freezes that g over each half step and is first order: the check tells the two apart.
double order_in_dt(const SphereMesh& m, const Objective& obj, FlowGeometry g, ReactionMode mode) {
  Eigen::VectorXd init(2 * m.n_cells());
  init << sample_masses(m, von_mises(Vec3::UnitX(), 3.0, 1.0, 0.2)),
      sample_masses(m, von_mises(Vec3(0, 1, 1).normalized(), 2.0, 0.5, 0.2));
  NetworkFlowOptions o;
  o.geometry = g;
  const NetworkGridFlow flow(m, obj, o);
  std::vector<Eigen::VectorXd> end;
  for (double dt : {0.02, 0.01, 0.005, 0.0025}) {
    GridSolverOptions so;
    so.reaction = mode;
    so.dt = dt;
    GridSolver solver(m, flow, so);
    EXPECT_EQ(solver.reaction_mode(), mode == ReactionMode::automatic ? ReactionMode::rhs : mode);
    Eigen::VectorXd masses = init;
    double t = 0.0;
    solver.advance(masses, t, 0.4);
    end.push_back(masses);
  }
  const double e1 = (end[1] - end[2]).lpNorm<1>(), e2 = (end[2] - end[3]).lpNorm<1>();
  return std::log2(e1 / e2);
}

TEST(NetworkGridFlow, DefaultReactionIsSecondOrderInDt) {
  const SphereMesh circle = circle_mesh(64);
  const PopulationObjective on_circle(2, InputDistribution::gaussian, circle_teacher());
  const SphereMesh sphere = icosahedral_mesh(2);
  const PopulationObjective on_sphere(3, InputDistribution::gaussian, random_teacher(3, 4, 2));
  for (FlowGeometry g : {FlowGeometry::fr, FlowGeometry::wfr}) {
    const double circle_default = order_in_dt(circle, on_circle, g, ReactionMode::automatic);
    const double sphere_default = order_in_dt(sphere, on_sphere, g, ReactionMode::automatic);
    EXPECT_GT(circle_default, 1.9) << to_string(g) << " on S¹";
    EXPECT_GT(sphere_default, 1.9) << to_string(g) << " on S²";
    const double circle_strang = order_in_dt(circle, on_circle, g, ReactionMode::strang);
    EXPECT_LT(circle_strang, 1.3) << to_string(g) << " Strang on S¹";
    std::cout << to_string(g) << ": order in dt " << circle_default << " (S¹), " << sphere_default
              << " (S²); Strang " << circle_strang << " (S¹)\n";
  }
}

TEST(NetworkGridFlow, WassersteinConservesTheMassOfEachSign) {
  const SphereMesh m = circle_mesh(64);
  const PopulationObjective obj(2, InputDistribution::sphere, circle_teacher());
  NetworkFlowOptions o;
  o.geometry = FlowGeometry::w;
  Eigen::VectorXd init = Eigen::VectorXd::Constant(2 * m.n_cells(), 1.0 / m.n_cells());
  const NetworkGridFlow flow(m, obj, o);
  GridSolver solver(m, flow, GridSolverOptions{});
  double t = 0.0;
  solver.advance(init, t, 2.0);
  EXPECT_NEAR(init.head(m.n_cells()).sum(), 1.0, 1e-13);
  EXPECT_NEAR(init.tail(m.n_cells()).sum(), 1.0, 1e-13);
}

}  // namespace
}  // namespace mf
