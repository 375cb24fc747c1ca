#include "network/network_training.hpp"

#include <cmath>

#include <algorithm>
#include <numeric>
#include <utility>

#include "base/precondition.hpp"

namespace mf {

const NameTable<TrainedLayers>& name_table(TrainedLayers) {
  static const NameTable<TrainedLayers> table("trained layers", {
      {TrainedLayers::both, "both", "the output weights a and the input weights (b, c): the mean-field network"},
      {TrainedLayers::output, "output", "the output weights a only; (b, c) stay at their initialization (random features)"},
  });
  return table;
}

const NameTable<StepSchedule>& name_table(StepSchedule) {
  static const NameTable<StepSchedule> table("step schedule", {
      {StepSchedule::constant, "constant", "every iteration takes the step η"},
      {StepSchedule::inverse_sqrt, "inverse_sqrt", "iteration k = 1, 2, … takes η/√k"},
  });
  return table;
}

double scheduled_step(StepSchedule schedule, double eta, long k) {
  return schedule == StepSchedule::constant ? eta : eta / std::sqrt(static_cast<double>(k));
}

GradientFunction log_objective_gradient(GradientFunction gradient) {
  return [gradient = std::move(gradient)](const PlainNetwork& net, const PackedBatch& batch, Loss loss,
                                          NetworkGradient& out) {
    if (gradient) gradient(net, batch, loss, out);
    else network_gradient::fused::compute(net, batch, loss, out);
    out.a /= out.loss;
    out.b /= out.loss;
  };
}

void uncentre_loss_exponent(NetworkGradient& g) {
  if (g.loss_exponent_shift == 0.0) return;
  const double factor = std::exp(-g.loss_exponent_shift);
  g.loss *= factor;
  g.a *= factor;
  g.b *= factor;
  g.loss_exponent_shift = 0.0;
}

void gradient_step(PlainNetwork& net, const PackedBatch& batch, Loss loss, double eta, NetworkGradient& g,
                   const GradientFunction& gradient, TrainedLayers layers) {
  if (gradient) gradient(net, batch, loss, g);
  else network_gradient::fused::compute(net, batch, loss, g);
  net.a -= eta * g.a;
  if (layers == TrainedLayers::both) net.b -= eta * g.b;
}

MiniBatchSampler::MiniBatchSampler(int n, int size, unsigned long seed)
    : n_(n), size_(std::min(size, n)), position_(n), order_(static_cast<std::size_t>(n)), rng_(seed) {
  std::iota(order_.begin(), order_.end(), 0);
}

const std::vector<int>& MiniBatchSampler::next() {
  if (position_ >= n_) {
    std::shuffle(order_.begin(), order_.end(), rng_);
    position_ = 0;
  }
  const int count = std::min(size_, n_ - position_);
  batch_.assign(order_.begin() + position_, order_.begin() + position_ + count);
  position_ += count;
  return batch_;
}

PlainNetworkFlow::PlainNetworkFlow(const PlainNetwork& shape, const DataSet& data, Loss loss, long normalizer,
                                   GradientFunction gradient, TrainedLayers layers)
    : shape_(shape), loss_(loss), gradient_(std::move(gradient)), layers_(layers) {
  batch_.pack(data, shape.bias);
  batch_.normalizer = normalizer;
  if (!gradient_)
    gradient_ = [](const PlainNetwork& net, const PackedBatch& batch, Loss kind, NetworkGradient& g) {
      network_gradient::fused::compute(net, batch, kind, g);
    };
}

Eigen::VectorXd PlainNetworkFlow::state(const PlainNetwork& net) {
  Eigen::VectorXd s(net.a.size() + net.b.size());
  s << net.a, Eigen::Map<const Eigen::VectorXd>(net.b.data(), net.b.size());
  return s;
}

void PlainNetworkFlow::set_state(PlainNetwork& net, const Eigen::VectorXd& s) {
  MF_PRECONDITION(s.size() == net.a.size() + net.b.size(), "a state of " + std::to_string(s.size()) +
                                                               " entries for a network of " +
                                                               std::to_string(net.a.size() + net.b.size()) +
                                                               " parameters");
  net.a = s.head(net.a.size());
  net.b = Eigen::Map<const Eigen::MatrixXd>(s.data() + net.a.size(), net.b.rows(), net.b.cols());
}

void PlainNetworkFlow::rhs(const Eigen::VectorXd& state, Eigen::VectorXd& dstate) const {
  PlainNetwork net = shape_;
  set_state(net, state);
  NetworkGradient g;
  gradient_(net, batch_, loss_, g);
  dstate.resize(state.size());
  if (layers_ == TrainedLayers::both) dstate << -g.a, -Eigen::Map<const Eigen::VectorXd>(g.b.data(), g.b.size());
  else dstate << -g.a, Eigen::VectorXd::Zero(g.b.size());
}

}  // namespace mf
