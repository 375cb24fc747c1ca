// The algorithms on measures: the one-atom updates against a brute-force minimization, the
// incrementally kept state against the Objective's own sums, atom counts, monotonicity of the
// prox steps, merging, and conic GD against the conic particle step it is built on.

#include <gtest/gtest.h>

#include <Eigen/Dense>

#include <cmath>
#include <numbers>
#include <random>

#include "algorithms/atom_merging.hpp"
#include "algorithms/atomic_state.hpp"
#include "algorithms/coordinate_updates.hpp"
#include "algorithms/measure_algorithm.hpp"
#include "algorithms/frank_wolfe.hpp"
#include "algorithms/random_features.hpp"
#include "objective/deconvolution.hpp"
#include "objective/relu_kernel.hpp"
#include "objective/data_set.hpp"

namespace mf {
namespace {

// Brute-force minimizer over t of t V + (L/2) t² + λ |c + t| (fine grid, then the exact answer
// must be at least as good).
double upper_bound(double c, double t, double V, double L, double lambda) {
  return t * V + 0.5 * L * t * t + lambda * (std::abs(c + t) - std::abs(c));
}

TEST(CoordinateUpdates, SoftThresholdIsExactlyZeroInsideTheThreshold) {
  EXPECT_EQ(soft_threshold(0.3, 0.5), 0.0);
  EXPECT_EQ(soft_threshold(-0.5, 0.5), 0.0);
  EXPECT_DOUBLE_EQ(soft_threshold(0.75, 0.5), 0.25);
  EXPECT_DOUBLE_EQ(soft_threshold(-0.75, 0.5), -0.25);
}

TEST(CoordinateUpdates, ProxStepsMinimizeTheUpperBound) {
  std::mt19937_64 rng(5);
  std::uniform_real_distribution<double> U(-2.0, 2.0);
  for (int trial = 0; trial < 200; ++trial) {
    const double c = trial % 3 == 0 ? 0.0 : U(rng), V = U(rng), L = 0.2 + std::abs(U(rng)), lambda = std::abs(U(rng)) / 2;
    const double next = c == 0.0 ? prox_new_atom_mass(V, L, lambda) : prox_existing_atom_mass(c, V, L, lambda);
    const double best = upper_bound(c, next - c, V, L, lambda);
    for (double t = -8.0; t <= 8.0; t += 1e-3) ASSERT_LE(best, upper_bound(c, t, V, L, lambda) + 1e-12);
    // The form of the existing-atom step: t* = −c + (c − V/L) max(0, 1 − λ/|V − L c|).
    if (c != 0.0) {
      const double tstar = -c + (c - V / L) * std::max(0.0, 1.0 - lambda / std::abs(V - L * c));
      EXPECT_NEAR(next, c + tstar, 1e-12);
    }
  }
}

Measure random_signed_measure(int d, int m, unsigned long seed) {
  Measure mu = random_teacher(d, m, seed);
  std::mt19937_64 rng(seed + 100);
  std::uniform_real_distribution<double> U(0.1, 1.0);
  for (int j = 0; j < m; ++j) mu.weights[j] *= U(rng) / m;
  return mu;
}

// A generic Objective (not population, not data): the state must use the interface.
class WrappedObjective : public Objective {
 public:
  explicit WrappedObjective(const Objective& inner) : inner_(inner) {}
  int dimension() const override { return inner_.dimension(); }
  double loss(const Measure& mu) const override { return inner_.loss(mu); }
  void potential(const Measure& mu, const Eigen::MatrixXd& points, Eigen::VectorXd& V,
                 Eigen::MatrixXd* grad) const override {
    inner_.potential(mu, points, V, grad);
  }
  double distance(const Measure& mu, const Measure& nu) const override { return inner_.distance(mu, nu); }
  const Measure* teacher() const override { return inner_.teacher(); }
  double smoothness() const override { return inner_.smoothness(); }

