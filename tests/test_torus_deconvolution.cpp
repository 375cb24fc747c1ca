// The torus T² (objective/domain.hpp) and spike deconvolution on it (objective/deconvolution.hpp,
// axes = 2) against definitions written independently: the product φ(x)φ(y) of the closed-form
// Dirichlet kernel sin((n + ½)x)/sin(x/2), the L² norm of dx/4π² by the tensor trapezoid rule,
// finite differences; the retraction and distance by hand; particle files and case keys on T²;
// one conic step against Chizat's update (cvgce_deconv2D.jl's PGD_2D) written out.

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <numbers>
#include <random>

#include "algorithms/measure_algorithm.hpp"
#include "algorithms/frank_wolfe.hpp"
#include "app/algorithm_case.hpp"
#include "app/algorithm_run.hpp"
#include "figures/csv_columns.hpp"
#include "io/toml_reader.hpp"
#include "objective/deconvolution.hpp"
#include "particles/particle_file.hpp"
#include "test_support.hpp"

namespace mf {
namespace {

constexpr double kPi = std::numbers::pi;

double dirichlet(int n, double x) {
  const double s = std::sin(0.5 * x);
  if (std::abs(s) < 1e-12) return 2.0 * n + 1.0;
  return std::sin((n + 0.5) * x) / s;
}

Eigen::VectorXd torus_point(double a, double b) {
  return (Eigen::VectorXd(4) << std::cos(a), std::sin(a), std::cos(b), std::sin(b)).finished();
}

Measure torus_atoms(const std::vector<std::array<double, 3>>& atoms) {  // (θ₁, θ₂, w)
  Measure mu{Eigen::MatrixXd(4, static_cast<Eigen::Index>(atoms.size())), Eigen::VectorXd(static_cast<Eigen::Index>(atoms.size()))};
  for (std::size_t j = 0; j < atoms.size(); ++j) {
    mu.directions.col(static_cast<Eigen::Index>(j)) = torus_point(atoms[j][0], atoms[j][1]);
    mu.weights[static_cast<Eigen::Index>(j)] = atoms[j][2];
  }
  return mu;
}

/// ∫ φ(x − θ) dμ(θ) on T², directly.
double direct_signal(int n, const std::vector<std::array<double, 3>>& atoms, double x, double y) {
  double f = 0.0;
  for (const auto& a : atoms) f += a[2] * dirichlet(n, x - a[0]) * dirichlet(n, y - a[1]);
  return f;
}

struct Problem {
  int n = 2;
  std::vector<std::array<double, 3>> spikes = {{kPi, kPi, 1.21}, {kPi + 1.7, kPi - 0.3, 0.64}, {kPi + 0.7, kPi + 1.3, 1.0}};
  std::vector<std::array<double, 3>> mu = {{0.2, 5.9, 0.3}, {1.0, 2.0, -0.4}, {3.0, 3.3, 0.8}, {4.4, 0.1, 0.25}, {6.1, 4.0, -0.1}};
};

TEST(Torus, RetractionDistanceAnglesAndSamplingFollowTheirDefinitions) {
  const Domain t = Domain::torus(2);
  EXPECT_EQ(t.dimension(), 4);
  EXPECT_EQ(t.axes(), 2);
  EXPECT_EQ(t.name(), "T2");
  EXPECT_EQ(Domain::sphere(2).axes(), 1);
  // Each (cos, sin) pair normalized on its own.
  Eigen::MatrixXd P(4, 1);
  P << 3.0, 4.0, 0.0, -2.0;
  t.retract(P);
  EXPECT_NEAR(P(0, 0), 0.6, 1e-15);
  EXPECT_NEAR(P(1, 0), 0.8, 1e-15);
  EXPECT_NEAR(P(2, 0), 0.0, 1e-15);
  EXPECT_NEAR(P(3, 0), -1.0, 1e-15);
  Eigen::MatrixXd zero(4, 1);
  zero << 1.0, 0.0, 0.0, 0.0;
  EXPECT_THROW(t.retract(zero), std::invalid_argument);
  // The flat distance: the shortest arcs per axis, across the seam too.
  EXPECT_NEAR(t.distance(torus_point(0.1, 6.2), torus_point(6.2, 0.1)), std::hypot(0.1 + 2 * kPi - 6.2, 0.1 + 2 * kPi - 6.2), 1e-12);
  EXPECT_NEAR(t.distance(torus_point(1.0, 2.0), torus_point(1.3, 1.6)), 0.5, 1e-12);
  const Eigen::VectorXd a = t.angles(torus_point(5.5, 0.25));
  EXPECT_NEAR(a[0], 5.5, 1e-14);
  EXPECT_NEAR(a[1], 0.25, 1e-14);
  EXPECT_NEAR((t.point(a) - torus_point(5.5, 0.25)).norm(), 0.0, 1e-14);
  // Uniform sampling: unit pairs, the angles' means near π and their variances near π²/3.
  std::mt19937_64 rng(3);
  const Eigen::MatrixXd U = t.uniform(20000, rng);
  double mean = 0.0, var = 0.0;
  for (Eigen::Index j = 0; j < U.cols(); ++j) {
    EXPECT_NEAR(U.col(j).head(2).norm(), 1.0, 1e-14);
    EXPECT_NEAR(U.col(j).tail(2).norm(), 1.0, 1e-14);
    const Eigen::VectorXd th = t.angles(U.col(j));
    mean += th[1] / 20000.0;
    var += (th[1] - kPi) * (th[1] - kPi) / 20000.0;
  }
  EXPECT_NEAR(mean, kPi, 4 * std::sqrt(kPi * kPi / 3 / 20000));
  EXPECT_NEAR(var, kPi * kPi / 3, 0.1);
}

TEST(Torus, ThePotentialIsTheProductDirichletConvolutionOfMuMinusTheSpikes) {
  const Problem p;
  const DeconvolutionObjective objective(p.n, torus_atoms(p.spikes), 2);
  EXPECT_EQ(objective.dimension(), 4);
  EXPECT_TRUE(objective.domain().is_torus());
  EXPECT_DOUBLE_EQ(objective.smoothness(), 25.0);  // φ(0) = (2n + 1)²
  Eigen::MatrixXd points(4, 40);
  std::vector<std::array<double, 2>> at;
  for (int q = 0; q < 40; ++q) {
    at.push_back({0.37 * q - 3.0, 0.61 * q + 0.2});
    points.col(q) = torus_point(at.back()[0], at.back()[1]);
  }
  Eigen::VectorXd V;
  Eigen::MatrixXd grad;
  objective.potential(torus_atoms(p.mu), points, V, &grad);
  const Eigen::VectorXd y = objective.signal(torus_atoms(p.spikes), points);
  auto residual = [&](double x1, double x2) { return direct_signal(p.n, p.mu, x1, x2) - direct_signal(p.n, p.spikes, x1, x2); };
  for (int q = 0; q < 40; ++q) {
    const double x1 = at[static_cast<std::size_t>(q)][0], x2 = at[static_cast<std::size_t>(q)][1];
    EXPECT_NEAR(V[q], residual(x1, x2), 1e-11);
    EXPECT_NEAR(y[q], direct_signal(p.n, p.spikes, x1, x2), 1e-11);
    // Tangent to the torus at the point, ∂_a V along each axis's unit tangent: central differences.
    const double h = 1e-5;
    const double d1 = (residual(x1 + h, x2) - residual(x1 - h, x2)) / (2 * h);
    const double d2 = (residual(x1, x2 + h) - residual(x1, x2 - h)) / (2 * h);
    EXPECT_NEAR(grad.col(q).head(2).dot(points.col(q).head(2)), 0.0, 1e-13);
    EXPECT_NEAR(grad.col(q).tail(2).dot(points.col(q).tail(2)), 0.0, 1e-13);
    EXPECT_NEAR(grad(0, q), -d1 * std::sin(x1), 1e-7);
    EXPECT_NEAR(grad(1, q), d1 * std::cos(x1), 1e-7);
    EXPECT_NEAR(grad(2, q), -d2 * std::sin(x2), 1e-7);
    EXPECT_NEAR(grad(3, q), d2 * std::cos(x2), 1e-7);
  }
}

TEST(Torus, TheLossIsHalfTheSquaredL2NormOfTheResidualSignal) {
  const Problem p;
  const DeconvolutionObjective objective(p.n, torus_atoms(p.spikes), 2);
  // ½ ∫∫ (Φ(μ − μ*))² dx dy/4π² by the tensor trapezoid rule on 16 × 16 points: exact for the
  // square, a trigonometric polynomial of degree 2n = 4 per axis.
  const int N = 16;
  double trapezoid = 0.0;
  for (int a = 0; a < N; ++a)
    for (int b = 0; b < N; ++b) {
      const double r = direct_signal(p.n, p.mu, 2 * kPi * a / N, 2 * kPi * b / N) -
                       direct_signal(p.n, p.spikes, 2 * kPi * a / N, 2 * kPi * b / N);
      trapezoid += 0.5 * r * r / (N * N);
    }
  const Measure mu = torus_atoms(p.mu), spikes = torus_atoms(p.spikes);
  EXPECT_NEAR(objective.loss(mu), trapezoid, 1e-13 * trapezoid);
  EXPECT_NEAR(objective.loss(spikes), 0.0, 1e-28);
  EXPECT_NEAR(objective.distance(mu, spikes), std::sqrt(2 * objective.loss(mu)), 1e-13);
  // The first variation, exactly: J(μ + ε δ_u) = J(μ) + ε V(u) + ½ ε² φ(0).
  Measure moved = mu;
  moved.directions.conservativeResize(Eigen::NoChange, mu.size() + 1);
  moved.weights.conservativeResize(mu.size() + 1);
  moved.directions.col(mu.size()) = torus_point(2.2, 0.7);
  moved.weights[mu.size()] = 1e-3;
  Eigen::VectorXd V;
  objective.potential(mu, moved.directions.rightCols(1), V, nullptr);
  EXPECT_NEAR(objective.loss(moved), objective.loss(mu) + 1e-3 * V[0] + 0.5e-6 * 25.0, 1e-14);
}

TEST(Torus, OneConicStepIsChizatsUpdate) {
  // cvgce_deconv2D.jl: r ← r e^{−2α' g}, θ ← θ − β' s ∇V with g = sV + λ and mass r²/m; here η α = β'
  // and η β = 2α'. Masses agree exactly (c = r²/m ← c e^{−4α' g}); each angle turns by atan of
  // Chizat's step (the pair retraction), his step up to its cube.
  const Problem p;
  const DeconvolutionObjective objective(p.n, torus_atoms(p.spikes), 2);
  const double a = 0.01, b = 0.01, lambda = 1.0, eta = 0.01;
  MeasureAlgorithmOptions o;
  o.method = MeasureMethod::conic_gd;
  o.smoothness = objective.smoothness();
  o.tv = lambda;
  o.conic_step = eta;
  o.conic_alpha = b / eta;
  o.conic_beta = 2 * a / eta;
  o.conic_tv = true;
  const Measure start = torus_atoms(p.mu);
  MeasureAlgorithm alg(objective, o, start);
  alg.step();
  Eigen::VectorXd V;
  Eigen::MatrixXd G;
  objective.potential(start, start.directions, V, &G);
  for (int j = 0; j < start.size(); ++j) {
    const double s = start.weights[j] > 0 ? 1.0 : -1.0, g = s * V[j] + lambda;
    const double r = std::sqrt(std::abs(start.weights[j])), r_next = r * std::exp(-2 * a * g);
    EXPECT_NEAR(std::abs(alg.measure().weights[j]), r_next * r_next, 1e-15);
    const Eigen::VectorXd th = Domain::torus(2).angles(start.directions.col(j));
    // ∂_a V from the tangent gradient: (−sin θ_a, cos θ_a)·∇V.
    const double d1 = -std::sin(th[0]) * G(0, j) + std::cos(th[0]) * G(1, j);
    const double d2 = -std::sin(th[1]) * G(2, j) + std::cos(th[1]) * G(3, j);
    const Eigen::VectorXd next = Domain::torus(2).angles(alg.measure().directions.col(j));
    // Normalizing (cos θ, sin θ) + δ (−sin θ, cos θ) turns θ by atan δ exactly: Chizat's θ − δ up to δ³/3.
    EXPECT_NEAR(std::remainder(next[0] - (th[0] - std::atan(b * s * d1)), 2 * kPi), 0.0, 1e-13);
    EXPECT_NEAR(std::remainder(next[1] - (th[1] - std::atan(b * s * d2)), 2 * kPi), 0.0, 1e-13);
  }
}

TEST(Torus, ParticleFilesKeepTorusPointsAndNameAZeroPair) {
  const TempDir dir;
  ConicParticles p = conic_particles_of(torus_atoms({{0.5, 6.0, 0.2}, {3.0, 1.0, -0.7}}));
  p.theta *= 3.0;  // off the torus: written retracted, pair by pair
  const std::string path = (dir.path / "atoms.csv").string();
  write_particles_csv(p, path, Domain::torus(2));
  const ConicParticles q = read_particles_csv(path, Domain::torus(2));
  EXPECT_NEAR((q.theta.col(0) - torus_point(0.5, 6.0)).norm(), 0.0, 1e-15);
  EXPECT_NEAR((q.theta.col(1) - torus_point(3.0, 1.0)).norm(), 0.0, 1e-15);
  EXPECT_EQ(q.sign[1], -1.0);
  const std::string bad = dir.write("bad.csv", "theta1,theta2,theta3,theta4,mass,sign\n1,0,0,0,0.5,1\n");
  try {
    read_particles_csv(bad, Domain::torus(2));
    FAIL() << "a zero pair was read";
  } catch (const std::exception& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("bad.csv:2: particle 1"), std::string::npos) << what;
    EXPECT_NE(what.find("T2"), std::string::npos) << what;
  }
}

TEST(Torus, TheOracleFindsTheLargestPotentialOnTheTorus) {
  // Against a 600 × 600 scan of the torus: the oracle's |V| is at least the scan's best.
  const Problem p;
  const DeconvolutionObjective objective(p.n, torus_atoms(p.spikes), 2);
  const Measure mu = torus_atoms(p.mu);
  std::mt19937_64 rng(1);
  const OracleResult r = maximize_abs_potential(objective, mu, OracleOptions{}, rng);
  double best = 0.0;
  const int N = 600;
  Eigen::MatrixXd scan(4, N);
  for (int a = 0; a < N; ++a) {
    for (int b = 0; b < N; ++b) scan.col(b) = torus_point(2 * kPi * a / N, 2 * kPi * b / N);
    Eigen::VectorXd V;
    objective.potential(mu, scan, V, nullptr);
    best = std::max(best, V.cwiseAbs().maxCoeff());
  }
  EXPECT_GE(std::abs(r.value), best - 1e-12);
  EXPECT_NEAR(r.u.head(2).norm(), 1.0, 1e-14);
  EXPECT_NEAR(r.u.tail(2).norm(), 1.0, 1e-14);
  Eigen::VectorXd V;
  objective.potential(mu, r.u, V, nullptr);
  EXPECT_DOUBLE_EQ(V[0], r.value);
}

const char* kCase = R"([algorithm]
dimension = 4
method = "conic_gd"
iterations = 5
conic_step = 0.01
conic_alpha = 1.0
conic_beta = 2.0
conic_tv = true

[data]
type = "deconvolution"
axes = 2
modes = 2

[teacher]
angles = [[3.0, 3.0], [4.8, 2.8]]
weights = [1.2, 0.6]

[penalty]
tv = 1.0

[init]
atoms = 9
mass = 0.25
signs = "positive"
)";

