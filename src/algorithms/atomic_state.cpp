#include "algorithms/atomic_state.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "objective/relu_kernel.hpp"

namespace mf {

namespace {

// Σ_j w_j κ(u·u_j) over the first m columns, exact κ (the reference kernel sums do the same).
double kernel_sum(const Eigen::MatrixXd& dirs, const Eigen::VectorXd& w, int m, const Eigen::VectorXd& u) {
  double s = 0.0;
  for (int j = 0; j < m; ++j) s += w[j] * relu_kappa(u.dot(dirs.col(j)));
  return s;
}

}  // namespace

AtomicState::AtomicState(const Objective& objective, const Measure& initial)
    : objective_(objective), d_(objective.dimension()) {
  if (dynamic_cast<const PopulationObjective*>(&objective)) kind_ = Kind::population;
  else if (dynamic_cast<const DataObjective*>(&objective)) kind_ = Kind::data;
  else kind_ = Kind::generic;
  if (kind_ == Kind::population) factor_ = static_cast<const PopulationObjective&>(objective).kernel_factor();
  assign(initial);
}

Measure AtomicState::measure() const {
  Measure mu;
  mu.directions = u_.leftCols(m_);
  mu.weights = w_.head(m_);
  return mu;
}

double AtomicState::tv_norm() const { return w_.head(m_).cwiseAbs().sum(); }

void AtomicState::assign(const Measure& mu) {
  if (mu.size() > 0 && mu.dimension() != d_)
    throw std::invalid_argument("a measure of dimension " + std::to_string(mu.dimension()) +
                                " for an objective of dimension " + std::to_string(d_));
  m_ = mu.size();
  u_.resize(d_, std::max(16, 2 * m_));
  w_.resize(u_.cols());
  u_.leftCols(m_) = mu.directions;
  w_.head(m_) = mu.weights;
  if (kind_ == Kind::data) {
    const auto& obj = static_cast<const DataObjective&>(objective_);
    f_ = m_ > 0 ? obj.predict(mu) : Eigen::VectorXd::Zero(obj.data().size());
    refresh_loss();
  } else {
    loss_ = objective_.loss(measure());
  }
}

double AtomicState::potential(const Eigen::VectorXd& u) const {
  switch (kind_) {
    case Kind::population: {
      const Measure& teacher = *objective_.teacher();
      return factor_ * (kernel_sum(u_, w_, m_, u) - kernel_sum(teacher.directions, teacher.weights, teacher.size(), u));
    }
    case Kind::data: {
      const DataSet& data = static_cast<const DataObjective&>(objective_).data();
      double s = 0.0;
      for (int l = 0; l < data.size(); ++l) s += r_[l] * std::max(0.0, u.dot(data.X.col(l)));
      return s / data.size();
    }
    case Kind::generic: break;
  }
  Eigen::VectorXd V;
  objective_.potential(measure(), u, V, nullptr);
  return V[0];
}

void AtomicState::refresh_loss() {
  const auto& obj = static_cast<const DataObjective&>(objective_);
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
      const DataSet& data = static_cast<const DataObjective&>(objective_).data();
      for (int l = 0; l < data.size(); ++l) f_[l] += t * std::max(0.0, u.dot(data.X.col(l)));
      refresh_loss();
      return;
    }
    case Kind::generic: loss_ = objective_.loss(measure()); return;
  }
}

void AtomicState::add_atom(const Eigen::VectorXd& u, double c, double V_u) {
  if (m_ == u_.cols()) {
    u_.conservativeResize(Eigen::NoChange, 2 * m_);
    w_.conservativeResize(2 * m_);
  }
  u_.col(m_) = u;
  w_[m_] = c;
  ++m_;
  change(u, c, V_u);
}

void AtomicState::add_to_weight(int j, double t, double V_u) {
  w_[j] += t;
  change(u_.col(j), t, V_u);
}

int AtomicState::remove_zero_atoms() {
  int kept = 0;
  for (int j = 0; j < m_; ++j) {
    if (w_[j] == 0.0) continue;
    if (kept != j) {
      u_.col(kept) = u_.col(j);
      w_[kept] = w_[j];
    }
    ++kept;
  }
  const int removed = m_ - kept;
  m_ = kept;
  return removed;
}

}  // namespace mf
