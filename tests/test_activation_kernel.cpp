// The population kernel of sigmoid, tanh and softplus networks (objective/activation_kernel.hpp)
// against independent computations: a tensor Gauss–Hermite rule (Golub–Welsch nodes, written
// here) where it converges (unit scales), Monte Carlo within 4 standard errors at large scales,
// the rule at half its spacing (its stated 1e-13), central differences for the gradient, and the
// ReLU closed form for the Gaussian reduction itself.

#include <gtest/gtest.h>

#include <Eigen/Eigenvalues>
#include <cmath>
#include <limits>
#include <vector>
#include <numbers>
#include <random>

#include "base/parallel_threshold.hpp"
#include "network/population_risk.hpp"
#include "objective/activation_kernel.hpp"
#include "objective/exp_array.hpp"
#include "objective/relu_kernel.hpp"

namespace mf {
namespace {

/// Gauss–Hermite nodes and weights for E over N(0, 1) (probabilists'): the Jacobi matrix with
/// off-diagonal √k, its eigenvalues the nodes, the first eigenvector components squared the weights.
void hermite_rule(int n, Eigen::VectorXd& x, Eigen::VectorXd& w) {
  Eigen::MatrixXd J = Eigen::MatrixXd::Zero(n, n);
  for (int k = 1; k < n; ++k) J(k, k - 1) = J(k - 1, k) = std::sqrt(static_cast<double>(k));
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(J);
  x = eig.eigenvalues();
  w = eig.eigenvectors().row(0).transpose().array().square();
}

double gauss_hermite_kernel(Activation a, const Eigen::VectorXd& u, const Eigen::VectorXd& v, int n) {
  Eigen::VectorXd x, w;
  hermite_rule(n, x, w);
  const Eigen::Index d = u.size() - 1;
  const double s1 = u.head(d).norm(), s2 = v.head(d).norm(), rho = u.head(d).dot(v.head(d)) / (s1 * s2);
  const double r = std::sqrt(1.0 - rho * rho);
  double k = 0.0;
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j)
      k += w[i] * w[j] * activation_value(a, u[d] + s1 * x[i]) * activation_value(a, v[d] + s2 * (rho * x[i] + r * x[j]));
  return k;
}

Eigen::VectorXd neuron(int d, double scale, double bias, unsigned long seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> g(0.0, 1.0);
  Eigen::VectorXd u(d + 1);
  for (int k = 0; k < d; ++k) u[k] = g(rng);
  u.head(d) *= scale / u.head(d).norm();
  u[d] = bias;
  return u;
}

TEST(ActivationKernel, MatchesAnIndependentGaussHermiteRuleAtUnitScales) {
  for (Activation a : {Activation::sigmoid, Activation::tanh, Activation::softplus}) {
    const ActivationKernel kernel(a);
    for (int trial = 0; trial < 6; ++trial) {
      const double scale = trial < 3 ? 0.7 : 1.2;
      const Eigen::VectorXd u = neuron(5, scale, 0.3 * trial - 0.8, 10 + trial), v = neuron(5, 1.0, 0.5 - 0.2 * trial, 20 + trial);
      const double gh = gauss_hermite_kernel(a, u, v, 160);
      EXPECT_NEAR(kernel.value(u, v), gh, 1e-13 * (1.0 + std::abs(gh))) << to_string(a) << " trial " << trial;
      EXPECT_NEAR(kernel.value(u, v), kernel.value(v, u), 1e-14 * (1.0 + std::abs(gh)));
    }
  }
}

TEST(ActivationKernel, IsWithinFourStandardErrorsOfMonteCarloAtLargeScales) {
  // ‖b‖ up to 10, where Gauss–Hermite with 160 nodes per axis is off by 1e-5 or more.
  const int d = 4, n = 1000000;
  std::mt19937_64 rng(3);
  std::normal_distribution<double> g(0.0, 1.0);
  for (Activation a : {Activation::sigmoid, Activation::tanh}) {
    const ActivationKernel kernel(a);
    const Eigen::VectorXd u = neuron(d, 10.0, 1.5, 1), v = neuron(d, 6.0, -0.7, 2);
    double sum = 0.0, sq = 0.0;
    Eigen::VectorXd x(d);
    for (int l = 0; l < n; ++l) {
      for (int k = 0; k < d; ++k) x[k] = g(rng);
      const double p = activation_value(a, u.head(d).dot(x) + u[d]) * activation_value(a, v.head(d).dot(x) + v[d]);
      sum += p;
      sq += p * p;
    }
    const double mean = sum / n, se = std::sqrt((sq / n - mean * mean) / n);
    EXPECT_NEAR(kernel.value(u, v), mean, 4.0 * se) << to_string(a);
  }
}

TEST(ActivationKernel, HalvingTheSpacingChangesItBelowItsStatedAccuracy) {
  for (Activation a : {Activation::sigmoid, Activation::tanh, Activation::softplus}) {
    const ActivationKernel kernel(a), finer(a, 0.5);
    for (double scale : {0.3, 3.0, 10.0}) {
      const Eigen::VectorXd u = neuron(7, scale, 0.4, 5), v = neuron(7, 0.8 * scale, -1.1, 6);
      const double k = kernel.value(u, v);
      EXPECT_NEAR(k, finer.value(u, v), 1e-13 * (1.0 + std::abs(k))) << to_string(a) << " scale " << scale;
    }
  }
}

TEST(ActivationKernel, TheGradientIsTheKernelsDerivative) {
  for (Activation a : {Activation::sigmoid, Activation::tanh, Activation::softplus}) {
    const ActivationKernel kernel(a);
    const Eigen::VectorXd u = neuron(3, 2.0, 0.6, 7), v = neuron(3, 1.5, -0.4, 8);
    Eigen::VectorXd grad;
    const double k = kernel.value_and_gradient(u, v, grad);
    EXPECT_NEAR(k, kernel.value(u, v), 1e-15);
    for (int i = 0; i < 4; ++i) {
      Eigen::VectorXd up = u, down = u;
      const double h = 1e-5;
      up[i] += h;
      down[i] -= h;
      EXPECT_NEAR(grad[i], (kernel.value(up, v) - kernel.value(down, v)) / (2 * h), 1e-8) << to_string(a) << " " << i;
    }
  }
  EXPECT_THROW(
      {
        Eigen::VectorXd g;
        ActivationKernel(Activation::relu).value_and_gradient(neuron(2, 1.0, 0.0, 1), neuron(2, 1.0, 0.0, 2), g);
      },
      std::invalid_argument);
}

TEST(ActivationKernel, OnePassMomentsEqualTheDefinitionOneExpectationAtATime) {
  // The fused pass (one exponential per node, vector exp) against gaussian_pair_expectation with
  // σ, σ', σ'' composed from activation.hpp: the same nodes, so equal to round-off — at unit and
  // large scales, both role orders (s1 < s2 swaps them), ρ = ±1 and s = 0 (degenerate laws).
  struct Law {
    double m1, s1, m2, s2, rho;
  };
  const Law laws[] = {{0.3, 1.0, -0.5, 0.8, 0.4},  {1.2, 0.4, 0.1, 2.5, -0.7}, {-2.0, 6.0, 3.0, 9.0, 0.95},
                      {0.5, 1.5, -0.2, 1.5, 1.0},  {0.5, 1.5, -0.2, 0.7, -1.0}, {0.7, 0.0, -0.3, 1.1, 0.2},
                      {0.7, 0.0, -0.3, 0.0, 0.0}, {40.0, 0.5, -35.0, 0.2, 0.3}};
  for (Activation a : {Activation::sigmoid, Activation::tanh, Activation::softplus}) {
    const ActivationKernel kernel(a);
    const auto s0 = [a](double z) { return activation_value(a, z); };
    const auto s1 = [a](double z) { return activation_derivative(a, z); };
    const auto s2 = [a](double z) { return activation_second_derivative(a, z); };
    for (const Law& l : laws) {
      const PairMoments p = kernel.moments(l.m1, l.s1, l.m2, l.s2, l.rho);
      const auto E = [&](auto f, auto g) {
        return gaussian_pair_expectation(f, g, l.m1, l.s1, l.m2, l.s2, l.rho, analytic_strip(a));
      };
      const double expected[] = {E(s0, s0), E(s2, s0), E(s0, s2), E(s1, s1), E(s1, s0), E(s0, s1)};
      const double got[] = {p.k, p.e20, p.e02, p.e11, p.e10, p.e01};
      for (int i = 0; i < 6; ++i)
        EXPECT_NEAR(got[i], expected[i], 1e-14 * (1.0 + std::abs(expected[i])))
            << to_string(a) << " moment " << i << " law m1 = " << l.m1 << " s1 = " << l.s1 << " s2 = " << l.s2;
    }
  }
  EXPECT_THROW(ActivationKernel(Activation::relu).moments(0.0, 1.0, 0.0, 1.0, 0.5), std::invalid_argument);
}

TEST(ActivationKernel, BothGradientsOfOnePairAreTheKernelsPartialDerivatives) {
  for (Activation a : {Activation::sigmoid, Activation::tanh, Activation::softplus}) {
    const ActivationKernel kernel(a);
    const Eigen::VectorXd u = neuron(4, 0.8, -0.3, 17), v = neuron(4, 2.2, 0.9, 18);
    Eigen::VectorXd gu(5), gv(5);
    const double k = kernel.value_and_gradients(u, v, gu, gv);
    EXPECT_NEAR(k, kernel.value(v, u), 1e-14);
    for (int i = 0; i < 5; ++i) {
      const double h = 1e-5;
      Eigen::VectorXd up = u, down = u, vp = v, vm = v;
      up[i] += h;
      down[i] -= h;
      vp[i] += h;
      vm[i] -= h;
      EXPECT_NEAR(gu[i], (kernel.value(up, v) - kernel.value(down, v)) / (2 * h), 1e-8) << to_string(a) << " u " << i;
      EXPECT_NEAR(gv[i], (kernel.value(u, vp) - kernel.value(u, vm)) / (2 * h), 1e-8) << to_string(a) << " v " << i;
    }
  }
}

TEST(ActivationKernel, MehlersExpansionGivesTheNestedRulesMomentsToItsStatedAccuracy) {
  // Mehler's route and the nested rule at a quarter of its spacing agree to 1e-13(1 + |m|) on
  // the six moments: scales 0 … 5, biases from −3 to 4, correlations across the range (|ρ| near
  // 1 falls back to the nested rule); so does the nested rule at its own spacing.
  for (Activation a : {Activation::sigmoid, Activation::tanh, Activation::softplus}) {
    const ActivationKernel kernel(a), fine(a, 0.25);
    const double scales[] = {0.0, 0.3, 1.0, 2.5, 5.0};
    const double biases[] = {-3.0, 0.4, 4.0};
    std::vector<NeuronExpansion> neurons;
    for (double sc : scales)
      for (double c : biases) neurons.push_back(kernel.expansion(c, sc));
    int mehler = 0;
    for (std::size_t i = 0; i < neurons.size(); i += 2)
      for (std::size_t j = 1; j < neurons.size(); j += 3)
        for (double rho : {0.0, 0.35, -0.6, 0.85, -0.9, 0.97, 1.0}) {
          const NeuronExpansion &u = neurons[i], &v = neurons[j];
          const PairMoments e = kernel.moments(u, v, rho), d = fine.moments(u.c, u.s, v.c, v.s, rho);
          const double got[] = {e.k, e.e20, e.e02, e.e11, e.e10, e.e01}, want[] = {d.k, d.e20, d.e02, d.e11, d.e10, d.e01};
          for (int k = 0; k < 6; ++k)
            ASSERT_NEAR(got[k], want[k], 1e-13 * (1.0 + std::abs(want[k])))
                << to_string(a) << " moment " << k << ": c = " << u.c << ", s = " << u.s << " against c = " << v.c
                << ", s = " << v.s << ", rho = " << rho;
          const PairMoments n = kernel.moments(u.c, u.s, v.c, v.s, rho);
          const double nested[] = {n.k, n.e20, n.e02, n.e11, n.e10, n.e01};
          for (int k = 0; k < 6; ++k)
            ASSERT_NEAR(nested[k], want[k], 1e-13 * (1.0 + std::abs(want[k]))) << to_string(a) << " nested moment " << k;
          mehler += std::abs(rho) <= 0.85 ? 1 : 0;
        }
    EXPECT_GT(mehler, 100);
  }
}

TEST(ActivationKernel, CorrelationsAHairBelowOneAndLawsOutOfRangeAreHandled) {
  // ρ = 1 − 2^{−53} (a neuron with itself, up to round-off) needs more terms than any int counts:
  // the nested rule takes it. Scales beyond 1e4 and non-finite laws are refused by name.
  const ActivationKernel kernel(Activation::sigmoid);
  const NeuronExpansion u = kernel.expansion(0.3, 1.2);
  const double rho = std::nextafter(1.0, 0.0);
  const PairMoments e = kernel.moments(u, u, rho), d = kernel.moments(0.3, 1.2, 0.3, 1.2, rho);
  EXPECT_EQ(e.k, d.k);
  EXPECT_EQ(e.e20, d.e20);
  EXPECT_THROW(kernel.expansion(0.0, 2e4), std::invalid_argument);
  EXPECT_THROW(kernel.expansion(std::nan(""), 1.0), std::invalid_argument);
  EXPECT_THROW(kernel.moments(0.0, 2e4, 0.0, 1.0, 0.5), std::invalid_argument);
  EXPECT_THROW(kernel.moments(0.0, 1.0, 0.0, 1.0, std::nan("")), std::invalid_argument);
}

TEST(ActivationKernel, AnExpansionsCoefficientsAreHermiteProjectionsWithTheirNorm) {
  // A[0][n] = E[σ(c + sZ) h_n(Z)] against the nested rule's E[σ(S) h_n(T)] with ρ = 1 turned into
  // a one-dimensional sum here: the plain trapezoid rule at a tenth of the spacing, for n ≤ 40.
  const ActivationKernel kernel(Activation::sigmoid);
  const double c = 0.7, s = 1.8;
  const NeuronExpansion e = kernel.expansion(c, s);
  const int n_max = 40, J = 4000;
  std::vector<double> reference(n_max + 1, 0.0);
  double second = 0.0;
  for (int j = -J; j <= J; ++j) {
    const double z = 12.5 * j / J, w = 12.5 / J * std::exp(-0.5 * z * z) / std::sqrt(2.0 * std::numbers::pi);
    const double f = activation_value(Activation::sigmoid, c + s * z);
    double hp = 1.0, hc = z;
    reference[0] += w * f;
    reference[1] += w * f * z;
    for (int n = 1; n < n_max; ++n) {
      const double next = (z * hc - std::sqrt(double(n)) * hp) / std::sqrt(n + 1.0);
      hp = hc;
      hc = next;
      reference[static_cast<std::size_t>(n + 1)] += w * f * next;
    }
    second += w * f * f;
  }
  double parseval = 0.0;
  for (int n = 0; n <= n_max; ++n) {
    EXPECT_NEAR(e.A[0][static_cast<std::size_t>(n)], reference[static_cast<std::size_t>(n)], 1e-14) << "n = " << n;
  }
  for (double x : e.A[0]) parseval += x * x;
  EXPECT_NEAR(e.norm[0], std::sqrt(second), 1e-14);
  EXPECT_NEAR(parseval, second, 1e-13);  // Σ A_n² = E[σ²]: the order-300 expansion holds all of it
}

TEST(ExpArray, EveryPathThisCpuRunsIsWithinFourUlpOfStdExp) {
  std::vector<double> x;
  for (int i = 0; i <= 2000; ++i) x.push_back(-745.0 + 1454.0 * i / 2000.0);  // the whole range of normal results
  for (double v : {0.0, -0.0, 1e-300, -1e-17, 709.7, -708.3}) x.push_back(v);
  for (SimdLevel level : {SimdLevel::baseline, SimdLevel::avx2, SimdLevel::avx512}) {
    if (level > simd_level()) continue;
    for (std::size_t n : {x.size(), std::size_t{3}, std::size_t{7}, std::size_t{13}}) {  // tails of every length
      std::vector<double> y(n, -1.0);
      exp_array(x.data(), y.data(), n, level);
      for (std::size_t i = 0; i < n; ++i) {
        const double e = std::exp(x[i]);
        EXPECT_LE(std::abs(y[i] - e), 4.0 * std::abs(e) * std::numeric_limits<double>::epsilon() + 1e-320)
            << "level " << static_cast<int>(level) << " x = " << x[i];
      }
    }
  }
  std::vector<double> in_place = {0.5, 1.5, -2.0};
  exp_array(in_place.data(), in_place.data(), in_place.size());
  EXPECT_NEAR(in_place[2], std::exp(-2.0), 1e-16);
}

TEST(ActivationKernel, ReducesToTheReluClosedFormAtSecondOrder) {
  // Without biases E[σ(b·x)σ(b'·x)] = ‖b‖‖b'‖κ(ρ); ReLU's kink makes the trapezoid rule second order.
  const Eigen::VectorXd u = neuron(4, 1.3, 0.0, 3), v = neuron(4, 0.9, 0.0, 4);
  const double rho = u.head(4).dot(v.head(4)) / (u.head(4).norm() * v.head(4).norm());
  const double exact = 1.3 * 0.9 * relu_kappa(rho);
  const double coarse = std::abs(ActivationKernel(Activation::relu, 1.0).value(u, v) - exact);
  const double fine = std::abs(ActivationKernel(Activation::relu, 0.5).value(u, v) - exact);
  EXPECT_LE(coarse, 1e-4 * exact);
  EXPECT_GE(coarse / fine, 3.0);  // about 4: second order
}

PlainNetwork sigmoid_network(int d, int m, double scale, unsigned long seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> g(0.0, 1.0);
  PlainNetwork net;
  net.activation = Activation::sigmoid;
  net.bias = true;
  net.a.resize(m);
  net.b.resize(d + 1, m);
  for (int j = 0; j < m; ++j) {
    net.a[j] = 3.0 * g(rng);
    for (int r = 0; r <= d; ++r) net.b(r, j) = scale * g(rng);
  }
  return net;
}

TEST(PopulationRisk, IsHalfTheMeanSquaredDifferenceOverGaussianInputs) {
  const int d = 2;
  const PlainNetwork f = sigmoid_network(d, 7, 2.0, 1), teacher = sigmoid_network(d, 3, 3.0, 2);
  const double R = population_risk(f, teacher, ActivationKernel(Activation::sigmoid));
  const int n = 400000;
  const Eigen::MatrixXd X = [&] {
    std::mt19937_64 rng(9);
    std::normal_distribution<double> g(0.0, 1.0);
    Eigen::MatrixXd x(d, n);
    for (Eigen::Index i = 0; i < x.size(); ++i) x.data()[i] = g(rng);
    return x;
  }();
  const Eigen::ArrayXd e = 0.5 * (f.predict(X) - teacher.predict(X)).array().square();
  const double mean = e.mean(), se = std::sqrt((e - mean).square().mean() / n);
  EXPECT_NEAR(R, mean, 4.0 * se);
  // A network that is the teacher (each neuron twice, the same function) has risk 0.
  PlainNetwork same = teacher;
  same.a.resize(6);
  same.a << teacher.a, teacher.a;
  same.b.resize(d + 1, 6);
  same.b << teacher.b, teacher.b;
  EXPECT_LE(population_risk(same, teacher, ActivationKernel(Activation::sigmoid)), 1e-13);
  EXPECT_THROW(population_risk(f, teacher, ActivationKernel(Activation::tanh)), std::invalid_argument);
}

TEST(PopulationRisk, TheGradientIsTheRisksMeanFieldDerivativeOnOneThreadAndOnTwo) {
  const int d = 3, m = 5;
  PlainNetwork f = sigmoid_network(d, m, 1.5, 4);
  const PlainNetwork teacher = sigmoid_network(d, 3, 2.0, 5);
  const PopulationRisk risk(teacher, ActivationKernel(Activation::sigmoid));
  NetworkGradient g, g2;
  risk.gradient(f, g);
  EXPECT_NEAR(g.loss, risk.value(f), 1e-15);
  {
    const parallel::ForceParallel team;
    risk.gradient(f, g2);
  }
  EXPECT_LE((g2.a - g.a).cwiseAbs().maxCoeff(), 1e-15);
  EXPECT_LE((g2.b - g.b).cwiseAbs().maxCoeff(), 1e-15);
  const double h = 1e-6;
  for (int j = 0; j < m; ++j) {  // m ∂R/∂a_j and m ∂R/∂b̃_j by central differences
    PlainNetwork up = f, down = f;
    up.a[j] += h;
    down.a[j] -= h;
    EXPECT_NEAR(g.a[j], m * (risk.value(up) - risk.value(down)) / (2 * h), 1e-8) << "a " << j;
    for (int r = 0; r <= d; ++r) {
      up = f;
      down = f;
      up.b(r, j) += h;
      down.b(r, j) -= h;
      EXPECT_NEAR(g.b(r, j), m * (risk.value(up) - risk.value(down)) / (2 * h), 1e-8) << "b " << r << ", " << j;
    }
  }
}

TEST(PopulationRisk, TheOptimalOutputLayerZeroesItsGradientAndBeatsItsNeighbours) {
  const int d = 3, m = 6;
  PlainNetwork f = sigmoid_network(d, m, 1.5, 6);
  const PlainNetwork teacher = sigmoid_network(d, 4, 2.0, 7);
  const PopulationRisk risk(teacher, ActivationKernel(Activation::sigmoid));
  double best = 0.0;
  f.a = risk.optimal_output(f, &best);
  NetworkGradient g;
  risk.gradient(f, g);
  EXPECT_NEAR(best, g.loss, 1e-14);  // the same risk, its pairs summed in another order
  EXPECT_LE(g.a.cwiseAbs().maxCoeff(), 1e-10);  // ∂R/∂a = 0 at the minimizer
  std::mt19937_64 rng(1);
  std::normal_distribution<double> n01(0.0, 1.0);
  for (int trial = 0; trial < 5; ++trial) {
    PlainNetwork moved = f;
    for (int j = 0; j < m; ++j) moved.a[j] += 0.1 * n01(rng);
    EXPECT_GT(risk.value(moved), best);
  }
  // The teacher's own input weights: its output weights are optimal, so R = 0.
  PlainNetwork same = teacher;
  same.a = risk.optimal_output(same, &best);
  EXPECT_LE(best, 1e-13);
}

}  // namespace
}  // namespace mf
