#include "algorithms/atomic_state.hpp"

#include <stdexcept>

#include "objective/data_sums.hpp"
#include "objective/kernel_sums.hpp"

namespace mf {

AtomicState::AtomicState(const Objective& objective, const Measure& initial)
    : objective_(objective), d_(objective.dimension()) {
  if (objective.as_population()) kind_ = Kind::population;
  else if (objective.as_data_set()) kind_ = Kind::data;
  else kind_ = Kind::generic;
  if (kind_ == Kind::population) factor_ = objective.as_population()->kernel_factor();
  assign(initial);
}

void AtomicState::assign(const Measure& mu) {
  if (mu.size() > 0 && mu.dimension() != d_)
    throw std::invalid_argument("a measure of dimension " + std::to_string(mu.dimension()) +
                                " for an objective of dimension " + std::to_string(d_));
  mu_.directions = mu.size() > 0 ? mu.directions : Eigen::MatrixXd(d_, 0);
  mu_.weights = mu.weights;
  if (kind_ == Kind::data) {
    const auto& obj = (*objective_.as_data_set());
    f_ = size() > 0 ? obj.predict(mu_) : Eigen::VectorXd::Zero(obj.data().size());
    refresh_loss();
  } else {
    loss_ = objective_.loss(mu_);
  }
}

double AtomicState::potential(const Eigen::VectorXd& u) const {
  const Eigen::MatrixXd point = u;
  Eigen::VectorXd V;
  switch (kind_) {
    case Kind::population: {
      // The exact κ, as the reference sums and the objective's own teacher term have it.
      Eigen::VectorXd Vt;
      kernel_sums::reference::potential(factor_, mu_, point, V, nullptr);
      kernel_sums::reference::potential(factor_, *objective_.teacher(), point, Vt, nullptr);
      return V[0] - Vt[0];
    }
    case Kind::data:
      data_sums::reference::potential((*objective_.as_data_set()).data().X, r_, point, V, nullptr);
      return V[0];
    case Kind::generic: break;
  }
  objective_.potential(mu_, point, V, nullptr);
  return V[0];
}

void AtomicState::refresh_loss() {
  const auto& obj = (*objective_.as_data_set());
  const DataSet& data = obj.data();
  r_.resize(data.size());
  double sum = 0.0;
  for (int l = 0; l < data.size(); ++l) {
    sum += loss_value(obj.loss_kind(), data.y[l], f_[l]);
    r_[l] = loss_derivative(obj.loss_kind(), data.y[l], f_[l]);
  }
  loss_ = sum / data.size();
}

void AtomicState::change(const Eigen::VectorXd& u, double t, double V_u) {
  switch (kind_) {
    case Kind::population:
      loss_ += t * V_u + 0.25 * factor_ * t * t;  // k(u, u) = factor κ(1) = factor/2
      return;
    case Kind::data: {
      const Measure step{u, Eigen::VectorXd::Constant(1, t)};
      Eigen::VectorXd df;
      data_sums::reference::predict(step, (*objective_.as_data_set()).data().X, df);
      f_ += df;
      refresh_loss();
      return;
    }
    case Kind::generic: loss_ = objective_.loss(mu_); return;
  }
}

void AtomicState::add_atom(const Eigen::VectorXd& u, double c, double V_u) {
  const int m = size();
  mu_.directions.conservativeResize(Eigen::NoChange, m + 1);
  mu_.weights.conservativeResize(m + 1);
  mu_.directions.col(m) = u;
  mu_.weights[m] = c;
  change(u, c, V_u);
}

void AtomicState::add_to_weight(int j, double t, double V_u) {
  mu_.weights[j] += t;
  change(mu_.directions.col(j), t, V_u);
}

int AtomicState::remove_zero_atoms() {
  const int m = size();
  int kept = 0;
  for (int j = 0; j < m; ++j) {
    if (mu_.weights[j] == 0.0) continue;
    if (kept != j) {
      mu_.directions.col(kept) = mu_.directions.col(j);
      mu_.weights[kept] = mu_.weights[j];
    }
    ++kept;
  }
  mu_.directions.conservativeResize(Eigen::NoChange, kept);
  mu_.weights.conservativeResize(kept);
  return m - kept;
}

}  // namespace mf
