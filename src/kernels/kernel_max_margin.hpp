#pragma once
// The hard-margin classifier of a kernel without offset — the limit of output-layer training
// with the logistic or exponential loss (Chizat & Bach 2020): over f in the RKHS H of k,
//   maximize γ = min_i y_i f(x_i) subject to ‖f‖_H ≤ 1.
// Its dual is the point of least norm in the convex hull of {y_i k(x_i, ·)}:
//   min ½ λᵀQλ over λ ≥ 0, Σ λ_i = 1,   Q_ij = y_i y_j k(x_i, x_j),
// with γ* = √(λᵀQλ) at the optimum and f* = Σ_i λ_i y_i k(x_i, ·) / γ*. LIBSVM solves it: it is
// its one-class SVM on the precomputed kernel Q with ν = 1/n (constraints 0 ≤ α_i ≤ 1,
// Σ α_i = νn = 1, so the upper bounds never bind); it keeps Q in single precision, so its
// answer is finished in double by Wolfe's minimum-norm-point steps. Any λ of the simplex certifies
//   lower = min_i (Qλ)_i / √(λᵀQλ) ≤ γ* ≤ upper = √(λᵀQλ)
// (the margin of f_λ, and the norm of a point of the hull), so the answer carries its gap.

#include <Eigen/Core>

namespace mf {

struct KernelMaxMargin {
  Eigen::VectorXd lambda;  ///< the dual weights (on the simplex)
  double margin = 0.0;     ///< γ* (= upper)
  double lower = 0.0;      ///< the certified lower bound: the margin of the returned classifier
  int support = 0;         ///< points with λ_i > 0
  /// f*(z) = Σ_i λ_i y_i k(x_i, z) / γ* at points whose kernel with the training points is the
  /// columns of K (n × p, K_ij = k(x_i, z_j)).
  Eigen::VectorXd predict(const Eigen::VectorXd& y, const Eigen::MatrixXd& K) const;
};

/// Solves the problem for the Gram matrix K (n × n) of the training points and labels y = ±1.
/// Throws std::invalid_argument when the classes cannot be separated (γ* = 0: the hull holds 0)
/// and std::runtime_error when the certified interval [lower, margin] is still wider than
/// `gap` relative after polishing.
KernelMaxMargin kernel_max_margin(const Eigen::MatrixXd& K, const Eigen::VectorXd& y, double gap = 1e-6);

}  // namespace mf
