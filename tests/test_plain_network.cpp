// Plain networks in R^d: initializations, the CSV formats, mini-batches, the identity between
// the plain ReLU network's flow and the measure code's, and the case file's errors.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

#include "app/data_spec.hpp"
#include "app/plain_network_case.hpp"
#include "figures/csv_columns.hpp"
#include "figures/neuron_paths.hpp"
#include "io/input_error.hpp"
#include "io/number_table.hpp"
#include "network/network_file.hpp"
#include "network/margin.hpp"
#include "network/network_init.hpp"
#include "network/network_training.hpp"
#include "objective/objective.hpp"
#include "particles/two_layer_network.hpp"
#include "test_support.hpp"

namespace mf {
namespace {

TEST(PlainNetwork, InitializationsHaveTheirStatedShapes) {
  const int d = 6, m = 400;
  const Eigen::MatrixXd X = sample_inputs(InputDistribution::gaussian, d, 50, 1);
  const PlainNetwork sym = initial_network(NetworkInit::symmetric, Activation::tanh, true, d, m, 1.0, 2);
  EXPECT_LE(sym.predict(X).cwiseAbs().maxCoeff(), 1e-15);  // f₀ = 0 exactly
  const PlainNetwork cone = initial_network(NetworkInit::cone, Activation::relu, true, d, m, 0.7, 3);
  const PlainNetwork sphere = initial_network(NetworkInit::sphere, Activation::relu, false, d, m, 0.7, 3);
  for (int j = 0; j < m; ++j) {
    EXPECT_NEAR(std::abs(cone.a[j]), 0.7, 1e-15);
    EXPECT_NEAR(cone.b.col(j).norm(), 0.7, 1e-14);
    EXPECT_NEAR(std::hypot(sphere.a[j], sphere.b.col(j).norm()), 0.7, 1e-14);
  }
  EXPECT_EQ(cone.b.rows(), d + 1);
  EXPECT_EQ(sphere.b.rows(), d);
  const PlainNetwork gauss = initial_network(NetworkInit::gaussian, Activation::relu, false, d, m, 2.0, 4);
  EXPECT_NEAR(gauss.a.squaredNorm() / m, 4.0, 0.6);                 // a ~ N(0, s²)
  EXPECT_NEAR(gauss.b.squaredNorm() / m, 4.0, 0.6);                 // ‖b̃‖² ≈ s²
  EXPECT_GT(cone.a.cwiseMax(0.0).count(), m / 4);                    // both signs
  EXPECT_GT((-cone.a).cwiseMax(0.0).count(), m / 4);
  EXPECT_THROW(initial_network(NetworkInit::symmetric, Activation::relu, false, d, 7, 1.0, 1), std::invalid_argument);
}

TEST(PlainNetwork, CsvFilesRoundTripExactly) {
  const TempDir dir;
  const PlainNetwork net = initial_network(NetworkInit::gaussian, Activation::sigmoid, true, 3, 9, 1.3, 5);
  const std::string path = (dir.path / "net.csv").string();
  write_network_csv(net, path);
  const PlainNetwork back = read_network_csv(path, 3, true, Activation::sigmoid);
  EXPECT_EQ(back.a, net.a);
  EXPECT_EQ(back.b, net.b);
  std::ifstream in(path);
  std::string header;
  std::getline(in, header);
  EXPECT_EQ(header, "a,b1,b2,b3,bias");
  try {
    read_network_csv(path, 3, false, Activation::sigmoid);
    ADD_FAILURE() << "a bias column read as no bias";
  } catch (const InputError& e) {  // a bad user file: the program exits 2
    EXPECT_NE(std::string(e.what()).find("net.csv:1: header is 'a,b1,b2,b3,bias'; expected 'a,b1,b2,b3'"),
              std::string::npos)
        << e.what();
  }
}

TEST(PlainNetwork, MiniBatchesVisitEveryPointOncePerEpoch) {
  MiniBatchSampler sampler(103, 10, 7);
  for (int epoch = 0; epoch < 3; ++epoch) {
    std::multiset<int> seen;
    for (int b = 0; b < 11; ++b) {
      const std::vector<int>& batch = sampler.next();
      EXPECT_EQ(static_cast<int>(batch.size()), b < 10 ? 10 : 3);
      seen.insert(batch.begin(), batch.end());
    }
    ASSERT_EQ(seen.size(), 103u);
    for (int l = 0; l < 103; ++l) EXPECT_EQ(seen.count(l), 1u);
  }
}

// The plain network code (fused kernels on a data set) and the measure code (DataObjective's
// potential, behind the conic particles) give the same vector field for a ReLU network
// without bias: one mean-field gradient, two implementations.
TEST(PlainNetwork, ReluFlowWithoutBiasIsTheMeasureCodesNetworkFlow) {
  const int d = 4, m = 30;
  const Measure teacher = random_teacher(d, 3, 2);
  const DataSet data = teacher_data(teacher, Loss::square, InputDistribution::gaussian, 500, 0.1, 3);
  const DataObjective obj(data, Loss::square, teacher);
  const PlainNetwork net = initial_network(NetworkInit::gaussian, Activation::relu, false, d, m, 1.0, 4);
  const PlainNetworkFlow plain(net, data, Loss::square);
  const NetworkGradientFlow measure(obj, m);
  Eigen::VectorXd dp, dm;
  plain.rhs(PlainNetworkFlow::state(net), dp);
  measure.rhs(PlainNetworkFlow::state(net), dm);
  EXPECT_LE((dp - dm).cwiseAbs().maxCoeff(), 1e-13 * dm.cwiseAbs().maxCoeff());
}

TEST(PlainNetwork, GradientDescentDecreasesTheLossAndApproachesTheFlow) {
  const int d = 3, m = 40;
  const DataSet data = teacher_data(random_teacher(d, 2, 1), Loss::square, InputDistribution::gaussian, 300, 0.0, 2);
  const PlainNetwork start = initial_network(NetworkInit::cone, Activation::tanh, true, d, m, 1.0, 3);
  // The flow to T = 1 (dopri5, tight; tanh keeps it smooth), and GD with η and η/2: the
  // distance to the flow falls as O(η).
  const PlainNetworkFlow flow(start, data, Loss::square);
  Eigen::VectorXd x = PlainNetworkFlow::state(start);
  OdeStepper stepper(StepperKind::dopri5, 1e-10, 1e-10);
  double t = 0.0, dt = 1e-3;
  ASSERT_TRUE(stepper.advance([&](const Eigen::VectorXd& y, Eigen::VectorXd& dy, double) { flow.rhs(y, dy); }, x, t,
                              1.0, dt));
  PackedBatch batch;
  batch.pack(data, true);
  double errors[2];
  for (int level = 0; level < 2; ++level) {
    const int steps = 20 << level;
    PlainNetwork net = start;
    NetworkGradient g;
    double previous = 1e300;
    for (int k = 0; k < steps; ++k) {
      gradient_step(net, batch, Loss::square, 1.0 / steps, g);
      EXPECT_LT(g.loss, previous);
      previous = g.loss;
    }
    errors[level] = (PlainNetworkFlow::state(net) - x).cwiseAbs().maxCoeff();
  }
  EXPECT_NEAR(errors[0] / errors[1], 2.0, 0.3) << errors[0] << " " << errors[1];
}

TEST(PlainNetwork, OutputLayerTrainingKeepsTheInputWeightsAndTakesTheSameOutputStep) {
  // Random features: GD and the flow move a exactly as when both layers train, and never b̃.
  const int d = 3, m = 12;
  const DataSet data = teacher_data(random_teacher(d, 2, 1), Loss::logistic, InputDistribution::gaussian, 80, 0.0, 2);
  const PlainNetwork start = initial_network(NetworkInit::gaussian, Activation::relu, true, d, m, 1.0, 3);
  PackedBatch batch;
  batch.pack(data, true);
  PlainNetwork both = start, output = start;
  NetworkGradient g_both, g_output;
  gradient_step(both, batch, Loss::logistic, 0.3, g_both);
  gradient_step(output, batch, Loss::logistic, 0.3, g_output, nullptr, TrainedLayers::output);
  EXPECT_EQ(output.b, start.b);
  EXPECT_EQ(output.a, both.a);
  EXPECT_GT((both.b - start.b).norm(), 1e-3);
  const PlainNetworkFlow flow(start, data, Loss::logistic, 0, nullptr, TrainedLayers::output);
  Eigen::VectorXd dx;
  flow.rhs(PlainNetworkFlow::state(start), dx);
  EXPECT_EQ(dx.head(m), -g_output.a);
  EXPECT_EQ(dx.tail(dx.size() - m).cwiseAbs().maxCoeff(), 0.0);
}

TEST(PlainNetwork, LogObjectiveGradientIsTheMeanFieldGradientOfLogJ) {
  // m ∂(log J_m)/∂w by central differences, for the exponential loss (the soft-min objective).
  const int d = 2, m = 6;
  const DataSet data = teacher_data(random_teacher(d, 2, 7), Loss::exponential, InputDistribution::gaussian, 30, 0.0, 8);
  const PlainNetwork net = initial_network(NetworkInit::gaussian, Activation::relu, true, d, m, 1.0, 9);
  PackedBatch batch;
  batch.pack(data, true);
  NetworkGradient g;
  log_objective_gradient(nullptr)(net, batch, Loss::exponential, g);
  const auto log_J = [&](const PlainNetwork& w) {
    const Eigen::VectorXd f = w.predict(data.X);
    double J = 0.0;
    for (int l = 0; l < data.size(); ++l) J += std::exp(-data.y[l] * f[l]);
    return std::log(J / data.size());
  };
  EXPECT_NEAR(g.loss, std::exp(log_J(net)), 1e-14);  // out.loss stays J_m
  const double h = 1e-6;
  for (int j = 0; j < m; ++j) {
    PlainNetwork p = net, q = net;
    p.a[j] += h;
    q.a[j] -= h;
    EXPECT_NEAR(g.a[j], m * (log_J(p) - log_J(q)) / (2 * h), 1e-7);
    for (int k = 0; k <= d; ++k) {
      p = net;
      q = net;
      p.b(k, j) += h;
      q.b(k, j) -= h;
      EXPECT_NEAR(g.b(k, j), m * (log_J(p) - log_J(q)) / (2 * h), 1e-7);
    }
  }
}

TEST(PlainNetwork, ShiftedLossesAreTheLossesTimesExpShift) {
  // e^{s} ℓ and e^{s} ∂_f ℓ (objective/loss.hpp), for the logistic and exponential losses, on
  // both sides of y f = 0, against e^{s} times the unshifted values where these do not underflow.
  for (const Loss loss : {Loss::logistic, Loss::exponential})
    for (const double y : {-1.0, 1.0})
      for (const double f : {-3.0, -0.2, 0.0, 0.7, 5.0, 40.0})
        for (const double s : {-2.0, 0.5, 30.0}) {
          EXPECT_NEAR(loss_value(loss, y, f, s), std::exp(s) * loss_value(loss, y, f),
                      1e-14 * std::exp(s) * loss_value(loss, y, f)) << to_string(loss) << " y f = " << y * f << " s = " << s;
          EXPECT_NEAR(loss_derivative(loss, y, f, s), std::exp(s) * loss_derivative(loss, y, f),
                      1e-14 * std::exp(s) * std::abs(loss_derivative(loss, y, f))) << to_string(loss) << " s = " << s;
        }
  // Where e^{−y f} underflows (y f = 800) the shifted values are e^{s − y f}: 1 and −y at s = 800.
  EXPECT_EQ(loss_value(Loss::exponential, 1.0, 800.0), 0.0);
  EXPECT_DOUBLE_EQ(loss_value(Loss::exponential, 1.0, 800.0, 800.0), 1.0);
  EXPECT_DOUBLE_EQ(loss_value(Loss::logistic, -1.0, -800.0, 800.0), 1.0);
  EXPECT_DOUBLE_EQ(loss_derivative(Loss::logistic, -1.0, -800.0, 800.0), 1.0);
}

TEST(PlainNetwork, TheCentredLossExponentLeavesTheLogObjectiveGradientAndSurvivesUnderflow) {
  // With PackedBatch::centre_loss_exponent the kernels compute e^{s} J and e^{s} ∇J with s the
  // least y f: ∇J/J equals the uncentred one, uncentre_loss_exponent gives back J and ∇J, and
  // with the output weights scaled until every e^{−y f} underflows (y f ≥ 2000) the gradient of
  // log J is still the softmax-weighted mean of the features, finite.
  const int d = 2, m = 8;
  DataSet data = teacher_data(random_teacher(d, 2, 7), Loss::exponential, InputDistribution::gaussian, 40, 0.0, 8);
  const PlainNetwork net = initial_network(NetworkInit::gaussian, Activation::relu, true, d, m, 1.0, 9);
  {  // keep the points where f ≠ 0, labelled by the sign of f: the network separates them
    const Eigen::VectorXd f = net.predict(data.X);
    std::vector<int> keep;
    for (int l = 0; l < data.size(); ++l)
      if (std::abs(f[l]) > 1e-3) keep.push_back(l);
    ASSERT_GE(keep.size(), 10u);
    DataSet kept;
    kept.X.resize(d, static_cast<Eigen::Index>(keep.size()));
    kept.y.resize(static_cast<Eigen::Index>(keep.size()));
    for (std::size_t i = 0; i < keep.size(); ++i) {
      kept.X.col(static_cast<Eigen::Index>(i)) = data.X.col(keep[i]);
      kept.y[static_cast<Eigen::Index>(i)] = f[keep[i]] > 0.0 ? 1.0 : -1.0;
    }
    data = kept;
  }
  PackedBatch batch;
  batch.pack(data, true);
  NetworkGradient plain, shifted;
  const GradientFunction gradient = log_objective_gradient(nullptr);
  gradient(net, batch, Loss::exponential, plain);
  batch.centre_loss_exponent = true;
  gradient(net, batch, Loss::exponential, shifted);
  const double s0 = (data.y.array() * net.predict(data.X).array()).minCoeff();
  EXPECT_NEAR(shifted.loss_exponent_shift, s0, 1e-14);
  EXPECT_NEAR(shifted.loss, std::exp(s0) * plain.loss, 1e-13 * shifted.loss);
  EXPECT_LE((shifted.a - plain.a).cwiseAbs().maxCoeff(), 1e-13 * plain.a.cwiseAbs().maxCoeff());
  EXPECT_LE((shifted.b - plain.b).cwiseAbs().maxCoeff(), 1e-13 * plain.b.cwiseAbs().maxCoeff());
  NetworkGradient J;
  network_gradient::fused::compute(net, batch, Loss::exponential, J);
  uncentre_loss_exponent(J);
  batch.centre_loss_exponent = false;
  NetworkGradient reference;
  network_gradient::fused::compute(net, batch, Loss::exponential, reference);
  EXPECT_NEAR(J.loss, reference.loss, 1e-14 * reference.loss);
  EXPECT_LE((J.a - reference.a).cwiseAbs().maxCoeff(), 1e-14 * reference.a.cwiseAbs().maxCoeff());
  EXPECT_EQ(J.loss_exponent_shift, 0.0);
  // The logistic loss: s = max(0, least margin), the gradient of log J unchanged.
  for (const bool flip : {false, true}) {
    DataSet mixed = data;
    if (flip) mixed.y[0] = -mixed.y[0];  // a misclassified point: the least margin < 0, s = 0
    PackedBatch p;
    p.pack(mixed, true);
    NetworkGradient u, c;
    gradient(net, p, Loss::logistic, u);
    p.centre_loss_exponent = true;
    gradient(net, p, Loss::logistic, c);
    const double least = (mixed.y.array() * net.predict(mixed.X).array()).minCoeff();
    EXPECT_NEAR(c.loss_exponent_shift, std::max(0.0, least), 1e-14) << "flip " << flip;
    EXPECT_LE((c.a - u.a).cwiseAbs().maxCoeff(), 1e-13 * u.a.cwiseAbs().maxCoeff()) << "flip " << flip;
  }
  // Scaled far: J underflows without the shift; with it, the gradient is Σ_l p_l ℓ-weights.
  PlainNetwork far = net;
  const Eigen::VectorXd z0 = data.y.array() * net.predict(data.X).array();
  ASSERT_GT(z0.minCoeff(), 0.0);
  far.a *= 2000.0 / z0.minCoeff();  // the least y f becomes 2000
  const Eigen::VectorXd f = far.predict(data.X);
  const Eigen::ArrayXd z = data.y.array() * f.array();
  NetworkGradient under;
  network_gradient::fused::compute(far, batch, Loss::exponential, under);
  const double least = z.minCoeff();
  EXPECT_EQ(under.loss, 0.0);  // e^{−y f} < the smallest double everywhere
  batch.centre_loss_exponent = true;
  NetworkGradient g;
  gradient(far, batch, Loss::exponential, g);
  ASSERT_TRUE(g.a.allFinite());
  const Eigen::ArrayXd w = (-(z - least)).exp();
  for (int j = 0; j < m; ++j) {
    double expect = 0.0;  // m ∂_{a_j} log J = −Σ_l p_l y_l σ(b̃_j·x̃_l), p = softmax(−z)
    for (int l = 0; l < data.size(); ++l)
      expect -= w[l] / w.sum() * data.y[l] * std::max(0.0, far.b.col(j).head(d).dot(data.X.col(l)) + far.b(d, j));
    EXPECT_NEAR(g.a[j], expect, 1e-12 * (std::abs(expect) + 1.0)) << "neuron " << j;
  }
  EXPECT_NEAR(g.loss_exponent_shift, least, 1e-12 * least);
  EXPECT_NEAR(g.loss, w.sum() / data.size(), 1e-13);  // e^{s} J
}

TEST(Margins, AreTheDefinitionsOnAHandExample) {
  // z = y f = (2, 1, 3), β = 2: γ = min z / β, γ̃ = −log((1/n) Σ e^{−z}) / β.
  const Eigen::Vector3d y(1.0, -1.0, 1.0), f(2.0, -1.0, 3.0);
  const Margins g = margins(y, f, 2.0);
  EXPECT_DOUBLE_EQ(g.normalized, 0.5);
  EXPECT_NEAR(g.smooth, -std::log((std::exp(-2.0) + std::exp(-1.0) + std::exp(-3.0)) / 3.0) / 2.0, 1e-15);
  // No overflow where e^{−z} would: z = 1000 everywhere gives γ̃ = γ = 1000 / β.
  const Margins far = margins(Eigen::Vector2d(1.0, -1.0), Eigen::Vector2d(1000.0, -1000.0), 1.0);
  EXPECT_DOUBLE_EQ(far.smooth, 1000.0);
}

TEST(Margins, NormalizedMarginIsInvariantUnderRescalingTheTrainedWeights) {
  // Both layers: f is 2-homogeneous in (a, b̃) and so is β; output layer only: f and β are
  // 1-homogeneous in a. The smooth margin is not invariant: γ ≤ γ̃ ≤ γ + log(n)/β, and it
  // tends to γ as the scale grows.
  const int d = 2, m = 30;
  const DataSet data = teacher_data(random_teacher(d, 2, 4), Loss::logistic, InputDistribution::gaussian, 64, 0.0, 5);
  const PlainNetwork net = initial_network(NetworkInit::gaussian, Activation::relu, true, d, m, 1.0, 6);
  for (TrainedLayers layers : {TrainedLayers::both, TrainedLayers::output}) {
    const Margins g1 = margins(data.y, net.predict(data.X), margin_scale(net, layers));
    double previous_gap = HUGE_VAL;
    for (double c : {0.5, 3.0, 40.0}) {
      PlainNetwork scaled = net;
      scaled.a *= c;
      if (layers == TrainedLayers::both) scaled.b *= c;
      const double beta = margin_scale(scaled, layers);
      const Margins g = margins(data.y, scaled.predict(data.X), beta);
      EXPECT_NEAR(g.normalized, g1.normalized, 1e-13 * std::abs(g1.normalized)) << to_string(layers) << " c = " << c;
      EXPECT_GE(g.smooth, g.normalized - 1e-15);
      EXPECT_LE(g.smooth, g.normalized + std::log(64.0) / beta + 1e-15);
      EXPECT_LT(g.smooth - g.normalized, previous_gap);
      previous_gap = g.smooth - g.normalized;
    }
  }
}

const char* kCase = R"(
[network]
dimension = 3
width = 10
bias = true
init = "cone"

[data]
type = "teacher"
samples = 50

[teacher]
random = 2

[training]
method = "gd"
step = 0.1

[time]
end = 1.0
outputs = 2
)";

std::string case_error(const std::string& text) {
  const TempDir dir;
  try {
    read_plain_network_case(TomlDocument(dir.write("plain.toml", text)));
    return "";
  } catch (const std::exception& e) {
    return e.what();
  }
}

TEST(PlainNetworkCase, ASigmoidTeacherLabelsTheDataAsItsNetwork) {
  // y = Σ_i a_i σ(b_i·x + c_i), computed here from the definition.
  const std::string text = replace(kCase, "[teacher]\nrandom = 2\n",
                                   "[teacher]\nactivation = \"sigmoid\"\nneurons = [[2.0, 1.0, -0.5, 0.3, 0.4], "
                                   "[-1.5, 0.2, 0.8, -1.0, -0.7]]\n");
  const TempDir dir;
  const PlainNetworkCase c = read_plain_network_case(TomlDocument(dir.write("plain.toml", text)));
  EXPECT_FALSE(make_teacher(c.data, 3).has_value());
  const DataSet data = make_data_set(c.data, c.loss, 3, std::nullopt);
  ASSERT_EQ(data.size(), 50);
  const double rows[2][5] = {{2.0, 1.0, -0.5, 0.3, 0.4}, {-1.5, 0.2, 0.8, -1.0, -0.7}};
  for (int l = 0; l < data.size(); ++l) {
    double y = 0.0;
    for (const auto& r : rows)
      y += r[0] / (1.0 + std::exp(-(r[1] * data.X(0, l) + r[2] * data.X(1, l) + r[3] * data.X(2, l) + r[4])));
    EXPECT_NEAR(data.y[l], y, 1e-14);
  }
  // A row of the wrong length, and the key in a case whose measures need a ReLU teacher, name the key.
  const std::string short_row = case_error(replace(text, ", 0.4], ", "], "));
  EXPECT_NE(short_row.find("key 'teacher.neurons': neuron 1 has 4 numbers; a sigmoid teacher's neuron is [a, b1, …, b3, c]"),
            std::string::npos) << short_row;
  const std::string random = case_error(replace(text, "neurons = [[2.0", "random = 3\nneurons = [[2.0"));
  EXPECT_NE(random.find("key 'teacher.neurons': give exactly one of teacher.neurons"), std::string::npos) << random;
  const std::string grid_error = [&] {
    try {
      const TomlDocument doc(dir.write("grid.toml", "[data]\ntype = \"teacher\"\n[teacher]\nactivation = \"sigmoid\"\n"
                                                    "neurons = [[1.0, 0.5, 0.5, 0.1]]\n"));
      read_data_spec(doc.root().section("data"), doc.root().section("teacher"), Loss::square, 2, DataUse::measures);
      return std::string();
    } catch (const std::exception& e) {
      return std::string(e.what());
    }
  }();
  EXPECT_NE(grid_error.find("key 'teacher.activation': a sigmoid teacher labels the data of plain network cases"),
            std::string::npos) << grid_error;
}

// A sigmoid network on the population risk of a random sigmoid teacher (the quadrature kernel).
const char* kPopulationCase = R"(
[network]
dimension = 3
width = 6
activation = "sigmoid"
bias = true
init = "gaussian"
zero_output = true
seed = 2

[data]
type = "population"
distribution = "gaussian"

[teacher]
activation = "sigmoid"
random = 2
scale = 1.5
seed = 3

[training]
method = "gd"
step = 0.5

[time]
end = 20.0
outputs = 2

[limit]
random_features = true
)";

