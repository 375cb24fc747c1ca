// The plain network's loss and mean-field gradient: the reference loop against finite
// differences of J_m (the convention m ∂J/∂w), and the fused kernels against the reference on
// the same input, through every tile shape (D = 4, 8, 12, 16, 104, 140; m and n off the tile
// sizes), for every set of kernels this CPU runs (portable, and AVX-512 where it exists).

#include <gtest/gtest.h>

#include <optional>
#include <random>

#include "base/parallel_threshold.hpp"
#include "network/network_gradient.hpp"

namespace mf {
namespace {

PlainNetwork random_network(Activation act, bool bias, int d, int m, unsigned seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<double> g(0.0, 1.0);
  PlainNetwork net;
  net.activation = act;
  net.bias = bias;
  net.a = Eigen::VectorXd::NullaryExpr(m, [&] { return g(rng); });
  net.b = Eigen::MatrixXd::NullaryExpr(d + (bias ? 1 : 0), m, [&] { return g(rng) / std::sqrt(d); });
  return net;
}

DataSet random_data(Loss loss, int d, int n, unsigned seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<double> g(0.0, 1.0);
  DataSet data;
  data.X = Eigen::MatrixXd::NullaryExpr(d, n, [&] { return g(rng); });
  data.y = Eigen::VectorXd::NullaryExpr(n, [&] {
    const double v = g(rng);
    return needs_binary_labels(loss) ? (v > 0 ? 1.0 : -1.0) : v;
  });
  return data;
}

double loss_of(const PlainNetwork& net, const DataSet& data, Loss loss) {
  const Eigen::VectorXd f = net.predict(data.X);
  double J = 0.0;
  for (int l = 0; l < data.size(); ++l) J += loss_value(loss, data.y[l], f[l]);
  return J / data.size();
}

TEST(NetworkGradient, ReferenceIsTheMeanFieldGradientOfTheLoss) {
  for (Activation act : all_activations)  // every activation the program has
    for (Loss loss : {Loss::square, Loss::logistic, Loss::exponential}) {
      const int d = 3, m = 5;
      PlainNetwork net = random_network(act, true, d, m, 3);
      const DataSet data = random_data(loss, d, 40, 4);
      NetworkGradient g;
      network_gradient::reference::compute(net, data, loss, g);
      EXPECT_NEAR(g.loss, loss_of(net, data, loss), 1e-14);
      const double h = 1e-6;
      for (int j = 0; j < m; ++j) {
        PlainNetwork p = net, q = net;
        p.a[j] += h;
        q.a[j] -= h;
        EXPECT_NEAR(g.a[j], m * (loss_of(p, data, loss) - loss_of(q, data, loss)) / (2 * h), 1e-7) << to_string(act);
        for (int k = 0; k <= d; ++k) {
          p = net;
          q = net;
          p.b(k, j) += h;
          q.b(k, j) -= h;
          EXPECT_NEAR(g.b(k, j), m * (loss_of(p, data, loss) - loss_of(q, data, loss)) / (2 * h), 1e-7)
              << to_string(act) << " neuron " << j << " coordinate " << k;
        }
      }
    }
}

// bias_shift moves every other neuron's bias by +shift and the rest by −shift: neurons mostly
// on or mostly off, whose backward sums the AVX-512 kernels take through the complement lists.
void expect_fused_matches_reference(Activation act, Loss loss, bool bias, int d, int m, int n,
                                    double bias_shift = 0.0) {
  PlainNetwork net = random_network(act, bias, d, m, 11);
  if (bias)
    for (int j = 0; j < m; ++j) net.b(d, j) += j % 2 == 0 ? bias_shift : -bias_shift;
  const DataSet data = random_data(loss, d, n, 12);
  NetworkGradient ref;
  network_gradient::reference::compute(net, data, loss, ref);
  PackedBatch batch;
  batch.pack(data, bias);
  for (const bool threaded : {false, true})  // below the size threshold, and the team forced on
  for (const auto kernels : network_gradient::fused::available_kernels()) {
    std::optional<parallel::ForceParallel> force;
    if (threaded) force.emplace();
    NetworkGradient fused;
    network_gradient::fused::compute(net, batch, loss, fused, kernels);
    const std::string what = to_string(act) + " " + to_string(loss) + (bias ? " bias" : "") + " d=" +
                             std::to_string(d) + " m=" + std::to_string(m) + " n=" + std::to_string(n) + " " +
                             network_gradient::fused::to_string(kernels) + " kernels" +
                             (threaded ? " threaded" : " serial");
    EXPECT_NEAR(fused.loss, ref.loss, 1e-13 * std::max(1.0, ref.loss)) << what;
    EXPECT_LE((fused.prediction - ref.prediction).cwiseAbs().maxCoeff(), 1e-13) << what;
    EXPECT_LE((fused.a - ref.a).cwiseAbs().maxCoeff(), 1e-13 * std::max(1.0, ref.a.cwiseAbs().maxCoeff())) << what;
    EXPECT_LE((fused.b - ref.b).cwiseAbs().maxCoeff(), 1e-13 * std::max(1.0, ref.b.cwiseAbs().maxCoeff())) << what;
  }
}

TEST(NetworkGradient, FusedKernelsEqualTheReferenceLoop) {
  expect_fused_matches_reference(Activation::relu, Loss::square, false, 3, 37, 517);    // D = 4
  expect_fused_matches_reference(Activation::relu, Loss::square, true, 7, 40, 250);     // D = 8
  expect_fused_matches_reference(Activation::relu, Loss::logistic, true, 11, 33, 500);  // D = 12
  expect_fused_matches_reference(Activation::relu, Loss::square, true, 13, 9, 13);      // D = 16
  expect_fused_matches_reference(Activation::relu, Loss::square, true, 101, 21, 245);  // D = 104
  expect_fused_matches_reference(Activation::relu, Loss::square, true, 139, 17, 203);  // D = 140: 2 zmm chunks
  expect_fused_matches_reference(Activation::relu, Loss::logistic, false, 3, 12, 2000);  // many point blocks
  expect_fused_matches_reference(Activation::relu, Loss::square, true, 101, 16, 300, 3.0);  // mostly on / off
  for (Activation act : all_activations) {  // every activation the program has, both losses
    expect_fused_matches_reference(act, Loss::square, true, 5, 19, 131);
    expect_fused_matches_reference(act, Loss::logistic, false, 6, 23, 300);
    expect_fused_matches_reference(act, Loss::exponential, true, 4, 15, 77);
  }
  expect_fused_matches_reference(Activation::relu, Loss::square, false, 2, 1, 1);
}

TEST(NetworkGradient, PackedMiniBatchIsTheSelectedPoints) {
  const Loss loss = Loss::square;
  const PlainNetwork net = random_network(Activation::tanh, true, 4, 10, 5);
  const DataSet data = random_data(loss, 4, 100, 6);
  const std::vector<int> pick = {97, 3, 50, 51, 8, 0, 99};
  DataSet sub;
  sub.X.resize(4, static_cast<int>(pick.size()));
  sub.y.resize(static_cast<int>(pick.size()));
  for (int i = 0; i < static_cast<int>(pick.size()); ++i) {
    sub.X.col(i) = data.X.col(pick[i]);
    sub.y[i] = data.y[pick[i]];
  }
  NetworkGradient ref, fused;
  network_gradient::reference::compute(net, sub, loss, ref);
  PackedBatch batch;
  batch.pack(data, true, pick.data(), static_cast<int>(pick.size()));
  network_gradient::fused::compute(net, batch, loss, fused);
  EXPECT_NEAR(fused.loss, ref.loss, 1e-14);
  EXPECT_LE((fused.b - ref.b).cwiseAbs().maxCoeff(), 1e-14);
}

}  // namespace
}  // namespace mf
