// Kernels of the network's limits: the random-features kernel against Monte Carlo over the
// initialization, and the kernel max-margin problem against hand examples and brute force.

#include <gtest/gtest.h>

#include <Eigen/LU>

#include <cmath>
#include <vector>

#include "kernels/kernel_max_margin.hpp"
#include "kernels/random_features_kernel.hpp"
#include "network/network_init.hpp"
#include "objective/cluster_data.hpp"

namespace mf {
namespace {

TEST(RandomFeaturesKernel, IsTheMeanOverTheInitializationsInputWeights) {
  // k(x, x') = E_b̃[σ(b̃·x̃)σ(b̃·x̃')] for each initialization, against the mean over 4·10⁵ neurons
  // it draws, within 4 standard errors.
  const int d = 3, m = 400000;
  Eigen::MatrixXd X(d, 3);
  X << 0.3, -1.0, 0.5,  //
      0.8, 0.2, -0.4,   //
      -0.1, 0.6, 0.9;
  for (NetworkInit init : {NetworkInit::gaussian, NetworkInit::sphere, NetworkInit::cone, NetworkInit::symmetric}) {
    const double s = 1.7;
    const PlainNetwork net = initial_network(init, Activation::relu, true, d, m, s, 5);
    const Eigen::MatrixXd K = relu_random_features_gram(X, X, true, relu_feature_scale(init, s, d + 1));
    const Eigen::MatrixXd Xt = lifted_inputs(X, true);
    const Eigen::MatrixXd features = (net.b.transpose() * Xt).cwiseMax(0.0);  // m × 3
    for (int i = 0; i < 3; ++i)
      for (int j = 0; j < 3; ++j) {
        const Eigen::ArrayXd product = features.col(i).array() * features.col(j).array();
        const double mean = product.mean();
        const double se = std::sqrt((product - mean).square().sum() / (m - 1.0) / m);
        EXPECT_NEAR(K(i, j), mean, 4.0 * se) << to_string(init) << " (" << i << ", " << j << ")";
      }
  }
}

TEST(RandomFeaturesKernel, OfANetworkIsTheMeanOverItsNeurons) {
  const PlainNetwork net = initial_network(NetworkInit::gaussian, Activation::tanh, true, 2, 7, 1.3, 2);
  Eigen::MatrixXd X(2, 3), Z(2, 2);
  X << 0.1, -0.7, 0.4, 0.5, 0.2, -0.9;
  Z << 1.0, -0.3, 0.0, 0.6;
  const Eigen::MatrixXd K = random_features_gram(net, X, Z);
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 2; ++j) {
      double sum = 0.0;
      for (int n = 0; n < 7; ++n)
        sum += std::tanh(net.b(0, n) * X(0, i) + net.b(1, n) * X(1, i) + net.b(2, n)) *
               std::tanh(net.b(0, n) * Z(0, j) + net.b(1, n) * Z(1, j) + net.b(2, n));
      EXPECT_NEAR(K(i, j), sum / 7, 1e-15);
    }
}

TEST(KernelMaxMargin, HandExamples) {
  // Linear kernel, two points of one class at (1, 0) and (0, 1): the hull's least point is
  // (½, ½), so γ* = 1/√2 and both points are support.
  Eigen::MatrixXd X(2, 2);
  X << 1.0, 0.0, 0.0, 1.0;
  const Eigen::Vector2d y(1.0, 1.0);
  const KernelMaxMargin r = kernel_max_margin(X.transpose() * X, y);
  EXPECT_NEAR(r.margin, 1.0 / std::sqrt(2.0), 1e-8);
  EXPECT_NEAR(r.lambda[0], 0.5, 1e-6);
  EXPECT_EQ(r.support, 2);
  // The classifier f* = w*/γ*, w* = (½, ½), has y f*(x_i) = γ* at both points.
  const Eigen::VectorXd f = r.predict(y, X.transpose() * X);
  EXPECT_NEAR(f[0], r.margin, 1e-8);
  // One point at (2, 0) labelled +1 and (−1, 0) labelled −1: the hull of y x is {(2,0), (1,0)},
  // γ* = 1, only the second is support.
  Eigen::MatrixXd Z(2, 2);
  Z << 2.0, -1.0, 0.0, 0.0;
  const KernelMaxMargin q = kernel_max_margin(Z.transpose() * Z, Eigen::Vector2d(1.0, -1.0));
  EXPECT_NEAR(q.margin, 1.0, 1e-8);
  EXPECT_NEAR(q.lambda[1], 1.0, 1e-8);
  // The same input with both labels cannot be separated.
  EXPECT_THROW(kernel_max_margin(Eigen::Matrix2d::Constant(2.0), Eigen::Vector2d(1.0, -1.0)), std::invalid_argument);
}

TEST(KernelMaxMargin, EqualsBruteForceOverSupportSetsOnSmallProblems) {
  // Every nonempty support set S: the least λᵀQλ on the simplex face of S is at
  // λ_S ∝ Q_SS⁻¹ 1; among the nonnegative ones the smallest is the optimum.
  for (unsigned seed : {1u, 2u, 3u}) {
    const int n = 9;
    const DataSet data = cluster_data(2, 2, n, seed, seed + 10, IndexRange{0, n});
    if ((data.y.array() > 0).all() || (data.y.array() < 0).all()) continue;
    const Eigen::MatrixXd K = relu_random_features_gram(data.X, data.X, true, 1.0);
    const Eigen::MatrixXd Q = data.y.asDiagonal() * K * data.y.asDiagonal();
    double best = HUGE_VAL;
    for (unsigned mask = 1; mask < (1u << n); ++mask) {
      std::vector<int> S;
      for (int i = 0; i < n; ++i)
        if (mask & (1u << i)) S.push_back(i);
      const int s = static_cast<int>(S.size());
      Eigen::MatrixXd QS(s, s);
      for (int a = 0; a < s; ++a)
        for (int b = 0; b < s; ++b) QS(a, b) = Q(S[a], S[b]);
      const Eigen::FullPivLU<Eigen::MatrixXd> lu(QS);
      if (!lu.isInvertible()) continue;
      const Eigen::VectorXd u = lu.solve(Eigen::VectorXd::Ones(s));
      if (u.sum() <= 0.0) continue;
      const Eigen::VectorXd lambda = u / u.sum();
      if (lambda.minCoeff() < -1e-12) continue;
      best = std::min(best, lambda.dot(QS * lambda));
    }
    const KernelMaxMargin r = kernel_max_margin(K, data.y);
    // The certified interval holds the brute-force optimum and is narrow.
    EXPECT_LE(r.lower, std::sqrt(best) * (1.0 + 1e-12)) << "seed " << seed;
    EXPECT_GE(r.margin, std::sqrt(best) * (1.0 - 1e-12)) << "seed " << seed;
    EXPECT_LE(r.margin - r.lower, 1e-6 * r.margin) << "seed " << seed;
    EXPECT_NEAR(r.margin, std::sqrt(best), 1e-6 * r.margin) << "seed " << seed;
    // The classifier has ‖f*‖_H = 1 exactly, so its margin min_i y_i f*(x_i) is the lower bound.
    const Eigen::VectorXd f = r.predict(data.y, K);
    EXPECT_NEAR((data.y.array() * f.array()).minCoeff(), r.lower, 1e-12) << "seed " << seed;
  }
}

}  // namespace
}  // namespace mf