TEST(PlainNetworkCase, ThePopulationRiskNamesWhatItNeeds) {
  EXPECT_EQ(case_error(kPopulationCase), "");
  const auto error_of = [](const std::string& from, const std::string& to) {
    return case_error(replace(kPopulationCase, from, to));
  };
  EXPECT_NE(error_of("distribution = \"gaussian\"", "distribution = \"sphere\"")
                .find("key 'data.distribution': a plain network's population risk integrates over x ~ N(0, I_d)"),
            std::string::npos);
  EXPECT_NE(error_of("bias = true", "bias = false").find("key 'network.bias'"), std::string::npos);
  EXPECT_NE(error_of("activation = \"sigmoid\"\nbias", "activation = \"tanh\"\nbias")
                .find("key 'network.activation': is \"tanh\" but the teacher's is \"sigmoid\""),
            std::string::npos);
  EXPECT_NE(error_of("method = \"gd\"", "method = \"sgd\"\nbatch = 10").find("key 'training.method'"), std::string::npos);
  EXPECT_NE(error_of("random = 2\n", "random = 2\nneurons = [[1.0, 1.0, 0.0, 0.0, 0.0]]\n")
                .find("give exactly one of teacher.neurons"),
            std::string::npos);
  // random_features is the population's optimum; a data set trains its output layer instead.
  const std::string rf = case_error(replace(kPopulationCase, "type = \"population\"", "type = \"teacher\"\nsamples = 20"));
  EXPECT_NE(rf.find("key 'limit.random_features'"), std::string::npos) << rf;
}

