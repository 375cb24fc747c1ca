#pragma once
// A signed atomic measure μ = Σ_j c_j δ_{u_j} on S^{d−1} together with what the one-atom
// updates of coordinate descent and prox-TV need from the objective, kept up to date as atoms
// are added, changed and removed: V[μ](u) at one point and J(μ).
//
// Cost per update, by objective (V by the reference sums of kernel_sums.hpp / data_sums.hpp):
//   population (square loss): V(u) = K(μ − μ*)(u) is a sum over the atoms, O((m + k) d) with the
//     exact κ; J is carried by the exact identity J(μ + t δ_u) = J(μ) + t V(u) + (t²/2) k(u, u),
//     k(u, u) = factor/2.
//   data set (square or logistic): the predictions f(x_l) are kept, so V(u) and an update cost
//     O(n d) and J is recomputed from f in O(n).
//   any other Objective: V and J through the Objective interface (correct, O(m) times slower).
// tests/test_atomic_state.cpp checks all three against Objective::potential and loss.

#include <Eigen/Core>

#include "objective/objective.hpp"

namespace mf {

class AtomicState {
 public:
  /// Keeps a reference to the objective.
  AtomicState(const Objective& objective, const Measure& initial);

  int size() const { return mu_.size(); }
  int dimension() const { return d_; }
  double weight(int j) const { return mu_.weights[j]; }
  Eigen::VectorXd direction(int j) const { return mu_.directions.col(j); }
  const Measure& measure() const { return mu_; }
  /// |μ|_TV = Σ |c_j|.
  double tv_norm() const { return mu_.weights.cwiseAbs().sum(); }
  /// J(μ).
  double loss() const { return loss_; }

  /// V[μ](u) at a unit vector u.
  double potential(const Eigen::VectorXd& u) const;
  /// μ ← μ + c δ_u. `V_u` must be potential(u) of the measure before the update (the
  /// population objective carries J with it).
  void add_atom(const Eigen::VectorXd& u, double c, double V_u);
  /// c_j ← c_j + t, with V_u = potential(direction(j)) before the update.
  void add_to_weight(int j, double t, double V_u);
  /// Removes the atoms of mass exactly 0 (their order is kept); returns how many.
  int remove_zero_atoms();
  /// Replaces the whole measure (after a step that moves every atom) and recomputes the caches.
  void assign(const Measure& mu);

 private:
  enum class Kind { population, data, generic };
  void change(const Eigen::VectorXd& u, double t, double V_u);  // caches for μ += t δ_u
  void refresh_loss();                                          // data: J and residuals from f
  const Objective& objective_;
  Kind kind_;
  int d_;
  Measure mu_;
  double loss_ = 0.0;
  // population
  double factor_ = 1.0;
  // data set
  Eigen::VectorXd f_, r_;  // predictions and loss derivatives ∂_f ℓ(y_l, f_l)
};

}  // namespace mf