std::string error_of(const std::string& text) {
  const TempDir dir;
  try {
    read_algorithm_case(TomlDocument(dir.write("torus.toml", text)));
    return "";
  } catch (const std::exception& e) {
    return e.what();
  }
}

TEST(Torus, ACaseReadsItsKeysAndStartsOnTheTorus) {
  const TempDir dir;
  const AlgorithmCase c = read_algorithm_case(TomlDocument(dir.write("torus.toml", kCase)));
  EXPECT_EQ(c.data.axes, 2);
  EXPECT_TRUE(c.options.conic_tv);
  EXPECT_DOUBLE_EQ(c.options.conic_beta, 2.0);
  const Measure atoms = initial_atoms(c.init, Domain::torus(2));
  ASSERT_EQ(atoms.size(), 9);
  for (int j = 0; j < 9; ++j) {
    EXPECT_NEAR(atoms.directions.col(j).head(2).norm(), 1.0, 1e-14);
    EXPECT_NEAR(atoms.directions.col(j).tail(2).norm(), 1.0, 1e-14);
    EXPECT_NEAR(atoms.weights[j], 0.25 / 9, 1e-17);
  }
}

TEST(Torus, BadKeysNameTheKeyAndWhatWouldBeValid) {
  const std::string dimension = error_of(replace(kCase, "dimension = 4", "dimension = 3"));
  EXPECT_NE(dimension.find("key 'data.axes'"), std::string::npos) << dimension;
  EXPECT_NE(dimension.find("dimension = 4"), std::string::npos) << dimension;
  const std::string row = error_of(replace(kCase, "[4.8, 2.8]", "[4.8]"));
  EXPECT_NE(row.find("spike 2 has 1 angles"), std::string::npos) << row;
  const std::string neurons = error_of(replace(kCase, "angles = [[3.0, 3.0], [4.8, 2.8]]", "random = 2"));
  EXPECT_NE(neurons.find("teacher.angles = [[θ₁, θ₂], …]"), std::string::npos) << neurons;
  const std::string merge = error_of(replace(kCase, "tv = 1.0", "tv = 1.0\nmerge_distance = 0.1"));
  EXPECT_NE(merge.find("not on the torus"), std::string::npos) << merge;
  const std::string still = error_of(replace(replace(kCase, "conic_alpha = 1.0", "conic_alpha = 0.0"), "conic_beta = 2.0", "conic_beta = 0.0"));
  EXPECT_NE(still.find("conic_beta"), std::string::npos) << still;
  const std::string axes = error_of(replace(kCase, "axes = 2", "axes = 3"));
  EXPECT_NE(axes.find("data.axes"), std::string::npos) << axes;
}