TEST(PlainNetworkCase, ReadsAndNamesWhatIsWrong) {
  EXPECT_EQ(case_error(kCase), "");
  EXPECT_NE(case_error(replace(kCase, "end = 1.0", "end = 1.05")).find("plain.toml:20: key 'time.end': time.end = 1.05 is not a whole number of steps of training.step = 0.1 (10.5 steps"),
            std::string::npos)
      << case_error(replace(kCase, "end = 1.0", "end = 1.05"));
  EXPECT_EQ(case_error(replace(kCase, "width = 10", "width = 11")), "");  // an odd width is fine on the cone
  const std::string sym = case_error(replace(replace(kCase, "width = 10", "width = 11"), "init = \"cone\"", "init = \"symmetric\""));
  EXPECT_NE(sym.find("key 'network.width': a symmetric initialization pairs neurons"), std::string::npos) << sym;
  const std::string act = case_error(replace(kCase, "bias = true", "bias = true\nactivation = \"swish\""));
  EXPECT_NE(act.find("key 'network.activation'"), std::string::npos) << act;
  EXPECT_NE(act.find("relu"), std::string::npos) << act;
  // The population of a ReLU teacher is a case on measures; a plain network's needs a smooth one.
  const std::string pop = case_error(replace(kCase, "type = \"teacher\"\nsamples = 50", "type = \"population\"\ndistribution = \"gaussian\""));
  EXPECT_NE(pop.find("key 'teacher.activation': a plain network's population risk needs a smooth-activation teacher"),
            std::string::npos) << pop;
  const std::string batch =
      case_error(replace(kCase, "method = \"gd\"\nstep = 0.1", "method = \"sgd\"\nstep = 0.1\nbatch = 51"));
  EXPECT_NE(batch.find("key 'training.batch': is 51, more than the 50 samples"), std::string::npos) << batch;
}

}  // namespace
}  // namespace mf

