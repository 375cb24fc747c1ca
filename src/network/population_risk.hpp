#pragma once
// The population risk of a plain network against a teacher network, without sampling:
//   R = ½ E_x (f(x) − f*(x))²,  x ~ N(0, I_d),
// f = (1/m) Σ_j a_j σ(b̃_j·x̃) and f* likewise (bias inputs x̃ = (x, 1)): with the combined output
// weights α = (a/m, −a*/m*) over both sets of neurons, R = ½ Σ_ij α_i α_j k(w_i, w_j), the kernel of
// objective/activation_kernel.hpp (exact to its 1e-13). O((m + m*)²) kernel values.
//
// Its mean-field gradient (plain_network.hpp's convention, m times the gradient):
//   a_j: m ∂R/∂a_j = Σ_i α_i k(w_j, w_i),   b̃_j: m ∂R/∂b̃_j = a_j Σ_i α_i ∇₁k(w_j, w_i)
// over every neuron i of both networks (i = j included, with the derivative in the first
// argument only: ½α_j² k(w, w) has derivative α_j² ∇₁k(w, w)). Each unordered pair is one
// evaluation of the kernel's moments, which gives ∇₁k and ∇₂k together — by Mehler's expansion
// from each neuron's Hermite coefficients (made once per call), the nested rule where |ρ| is near
// 1; the teacher's own pairs are a constant, summed once.
//
// Random features (the convex baseline of Chizat & Bach 2018): with the input weights fixed, R
// is a quadratic in a, ½ aᵀKa/m² − aᵀc/m + R*, K_ij = k(w_i, w_j), c_j = Σ_i (a*_i/m*) k(w_j, w*_i);
// its minimizer solves K a = m c (K is positive semi-definite: the least-norm solution, through
// K's eigen-decomposition with the eigenvalues below 1e-13 · the largest dropped).

#include <vector>

#include "network/network_gradient.hpp"
#include "network/plain_network.hpp"
#include "objective/activation_kernel.hpp"

namespace mf {

class PopulationRisk {
 public:
  /// std::invalid_argument when the teacher lacks a bias input or its activation is not the kernel's.
  PopulationRisk(const PlainNetwork& teacher, const ActivationKernel& kernel);
  const PlainNetwork& teacher() const { return teacher_; }
  /// R of f (std::invalid_argument when f lacks a bias input, or differs in activation or input dimension).
  double value(const PlainNetwork& f) const;
  /// R in out.loss and the mean-field gradient in out.a, out.b (out.prediction emptied).
  /// Threads over the pairs (base/parallel_threshold.hpp's kActivationKernelPairs).
  /// std::domain_error, before any work, for weights that are not finite or a neuron with
  /// ‖b‖ > kLargestScale (the rule's nodes grow like ‖b‖ per neuron and up to ‖b‖² per pair).
  void gradient(const PlainNetwork& f, NetworkGradient& out) const;
  static constexpr double kLargestScale = 100.0;
  /// The output weights of least risk for f's input weights, and that risk in *risk.
  Eigen::VectorXd optimal_output(const PlainNetwork& f, double* risk = nullptr) const;

 private:
  void check(const PlainNetwork& f) const;
  PlainNetwork teacher_;
  ActivationKernel kernel_;
  double teacher_term_ = 0.0;  // Σ_ij (a*_i a*_j / m*²) k(w*_i, w*_j)
  std::vector<NeuronExpansion> teacher_expansions_;
};

/// PopulationRisk(teacher, kernel).value(f).
double population_risk(const PlainNetwork& f, const PlainNetwork& teacher, const ActivationKernel& kernel);

}  // namespace mf
