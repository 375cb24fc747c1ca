#pragma once
// A plain mean-field two-layer network in R^d (docs/DESIGN.md §1):
//   f(x) = (1/m) Σ_j a_j σ(b̃_j·x̃),   x̃ = (x, 1) with a bias input, x̃ = x without,
// with σ ∈ {relu, sigmoid, tanh}. b̃_j = (b_j, c_j) holds the input weights and, with a bias
// input, the bias c_j as its last coordinate. Trained on a data set with the square or the
// logistic loss J_m = (1/n) Σ_l ℓ(y_l, f(x_l)), in mean-field time: w_j ← w_j − η m ∇_{w_j} J_m.

#include <Eigen/Core>

#include "objective/activation.hpp"
#include "objective/data_set.hpp"
#include "objective/loss.hpp"

namespace mf {

struct PlainNetwork {
  Activation activation = Activation::relu;
  bool bias = false;
  Eigen::VectorXd a;  ///< m output weights
  Eigen::MatrixXd b;  ///< d̃ × m input weights (last row: the biases, with a bias input)

  int width() const { return static_cast<int>(a.size()); }
  /// d: the dimension of the inputs x (without the bias coordinate).
  int input_dimension() const { return static_cast<int>(b.rows()) - (bias ? 1 : 0); }
  /// f(x_l) for the columns of X (d × n), by the definition (no blocking).
  Eigen::VectorXd predict(const Eigen::MatrixXd& X) const;
};

/// The inputs as the network sees them: (x, 1) with a bias input, x without (d̃ × n).
Eigen::MatrixXd lifted_inputs(const Eigen::MatrixXd& X, bool bias);

/// The mean-field gradient of J_m and its value:
///   a_j: m ∂J_m/∂a_j = (1/n) Σ_l ℓ'_l σ(b̃_j·x̃_l),
///   b_j: m ∂J_m/∂b̃_j = a_j (1/n) Σ_l ℓ'_l σ'(b̃_j·x̃_l) x̃_l,   ℓ'_l = ∂_f ℓ(y_l, f(x_l)).
struct NetworkGradient {
  double loss = 0.0;           ///< J_m (e^{s} J_m with PackedBatch::centre_loss_exponent)
  double loss_exponent_shift = 0.0;  ///< s: loss, a and b are e^{s} times J_m and its gradient
  Eigen::VectorXd prediction;  ///< f at the batch's points
  Eigen::VectorXd a;           ///< m
  Eigen::MatrixXd b;           ///< d̃ × m
};

}  // namespace mf