#include <vtkNew.h>
#include <vtkPointData.h>
#include <vtkPolyData.h>
#include <vtkXMLPolyDataReader.h>

#include <fstream>
#include <iterator>
#include <sstream>

#include "app/plain_network_run.hpp"
#include "network/population_risk.hpp"
#include "figures/gnuplot.hpp"
#include "figures/regime_frames.hpp"
#include "io/pvd_reader.hpp"

namespace mf {
namespace {

// The network a run into dir/r wrote at output `frame` (inputs in R^d, a bias input).
PlainNetwork written_network(const TempDir& dir, int frame, int d, Activation activation = Activation::relu) {
  char name[40];
  std::snprintf(name, sizeof name, "network_%06d.csv", frame);
  return read_network_csv((dir.path / "r" / "weights" / name).string(), d, true, activation);
}

// Runs a case text (written to dir/name) into dir/r; fails the test if it does not complete.
void run_case_text(const TempDir& dir, const std::string& name, const std::string& text) {
  RunOptions o;
  o.output_directory = (dir.path / "r").string();
  o.progress = false;
  std::ostringstream out, err;
  ASSERT_EQ(run_plain_network_case(read_plain_network_case(TomlDocument(dir.write(name, text))), o, out, err), 0)
      << err.str();
}

TEST(PlainNetworkRun, ClassifierRunsWriteTheMarginsOfTheirWeights) {
  // Exponential loss, output layer only: the margin columns are the margins of the weights
  // written at the same time, on the data written (recomputed here from the files), and the
  // input weights never move.
  std::string text = kCase;
  text.replace(text.find("init = \"cone\""), 13, "init = \"cone\"\nloss = \"exponential\"");
  text.replace(text.find("step = 0.1"), 10, "step = 0.1\nlayers = \"output\"");
  const TempDir dir;
  run_case_text(dir, "exp.toml", text);
  const Eigen::MatrixXd rows = read_number_table((dir.path / "r" / "diagnostics.csv").string(),
                                                 {"time", "step", "loss", "mass_plus", "mass_minus", "tv_norm",
                                                  "teacher_distance", "gradient_norm", "margin", "smooth_margin",
                                                  "best_margin", "distance_travelled", "kernel_change"},
                                                 "diagnostics");
  ASSERT_EQ(rows.rows(), 3);
  const DataSet data = read_data_csv((dir.path / "r" / "data.csv").string(), 3);
  const PlainNetwork first = written_network(dir, 0, 3);
  // best_margin: the largest margin of any iterate so far — replayed by plain GD steps from the
  // first written network (10 steps of 0.1 to t = 1, outputs at 0.5 and 1).
  {
    PlainNetwork net = first;
    PackedBatch batch;
    batch.pack(data, true);
    NetworkGradient g;
    double best = -HUGE_VAL;
    for (int k = 1; k <= 10; ++k) {
      const double scale = margin_scale(net, TrainedLayers::output);
      gradient_step(net, batch, Loss::exponential, 0.1, g, nullptr, TrainedLayers::output);
      if (scale > 0.0) best = std::max(best, (data.y.array() * g.prediction.array()).minCoeff() / scale);
      if (k % 5 == 0) {
        best = std::max(best, margins(data.y, net.predict(data.X), margin_scale(net, TrainedLayers::output)).normalized);
        EXPECT_NEAR(rows(k / 5, 10), best, 1e-13) << "iteration " << k;
        EXPECT_GE(rows(k / 5, 10), rows(k / 5, 8));
      }
    }
  }
  for (int k = 0; k < 3; ++k) {
    const PlainNetwork net = written_network(dir, k, 3);
    EXPECT_EQ(net.b, first.b);
    const Margins g = margins(data.y, net.predict(data.X), margin_scale(net, TrainedLayers::output));
    EXPECT_NEAR(rows(k, 8), g.normalized, 1e-13) << "row " << k;
    EXPECT_NEAR(rows(k, 9), g.smooth, 1e-13) << "row " << k;
    double J = 0.0;
    for (int l = 0; l < data.size(); ++l) J += std::exp(-data.y[l] * net.predict(data.X.col(l))[0]);
    EXPECT_NEAR(rows(k, 2), J / data.size(), 1e-13) << "row " << k;
  }
  EXPECT_LT(rows(2, 2), rows(0, 2));  // the loss falls
}

TEST(PlainNetworkRun, DecayingStepsAdvanceTimeByEachStepAndOutputAtTheLastIterationBefore) {
  // η_k = η/√k: iteration k ends at t_k = η Σ_{i ≤ k} 1/√i; output times 0.5 and 1 are written
  // at the last iteration with t_k ≤ them, with the weights of a plain loop of those steps.
  std::string text = kCase;
  text.replace(text.find("step = 0.1"), 10, "step = 0.1\nschedule = \"inverse_sqrt\"");
  const TempDir dir;
  run_case_text(dir, "decay.toml", text);
  const Eigen::MatrixXd rows = read_number_table((dir.path / "r" / "diagnostics.csv").string(),
                                                 {"time", "step", "loss", "mass_plus", "mass_minus", "tv_norm",
                                                  "teacher_distance", "gradient_norm", "distance_travelled",
                                                  "kernel_change"},
                                                 "diagnostics");
  ASSERT_EQ(rows.rows(), 3);
  const DataSet data = read_data_csv((dir.path / "r" / "data.csv").string(), 3);
  PlainNetwork net = written_network(dir, 0, 3);
  PackedBatch batch;
  batch.pack(data, true);
  NetworkGradient g;
  double t = 0.0;
  long k = 0;
  for (int row = 1; row <= 2; ++row) {
    const double t_out = 0.5 * row;
    while (t + 0.1 / std::sqrt(static_cast<double>(k + 1)) <= t_out) {
      ++k;
      gradient_step(net, batch, Loss::square, 0.1 / std::sqrt(static_cast<double>(k)), g);
      t += 0.1 / std::sqrt(static_cast<double>(k));
    }
    EXPECT_EQ(rows(row, 1), static_cast<double>(k)) << "row " << row;
    EXPECT_NEAR(rows(row, 0), t, 1e-14) << "row " << row;
    EXPECT_GT(rows(row, 0), t_out - 0.1 / std::sqrt(static_cast<double>(k))) << "row " << row;
  }
  EXPECT_EQ(k, 32);  // 0.1 Σ_{i ≤ 32} 1/√i = 0.9942 ≤ 1 < 0.1 Σ_{i ≤ 33} 1/√i = 1.0116
  const PlainNetwork written = written_network(dir, 2, 3);
  EXPECT_LE((written.a - net.a).cwiseAbs().maxCoeff(), 1e-13);
  EXPECT_LE((written.b - net.b).cwiseAbs().maxCoeff(), 1e-13);
}

TEST(PlainNetworkRun, ClusterDataWithATestSetReportTestLossAndError) {
  // type = "clusters" needs no teacher; the test set is written and its loss and error are
  // those of the written weights on it; it is not the training set.
  const std::string text = R"(
[network]
dimension = 4
width = 20
bias = true
loss = "logistic"

[data]
type = "clusters"
clusters = 3
samples = 60
seed = 5
test_samples = 300

[training]
method = "gd"
step = 0.5

[time]
end = 5.0
outputs = 2
)";
  const TempDir dir;
  run_case_text(dir, "cl.toml", text);
  std::string header;
  const auto rows = read_csv_numbers(dir.path / "r" / "diagnostics.csv", &header);
  EXPECT_EQ(header,
            "time,step,loss,mass_plus,mass_minus,tv_norm,teacher_distance,gradient_norm,margin,smooth_margin,best_margin,"
            "test_loss,"
            "test_error,distance_travelled,kernel_change");
  ASSERT_EQ(rows.size(), 3u);
  const DataSet train = read_data_csv((dir.path / "r" / "data.csv").string(), 4);
  const DataSet test = read_data_csv((dir.path / "r" / "test_data.csv").string(), 4);
  ASSERT_EQ(train.size(), 60);
  ASSERT_EQ(test.size(), 300);
  EXPECT_NE(test.X.leftCols(60), train.X);
  for (int k = 0; k < 3; ++k) {
    const PlainNetwork net = written_network(dir, k, 4);
    const Eigen::VectorXd f = net.predict(test.X);
    double J = 0.0;
    int wrong = 0;
    for (int l = 0; l < test.size(); ++l) {
      J += loss_value(Loss::logistic, test.y[l], f[l]);
      wrong += test.y[l] * f[l] > 0.0 ? 0 : 1;
    }
    EXPECT_NEAR(rows[k][11], J / test.size(), 1e-13) << "row " << k;
    EXPECT_EQ(rows[k][12], wrong / 300.0) << "row " << k;
  }
  // A teacher table is refused: the clusters label the data.
  std::string with_teacher = text + "\n[teacher]\nrandom = 2\n";
  EXPECT_NE(case_error(with_teacher).find("cluster data are labelled by their clusters"), std::string::npos)
      << case_error(with_teacher);
}

TEST(PlainNetworkRun, InputsInThePlaneWriteThePredictorOnAGridAndItsFigure) {
  // dimension = 2: predictor.csv holds f of the last weights on a 121 × 121 grid covering the
  // data (rows separated by blank lines), and predictor.png is drawn from it.
  const std::string text = R"(
[network]
dimension = 2
width = 16
bias = true
loss = "logistic"

[data]
type = "clusters"
clusters = 2
samples = 40
seed = 2

[training]
method = "gd"
step = 0.5

[time]
end = 2.0
outputs = 2
)";
  const TempDir dir;
  run_case_text(dir, "plane.toml", text);
  std::ifstream in(dir.path / "r" / "predictor.csv");
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line, "x1,x2,f");
  Eigen::MatrixXd points(2, 121 * 121);
  Eigen::VectorXd f(121 * 121);
  int k = 0, blank = 0;
  while (std::getline(in, line)) {
    if (line.empty()) {
      ++blank;
      continue;
    }
    ASSERT_LT(k, 121 * 121);
    std::sscanf(line.c_str(), "%lf,%lf,%lf", &points(0, k), &points(1, k), &f[k]);
    ++k;
  }
  EXPECT_EQ(k, 121 * 121);
  EXPECT_EQ(blank, 121);
  const PlainNetwork net = written_network(dir, 2, 2);
  EXPECT_LE((net.predict(points) - f).cwiseAbs().maxCoeff(), 1e-8 * std::max(1.0, f.cwiseAbs().maxCoeff()));
  const DataSet data = read_data_csv((dir.path / "r" / "data.csv").string(), 2);
  EXPECT_LE(points.row(0).minCoeff(), data.X.minCoeff());
  EXPECT_GE(points.row(0).maxCoeff(), data.X.maxCoeff());
  if (gnuplot_available()) {
    EXPECT_TRUE(std::filesystem::exists(dir.path / "r" / "predictor.png"));
  }
}