TEST(Torus, ARunWritesAtomFramesOnTheTorusAndDrawsTheirPaths) {
  const TempDir dir;
  const std::string file = dir.write("torus.toml", replace(kCase, "iterations = 5", "iterations = 40") + "\n[output]\nframes = 4\n");
  RunOptions o;
  o.output_directory = (dir.path / "r").string();
  o.progress = false;
  std::ostringstream out, err;
  const AlgorithmCase c = read_algorithm_case(TomlDocument(file));
  ASSERT_EQ(run_algorithm_case(c, o, out, err), 0) << err.str();
  const std::vector<std::filesystem::path> frames = series_files(dir.path / "r" / "conic_gd" / "atoms", "atoms_");
  ASSERT_EQ(frames.size(), 5u);
  const ConicParticles last = read_particles_csv(frames.back().string(), Domain::torus(2));
  const ConicParticles final_atoms = read_particles_csv((dir.path / "r" / "conic_gd" / "atoms_final.csv").string(), Domain::torus(2));
  EXPECT_NEAR((last.theta - final_atoms.theta).norm(), 0.0, 1e-15);
  // F fell along the TV-penalized steps, and the paths figure is drawn.
  const CsvColumns t((dir.path / "r" / "conic_gd" / "iterations.csv").string());
  EXPECT_LT(t.column("penalized_objective").back(), t.column("penalized_objective").front());
  EXPECT_TRUE(std::filesystem::exists(dir.path / "r" / "torus_paths.png")) << out.str();
}

}  // namespace
}  // namespace mf
