#pragma once
// Training a plain network in mean-field time (w ← w − η m ∇_w J_m): full-batch gradient
// descent, mini-batch SGD, and the continuous-time gradient flow (the η → 0 limit) as an ODE
// right-hand side for the Odeint steppers.

#include <cmath>
#include <functional>
#include <random>
#include <vector>

#include "base/name_table.hpp"
#include "network/network_gradient.hpp"

namespace mf {

/// The mean-field loss and gradient of a network on a packed batch: the fused kernels, or a
/// run split across MPI ranks (distributed/gradient_over_ranks.hpp).
using GradientFunction = std::function<void(const PlainNetwork&, const PackedBatch&, Loss, NetworkGradient&)>;

/// What training moves: both layers (the mean-field network), or the output weights a only,
/// the input weights b̃ staying at their initialization (random features).
enum class TrainedLayers { both, output };
const NameTable<TrainedLayers>& name_table(TrainedLayers);

/// The step size of iteration k = 1, 2, …: constant η, or η/√k (the decaying step of the
/// implicit-bias studies, η/√(k+1) counting from k = 0). Iteration k advances mean-field time
/// by its step, so t_k = Σ_{i ≤ k} η_i.
enum class StepSchedule { constant, inverse_sqrt };
const NameTable<StepSchedule>& name_table(StepSchedule);
double scheduled_step(StepSchedule schedule, double eta, long k);

/// The gradient of log J_m instead of J_m: `gradient`'s (the fused kernels when null) divided by
/// J_m (which out.loss keeps). With the exponential loss, log J_m = log((1/n) Σ e^{−y_l f(x_l)})
/// is minus the unnormalized smooth margin — the "soft-min" objective of the implicit-bias
/// studies' scripts, whose gradient does not vanish as the loss does.
GradientFunction log_objective_gradient(GradientFunction gradient);

/// J_m and its gradient from a gradient computed with a centred loss exponent (e^{s} times
/// them; PackedBatch::centre_loss_exponent): each times e^{−s}, s set to 0 (J_m is 0 once it
/// is below the smallest double).
void uncentre_loss_exponent(NetworkGradient& g);

/// One step on a packed batch: a ← a − η ∇a, b̃ ← b̃ − η ∇b̃ (b̃ only when both layers train;
/// mean-field gradients, computed by `gradient` — the fused kernels when null — into g, which
/// then holds J_m and the gradient at the step's start).
void gradient_step(PlainNetwork& net, const PackedBatch& batch, Loss loss, double eta, NetworkGradient& g,
                   const GradientFunction& gradient = nullptr, TrainedLayers layers = TrainedLayers::both);

/// Mini-batches drawn without replacement: each epoch a fresh permutation of the n points,
/// cut into batches of `size` (the last one of an epoch may be smaller).
class MiniBatchSampler {
 public:
  MiniBatchSampler(int n, int size, unsigned long seed);
  /// The next batch's indices into the data set.
  const std::vector<int>& next();

 private:
  int n_, size_, position_;
  std::vector<int> order_, batch_;
  std::mt19937_64 rng_;
};

/// The gradient flow dw/dt = −m ∇_w J_m on the state [a (m); b̃ (d̃·m, column by column)]
/// (db̃/dt = 0 when only the output layer trains).
class PlainNetworkFlow {
 public:
  /// data: all of the data set, or this rank's share with `normalizer` the whole set's size
  /// and `gradient` summing over ranks.
  PlainNetworkFlow(const PlainNetwork& shape, const DataSet& data, Loss loss, long normalizer = 0,
                   GradientFunction gradient = nullptr, TrainedLayers layers = TrainedLayers::both);
  void rhs(const Eigen::VectorXd& state, Eigen::VectorXd& dstate) const;
  /// Training on log J_m: the gradient's loss exponent centred (PackedBatch::centre_loss_exponent).
  void centre_loss_exponent(bool on) { batch_.centre_loss_exponent = on; }
  static Eigen::VectorXd state(const PlainNetwork& net);
  static void set_state(PlainNetwork& net, const Eigen::VectorXd& state);

 private:
  PlainNetwork shape_;
  PackedBatch batch_;
  Loss loss_;
  GradientFunction gradient_;
  TrainedLayers layers_;
};

}  // namespace mf