TEST(PlainNetworkRun, GeometricOutputsWriteAPredictorPerOutputAndSideBySideFrames) {
  // time.first_output = 0.5 with outputs = 3 and end = 4.5: t = 0, 0.5, 1.5, 4.5 (ratio 3; GD
  // with η = 0.5 lands on each); predictor/predictor_00000k.csv at each output is f of that
  // output's weights; draw_regime_frames of two such runs gives one PNG per output and a GIF.
  const std::string text = R"(
[network]
dimension = 2
width = 12
bias = true
loss = "exponential"

[data]
type = "clusters"
clusters = 2
samples = 30
seed = 2

[training]
method = "gd"
step = 0.5

[time]
end = 4.5
outputs = 3
first_output = 0.5

[output]
vtk = false
plot = false
)";
  const TempDir dir;
  run_case_text(dir, "geo.toml", text);
  const auto rows = read_csv_numbers(dir.path / "r" / "diagnostics.csv");
  ASSERT_EQ(rows.size(), 4u);
  const double expected[] = {0.0, 0.5, 1.5, 4.5};
  for (int k = 0; k < 4; ++k) {
    EXPECT_NEAR(rows[static_cast<std::size_t>(k)][0], expected[k], 1e-12) << "output " << k;
    char name[48];
    std::snprintf(name, sizeof name, "predictor/predictor_%06d.csv", k);
    std::vector<std::vector<double>> grid;
    for (auto& row : read_csv_numbers(dir.path / "r" / name))
      if (!row.empty()) grid.push_back(std::move(row));  // blank lines between the grid's rows
    ASSERT_EQ(grid.size(), 121u * 121u) << name;
    const PlainNetwork net = written_network(dir, k, 2);
    for (const std::size_t i : {std::size_t{0}, std::size_t{7000}, grid.size() - 1})
      EXPECT_NEAR(grid[i][2], net.predict(Eigen::Vector2d(grid[i][0], grid[i][1]))[0], 1e-8) << name;
  }
  const auto text_of = [](const std::filesystem::path& p) {
    std::ifstream in(p);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  };
  EXPECT_EQ(text_of(dir.path / "r" / "predictor.csv"), text_of(dir.path / "r" / "predictor" / "predictor_000003.csv"));
  std::string bad = kCase;
  bad.replace(bad.find("outputs = 2"), 11, "outputs = 2\nfirst_output = 1.0");
  EXPECT_NE(case_error(bad).find("first_output"), std::string::npos) << case_error(bad);  // must be < end
  bad = kCase;
  bad.replace(bad.find("outputs = 2"), 11, "output_times = [0.5]\nfirst_output = 0.1");
  EXPECT_NE(case_error(bad).find("first_output"), std::string::npos) << case_error(bad);
  if (!gnuplot_available()) GTEST_SKIP() << "gnuplot is not installed";
  const std::filesystem::path png = dir.path / "frames" / "pair.png";
  EXPECT_EQ(draw_regime_frames({{"one", dir.path / "r"}, {"two", dir.path / "r"}}, png, "pair"), 4);
  for (int k = 0; k < 4; ++k) EXPECT_TRUE(std::filesystem::exists(dir.path / "frames" / ("pair_00" + std::to_string(k) + ".png")));
  EXPECT_TRUE(std::filesystem::exists(dir.path / "frames" / "pair.gif"));
  EXPECT_FALSE(std::filesystem::exists(dir.path / "frames" / "pair_004.png"));
  EXPECT_THROW(draw_regime_frames({{"one", dir.path / "r"}, {"none", dir.path / "nothing"}}, png, "x"), std::runtime_error);
}

