// The lazy-training layer (Chizat, Oyallon & Bach 2019): the scaled objective's gradient and the
// tangent kernel against finite differences of the network, the infinite-width tangent kernel
// against Monte Carlo, the linearized model's kernel form against the explicit linear model, its
// exact square-loss flow against a fine integration, and kernel regression against its definition.

#include <gtest/gtest.h>

#include <Eigen/Dense>

#include <cmath>
#include <functional>
#include <random>

#include "compare/error_norms.hpp"
#include "kernels/kernel_regression.hpp"
#include "kernels/linearized_network.hpp"
#include "kernels/random_features_kernel.hpp"
#include "kernels/tangent_kernel.hpp"
#include "network/network_init.hpp"
#include "network/network_scaling.hpp"
#include "network/network_training.hpp"

namespace mf {
namespace {

// The parameters as one vector [a; b̃ column by column] and back.
Eigen::VectorXd parameters(const PlainNetwork& net) { return PlainNetworkFlow::state(net); }
PlainNetwork with_parameters(PlainNetwork net, const Eigen::VectorXd& w) {
  PlainNetworkFlow::set_state(net, w);
  return net;
}

// The Jacobian of h (no α) on the columns of X by central differences, n × P.
Eigen::MatrixXd jacobian_by_differences(const PlainNetwork& net, const NetworkScaling& scaling,
                                        const Eigen::MatrixXd& X, int parameters_used) {
  const Eigen::VectorXd w = parameters(net);
  NetworkScaling plain_alpha = scaling;
  plain_alpha.alpha = 1.0;
  Eigen::MatrixXd J(X.cols(), parameters_used);
  const double e = 1e-6;
  for (int p = 0; p < parameters_used; ++p) {
    Eigen::VectorXd up = w, down = w;
    up[p] += e;
    down[p] -= e;
    J.col(p) = (scaled_network(with_parameters(net, up), plain_alpha).predict(X) -
                scaled_network(with_parameters(net, down), plain_alpha).predict(X)) /
               (2 * e);
  }
  return J;
}

Eigen::MatrixXd random_inputs(int d, int n, unsigned seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> normal;
  Eigen::MatrixXd X(d, n);
  for (int j = 0; j < n; ++j)
    for (int k = 0; k < d; ++k) X(k, j) = normal(rng);
  return X;
}

TEST(TangentKernel, IsTheGramMatrixOfTheNetworksGradients) {
  const int d = 3, m = 7;
  const Eigen::MatrixXd X = random_inputs(d, 5, 3), Z = random_inputs(d, 4, 4);
  Eigen::MatrixXd XZ(d, 9);
  XZ << X, Z;
  for (Activation act : {Activation::relu, Activation::sigmoid, Activation::tanh})
    for (OutputNormalization norm : {OutputNormalization::mean_field, OutputNormalization::tangent})
      for (TrainedLayers layers : {TrainedLayers::both, TrainedLayers::output}) {
        const PlainNetwork net = initial_network(NetworkInit::gaussian, act, true, d, m, 1.3, 11);
        const NetworkScaling scaling{norm, 7.0};  // α does not enter K
        const int used = layers == TrainedLayers::both ? m * (d + 2) : m;
        const Eigen::MatrixXd J = jacobian_by_differences(net, scaling, XZ, used);
        const Eigen::MatrixXd expected = J.topRows(5) * J.bottomRows(4).transpose();
        const Eigen::MatrixXd K = tangent_kernel_gram(net, scaling, layers, X, Z);
        EXPECT_LE((K - expected).norm(), 1e-7 * expected.norm())
            << to_string(act) << ", " << to_string(norm) << ", " << to_string(layers);
      }
}

TEST(TangentKernel, InfiniteWidthClosedFormIsTheMeanOverTheInitialization) {
  // (1/m) Σ_j [σσ + a_j² σ'σ' x̃·x̃'] over 4·10⁵ drawn neurons against K∞, within 4 standard
  // errors, for each initialization with a distribution.
  const int d = 3, m = 400000;
  const Eigen::MatrixXd X = random_inputs(d, 3, 8);
  const Eigen::MatrixXd Xt = lifted_inputs(X, true);
  for (NetworkInit init : {NetworkInit::gaussian, NetworkInit::sphere, NetworkInit::cone, NetworkInit::symmetric}) {
    const double s = 0.8;
    const PlainNetwork net = initial_network(init, Activation::relu, true, d, m, s, 9);
    const Eigen::MatrixXd K = relu_tangent_kernel_gram(X, X, true, relu_feature_scale(init, s, d + 1),
                                                       output_weight_second_moment(init, s, d + 1));
    const Eigen::MatrixXd z = net.b.transpose() * Xt;  // m × 3
    for (int i = 0; i < 3; ++i)
      for (int k = 0; k < 3; ++k) {
        const Eigen::ArrayXd term =
            z.col(i).array().max(0.0) * z.col(k).array().max(0.0) +
            net.a.array().square() * (z.col(i).array() > 0.0).cast<double>() * (z.col(k).array() > 0.0).cast<double>() *
                Xt.col(i).dot(Xt.col(k));
        const double mean = term.mean();
        const double se = std::sqrt((term - mean).square().sum() / (m - 1.0) / m);
        EXPECT_NEAR(K(i, k), mean, 4.0 * se) << to_string(init) << " (" << i << ", " << k << ")";
      }
  }
}

TEST(NetworkScaling, GradientIsMTimesTheGradientOfTheScaledObjective) {
  // m ∇_w F_α, F_α(w) = R(α h(w))/α², against central differences of F_α, for both
  // normalizations and both losses.
  const int d = 3, m = 6, n = 20;
  DataSet data;
  data.X = random_inputs(d, n, 21);
  data.y.resize(n);
  for (int l = 0; l < n; ++l) data.y[l] = l % 2 == 0 ? 1.0 : -1.0;
  for (Loss loss : {Loss::square, Loss::logistic})
    for (OutputNormalization norm : {OutputNormalization::mean_field, OutputNormalization::tangent})
      for (double alpha : {1.0, 10.0}) {
        const NetworkScaling scaling{norm, alpha};
        const PlainNetwork net = initial_network(NetworkInit::gaussian, Activation::tanh, true, d, m, 0.7, 5);
        PackedBatch batch;
        batch.pack(data, true);
        NetworkGradient g;
        scaled_gradient(nullptr, scaling)(net, batch, loss, g);
        const auto F = [&](const Eigen::VectorXd& w) {
          const Eigen::VectorXd p = scaled_network(with_parameters(net, w), scaling).predict(data.X);
          double sum = 0.0;
          for (int l = 0; l < n; ++l) sum += loss_value(loss, data.y[l], p[l]);
          return sum / n / (alpha * alpha);
        };
        const Eigen::VectorXd w = parameters(net);
        Eigen::VectorXd expected(w.size());
        for (Eigen::Index p = 0; p < w.size(); ++p) {
          Eigen::VectorXd up = w, down = w;
          const double e = 1e-6 * std::max(1.0, std::abs(w[p]));
          up[p] += e;
          down[p] -= e;
          expected[p] = m * (F(up) - F(down)) / (2 * e);
        }
        Eigen::VectorXd got(w.size());
        got << g.a, Eigen::Map<const Eigen::VectorXd>(g.b.data(), g.b.size());
        EXPECT_LE((got - expected).norm(), 1e-6 * expected.norm())
            << to_string(loss) << ", " << to_string(norm) << ", α = " << alpha;
        // The loss and the prediction are R(α h) and α h.
        EXPECT_NEAR(g.loss, F(w) * alpha * alpha, 1e-12 * std::abs(g.loss));
      }
}

DataSet regression_data(int d, int n, unsigned seed) {
  DataSet data;
  data.X = random_inputs(d, n, seed);
  data.y = (data.X.row(0).array() * data.X.row(1).array()).matrix().transpose();
  return data;
}

TEST(LinearizedNetwork, KernelFormGradientDescentIsGradientDescentOnTheLinearModel) {
  // The explicit linear model: h̄(w) = h₀ + J (w − w₀) with J by central differences; GD on
  // R(α h̄)/α² in mean-field time, against the kernel form's weights and predictions.
  const int d = 2, m = 5, n = 12;
  const DataSet data = regression_data(d, n, 31);
  for (TrainedLayers layers : {TrainedLayers::both, TrainedLayers::output}) {
    const NetworkScaling scaling{OutputNormalization::tangent, 3.0};
    const PlainNetwork w0 = initial_network(NetworkInit::gaussian, Activation::relu, true, d, m, 1.0, 2);
    LinearizedNetwork lin(w0, scaling, layers, data, Loss::square);
    const int used = layers == TrainedLayers::both ? m * (d + 2) : m;
    const Eigen::MatrixXd J = jacobian_by_differences(w0, scaling, data.X, used);
    const Eigen::VectorXd h0 = scaled_network(w0, NetworkScaling{scaling.normalization, 1.0}).predict(data.X);
    Eigen::VectorXd delta = Eigen::VectorXd::Zero(used);
    const double eta = 0.02;
    for (int k = 0; k < 30; ++k) {
      const Eigen::VectorXd u = scaling.alpha * (h0 + J * delta);
      delta -= eta * m * (J.transpose() * (u - data.y)) / (scaling.alpha * n);
      lin.gd_step(eta);
    }
    const Eigen::VectorXd u = scaling.alpha * (h0 + J * delta);
    EXPECT_LE((lin.prediction() - u).norm(), 1e-7 * u.norm()) << to_string(layers);
    Eigen::VectorXd w = parameters(w0);
    w.head(used) += delta;
    EXPECT_LE((parameters(lin.weights()) - w).norm(), 1e-7 * w.norm()) << to_string(layers);
    EXPECT_NEAR(lin.distance(), delta.norm(), 1e-7 * delta.norm());
    // The definition at those weights gives the same predictor on the training inputs.
    EXPECT_LE((linearized_predict(w0, lin.weights(), scaling, data.X) - u).norm(), 1e-7 * u.norm());
  }
}

TEST(LinearizedNetwork, SquareLossFlowIsExact) {
  // The closed form at t = 1.5 against RK4 on the right-hand side with 3000 steps.
  const int d = 3, m = 8, n = 15;
  const DataSet data = regression_data(d, n, 41);
  const PlainNetwork w0 = initial_network(NetworkInit::gaussian, Activation::relu, true, d, m, 1.0, 3);
  LinearizedNetwork lin(w0, NetworkScaling{OutputNormalization::mean_field, 2.0}, TrainedLayers::both, data,
                        Loss::square);
  const double T = 1.5;
  const int steps = 3000;
  const double h = T / steps;
  Eigen::VectorXd c = Eigen::VectorXd::Zero(n), k1, k2, k3, k4;
  for (int s = 0; s < steps; ++s) {
    lin.rhs(c, k1);
    lin.rhs(c + 0.5 * h * k1, k2);
    lin.rhs(c + 0.5 * h * k2, k3);
    lin.rhs(c + h * k3, k4);
    c += h / 6 * (k1 + 2 * k2 + 2 * k3 + k4);
  }
  const Eigen::VectorXd exact = lin.square_loss_flow(T);
  EXPECT_LE((exact - c).norm(), 1e-10 * c.norm());
  EXPECT_EQ(lin.square_loss_flow(0.0).norm(), 0.0);
}

TEST(KernelRegression, RidgeSolvesItsNormalEquationsAndRidgelessInterpolates) {
  const int n = 10;
  const Eigen::MatrixXd X = random_inputs(3, n, 51), Z = random_inputs(3, 4, 52);
  const Eigen::MatrixXd K = relu_tangent_kernel_gram(X, X, true, 0.5, 1.0);
  const Eigen::VectorXd y = Eigen::VectorXd::LinSpaced(n, -1.0, 2.0);
  const double lambda = 0.03;
  const KernelRegression ridge = kernel_regression(K, y, lambda);
  EXPECT_LE(((K + n * lambda * Eigen::MatrixXd::Identity(n, n)) * ridge.coefficients - y).norm(), 1e-10 * y.norm());
  const KernelRegression ridgeless = kernel_regression(K, y, 0.0);
  EXPECT_EQ(ridgeless.rank, n);
  EXPECT_LE((ridgeless.predict(K) - y).norm(), 1e-8 * y.norm());
  EXPECT_THROW(kernel_regression(K, y, -1.0), std::invalid_argument);
  EXPECT_THROW(kernel_regression(K, y.head(3), 0.0), std::invalid_argument);
  (void)Z;
}

TEST(LinearizedNetwork, LongSquareLossFlowFromASymmetricStartIsRidgelessTangentKernelRegression) {
  // h₀ = 0 (symmetric initialization): the flow converges to the minimum-norm interpolant of the
  // tangent kernel, on the test inputs too.
  const int d = 2, m = 40, n = 12;
  const DataSet data = regression_data(d, n, 61);
  const Eigen::MatrixXd Z = random_inputs(d, 6, 62);
  const NetworkScaling scaling{OutputNormalization::tangent, 1.0};
  const PlainNetwork w0 = initial_network(NetworkInit::symmetric, Activation::relu, true, d, m, 1.0, 4);
  LinearizedNetwork lin(w0, scaling, TrainedLayers::both, data, Loss::square);
  lin.set_coefficients(lin.square_loss_flow(1e9));
  const Eigen::VectorXd lazy = linearized_predict(w0, lin.weights(), scaling, Z);
  const KernelRegression r = kernel_regression(lin.gram(), data.y, 0.0);
  const Eigen::VectorXd expected = scaling.alpha * r.predict(tangent_kernel_gram(w0, scaling, TrainedLayers::both, data.X, Z));
  EXPECT_LE((lazy - expected).norm(), 1e-6 * expected.norm());
  EXPECT_LE((lin.prediction() - data.y).norm(), 1e-6 * data.y.norm());
}

}  // namespace
}  // namespace mf

