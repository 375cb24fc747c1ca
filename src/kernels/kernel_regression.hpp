#pragma once
// Kernel (ridge and ridgeless) regression on a training set: the predictor
//   f(z) = Σ_i c_i k(x_i, z),   c = (K + n λ I)⁻¹ y      (ridge, λ > 0; the minimizer of
//   (1/2n) Σ_i (f(x_i) − y_i)² + (λ/2) ‖f‖²_k),
// and for λ = 0 the minimum-norm interpolant c = K⁺ y (the pseudo-inverse on the eigenvalues
// above a relative cutoff of 1e-12 of the largest): the limit of the kernel gradient flow on the
// square loss from f = 0 as t → ∞. Both by a symmetric eigendecomposition of K.

#include <Eigen/Core>

namespace mf {

struct KernelRegression {
  Eigen::VectorXd coefficients;  ///< c (n)
  int rank = 0;                  ///< eigenvalues kept (ridgeless) or n (ridge)

  /// f(z_k) = Σ_i c_i K(x_i, z_k) from the cross Gram matrix K(x_i, z_k) (n × p).
  Eigen::VectorXd predict(const Eigen::MatrixXd& cross_gram) const {
    return cross_gram.transpose() * coefficients;
  }
};

/// K: the n × n Gram matrix of the training inputs (symmetric positive semi-definite), y its
/// labels, ridge = λ ≥ 0. Throws std::invalid_argument for a non-square K, a size mismatch or
/// λ < 0.
KernelRegression kernel_regression(const Eigen::MatrixXd& K, const Eigen::VectorXd& y, double ridge);

}  // namespace mf
