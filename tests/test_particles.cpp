// Particle flows: the exact identities that make grid and particle runs comparable (VALIDATION
// C1, C2), and monotone objectives.

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "flows/initial_fields.hpp"
#include "flows/network_flow.hpp"
#include "grid/grid_solver.hpp"
#include "mesh/mesh_generators.hpp"
#include "particles/conic_particles.hpp"
#include "network/network_training.hpp"
#include "particles/two_layer_network.hpp"
#include "time/ode_stepper.hpp"

namespace mf {
namespace {


// Integrates dx/dt = f(x) from 0 to T with controlled dopri5 at the given tolerance.
template <class Rhs>
Eigen::VectorXd integrate(const Rhs& f, Eigen::VectorXd x, double T, double tol) {
  OdeStepper stepper(StepperKind::dopri5, tol, tol);
  const OdeRhs rhs = [&](const Eigen::VectorXd& y, Eigen::VectorXd& dy, double) { f.rhs(y, dy); };
  double t = 0.0, dt = 1e-3;
  EXPECT_TRUE(stepper.advance(rhs, x, t, T, dt));
  return x;
}

// C2 at the level of the vector fields, for both objectives: at the same state, the chain
// rule maps plain gradient descent on (a, b) (mean-field time) onto the conic particle flow
// with α = β = 1: dθ/dt = (I − θθᵀ) (db/dt)/r and dc/dt = d(|a| r / m)/dt, r = ‖b‖.
TEST(Particles, ConicWfrVectorFieldIsThePlainGradientOnTheCone) {
  const int d = 3, m = 24;
  const Measure teacher = random_teacher(d, 4, 1);
  const PopulationObjective population(d, InputDistribution::sphere, teacher);
  const DataObjective data(teacher_data(teacher, Loss::logistic, InputDistribution::gaussian, 500, 0.1, 2), Loss::logistic,
                           teacher);
  for (const Objective* obj : {static_cast<const Objective*>(&population), static_cast<const Objective*>(&data)}) {
    const ConicParticles p = random_conic_particles(d, m, 3);
    const PlainNetwork n = network_on_cone(p);
    Eigen::VectorXd dp, dn;

    ConicParticleFlow(*obj, NetworkFlowOptions{}, p.sign).rhs(p.state(), dp);
    NetworkGradientFlow(*obj, m).rhs(PlainNetworkFlow::state(n), dn);
    const Eigen::VectorXd image = conic_velocity(n, dn);

    for (int j = 0; j < m; ++j) {
      const Eigen::VectorXd dtheta = image.segment(d * j, d);
      const double dc = image[d * m + j];
      EXPECT_LT((dtheta - dp.segment(d * j, d)).norm(), 1e-12 * (1 + dtheta.norm())) << "particle " << j;
      EXPECT_NEAR(dc, dp[d * m + j], 1e-12 * std::abs(dc) + 1e-15) << "particle " << j;
    }
  }
}

// C2 along the trajectory (population kernel: a smooth field, so dopri5 at 1e-12 is accurate):
// the same path in mean-field time to 1e-8.
TEST(Particles, ConicWfrEqualsPlainGradientDescentOnTheCone) {
  const int d = 3, m = 24;
  const PopulationObjective obj(d, InputDistribution::sphere, random_teacher(d, 4, 1));
  const ConicParticles p0 = random_conic_particles(d, m, 3);
  const ConicParticleFlow conic(obj, NetworkFlowOptions{}, p0.sign);
  const NetworkGradientFlow plain(obj, m);

  ConicParticles p = p0;
  p.set_state(integrate(conic, p0.state(), 2.0, 1e-12));
  PlainNetwork n = network_on_cone(p0);
  PlainNetworkFlow::set_state(n, integrate(plain, PlainNetworkFlow::state(n), 2.0, 1e-12));
  const ConicParticles q = conic_image(n);

  EXPECT_LT((p.theta.colwise().normalized() - q.theta).cwiseAbs().maxCoeff(), 1e-8);
  EXPECT_LT(((p.mass - q.mass).cwiseAbs().array() / q.mass.array()).maxCoeff(), 1e-8);
  EXPECT_GT((q.mass - p0.mass).norm(), 1e-3);  // the run did move
}

// C1: FR particles placed at the cell centroids with the cell masses solve the grid's FR ODE
// (same stepper, same steps): agreement to round-off.
TEST(Particles, FisherRaoParticlesAtCentroidsEqualTheGrid) {
  for (int kind = 0; kind < 2; ++kind) {
    const SphereMesh mesh = kind == 0 ? circle_mesh(48) : hexagonal_mesh(2);
    const int d = kind == 0 ? 2 : 3, nc = mesh.n_cells();
    const PopulationObjective obj(d, InputDistribution::sphere, random_teacher(d, 3, 4));
    NetworkFlowOptions o;
    o.geometry = FlowGeometry::fr;
    o.tv = 0.01;
    const NetworkGridFlow grid_flow(mesh, obj, o);
    GridSolverOptions so;
    so.stepper = StepperKind::rk4;
    so.reaction = ReactionMode::rhs;
    so.dt = 0.05;
    GridSolver solver(mesh, grid_flow, so);
    Eigen::VectorXd masses(2 * nc);
    masses << sample_masses(mesh, von_mises(Vec3::UnitX(), 2.0, 1.0, 0.2)), sample_masses(mesh, von_mises(Vec3::UnitY(), 1.0, 0.5, 0.3));
    ConicParticles p;
    p.theta.resize(d, 2 * nc);
    for (int i = 0; i < nc; ++i) p.theta.col(i) = p.theta.col(nc + i) = mesh.center[i].head(d);
    p.mass = masses;
    p.sign = Eigen::VectorXd::Ones(2 * nc);
    p.sign.tail(nc).setConstant(-1.0);
    const ConicParticleFlow particle_flow(obj, o, p.sign);

    double t = 0.0;
    solver.advance(masses, t, 2.0);
    OdeStepper stepper(StepperKind::rk4);
    const OdeRhs rhs = [&](const Eigen::VectorXd& y, Eigen::VectorXd& dy, double) { particle_flow.rhs(y, dy); };
    Eigen::VectorXd x = p.state();
    for (int k = 0; k < 40; ++k) stepper.do_step(rhs, x, 0.05 * k, 0.05);
    p.set_state(x);

    EXPECT_LT((p.mass - masses).cwiseAbs().maxCoeff() / masses.cwiseAbs().maxCoeff(), 1e-10) << mesh.description;
  }
}

TEST(Particles, EveryParticleFlowDecreasesItsObjective) {
  const Measure teacher = random_teacher(4, 3, 5);
  const PopulationObjective obj(4, InputDistribution::gaussian, teacher);
  const ConicParticles p0 = random_conic_particles(4, 30, 6);
  for (FlowGeometry g : {FlowGeometry::w, FlowGeometry::fr, FlowGeometry::wfr}) {
    NetworkFlowOptions o;
    o.geometry = g;
    o.tv = 0.01;
    o.kernel = KernelPenalty{0.01, PenaltyKernel::repulsive, 0.3};
    const ConicParticleFlow flow(obj, o, p0.sign);
    Eigen::VectorXd x = p0.state();
    double previous = flow.penalized_loss(x);
    for (int k = 0; k < 5; ++k) {
      x = integrate(flow, x, 0.5, 1e-9);
      const double now = flow.penalized_loss(x);
      EXPECT_LE(now, previous * (1 + 1e-9)) << to_string(g);
      previous = now;
    }
  }
}

// Discrete conic steps (positions renormalized, masses by exp or linear retraction) stay on
// the sphere, decrease the objective for a small step, and converge to the continuous-time
// flow at first order in η.
TEST(Particles, DiscreteStepsConvergeToTheFlowAtFirstOrder) {
  const Measure teacher = random_teacher(3, 3, 7);
  const PopulationObjective obj(3, InputDistribution::sphere, teacher);
  const ConicParticles p0 = random_conic_particles(3, 20, 8);
  NetworkFlowOptions o;
  o.geometry = FlowGeometry::wfr;
  const ConicParticleFlow flow(obj, o, p0.sign);
  const double T = 1.0;
  const Eigen::VectorXd exact = integrate(flow, p0.state(), T, 1e-12);
  for (MassRetraction r : {MassRetraction::exp, MassRetraction::linear}) {
    double errors[3];
    for (int level = 0; level < 3; ++level) {
      const int steps = 25 << level;
      Eigen::VectorXd x = p0.state();
      double previous = flow.penalized_loss(x);
      for (int k = 0; k < steps; ++k) {
        ASSERT_EQ(conic_gradient_step(flow, x, T / steps, r), -1);
        const double now = flow.penalized_loss(x);
        EXPECT_LT(now, previous);
        previous = now;
      }
      const Eigen::Map<const Eigen::MatrixXd> theta(x.data(), 3, 20);
      EXPECT_LE((theta.colwise().norm().array() - 1.0).abs().maxCoeff(), 1e-15);
      errors[level] = (x - exact).cwiseAbs().maxCoeff();
    }
    EXPECT_NEAR(std::log2(errors[1] / errors[2]), 1.0, 0.1) << to_string(r) << " " << errors[1] << " " << errors[2];
  }
  // A linear mass update with too large a step makes a mass negative and says which.
  Eigen::VectorXd x = p0.state();
  EXPECT_GE(conic_gradient_step(flow, x, 1e3, MassRetraction::linear), 0);
}

}  // namespace
}  // namespace mf