TEST(PlainNetworkRun, OnThePopulationRiskGdFollowsTheKernelsGradientAndReportsTheRandomFeaturesOptimum) {
  const TempDir dir;
  run_case_text(dir, "population.toml", kPopulationCase);
  const std::filesystem::path run = dir.path / "r";
  EXPECT_FALSE(std::filesystem::exists(run / "data.csv"));  // no data set
  PlainNetwork teacher = read_network_csv((run / "teacher.csv").string(), 3, true, Activation::sigmoid);
  teacher.a *= static_cast<double>(teacher.width());  // teacher.csv lists a_i of f* = Σ a_i σ(b_i·x + c_i)
  EXPECT_EQ(teacher.width(), 2);
  EXPECT_NEAR(teacher.b.col(0).head(3).norm(), 1.5, 1e-12);  // random neurons of ‖b‖ = teacher.scale
  const PopulationRisk risk(teacher, ActivationKernel(Activation::sigmoid));
  const CsvColumns d((run / "diagnostics.csv").string());
  const std::vector<double> loss = d.column("loss"), distance = d.column("teacher_distance");
  ASSERT_EQ(loss.size(), 3u);
  for (int k = 0; k < 3; ++k) {  // the logged risk is the kernel's risk of the written weights; ‖f − f*‖ = √(2R)
    EXPECT_NEAR(loss[static_cast<std::size_t>(k)], risk.value(written_network(dir, k, 3, Activation::sigmoid)), 1e-14);
    EXPECT_NEAR(distance[static_cast<std::size_t>(k)], std::sqrt(2.0 * loss[static_cast<std::size_t>(k)]), 1e-12);
  }
  EXPECT_LT(loss.back(), 0.7 * loss.front());
  // One GD step by hand from the initial weights: w − η m ∇R.
  PlainNetwork w = written_network(dir, 0, 3, Activation::sigmoid);
  NetworkGradient g;
  risk.gradient(w, g);
  for (int k = 0; k < 20; ++k) {
    w.a -= 0.5 * g.a;
    w.b -= 0.5 * g.b;
    risk.gradient(w, g);
  }
  const PlainNetwork half = written_network(dir, 1, 3, Activation::sigmoid);
  EXPECT_LE((half.a - w.a).cwiseAbs().maxCoeff(), 1e-12);
  EXPECT_LE((half.b - w.b).cwiseAbs().maxCoeff(), 1e-12);
  // The random-features optimum of the initial input weights, as the summary reports it.
  double optimum = 0.0;
  risk.optimal_output(written_network(dir, 0, 3, Activation::sigmoid), &optimum);
  std::ifstream summary(run / "summary.txt");
  const std::string text((std::istreambuf_iterator<char>(summary)), std::istreambuf_iterator<char>());
  const std::size_t at = text.find("random_features_loss: ");
  ASSERT_NE(at, std::string::npos) << text;
  EXPECT_NEAR(std::stod(text.substr(at + 22)), optimum, 1e-9 * optimum);
  EXPECT_EQ(d.column("random_features_loss").front(), d.column("random_features_loss").back());  // a column for sweeps
  EXPECT_NEAR(d.column("random_features_loss").back(), optimum, 1e-12 * optimum);
}

TEST(PlainNetworkRun, OnThePopulationRiskWeightsThatBlowUpStopTheRunWithWhatToChange) {
  const TempDir dir;
  std::string text = replace(kPopulationCase, "step = 0.5", "step = 3000.0");
  text = replace(text, "end = 20.0", "end = 60000.0");
  RunOptions o;
  o.output_directory = (dir.path / "r").string();
  o.progress = false;
  std::ostringstream out, err;
  EXPECT_EQ(run_plain_network_case(read_plain_network_case(TomlDocument(dir.write("blow.toml", text))), o, out, err), 3);
  EXPECT_NE(err.str().find("beyond the population kernel's 100"), std::string::npos) << err.str();
  EXPECT_NE(err.str().find("reduce training.step"), std::string::npos) << err.str();
  EXPECT_GE(CsvColumns((dir.path / "r" / "diagnostics.csv").string()).rows(), 1u);  // what was written stays
}

TEST(PlainNetworkRun, ASigmoidNetworkInOneInputDrawsItsNeuronsPathsWithItsTeacher) {
  std::string text = replace(kCase, "dimension = 3", "dimension = 1");
  text = replace(text, "init = \"cone\"", "init = \"gaussian\"\nactivation = \"sigmoid\"\nzero_output = true");
  text = replace(text, "[teacher]\nrandom = 2\n", "[teacher]\nactivation = \"sigmoid\"\nneurons = [[2.0, 4.0, 1.0], [-1.0, 3.0, -2.0]]\n");
  const TempDir dir;
  run_case_text(dir, "sigmoid.toml", text);
  const std::filesystem::path run = dir.path / "r";
  // teacher.csv lists the neurons as the case gave them (a, b1, bias).
  const CsvColumns teacher((run / "teacher.csv").string());
  EXPECT_EQ(teacher.column("a"), (std::vector<double>{2.0, -1.0}));
  EXPECT_EQ(teacher.column("bias"), (std::vector<double>{1.0, -2.0}));
  ASSERT_TRUE(has_neuron_paths(run));
  const CsvColumns diagnostics((run / "diagnostics.csv").string());
  EXPECT_LT(diagnostics.column("teacher_distance").back(), diagnostics.column("teacher_distance").front());
  if (!gnuplot_available()) GTEST_SKIP() << "gnuplot is not installed";
  EXPECT_TRUE(std::filesystem::exists(run / "neuron_paths.png"));
  // One row per neuron and output (10 neurons, 3 outputs) in the figure's data.
  const CsvColumns paths((run / "neuron_paths.csv").string());
  EXPECT_EQ(paths.rows(), 30u);
}

TEST(PlainNetworkRun, TheImplicitBiasScriptsOutputLayerTrainingReplaysAsAPlainLoop) {
  // zero_output, layers = "output", log_objective, schedule = "inverse_sqrt", norm_scaled_step:
  // a₀ = 0 and a ← a − η/√k · max(1, ‖a‖/√m) · m ∇_a log J_m, b̃ fixed.
  std::string text = kCase;
  text.replace(text.find("init = \"cone\""), 13, "init = \"gaussian\"\nzero_output = true\nloss = \"exponential\"");
  text.replace(text.find("step = 0.1"), 10,
               "step = 0.5\nlayers = \"output\"\nlog_objective = true\nschedule = \"inverse_sqrt\"\nnorm_scaled_step = true");
  text.replace(text.find("end = 1.0"), 9, "end = 6.0");
  const TempDir dir;
  run_case_text(dir, "rf.toml", text);
  const DataSet data = read_data_csv((dir.path / "r" / "data.csv").string(), 3);
  PlainNetwork net = written_network(dir, 0, 3);
  ASSERT_EQ(net.a.cwiseAbs().maxCoeff(), 0.0);
  const Eigen::MatrixXd b0 = net.b;
  PackedBatch batch;
  batch.pack(data, true);
  NetworkGradient g;
  const GradientFunction gradient = log_objective_gradient(nullptr);
  double t = 0.0;
  long k = 0;
  while (t + 0.5 / std::sqrt(static_cast<double>(k + 1)) <= 6.0) {
    ++k;
    const double scaling = std::max(1.0, net.a.norm() / std::sqrt(10.0));
    gradient_step(net, batch, Loss::exponential, 0.5 / std::sqrt(static_cast<double>(k)) * scaling, g, gradient,
                  TrainedLayers::output);
    t += 0.5 / std::sqrt(static_cast<double>(k));
  }
  const PlainNetwork written = written_network(dir, 2, 3);
  EXPECT_EQ(written.b, b0);
  EXPECT_LE((written.a - net.a).cwiseAbs().maxCoeff(), 1e-12 * std::max(1.0, net.a.cwiseAbs().maxCoeff()));
  EXPECT_GT(net.a.norm() / std::sqrt(10.0), 1.0);  // the scaling was on
}

