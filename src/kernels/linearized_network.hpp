#pragma once
// The linearization of a plain network at its initialization w₀ (Chizat, Oyallon & Bach 2019;
// docs/DESIGN.md §1, "The linearized model"):
//   h̄(w) = h(w₀) + Dh(w₀)(w − w₀),
// trained like the network on F̄_α(w) = R(α h̄(w)) / α² in mean-field time,
// w ← w − η m ∇_w F̄_α (network/network_scaling.hpp). h̄ is linear in w, and its gradient is
// Dh(w₀)ᵀ applied to a vector over the n training inputs, so every GD iterate and the flow keep
//   w − w₀ = Dh(w₀)ᵀ c,   c ∈ Rⁿ,
// and the run never forms the n × m(d̃+1) Jacobian: with K₀ = Dh(w₀) Dh(w₀)ᵀ the tangent kernel's
// Gram matrix on the training inputs (kernels/tangent_kernel.hpp), the predictor on them is
//   u = α h̄(w) = α h₀ + α K₀ c,
//   GD:   c ← c − η (m/(α n)) ℓ'(u),
//   flow: dc/dt = −(m/(α n)) ℓ'(u)   (u obeys du/dt = −(m/n) K₀ ℓ'(u), whatever α);
// for the square loss (ℓ' = u − y) the flow is linear: with (m/n) K₀ = V Λ Vᵀ and c(0) = 0,
//   c(t) = −(m/(α n)) V diag(t φ(λ_i t)) Vᵀ (u₀ − y),   φ(z) = (1 − e^{−z})/z  (φ(0) = 1).
// The weights are w₀ + Dh(w₀)ᵀ c:
//   a_j = a⁰_j + (1/N) Σ_l c_l σ(b̃⁰_j·x̃_l),   b̃_j = b̃⁰_j + (a⁰_j/N) Σ_l c_l σ'(b̃⁰_j·x̃_l) x̃_l
// (b̃ only when the input layer trains).

#include <Eigen/Core>

#include "network/network_scaling.hpp"
#include "network/network_training.hpp"
#include "objective/data_set.hpp"
#include "objective/loss.hpp"

namespace mf {

class LinearizedNetwork {
 public:
  LinearizedNetwork(const PlainNetwork& w0, const NetworkScaling& scaling, TrainedLayers layers, const DataSet& train,
                    Loss loss);

  /// c (n), and setting it (u follows).
  const Eigen::VectorXd& coefficients() const { return c_; }
  void set_coefficients(const Eigen::VectorXd& c);
  /// u = α h̄ on the training inputs.
  const Eigen::VectorXd& prediction() const { return u_; }
  /// R(u) = (1/n) Σ_l ℓ(y_l, u_l).
  double loss() const;
  /// One GD step of size η.
  void gd_step(double eta);
  /// The flow's right-hand side dc/dt at c.
  void rhs(const Eigen::VectorXd& c, Eigen::VectorXd& dc) const;
  /// Square loss: the flow's coefficients at time t from c(0) = 0, exactly (the eigen-
  /// decomposition of K₀ is computed at the first call). Other losses: std::logic_error.
  Eigen::VectorXd square_loss_flow(double t);
  /// The weights w₀ + Dh(w₀)ᵀ c.
  PlainNetwork weights() const;
  /// Dh(w₀)ᵀ v as a network's (a, b̃) (v over the training inputs): the weights' displacement
  /// for coefficients v, and −m ∇_w F̄_α for v = dc/dt.
  PlainNetwork displacement(const Eigen::VectorXd& v) const;
  /// ‖w − w₀‖ = (cᵀ K₀ c)^{1/2}.
  double distance() const;
  const Eigen::MatrixXd& gram() const { return K0_; }

 private:
  PlainNetwork w0_;
  NetworkScaling scaling_;
  TrainedLayers layers_;
  Eigen::MatrixXd X_;
  Eigen::VectorXd y_;
  Loss loss_;
  Eigen::MatrixXd K0_;
  Eigen::VectorXd u0_, c_, u_;
  Eigen::VectorXd lambda_;  // eigenvalues of (m/n) K₀ (square_loss_flow)
  Eigen::MatrixXd V_;
  Eigen::VectorXd projected_residual_;  // Vᵀ (u₀ − y)

  Eigen::VectorXd prediction_at(const Eigen::VectorXd& c) const { return u0_ + scaling_.alpha * (K0_ * c); }
  Eigen::VectorXd loss_derivatives(const Eigen::VectorXd& u) const;
};

/// α h̄(w)(z_k) for the columns of Z (d × p): the linearization at w0 of the network evaluated
/// at the weights w, from its definition h₀(z) + Dh(w₀)(z)·(w − w₀) (no kernel form).
Eigen::VectorXd linearized_predict(const PlainNetwork& w0, const PlainNetwork& w, const NetworkScaling& scaling,
                                   const Eigen::MatrixXd& Z);

}  // namespace mf