#include <vtkDataArray.h>
#include <vtkPointData.h>
#include <vtkPolyData.h>
#include <vtkSmartPointer.h>
#include <vtkXMLPolyDataReader.h>

#include <sstream>

#include "app/network_grid_run.hpp"
#include "app/network_particle_run.hpp"
#include "app/network_setup.hpp"
#include "figures/csv_columns.hpp"
#include "particles/particle_file.hpp"
#include "io/input_error.hpp"
#include "io/pvd_reader.hpp"
#include "io/toml_reader.hpp"
#include "objective/kernel_sums.hpp"
#include "test_support.hpp"

namespace mf {
namespace {

TEST(ParticleFile, RoundTripsAndNamesBadRows) {
  const TempDir dir;
  ConicParticles p;
  p.theta = random_teacher(3, 5, 2).directions;
  p.mass = Eigen::VectorXd::LinSpaced(5, 0.1, 0.5);
  p.sign = Eigen::VectorXd::Ones(5);
  p.sign[3] = -1.0;
  const std::string path = (dir.path / "p.csv").string();
  write_particles_csv(p, path);
  const ConicParticles q = read_particles_csv(path, 3);
  EXPECT_LE((q.theta - p.theta).cwiseAbs().maxCoeff(), 1e-15);  // renormalized on reading
  EXPECT_EQ(q.mass, p.mass);
  EXPECT_EQ(q.sign, p.sign);
  auto error_of = [&](const std::string& text) {
    try {
      read_particles_csv(dir.write("bad.csv", text), 2);
      return std::string();
    } catch (const InputError& e) {  // a bad user file: the program exits 2
      return std::string(e.what());
    }
  };
  EXPECT_NE(error_of("theta1,theta2,mass,sign\n1,0,0.5,1\n0,1,0.5,0.5\n")
                .find("bad.csv:3: particle 2: sign 0.5 is not 1 or -1"),
            std::string::npos);
  EXPECT_NE(error_of("theta1,theta2,mass,sign\n1,0,-0.5,1\n").find("bad.csv:2: particle 1: mass -0.5 is negative"),
            std::string::npos);
  EXPECT_NE(error_of("theta1,theta2,mass,sign\n\n0,0,0.5,1\n").find("bad.csv:3: particle 1: the direction is zero"),
            std::string::npos);
  EXPECT_NE(error_of("theta1,theta2,theta3,mass,sign\n1,0,0,1,1\n").find("bad.csv:1: header"), std::string::npos);
}

// One case file, both runs: the particle run's .pvd opens with VTK's readers, its loss falls
// like the grid's, and its diagnostics have the grid's columns.
TEST(ParticleRun, StartsFromTheGridCaseAndWritesAReadableSeries) {
  const TempDir dir;
  const std::string file = dir.write("net.toml", R"([mesh]
type = "circle"
n = 64
[model]
loss = "square"
[teacher]
angles = [0.3, 1.5]
weights = [1.0, -0.8]
[flow]
type = "wfr"
[initial.plus]
type = "uniform"
[initial.minus]
type = "uniform"
[time]
end = 5.0
outputs = 5
[particles]
init = "centroids"
stepper = "rk4"
dt = 0.05
)");
  RunOptions o;
  o.output_directory = (dir.path / "p").string();
  o.progress = false;
  std::ostringstream out, err;

  ASSERT_EQ(run_particle_case(read_network_case(TomlDocument(file)), o, out, err), 0) << err.str();
  const auto entries = read_pvd((dir.path / "p" / "net-particles.pvd").string());

  ASSERT_EQ(entries.size(), 6u);
  for (const auto& e : entries) {
    vtkNew<vtkXMLPolyDataReader> reader;
    reader->SetFileName(e.file.c_str());
    reader->Update();
    vtkPolyData* poly = reader->GetOutput();
    EXPECT_EQ(poly->GetNumberOfPoints(), 128);  // 128 particles on the circle
    for (const char* name : {"mass", "sign", "signed_mass", "potential", "velocity"})
      EXPECT_NE(poly->GetPointData()->GetArray(name), nullptr) << name;
  }
  // The lifted series: particle j at m c_j θ_j (m = 128), and signed_mass = s_j c_j.
  const auto lifted = read_pvd((dir.path / "p" / "net-particles_lifted.pvd").string());
  ASSERT_EQ(lifted.size(), 6u);
  vtkNew<vtkXMLPolyDataReader> directions, lifted_last;
  directions->SetFileName(entries.back().file.c_str());
  directions->Update();
  lifted_last->SetFileName(lifted.back().file.c_str());
  lifted_last->Update();
  vtkDataArray* mass = lifted_last->GetOutput()->GetPointData()->GetArray("mass");
  vtkDataArray* sign = lifted_last->GetOutput()->GetPointData()->GetArray("sign");
  vtkDataArray* signed_mass = lifted_last->GetOutput()->GetPointData()->GetArray("signed_mass");
  for (vtkIdType j = 0; j < 128; ++j) {
    double u[3], x[3];
    directions->GetOutput()->GetPoint(j, u);
    lifted_last->GetOutput()->GetPoint(j, x);
    EXPECT_NEAR(std::hypot(u[0], u[1]), 1.0, 1e-12);
    for (int r = 0; r < 3; ++r) EXPECT_NEAR(x[r], 128 * mass->GetTuple1(j) * u[r], 1e-12);
    EXPECT_EQ(signed_mass->GetTuple1(j), sign->GetTuple1(j) * mass->GetTuple1(j));
  }
  // trajectories.vtp: one polyline per particle through its 6 lifted points, the last one
  // the last lifted frame's.
  vtkNew<vtkXMLPolyDataReader> paths;
  paths->SetFileName((dir.path / "p" / "trajectories.vtp").string().c_str());
  paths->Update();
  ASSERT_EQ(paths->GetOutput()->GetNumberOfLines(), 128);
  ASSERT_EQ(paths->GetOutput()->GetNumberOfPoints(), 128 * 6);
  double end[3], x[3];
  paths->GetOutput()->GetPoint(5 * 6 + 5, end);
  lifted_last->GetOutput()->GetPoint(5, x);
  for (int r = 0; r < 3; ++r) EXPECT_EQ(end[r], x[r]);
  EXPECT_EQ(paths->GetOutput()->GetPointData()->GetArray("time")->GetTuple1(5 * 6 + 5), 5.0);
  std::ifstream csv(dir.path / "p" / "diagnostics.csv");
  std::string header;
  std::getline(csv, header);
  EXPECT_EQ(header,
            "time,step,loss,penalized_loss,mass_plus,mass_minus,tv_norm,net_tv_norm,support_cells,max_abs_potential,"
            "teacher_distance");
}

// One meaning per column: quasi-uniform particles (one per cell and sign, at the centroid)
// are the grid's cell masses, so at t = 0 every mass column of the two runs agrees; tv_norm is
// m⁺ + m⁻ for both, net_tv_norm the cell-wise |M⁺ − M⁻| (smaller where μ⁺ and μ⁻ overlap).
TEST(ParticleRun, SharesTheGridsColumnDefinitions) {
  const TempDir dir;
  const std::string file = dir.write("net.toml", R"([mesh]
type = "circle"
n = 64
[model]
loss = "square"
[teacher]
angles = [0.3, 1.5]
weights = [1.0, -0.8]
[flow]
type = "wfr"
[initial.plus]
type = "uniform"
[initial.minus]
type = "von_mises"
mass = 0.7
kappa = 4.0
[time]
end = 0.5
outputs = 1
[output]
plot = false
[particles]
init = "centroids"
stepper = "rk4"
dt = 0.05
)");
  RunOptions o;
  o.progress = false;
  std::ostringstream out, err;
  const NetworkCase c = read_network_case(TomlDocument(file));
  o.output_directory = (dir.path / "g").string();
  ASSERT_EQ(run_network_case(c, o, out, err), 0) << err.str();
  o.output_directory = (dir.path / "p").string();
  ASSERT_EQ(run_particle_case(c, o, out, err), 0) << err.str();
  const CsvColumns grid((dir.path / "g" / "diagnostics.csv").string());
  const CsvColumns particles((dir.path / "p" / "diagnostics.csv").string());
  ASSERT_EQ(grid.names(), particles.names());
  for (const char* name : {"mass_plus", "mass_minus", "tv_norm", "net_tv_norm", "support_cells"})
    EXPECT_NEAR(grid.column(name)[0], particles.column(name)[0], 1e-12 * std::abs(grid.column(name)[0])) << name;
  // J of the same initial measure, each run by its own sums: the grid's S¹ convolution samples
  // the exact κ, the particles' pair sum uses the fast κ (|Δκ| ≤ 5e-9); both against the exact sum.
  const NetworkProblem problem = make_network_problem(c);
  const int nc = problem.mesh->n_cells();
  const Eigen::VectorXd w = problem.initial_masses.head(nc) - problem.initial_masses.tail(nc);
  const auto& population = dynamic_cast<const PopulationObjective&>(*problem.objective);
  const Measure e = difference(grid_measure(*problem.mesh, w, 2), *population.teacher());
  Eigen::VectorXd v_e;
  kernel_sums::reference::potential(population.kernel_factor(), e, e.directions, v_e, nullptr);
  const double loss_exact = 0.5 * e.weights.dot(v_e);
  const double w1 = w.cwiseAbs().sum();
  EXPECT_NEAR(grid.column("loss")[0], loss_exact, 1e-13 * loss_exact);
  EXPECT_NEAR(particles.column("loss")[0], loss_exact, 0.5 * 5e-9 * population.kernel_factor() * w1 * w1);
  for (const CsvColumns* run : {&grid, &particles}) {
    EXPECT_NEAR(run->column("tv_norm")[0], run->column("mass_plus")[0] + run->column("mass_minus")[0], 1e-14);
    EXPECT_NEAR(run->column("mass_minus")[0], 0.7, 1e-12);
    EXPECT_LT(run->column("net_tv_norm")[0], run->column("tv_norm")[0] - 0.5);  // μ⁺ and μ⁻ overlap
  }
}

}  // namespace
}  // namespace mf
