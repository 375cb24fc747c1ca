#pragma once
// The kernel penalty λ_K ∫∫ κ(u·v) d|μ|(u) d|μ|(v) with
//   attractive κ_a(s) = 1 − e^{(s−1)/σ²},   repulsive κ_r(s) = e^{(s−1)/σ²}   (width σ),
// its first variation with respect to μ^± — P(u) = 2 λ_K (κ * |μ|)(u) — and ∇_S P.

#include <Eigen/Core>
#include <string>

#include "base/name_table.hpp"
#include "objective/measure.hpp"

namespace mf {

enum class PenaltyKernel { attractive, repulsive };
const NameTable<PenaltyKernel>& name_table(PenaltyKernel);

struct KernelPenalty {
  double lambda = 0.0;
  PenaltyKernel kind = PenaltyKernel::attractive;
  double width = 0.5;

  bool active() const { return lambda != 0.0; }
  double kernel(double s) const;
  double kernel_derivative(double s) const;

  /// λ Σ_ij κ(u_i·u_j) |w_i| |w_j| for the atoms of `abs_mu` (weights = |μ| masses).
  double value(const Measure& abs_mu) const;
  /// P(p) = 2λ Σ_j κ(p·u_j)|w_j| and ∇_S P (d × P, when grad is not null) at unit points.
  /// `parallel` false runs the plain serial loop (the reference for tests); so does a problem of
  /// fewer than parallel::kPenaltyPairs point-atom pairs (base/parallel_threshold.hpp).
  void first_variation(const Measure& abs_mu, const Eigen::MatrixXd& points, Eigen::VectorXd& P,
                       Eigen::MatrixXd* grad, bool parallel = true) const;
};

}  // namespace mf