namespace mf {
namespace {

TEST(LinearizedNetwork, AMirroredDisplacementOfASymmetricStartLeavesAThirdOrderRemainder) {
  // h(w₀ + sΔ) − h̄(w₀ + sΔ) is O(s²) for a generic Δ, but from a symmetric w₀ (neuron j + m/2 is
  // (−a_j, b̃_j)) along a mirrored Δ (Δa equal, Δb̃ opposite within a pair, which is how gradient
  // steps from that start move, tested in test_plain_network.cpp) every second-order term cancels
  // within a pair — Δa Δb̃ σ' and a σ'' (Δb̃·x̃)² — and the remainder is O(s³). This is why the
  // linearization gap of the symmetric runs falls like 1/α², inside the theorem's O(1/α).
  const int d = 3, m = 8, n = 20;
  const DataSet data = regression_data(d, n, 5);
  const NetworkScaling scaling{OutputNormalization::tangent, 1.0};
  const PlainNetwork w0 = initial_network(NetworkInit::symmetric, Activation::tanh, true, d, m, 1.0, 4);
  std::mt19937_64 rng(9);
  std::normal_distribution<double> normal;
  PlainNetwork generic = w0, mirrored = w0;
  for (int j = 0; j < m; ++j) {
    generic.a[j] = normal(rng);
    for (int r = 0; r < d + 1; ++r) generic.b(r, j) = normal(rng);
  }
  mirrored.a.head(m / 2) = generic.a.head(m / 2);
  mirrored.a.tail(m / 2) = generic.a.head(m / 2);
  mirrored.b.leftCols(m / 2) = generic.b.leftCols(m / 2);
  mirrored.b.rightCols(m / 2) = -generic.b.leftCols(m / 2);
  const auto remainder = [&](const PlainNetwork& direction, double s) {
    PlainNetwork w = w0;
    w.a += s * direction.a;
    w.b += s * direction.b;
    return (scaled_network(w, scaling).predict(data.X) - linearized_predict(w0, w, scaling, data.X)).norm();
  };
  EXPECT_NEAR(remainder(generic, 1e-2) / remainder(generic, 1e-3), 100.0, 3.0);
  EXPECT_NEAR(remainder(mirrored, 1e-2) / remainder(mirrored, 1e-3), 1000.0, 30.0);
}

}  // namespace
}  // namespace mf