 private:
  const Objective& inner_;
};

// Random additions, changes and removals; after each, V at fresh points and J must equal the
// Objective's reference sums on the state's measure.
void check_state_against_objective(const Objective& obj, double tol) {
  const int d = obj.dimension();
  AtomicState s(obj, random_signed_measure(d, 5, 3));
  std::mt19937_64 rng(11);
  std::uniform_real_distribution<double> U(-0.5, 0.5);
  const Measure probes = random_teacher(d, 4, 99);
  for (int op = 0; op < 40; ++op) {
    if (op % 3 == 0) {
      const Eigen::VectorXd u = random_teacher(d, 1, 500 + static_cast<unsigned long>(op)).directions.col(0);
      s.add_atom(u, U(rng), s.potential(u));
    } else {
      const int j = static_cast<int>(rng() % static_cast<unsigned long>(s.size()));
      const double t = op % 7 == 0 ? -s.weight(j) : U(rng);  // sometimes exactly to zero
      s.add_to_weight(j, t, s.potential(s.direction(j)));
      if (s.weight(j) == 0.0) {
        EXPECT_EQ(s.remove_zero_atoms(), 1);
      }
    }
    const Measure mu = s.measure();
    Eigen::VectorXd V;
    obj.potential(mu, probes.directions, V, nullptr);
    for (int p = 0; p < probes.size(); ++p)
      ASSERT_NEAR(s.potential(probes.directions.col(p)), V[p], tol * (1.0 + std::abs(V[p]))) << "op " << op;
    ASSERT_NEAR(s.loss(), obj.loss(mu), tol * (1.0 + obj.loss(mu))) << "op " << op;
  }
}

TEST(AtomicState, TvNormIsTheSumOfTheAtomsAbsoluteWeights) {
  const PopulationObjective obj(2, InputDistribution::sphere, random_teacher(2, 2, 1), SumVariant::reference);
  Measure mu;
  mu.directions.resize(2, 3);
  mu.directions << 1.0, 0.0, -1.0, 0.0, 1.0, 0.0;
  mu.weights.resize(3);
  mu.weights << 0.5, -0.25, 1.0;

  AtomicState s(obj, mu);
  s.add_to_weight(1, -0.5, s.potential(mu.directions.col(1)));  // −0.25 → −0.75

  EXPECT_DOUBLE_EQ(s.tv_norm(), 0.5 + 0.75 + 1.0);
}

TEST(AtomicState, PopulationMatchesTheObjective) {
  const PopulationObjective obj(4, InputDistribution::gaussian, random_teacher(4, 3, 7), SumVariant::reference);
  check_state_against_objective(obj, 1e-12);
}

TEST(AtomicState, DataSetMatchesTheObjectiveForBothLosses) {
  const Measure teacher = random_teacher(5, 3, 2);
  for (Loss loss : {Loss::square, Loss::logistic}) {
    const DataObjective obj(teacher_data(teacher, loss, InputDistribution::gaussian, 300, 0.1, 4), loss, teacher,
                            SumVariant::reference);
    check_state_against_objective(obj, 1e-12);
  }
}

TEST(AtomicState, AnyObjectiveWorksThroughTheInterface) {
  const PopulationObjective inner(3, InputDistribution::sphere, random_teacher(3, 2, 7), SumVariant::reference);
  const WrappedObjective obj(inner);
  check_state_against_objective(obj, 1e-12);
}

MeasureAlgorithmOptions options_for(MeasureMethod m, const Objective& obj, double tv) {
  MeasureAlgorithmOptions o;
  o.method = m;
  o.smoothness = obj.smoothness();
  o.tv = tv;
  o.seed = 17;
  return o;
}

TEST(MeasureAlgorithms, CoordinateDescentAddsOneAtomPerStepAndLowersJByVSquaredOver2L) {
  const PopulationObjective obj(3, InputDistribution::gaussian, random_teacher(3, 4, 1), SumVariant::reference);
  const Measure start = random_signed_measure(3, 2, 8);
  MeasureAlgorithm alg(obj, options_for(MeasureMethod::coordinate_descent, obj, 0.0), start);
  for (int k = 1; k <= 200; ++k) {
    const double before = alg.objective();
    alg.step();
    ASSERT_EQ(alg.atoms(), start.size() + k);
    // For the population square loss the bound is tight: J drops by V²/(2L) exactly.
    const Measure mu = alg.measure();
    const double c = mu.weights[mu.size() - 1], L = obj.smoothness();
    ASSERT_NEAR(alg.objective(), before - 0.5 * L * c * c, 1e-13);
  }
  EXPECT_NEAR(alg.objective(), obj.loss(alg.measure()), 1e-10);
}

// F never increases along any prox method, on the population and on a data set.
void check_prox_monotone(const Objective& obj, MeasureMethod method, const Measure& start, double tv, int steps,
                         int* removed = nullptr) {
  MeasureAlgorithm alg(obj, options_for(method, obj, tv), start);
  double F = alg.penalized_objective();
  for (int k = 0; k < steps; ++k) {
    alg.step();
    const double next = alg.penalized_objective();
    ASSERT_LE(next, F + 1e-13 * std::abs(F)) << to_string(method) << " step " << k + 1;
    F = next;
  }
  if (removed) *removed = static_cast<int>(alg.removed_atoms());
  // The carried J and F are the objective's: F = J(μ) + λ Σ_j |c_j|, finite.
  const Measure mu = alg.measure();
  EXPECT_TRUE(std::isfinite(F)) << to_string(method);
  EXPECT_NEAR(alg.objective(), obj.loss(mu), 1e-9 * (1.0 + alg.objective()));
  EXPECT_NEAR(F, obj.loss(mu) + tv * mu.weights.cwiseAbs().sum(), 1e-9 * (1.0 + std::abs(F))) << to_string(method);
}

TEST(MeasureAlgorithms, ProxStepsNeverIncreaseThePenalizedObjective) {
  const Measure teacher = random_teacher(4, 3, 5);
  const PopulationObjective pop(4, InputDistribution::gaussian, teacher, SumVariant::reference);
  const DataObjective data(teacher_data(teacher, Loss::square, InputDistribution::gaussian, 200, 0.05, 6), Loss::square,
                           teacher, SumVariant::reference);
  const DataObjective logistic(teacher_data(teacher, Loss::logistic, InputDistribution::gaussian, 200, 0.0, 6),
                               Loss::logistic, teacher, SumVariant::reference);
  const Measure atoms = random_signed_measure(4, 60, 9);
  for (const Objective* obj : {static_cast<const Objective*>(&pop), static_cast<const Objective*>(&data),
                               static_cast<const Objective*>(&logistic)}) {
    check_prox_monotone(*obj, MeasureMethod::prox_tv, Measure{Eigen::MatrixXd(4, 0), Eigen::VectorXd(0)}, 0.02, 300);
    check_prox_monotone(*obj, MeasureMethod::modified_prox_tv, Measure{Eigen::MatrixXd(4, 0), Eigen::VectorXd(0)}, 0.02,
                        300);
    check_prox_monotone(*obj, MeasureMethod::prox_tv_fixed_support, atoms, 0.02, 300);
  }
}

TEST(MeasureAlgorithms, ProxTvAddsNoAtomOfMassZeroAndFixedSupportRemovesZeroAtoms) {
  const PopulationObjective obj(3, InputDistribution::gaussian, random_teacher(3, 2, 5), SumVariant::reference);
  // A λ so large that no sampled atom is worth its TV cost: prox-TV never adds one.
  MeasureAlgorithm none(obj, options_for(MeasureMethod::prox_tv, obj, 1e3), Measure{Eigen::MatrixXd(3, 0), Eigen::VectorXd(0)});
  for (int k = 0; k < 50; ++k) none.step();
  EXPECT_EQ(none.atoms(), 0);
  // Fixed support with that λ: every picked atom is set to exactly zero and removed.
  const Measure atoms = random_signed_measure(3, 40, 4);
  MeasureAlgorithm fixed(obj, options_for(MeasureMethod::prox_tv_fixed_support, obj, 1e3), atoms);
  for (int k = 0; k < 30; ++k) {
    const int before = fixed.atoms();
    fixed.step();
    EXPECT_EQ(fixed.atoms(), before - 1);
  }
  EXPECT_EQ(fixed.removed_atoms(), 30);
  // A moderate λ: some atoms removed, the rest kept, and the count is what was removed.
  int removed = 0;
  check_prox_monotone(obj, MeasureMethod::prox_tv_fixed_support, atoms, 0.05, 400, &removed);
  EXPECT_GT(removed, 0);
  EXPECT_LT(removed, 40);
}

TEST(MeasureAlgorithms, ModifiedProxAlternatesNewAndExistingAndConicVariantInterleaves) {
  const PopulationObjective obj(3, InputDistribution::gaussian, random_teacher(3, 2, 5), SumVariant::reference);
  const Measure empty{Eigen::MatrixXd(3, 0), Eigen::VectorXd(0)};
  MeasureAlgorithmOptions o = options_for(MeasureMethod::modified_prox_tv_conic, obj, 0.01);
  o.conic_every = 3;
  MeasureAlgorithm alg(obj, o, empty);
  const StepKind expected[] = {StepKind::new_atom, StepKind::existing_atom, StepKind::new_atom, StepKind::conic,
                               StepKind::existing_atom, StepKind::new_atom, StepKind::existing_atom, StepKind::conic};
  for (StepKind e : expected) {
    alg.step();
    EXPECT_EQ(alg.last_step(), e) << "iteration " << alg.iteration();
  }
}

TEST(MeasureAlgorithms, ConicGdIsTheConicParticleStep) {
  const PopulationObjective obj(4, InputDistribution::gaussian, random_teacher(4, 3, 5), SumVariant::reference);
  const ConicParticles p0 = random_conic_particles(4, 30, 12);
  MeasureAlgorithmOptions o = options_for(MeasureMethod::conic_gd, obj, 0.1);  // λ only in F, not in the step
  o.conic_step = 0.05;
  MeasureAlgorithm alg(obj, o, p0.measure());
  NetworkFlowOptions fo;
  fo.geometry = FlowGeometry::wfr;
  const ConicParticleFlow flow(obj, fo, p0.sign);
  Eigen::VectorXd s = p0.state();
  for (int k = 0; k < 20; ++k) {
    alg.step();
    ASSERT_EQ(conic_gradient_step(flow, s, 0.05, MassRetraction::exp), -1);
  }
  ConicParticles p = p0;
  p.set_state(s);
  const Measure a = alg.measure(), b = p.measure();
  EXPECT_LT((a.directions - b.directions).cwiseAbs().maxCoeff(), 1e-14);
  EXPECT_LT((a.weights - b.weights).cwiseAbs().maxCoeff(), 1e-15);
  EXPECT_NEAR(alg.penalized_objective(), obj.loss(b) + 0.1 * b.weights.cwiseAbs().sum(), 1e-12);
}

TEST(RandomFeatureWeights, PopulationWeightsSolveTheKernelSystemOfTheClosedFormKernel) {
  // Independently: K_mm w = K_m* w* with K_ij = κ(u_i·u_j) from relu_kappa (Gaussian inputs).
  const int d = 6, m = 15;
  const Measure teacher = random_teacher(d, 4, 3);
  const PopulationObjective obj(d, InputDistribution::gaussian, teacher);
  const Eigen::MatrixXd U = random_teacher(d, m, 11).directions;
  const Measure mu = optimal_output_weights(obj, U);
  Eigen::MatrixXd K(m, m);
  Eigen::VectorXd b = Eigen::VectorXd::Zero(m);
  for (int i = 0; i < m; ++i) {
    for (int j = 0; j < m; ++j) K(i, j) = relu_kappa(U.col(i).dot(U.col(j)));
    for (int k = 0; k < teacher.size(); ++k) b[i] += teacher.weights[k] * relu_kappa(U.col(i).dot(teacher.directions.col(k)));
  }
  const Eigen::VectorXd w = K.ldlt().solve(b);
  EXPECT_LE((mu.weights - w).norm(), 1e-7 * w.norm());  // the fast κ of the sums: |Δκ| ≤ 5e-9
  // First-order optimality: V[μ_w] vanishes at every atom; and no perturbation lowers J.
  Eigen::VectorXd V;
  obj.potential(mu, U, V, nullptr);
  EXPECT_LE(V.cwiseAbs().maxCoeff(), 1e-7);
  std::mt19937_64 rng(2);
  std::normal_distribution<double> g(0.0, 1e-3);
  for (int trial = 0; trial < 20; ++trial) {
    Measure nudged = mu;
    for (int j = 0; j < m; ++j) nudged.weights[j] += g(rng);
    EXPECT_GE(obj.loss(nudged), obj.loss(mu) - 1e-12);
  }
}

TEST(RandomFeatureWeights, TheTeachersOwnDirectionsFitItExactly) {
  const Measure teacher = random_teacher(5, 3, 8);
  const PopulationObjective obj(5, InputDistribution::sphere, teacher);
  Eigen::MatrixXd U(5, 7);
  U << teacher.directions, random_teacher(5, 4, 9).directions;
  const Measure mu = optimal_output_weights(obj, U);
  EXPECT_LE(obj.loss(mu), 1e-12 * obj.loss(Measure{U, Eigen::VectorXd::Zero(7)}));
}

TEST(RandomFeatureWeights, DataSetWeightsSolveTheLeastSquaresProblemOfTheFeatures) {
  const int d = 4, m = 9, n = 200;
  const Measure teacher = random_teacher(d, 3, 4);
  const DataObjective obj(teacher_data(teacher, Loss::square, InputDistribution::gaussian, n, 0.1, 6), Loss::square,
                          teacher);
  const Eigen::MatrixXd U = random_teacher(d, m, 12).directions;
  const Measure mu = optimal_output_weights(obj, U);
  // Features Φ_lj = σ(u_j·x_l): min_w ½ (1/n) ‖Φ w − y‖², by Eigen's QR.
  const Eigen::MatrixXd Phi = (obj.data().X.transpose() * U).cwiseMax(0.0);
  const Eigen::VectorXd w = Phi.colPivHouseholderQr().solve(obj.data().y);
  EXPECT_LE((mu.weights - w).norm(), 1e-9 * w.norm());
  const DataObjective logistic(teacher_data(teacher, Loss::logistic, InputDistribution::gaussian, n, 0.1, 6),
                               Loss::logistic, teacher);
  EXPECT_THROW(optimal_output_weights(logistic, U), std::invalid_argument);
}

TEST(RandomFeatureWeights, TheMethodFitsInItsFirstIterationAndThenKeepsTheMeasure) {
  const PopulationObjective obj(4, InputDistribution::gaussian, random_teacher(4, 3, 7));
  MeasureAlgorithmOptions o;
  o.method = MeasureMethod::random_features;
  o.smoothness = obj.smoothness();
  Measure start = random_teacher(4, 10, 5);
  start.weights *= 0.01;
  MeasureAlgorithm alg(obj, o, start);
  const double before = alg.objective();
  alg.step();
  const Measure fitted = alg.measure();
  EXPECT_LT(alg.objective(), before);
  EXPECT_EQ(fitted.directions, start.directions);
  EXPECT_NEAR(alg.objective(), obj.loss(optimal_output_weights(obj, start.directions)), 1e-14);
  alg.step();
  EXPECT_EQ(alg.measure().weights, fitted.weights);
}

TEST(FrankWolfe, LassoWeightsMeetTheOptimalityConditions) {
  // KKT of min ½wᵀHw + vᵀw + λ‖w‖₁: (Hw + v)_j = −λ sign w_j where w_j ≠ 0, |(Hw + v)_j| ≤ λ where w_j = 0.
  std::mt19937_64 rng(3);
  std::normal_distribution<double> g(0.0, 1.0);
  for (int trial = 0; trial < 20; ++trial) {
    const int m = 8;
    Eigen::MatrixXd A(5, m);
    for (int i = 0; i < A.size(); ++i) A.data()[i] = g(rng);
    // J = ½‖Aw − b‖²: H = AᵀA of rank 5 < m (singular, as for close atoms), v = −Aᵀb in its range.
    Eigen::VectorXd b(5);
    for (int i = 0; i < 5; ++i) b[i] = g(rng);
    const WeightQuadratic q{A.transpose() * A, -A.transpose() * b};
    const double lambda = 0.3;
    const Eigen::VectorXd w = lasso_weights(q, lambda, Eigen::VectorXd::Zero(m));
    const Eigen::VectorXd r = q.H * w + q.v;
    for (int j = 0; j < m; ++j) {
      if (w[j] != 0.0) EXPECT_NEAR(r[j], -lambda * (w[j] > 0 ? 1.0 : -1.0), 1e-9);
      else EXPECT_LE(std::abs(r[j]), lambda + 1e-9);
    }
  }
}

TEST(FrankWolfe, TheOracleFindsTheLargestPotentialOnTheCircleAndTheSphere) {
  std::mt19937_64 rng(1);
  for (int d : {2, 3}) {
    const PopulationObjective obj(d, InputDistribution::sphere, random_teacher(d, 4, 5));
    const Measure mu = random_signed_measure(d, 6, 9);
    const OracleResult r = maximize_abs_potential(obj, mu, OracleOptions{}, rng);
    // A much finer scan (angles on S¹, random points on S²) finds nothing larger.
    const int N = 400000;
    Eigen::MatrixXd P(d, N);
    std::normal_distribution<double> g(0.0, 1.0);
    for (int i = 0; i < N; ++i) {
      if (d == 2) P.col(i) << std::cos(2 * std::numbers::pi * i / N), std::sin(2 * std::numbers::pi * i / N);
      else {
        P.col(i) << g(rng), g(rng), g(rng);
        P.col(i).normalize();
      }
    }
    Eigen::VectorXd V;
    obj.potential(mu, P, V, nullptr);
    EXPECT_GE(std::abs(r.value), V.cwiseAbs().maxCoeff() - 1e-12) << "d = " << d;
    EXPECT_NEAR(r.u.norm(), 1.0, 1e-14);
  }
}

TEST(FrankWolfe, SlidingFrankWolfeEndsCertifiedAtAStationaryPointOfDeconvolution) {
  // Two well-separated spikes, λ = 0.05: the end meets V(θ_j) = −λ sign w_j, V'(θ_j) = 0 at its
  // atoms and |V| ≤ λ everywhere (the certificate), and F never increased.
  const Measure spikes{(Eigen::MatrixXd(2, 2) << std::cos(1.0), std::cos(4.0), std::sin(1.0), std::sin(4.0)).finished(),
                       (Eigen::VectorXd(2) << 0.6, -0.4).finished()};
  const DeconvolutionObjective obj(4, spikes);
  for (MeasureMethod method : {MeasureMethod::frank_wolfe, MeasureMethod::sliding_frank_wolfe}) {
    MeasureAlgorithmOptions o;
    o.method = method;
    o.smoothness = obj.smoothness();
    o.tv = 0.05;
    MeasureAlgorithm alg(obj, o, Measure{Eigen::MatrixXd(2, 0), Eigen::VectorXd(0)});
    double F = alg.penalized_objective();
    for (int k = 0; k < 40 && !alg.certified(); ++k) {
      alg.step();
      EXPECT_LE(alg.penalized_objective(), F + 1e-15);
      F = alg.penalized_objective();
    }
    if (method == MeasureMethod::frank_wolfe) continue;  // without sliding it needs many more atoms
    ASSERT_TRUE(alg.certified());
    EXPECT_LE(alg.atoms(), 4);
    Eigen::VectorXd V;
    Eigen::MatrixXd G;
    obj.potential(alg.measure(), alg.measure().directions, V, &G);
    for (int j = 0; j < alg.atoms(); ++j) {
      EXPECT_NEAR(V[j], -o.tv * (alg.measure().weights[j] > 0 ? 1.0 : -1.0), 1e-9);
      EXPECT_LE(G.col(j).norm(), 1e-9);
    }
  }
}

TEST(AtomMerging, MergesCloseSameSignAtomsAtTheMassWeightedMean) {
  ConicParticles p;
  p.theta.resize(3, 4);
  const double a = 0.05;
  p.theta.col(0) << 1, 0, 0;
  p.theta.col(1) << std::cos(a), std::sin(a), 0;  // 0.05 from atom 0, same sign: merged
  p.theta.col(2) << std::cos(a), -std::sin(a), 0;  // 0.05 from atom 0, opposite sign: kept
  p.theta.col(3) << 0, 0, 1;
  p.mass = Eigen::Vector4d(1.0, 3.0, 2.0, 1.0);
  p.sign = Eigen::Vector4d(1, 1, -1, 1);
  EXPECT_EQ(merge_close_atoms(p, 0.1), 1);
  ASSERT_EQ(p.size(), 3);
  const Eigen::Vector3d mean = (1.0 * Eigen::Vector3d(1, 0, 0) + 3.0 * Eigen::Vector3d(std::cos(a), std::sin(a), 0)).normalized();
  EXPECT_LT((p.theta.col(0) - mean).norm(), 1e-15);
  EXPECT_DOUBLE_EQ(p.mass[0], 4.0);
  EXPECT_EQ(p.sign[1], -1.0);
  EXPECT_DOUBLE_EQ(p.mass[1], 2.0);
  // Nothing closer than 0.04 is left: a second call merges nothing.
  EXPECT_EQ(merge_close_atoms(p, 0.04), 0);
}

TEST(AtomMerging, AChainMergesUntilNoPairIsClose) {
  ConicParticles p;
  const int m = 6;
  p.theta.resize(2, m);
  for (int j = 0; j < m; ++j) p.theta.col(j) << std::cos(0.03 * j), std::sin(0.03 * j);  // spacing 0.03
  p.mass = Eigen::VectorXd::Ones(m);
  p.sign = Eigen::VectorXd::Ones(m);
  const int merges = merge_close_atoms(p, 0.05);
  EXPECT_EQ(merges, m - p.size());
  for (int i = 0; i < p.size(); ++i)
    for (int j = i + 1; j < p.size(); ++j) EXPECT_GE(std::acos(p.theta.col(i).dot(p.theta.col(j))), 0.05);
  EXPECT_DOUBLE_EQ(p.mass.sum(), m);
}

}  // namespace
}  // namespace mf