// A GD run writes a readable series, its weights at every output (the last one reproduces the
// run's final loss when loaded), and a falling loss; a step too large stops with a message
// naming the key to change, and what was written stays readable.
TEST(PlainNetworkRun, WritesWeightsFramesAndDiagnostics) {
  const TempDir dir;
  const std::string file = dir.write("net.toml", kCase);
  RunOptions o;
  o.output_directory = (dir.path / "r").string();
  o.progress = false;
  std::ostringstream out, err;
  ASSERT_EQ(run_plain_network_case(read_plain_network_case(TomlDocument(file)), o, out, err), 0) << err.str();
  const auto entries = read_pvd((dir.path / "r" / "net.pvd").string());
  ASSERT_EQ(entries.size(), 3u);
  vtkNew<vtkXMLPolyDataReader> reader;
  reader->SetFileName(entries.back().file.c_str());
  reader->Update();
  EXPECT_EQ(reader->GetOutput()->GetNumberOfPoints(), 10);
  for (const char* name : {"mass", "sign", "signed_mass", "a", "norm_b"})
    EXPECT_NE(reader->GetOutput()->GetPointData()->GetArray(name), nullptr) << name;

  std::ifstream csv(dir.path / "r" / "diagnostics.csv");
  std::string header, line, last;
  std::getline(csv, header);
  EXPECT_EQ(header,
            "time,step,loss,mass_plus,mass_minus,tv_norm,teacher_distance,gradient_norm,distance_travelled,"
            "kernel_change");
  std::vector<double> losses;
  while (std::getline(csv, line)) {
    losses.push_back(std::stod(line.substr(line.find(',', line.find(',') + 1) + 1)));
    last = line;
  }
  ASSERT_EQ(losses.size(), 3u);
  EXPECT_LT(losses[2], losses[0]);
  EXPECT_EQ(last.substr(0, last.find(',', last.find(',') + 1)), "1,10");  // t = 10 · 0.1

  const PlainNetwork final_net = written_network(dir, 2, 3);
  const DataSet data = read_data_csv((dir.path / "r" / "data.csv").string(), 3);
  NetworkGradient g;
  network_gradient::reference::compute(final_net, data, Loss::square, g);
  EXPECT_NEAR(g.loss, losses[2], 1e-14);

  // The lifted series draws neuron j at |a_j| b̃_j (its first three coordinates: d̃ = 4 here).
  const auto lifted = read_pvd((dir.path / "r" / "net_lifted.pvd").string());
  ASSERT_EQ(lifted.size(), 3u);
  vtkNew<vtkXMLPolyDataReader> lifted_reader;
  lifted_reader->SetFileName(lifted.back().file.c_str());
  lifted_reader->Update();
  ASSERT_EQ(lifted_reader->GetOutput()->GetNumberOfPoints(), 10);
  for (vtkIdType j = 0; j < 10; ++j) {
    double p[3];
    lifted_reader->GetOutput()->GetPoint(j, p);
    for (int r = 0; r < 3; ++r)
      EXPECT_NEAR(p[r], std::abs(final_net.a[j]) * final_net.b(r, j), 1e-12) << "neuron " << j << ", coordinate " << r;
  }

  o.output_directory = (dir.path / "b").string();
  std::ostringstream out2, err2;
  const std::string big = replace(replace(kCase, "step = 0.1", "step = 1e150"), "end = 1.0", "end = 1e151");
  EXPECT_EQ(run_plain_network_case(read_plain_network_case(TomlDocument(dir.write("big.toml", big))), o, out2, err2), 3);
  EXPECT_NE(err2.str().find("NaN/infinite at iteration"), std::string::npos) << err2.str();
  EXPECT_NE(err2.str().find("reduce training.step"), std::string::npos) << err2.str();
  EXPECT_EQ(read_pvd((dir.path / "b" / "big.pvd").string()).size(), 1u);  // the t = 0 frame stays readable
}

}  // namespace
}  // namespace mf

#include <cctype>

#include "figures/lifted_paths.hpp"
#include "kernels/linearized_network.hpp"
#include "kernels/tangent_kernel.hpp"