namespace mf {
namespace {

TEST(RandomFeatures, WideOutputLayerRegressionTendsToTheInfiniteWidthKernelsRegression) {
  // Training only the output layer of m random ReLU features is linear in a, so its square-loss
  // flow from a symmetric start ends at the ridgeless regression with its tangent kernel, the
  // features' kernel (tested above for the flow). As m grows that predictor tends to the
  // ridgeless regression with the closed-form random-features kernel c ‖x̃‖‖x̃'‖ κ₁ (at the
  // Monte Carlo rate m^{−1/2}), on inputs the training never saw.
  const int d = 2, n = 12;
  const DataSet data = regression_data(d, n, 41);
  const Eigen::MatrixXd Z = random_inputs(d, 50, 42);
  const double c = relu_feature_scale(NetworkInit::symmetric, 1.0, d + 1);
  const Eigen::VectorXd f_limit =
      kernel_regression(relu_tangent_kernel_gram(data.X, data.X, true, c, 0.0), data.y, 0.0)
          .predict(relu_tangent_kernel_gram(data.X, Z, true, c, 0.0));
  std::vector<double> widths, error;  // the mean over 3 draws of the features at each width
  for (int m : {100, 1000, 10000, 100000}) {
    double sum = 0.0;
    for (unsigned seed : {43u, 44u, 45u}) {
      const PlainNetwork net = initial_network(NetworkInit::symmetric, Activation::relu, true, d, m, 1.0, seed);
      const NetworkScaling plain;
      const KernelRegression kr =
          kernel_regression(tangent_kernel_gram(net, plain, TrainedLayers::output, data.X, data.X), data.y, 0.0);
      const Eigen::VectorXd f_m = kr.predict(tangent_kernel_gram(net, plain, TrainedLayers::output, data.X, Z));
      sum += (f_m - f_limit).norm() / f_limit.norm();
    }
    widths.push_back(m);
    error.push_back(sum / 3.0);
  }
  const double slope = fitted_slope(widths, error);  // measured −0.52
  EXPECT_LE(slope, -0.4);
  EXPECT_GE(slope, -0.8);
  EXPECT_LT(error.back(), 0.02) << error.back();
}

}  // namespace
}  // namespace mf
