#pragma once
// The case file of a plain network run (a case with a [network] table): a two-layer network
// in R^d with any activation, trained on a data set by full-batch GD, mini-batch SGD or the
// continuous-time gradient flow, in mean-field time — or, for smooth activations with a bias
// input, on the population risk itself ([data] type = "population", network/population_risk.hpp). README.md, "Plain network case files",
// is the reference; examples/network_gd.toml is one to copy.

#include <string>
#include <vector>

#include "app/case_common.hpp"
#include "app/data_spec.hpp"
#include "network/network_init.hpp"
#include "network/network_scaling.hpp"
#include "network/network_training.hpp"
#include "time/ode_stepper.hpp"

namespace mf {

enum class TrainingMethod { gd, sgd, flow };
const NameTable<TrainingMethod>& name_table(TrainingMethod);

/// What [training] trains: the network, or its linearization at the initialization
/// (kernels/linearized_network.hpp).
enum class TrainedModel { network, linearized };
const NameTable<TrainedModel>& name_table(TrainedModel);

/// The kernel of [limit] kernel_max_margin.
enum class LimitKernel { features, infinite_width };
const NameTable<LimitKernel>& name_table(LimitKernel);

struct PlainNetworkCase {
  std::string file, name;
  // [network]
  int dimension = 2;  ///< d, the inputs' dimension
  int width = 100;    ///< m
  std::string width_location;  ///< "file:line" of network.width (for the init-file check)
  Activation activation = Activation::relu;
  bool bias = false;
  Loss loss = Loss::square;
  NetworkInit init = NetworkInit::gaussian;
  double scale = 1.0;  ///< the initialization scale τ (both layers)
  NetworkScaling scaling;  ///< normalization (1/m or 1/√m) and output_scale α
  bool zero_output = false;  ///< a = 0 at the start (the input weights drawn by init)
  unsigned long seed = 1;
  std::string network_file;  ///< init = "file": resolved against the case file's folder
  // [data], [teacher]
  DataSpec data;
  // [training]
  TrainingMethod method = TrainingMethod::gd;
  TrainedLayers layers = TrainedLayers::both;
  TrainedModel model = TrainedModel::network;
  bool compare_linearized = false;  ///< train the linearized model beside the network
  bool log_objective = false;  ///< train on log J_m (gd, sgd, flow)
  bool norm_scaled_step = false;  ///< output layer, gd/sgd: η_k · max(1, ‖a‖/√m)
  double step = 0.1;  ///< η (gd, sgd): mean-field time per iteration (of the first, with a schedule)
  StepSchedule schedule = StepSchedule::constant;
  int batch = 100;    ///< sgd
  unsigned long batch_seed = 1;
  StepperKind stepper = StepperKind::dopri5;  ///< flow
  double dt = 0.0, abs_tol = 1e-8, rel_tol = 1e-8;
  // [limit]: compare with the kernel limit — the hard-margin classifier of the random-features
  // kernel on the training set: the run's m features' k_m, or the initialization's m → ∞
  // kernel k (ReLU, a classifier loss, one process)
  bool kernel_max_margin = false;
  LimitKernel limit_kernel = LimitKernel::features;
  // [limit] random_features: the convex baseline of the population risk — the output layer
  // solved to optimality with the input weights fixed at their initialization
  // (PopulationRisk::optimal_output), reported as random_features_loss
  bool random_features_limit = false;
  // [time], [output]
  double end_time = 1.0;
  std::vector<double> times;
  OutputSpec output;
};

PlainNetworkCase read_plain_network_case(const TomlDocument& doc);

}  // namespace mf