namespace mf {
namespace {

TEST(PlainNetworkCase, LazyTrainingKeysNameWhatIsWrong) {
  const auto error_of = [](const std::string& from, const std::string& to) {
    return case_error(replace(kCase, from, to));
  };
  const std::string alpha = error_of("bias = true", "bias = true\noutput_scale = 0");
  EXPECT_NE(alpha.find("key 'network.output_scale'"), std::string::npos) << alpha;
  const std::string norm = error_of("bias = true", "bias = true\nnormalization = \"ntk\"");
  EXPECT_NE(norm.find("key 'network.normalization'"), std::string::npos) << norm;
  EXPECT_NE(norm.find("tangent"), std::string::npos) << norm;  // names what would be valid
  const std::string model = error_of("step = 0.1", "step = 0.1\nmodel = \"kernel\"");
  EXPECT_NE(model.find("key 'training.model'"), std::string::npos) << model;
  const std::string sgd =
      error_of("method = \"gd\"\nstep = 0.1", "method = \"sgd\"\nstep = 0.1\nbatch = 10\nmodel = \"linearized\"");
  EXPECT_NE(sgd.find("key 'training.model': the linearized model trains full-batch"), std::string::npos) << sgd;
  const std::string both = error_of("step = 0.1", "step = 0.1\nmodel = \"linearized\"\ncompare_linearized = true");
  EXPECT_NE(both.find("key 'training.compare_linearized'"), std::string::npos) << both;
  const std::string log = case_error(replace(replace(kCase, "bias = true", "bias = true\nloss = \"logistic\"\noutput_scale = 2"),
                                             "step = 0.1", "step = 0.1\nlog_objective = true"));
  EXPECT_NE(log.find("key 'training.log_objective'"), std::string::npos) << log;
  const std::string scaled = error_of("step = 0.1", "step = 0.1\nlayers = \"output\"\nnorm_scaled_step = true\ncompare_linearized = true");
  EXPECT_NE(scaled.find("key 'training.norm_scaled_step'"), std::string::npos) << scaled;
  EXPECT_EQ(error_of("step = 0.1", "step = 0.1\nmodel = \"linearized\""), "");
}

// The scaled network α h with h = (1/√m) Σ a σ, h(w₀) = 0 (symmetric), trained on F_α = J_m(αh)/α²
// by w ← w − η m ∇F_α: replayed with central differences of F_α; the diagnostics of the written
// weights; the linearized model beside it (compare_linearized) is the model = "linearized" run;
// the gap between the two falls like 1/α.
TEST(PlainNetworkRun, ScaledNetworksReplayTheirObjectiveAndTrackTheirLinearization) {
  const auto lazy_case = [](double alpha, const std::string& extra) {
    std::string text = replace(kCase, "init = \"cone\"",
                               "init = \"symmetric\"\nnormalization = \"tangent\"\noutput_scale = " + std::to_string(alpha));
    return replace(text, "step = 0.1", "step = 0.1\n" + extra);
  };
  const TempDir dir;
  run_case_text(dir, "a4.toml", lazy_case(4.0, "compare_linearized = true"));
  const Eigen::MatrixXd rows = read_number_table(
      (dir.path / "r" / "diagnostics.csv").string(),
      {"time", "step", "loss", "mass_plus", "mass_minus", "tv_norm", "teacher_distance", "gradient_norm",
       "distance_travelled", "kernel_change", "linearized_loss", "linearization_gap"},
      "diagnostics");
  ASSERT_EQ(rows.rows(), 3);
  const DataSet data = read_data_csv((dir.path / "r" / "data.csv").string(), 3);
  const PlainNetwork w0 = written_network(dir, 0, 3);
  const double alpha = 4.0, m = 10.0, N = std::sqrt(10.0);
  const auto alpha_h = [&](const PlainNetwork& w) { return Eigen::VectorXd(alpha * (m / N) * w.predict(data.X)); };
  const auto mean_square = [&](const Eigen::VectorXd& f) { return 0.5 * (f - data.y).squaredNorm() / data.size(); };
  EXPECT_LE(alpha_h(w0).cwiseAbs().maxCoeff(), 1e-14);  // symmetric: h(w₀) = 0
  {  // GD on F_α by central differences, 10 steps of η = 0.1 (outputs at 5 and 10)
    PlainNetwork w = w0;
    const auto F = [&](const PlainNetwork& v) { return mean_square(alpha_h(v)) / (alpha * alpha); };
    for (int k = 1; k <= 10; ++k) {
      PlainNetwork next = w;
      const auto descend = [&](double& x, double& x_next) {
        const double x0 = x, h = 1e-6;
        x = x0 + h;
        const double up = F(w);
        x = x0 - h;
        const double down = F(w);
        x = x0;
        x_next -= 0.1 * m * (up - down) / (2 * h);
      };
      for (int j = 0; j < w.width(); ++j) {
        descend(w.a[j], next.a[j]);
        for (int r = 0; r < w.b.rows(); ++r) descend(w.b(r, j), next.b(r, j));
      }
      w = next;
      if (k % 5 == 0) {
        const PlainNetwork written = written_network(dir, k / 5, 3);
        EXPECT_LE((written.b - w.b).cwiseAbs().maxCoeff(), 1e-7) << "iteration " << k;
        EXPECT_LE((written.a - w.a).cwiseAbs().maxCoeff(), 1e-7) << "iteration " << k;
      }
    }
  }
  const Eigen::MatrixXd K0 = tangent_kernel_gram(w0, NetworkScaling{OutputNormalization::tangent, alpha},
                                                 TrainedLayers::both, data.X, data.X);
  for (int k = 0; k < 3; ++k) {
    const PlainNetwork w = written_network(dir, k, 3);
    EXPECT_NEAR(rows(k, 2), mean_square(alpha_h(w)), 1e-13) << "row " << k;
    const double moved = std::sqrt((w.a - w0.a).squaredNorm() + (w.b - w0.b).squaredNorm());
    const double size = std::sqrt(w0.a.squaredNorm() + w0.b.squaredNorm());
    EXPECT_NEAR(rows(k, 8), moved / size, 1e-12) << "row " << k;
    const Eigen::MatrixXd K = tangent_kernel_gram(w, NetworkScaling{OutputNormalization::tangent, alpha},
                                                  TrainedLayers::both, data.X, data.X);
    EXPECT_NEAR(rows(k, 9), (K - K0).norm() / K0.norm(), 1e-12) << "row " << k;
  }
  EXPECT_EQ(rows(0, 8), 0.0);
  EXPECT_GT(rows(2, 8), 0.0);
  EXPECT_LT(rows(2, 2), rows(0, 2));  // the loss falls

  // model = "linearized" alone: its loss is the compare run's linearized_loss, its written weights
  // w̄ give that loss through h̄'s definition, and the gap is the RMS of α h − α h̄ over the data.
  const TempDir lin_dir;
  run_case_text(lin_dir, "lin.toml", lazy_case(4.0, "model = \"linearized\""));
  const Eigen::MatrixXd lin_rows = read_number_table(
      (lin_dir.path / "r" / "diagnostics.csv").string(),
      {"time", "step", "loss", "mass_plus", "mass_minus", "tv_norm", "teacher_distance", "gradient_norm",
       "distance_travelled", "kernel_change"},
      "diagnostics");
  ASSERT_EQ(lin_rows.rows(), 3);
  for (int k = 0; k < 3; ++k) {
    EXPECT_NEAR(lin_rows(k, 2), rows(k, 10), 1e-13) << "row " << k;
    EXPECT_EQ(lin_rows(k, 9), 0.0);
    const PlainNetwork w_bar = written_network(lin_dir, k, 3);
    const Eigen::VectorXd u_bar =
        linearized_predict(w0, w_bar, NetworkScaling{OutputNormalization::tangent, alpha}, data.X);
    EXPECT_NEAR(lin_rows(k, 2), mean_square(u_bar), 1e-12) << "row " << k;
    const Eigen::VectorXd gap = alpha_h(written_network(dir, k, 3)) - u_bar;
    EXPECT_NEAR(rows(k, 11), std::sqrt(gap.squaredNorm() / data.size()), 1e-12) << "row " << k;
  }
  EXPECT_GT(rows(2, 11), 0.0);

  // From the symmetric start (neuron j + 5 is j's mirror (−a_j, b̃_j)) the first step moves a pair
  // mirrored: Δa equal, Δb̃ opposite; later steps depart from that only at second order, so the
  // mirror defect falls like 1/α² while the displacement falls like 1/α. Along a mirrored
  // displacement the second-order terms of h − h̄ cancel (test_lazy_training.cpp): the gap
  // α (h − h̄) falls like 1/α² once α is large — α = 40 → 400 divides it by 100 — inside the
  // theorem's O(1/α).
  const auto mirror_defect = [](const PlainNetwork& w, const PlainNetwork& start) {
    return std::max((w.a.head(5) - start.a.head(5) - (w.a.tail(5) - start.a.tail(5))).cwiseAbs().maxCoeff(),
                    (w.b.leftCols(5) - start.b.leftCols(5) + (w.b.rightCols(5) - start.b.rightCols(5))).cwiseAbs().maxCoeff());
  };
  const auto gap_run = [&](const TempDir& d, double a) {
    run_case_text(d, "a.toml", lazy_case(a, "compare_linearized = true"));
    return read_number_table(
        (d.path / "r" / "diagnostics.csv").string(),
        {"time", "step", "loss", "mass_plus", "mass_minus", "tv_norm", "teacher_distance", "gradient_norm",
         "distance_travelled", "kernel_change", "linearized_loss", "linearization_gap"},
        "diagnostics");
  };
  const TempDir big, bigger;
  const Eigen::MatrixXd big_rows = gap_run(big, 40.0), bigger_rows = gap_run(bigger, 400.0);
  EXPECT_NEAR(bigger_rows(2, 11) / big_rows(2, 11), 0.01, 0.001);
  EXPECT_NEAR(bigger_rows(2, 8) / big_rows(2, 8), 0.1, 0.01);
  EXPECT_NEAR(mirror_defect(written_network(bigger, 2, 3), w0) / mirror_defect(written_network(big, 2, 3), w0), 0.01,
              0.001);
}


TEST(PlainNetworkRun, LiftedPathsOfTwoRunsSideBySide) {
  // A network and its linearization in the plane (d̃ = 3): one panel each, one data file per
  // panel with every neuron at every output; no runs is an error.
  if (!gnuplot_available()) GTEST_SKIP() << "gnuplot is not installed";
  const std::string text = replace(replace(kCase, "dimension = 3", "dimension = 2"), "init = \"cone\"", "init = \"symmetric\"");
  const TempDir net_dir, lin_dir;
  run_case_text(net_dir, "net.toml", text);
  run_case_text(lin_dir, "lin.toml", replace(text, "step = 0.1", "step = 0.1\nmodel = \"linearized\""));
  const std::filesystem::path png = net_dir.path / "pair" / "paths.png";
  draw_lifted_paths_side_by_side({{"network", net_dir.path / "r"}, {"linearized", lin_dir.path / "r"}}, png, "pair");
  EXPECT_TRUE(std::filesystem::exists(png));
  for (const char* panel : {"paths_0.csv", "paths_1.csv"}) {
    std::ifstream in(net_dir.path / "pair" / panel);
    std::string line;
    int points = 0;
    while (std::getline(in, line)) points += !line.empty() && std::isdigit(static_cast<unsigned char>(line[0]));
    EXPECT_EQ(points, 10 * 3) << panel;  // 10 neurons at 3 outputs
  }
  EXPECT_THROW(draw_lifted_paths_side_by_side({}, png, "none"), std::runtime_error);
}

}  // namespace
}  // namespace mf
