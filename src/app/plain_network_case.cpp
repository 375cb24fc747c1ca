#include "app/plain_network_case.hpp"

#include <cmath>
#include <filesystem>
#include <sstream>

namespace mf {

using namespace ranges;

const NameTable<TrainingMethod>& name_table(TrainingMethod) {
  static const NameTable<TrainingMethod> table("training method", {
      {TrainingMethod::gd, "gd", "full-batch gradient descent, step η of mean-field time"},
      {TrainingMethod::sgd, "sgd", "mini-batch SGD (batch, seed)"},
      {TrainingMethod::flow, "flow", "the continuous-time gradient flow (an ODE stepper)"},
  });
  return table;
}

const NameTable<TrainedModel>& name_table(TrainedModel) {
  static const NameTable<TrainedModel> table("trained model", {
      {TrainedModel::network, "network", "the network h(w)"},
      {TrainedModel::linearized, "linearized", "its linearization at w₀, h̄(w) = h(w₀) + Dh(w₀)(w − w₀), trained in kernel form"},
  });
  return table;
}

const NameTable<LimitKernel>& name_table(LimitKernel) {
  static const NameTable<LimitKernel> table("limit kernel", {
      {LimitKernel::features, "features", "the run's m fixed features: k_m(x, x') = (1/m) Σ_j σ(b̃_j·x̃) σ(b̃_j·x̃'), the exact limit of its output layer"},
      {LimitKernel::infinite_width, "infinite_width", "the initialization's m → ∞ kernel E_b̃[σ(b̃·x̃) σ(b̃·x̃')], closed form"},
  });
  return table;
}

namespace {

void read_network(const TomlSection& s, PlainNetworkCase& c) {
  c.dimension = s.integer("dimension", 1, 100000);
  c.width = s.integer("width", 1, 100000000);
  c.width_location = s.file() + ":" + std::to_string(s.line_of("width"));
  c.activation = s.option("activation", Activation::relu);
  c.bias = s.boolean("bias", false);
  c.loss = s.option("loss", Loss::square);
  c.init = s.option("init", NetworkInit::gaussian);
  c.scaling.normalization = s.option("normalization", OutputNormalization::mean_field);
  c.scaling.alpha = s.number("output_scale", 1.0, kPositive);
  if (c.init == NetworkInit::file) {
    c.network_file = read_input_file(s, "file");
  } else {
    c.scale = s.number("scale", 1.0, kPositive);
    c.seed = static_cast<unsigned long>(s.integer("seed", 1, 0, 2147483647));
    if (c.init == NetworkInit::symmetric && c.width % 2 != 0)
      s.fail("width", "a symmetric initialization pairs neurons (a, b) and (−a, b): the width must be even, not " +
                          std::to_string(c.width));
    c.zero_output = s.boolean("zero_output", false);
  }
  s.finish();
}

void read_training(const TomlSection& s, PlainNetworkCase& c) {
  if (!s.present()) s.fail("method", "the [training] table is required (method = \"gd\", \"sgd\" or \"flow\")");
  c.method = s.option<TrainingMethod>("method");
  c.layers = s.option("layers", TrainedLayers::both);
  c.log_objective = s.boolean("log_objective", false);
  if (c.log_objective && c.loss == Loss::square)
    s.fail("log_objective", "log J_m is for the classification losses (the soft-min of the exponential loss), not "
                            "the square loss");
  if (c.log_objective && c.scaling.alpha != 1.0)
    s.fail("log_objective", "log R(α h) does not scale as F_α = R(α h)/α²: train on log J_m with network.output_scale "
                            "= 1");
  c.model = s.option("model", TrainedModel::network);
  c.compare_linearized = s.boolean("compare_linearized", false);
  if (c.compare_linearized && c.model == TrainedModel::linearized)
    s.fail("compare_linearized", "compares the network with its linearization; with model = \"linearized\" there is "
                                 "no network: set model = \"network\"");
  if (c.model == TrainedModel::linearized || c.compare_linearized) {
    const char* key = c.model == TrainedModel::linearized ? "model" : "compare_linearized";
    if (c.log_objective)
      s.fail(key, "the linearized model trains on R(α h̄)/α², not on log J_m: set log_objective = false");
    if (c.method == TrainingMethod::sgd)
      s.fail(key, "the linearized model trains full-batch, in kernel form: set method = \"gd\" or \"flow\"");
  }
  if (c.method == TrainingMethod::flow) {
    read_flow_stepper(s, s.option("stepper", StepperKind::dopri5), kPositive, c.stepper, c.dt, c.abs_tol, c.rel_tol);
  } else {
    c.step = s.number("step", kPositive);
    c.schedule = s.option("schedule", StepSchedule::constant);
    c.norm_scaled_step = s.boolean("norm_scaled_step", false);
    if (c.norm_scaled_step && (c.model == TrainedModel::linearized || c.compare_linearized))
      s.fail("norm_scaled_step", "the linearized model takes the plain step: drop norm_scaled_step");
    if (c.norm_scaled_step && c.layers != TrainedLayers::output)
      s.fail("norm_scaled_step", "scales the step of the output layer's 1-homogeneous model: set training.layers = "
                                 "\"output\"");
    if (c.method == TrainingMethod::sgd) {
      c.batch = s.integer("batch", 1, 100000000);
      c.batch_seed = static_cast<unsigned long>(s.integer("seed", 1, 0, 2147483647));
    }
  }
  s.finish();
}

void read_network_time(const TomlSection& s, PlainNetworkCase& c) {
  if (!s.present()) s.fail("end", "the [time] table is required (at least time.end)");
  c.end_time = s.number("end", kPositive);
  // A constant step lands on every output time; a decaying one outputs at the last iteration
  // before each (scheduled_advance).
  if (c.method != TrainingMethod::flow && c.schedule == StepSchedule::constant)
    require_whole_steps(s, "end", c.end_time, c.step, "training.step");
  if (c.method != TrainingMethod::flow && c.end_time < c.step) {
    std::ostringstream m;
    m << "time.end = " << c.end_time << " is shorter than the first step training.step = " << c.step
      << ": no iteration would run";
    s.fail("end", m.str());
  }
  read_output_times(s, c.end_time, c.times);
  s.finish();
}

void read_limit(const TomlSection& s, PlainNetworkCase& c) {
  if (!s.present()) return;
  c.kernel_max_margin = s.boolean("kernel_max_margin", false);
  c.limit_kernel = s.option("kernel", LimitKernel::features);
  c.random_features_limit = s.boolean("random_features", false);
  if (c.random_features_limit && c.data.type != DataSource::population)
    s.fail("random_features", "the random-features optimum is solved on the population risk: set data.type = "
                              "\"population\" (for a data set, train the output layer: training.layers = \"output\")");
  if (c.kernel_max_margin) {
    if (!needs_binary_labels(c.loss))
      s.fail("kernel_max_margin", "the max-margin limit is a classifier's: set network.loss = \"logistic\" or "
                                  "\"exponential\", not \"" + to_string(c.loss) + "\"");
    if (c.activation != Activation::relu && c.limit_kernel == LimitKernel::infinite_width)
      s.fail("kernel", "the infinite-width kernel is in closed form for ReLU only, not \"" + to_string(c.activation) +
                           "\"; use kernel = \"features\"");
    if (c.init == NetworkInit::file && c.limit_kernel == LimitKernel::infinite_width)
      s.fail("kernel", "a network read from a file has no initial distribution, so no infinite-width kernel; use "
                       "kernel = \"features\" (its own features)");
  }
  s.finish();
}

// Training on the population risk (the quadrature kernel): what it needs and what it excludes.
void check_population_training(const TomlSection& root, const PlainNetworkCase& c) {
  const TomlSection network = root.section("network"), training = root.section("training");
  if (c.activation == Activation::relu)
    network.fail("activation", "a plain ReLU network's population risk is a case on measures ([algorithm] or a grid "
                               "case, the closed-form kernel); the quadrature kernel takes sigmoid, tanh or softplus");
  if (c.activation != c.data.teacher_activation)
    network.fail("activation", "is \"" + to_string(c.activation) + "\" but the teacher's is \"" +
                                   to_string(c.data.teacher_activation) + "\": the population risk's kernel is one activation's");
  if (!c.bias) network.fail("bias", "the population risk's kernel takes neurons (b, c) with a bias input: set bias = true");
  if (!c.scaling.is_plain())
    network.fail(c.scaling.alpha != 1.0 ? "output_scale" : "normalization",
                 "the population risk trains the plain mean-field network (output_scale = 1, normalization = "
                 "\"mean_field\")");
  if (c.method == TrainingMethod::sgd)
    training.fail("method", "the population risk has no samples to draw batches from: use \"gd\" or \"flow\"");
  if (c.model == TrainedModel::linearized || c.compare_linearized)
    training.fail(c.model == TrainedModel::linearized ? "model" : "compare_linearized",
                  "the linearized model trains in kernel form over a data set; the population risk has none");
}

}  // namespace

PlainNetworkCase read_plain_network_case(const TomlDocument& doc) {
  const TomlSection root = doc.root();
  PlainNetworkCase c;
  c.file = doc.file();
  c.name = std::filesystem::path(c.file).stem().string();
  read_network(root.section("network"), c);
  c.data = read_data_spec(root.section("data"), root.section("teacher"), c.loss, c.dimension, DataUse::plain_network);
  read_training(root.section("training"), c);
  read_network_time(root.section("time"), c);
  read_output(root.section("output"), c.output);
  read_limit(root.section("limit"), c);
  root.finish();
  if (c.data.type == DataSource::population) check_population_training(root, c);
  if (c.method == TrainingMethod::sgd && (c.data.type == DataSource::teacher || c.data.type == DataSource::clusters) &&
      c.batch > c.data.samples)
    root.section("training").fail("batch", "is " + std::to_string(c.batch) + ", more than the " +
                                               std::to_string(c.data.samples) + " samples of the data set");
  return c;
}

}  // namespace mf
