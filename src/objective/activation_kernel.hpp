#pragma once
// The population kernel of a two-layer network of any activation with Gaussian inputs and a bias
// input (Chizat & Bach 2018's sigmoid networks): for neurons u = (b, c), v = (b', c') ∈ R^{d+1}
// (last coordinate the bias) and x ~ N(0, I_d),
//   k(u, v) = E[σ(b·x + c) σ(b'·x + c')] = E[σ(S) σ(T)],
// (S, T) bivariate normal with means c, c', standard deviations s₁ = ‖b‖, s₂ = ‖b'‖ and correlation
// ρ = b·b'/(s₁s₂): a two-dimensional Gaussian integral in any d. With it the population risk of a
// network, ½E(f − f*)² = ½ Σ_ij (a_i a_j / m²) k(u_i, u_j) − …, needs no sampling.
//
// The rule: with S = c + s₁Z₁ and T = c' + s₂(ρZ₁ + √(1−ρ²) Z₂) (roles swapped so that s₁ ≥ s₂),
// the trapezoid rule in Z₁ over [−9, 9], and for each node the same rule in Z₂ for the inner
// E[σ(T) | Z₁]. For an activation analytic in the strip |Im z| < δ (sigmoid and softplus δ = π,
// tanh δ = π/2) the trapezoid rule on a Gaussian-weighted line converges like exp(−2πδ/(s·Δz)) in
// the node spacing Δz, and like exp(−2π²/Δz²) for the Gaussian weight itself; Δz = min(H/s, 0.6)
// with H = 2πδ/42 makes both below 1e-15 for every scale s, the truncation at ±9 costs
// e^{−40}, so every moment below (k, and those of σ', σ'' for the gradient) is within
// 1e-13 (1 + |·|) (tested against an independent Gauss–Hermite rule, Monte Carlo, the rule at a
// quarter of the spacing, and Mehler's expansion; with H = 2πδ/36, k was within 2.3e-13 and the
// σ'' moments within 7.5e-12 — their constants are larger). The cost grows like
// max(1, s₁) · max(1, s₂√(1−ρ²)): about 1.6·10³ activation evaluations at unit scales, 10⁵ at s = 10. (A tensor Gauss–Hermite rule
// needs n ∝ s² nodes per axis for the same accuracy, since σ's poles approach the real axis like
// δ/s.) ReLU is not analytic at 0: for it the rule converges at second order only, a check of
// the reduction against the closed form ‖b‖‖b'‖κ(ρ), not a method (relu_kernel.hpp has the exact κ).
//
// The gradient by Stein's identity, E[Z h(Z)] = E[h'(Z)]:
//   ∇_b k = b E[σ''(S)σ(T)] + b' E[σ'(S)σ'(T)],   ∂_c k = E[σ'(S)σ(T)]
// (smooth activations only: σ'' for ReLU is a Dirac mass).
//
// Two implementations of the rule, computed from the same nodes:
//   gaussian_pair_expectation: the definition, one E[f(S) g(T)] at a time (the tests' yardstick,
//     and ReLU's value);
//   ActivationKernel::moments: the six moments of k and of both gradients in one pass — σ, σ', σ''
//     from one exponential per node, the exponentials of a whole pair at once through
//     objective/exp_array.hpp (glibc's vector exp), about 3 µs a pair at unit scales (AVX-512).
// And a third route for many pairs of the same neurons (the population risk): Mehler's formula
// E[F(c + sZ₁) G(c' + s'Z₂)] = Σ_n ρ^n F̂_n Ĝ_n for (Z₁, Z₂) standard with correlation ρ, the
// Hermite coefficients F̂_n = E[F(c + sZ) h_n(Z)] once per neuron (NeuronExpansion): σ''s by the
// trapezoid rule, σ' and σ from them by Stein's identity E[F(c + sZ) h_n(Z)] = (s/√n)
// E[F'(c + sZ) h_{n−1}(Z)]. The rule integrates F(c + sz) h_n(z) φ(z), analytic in |Im z| < δ/s,
// where |h_n φ| grows like e^{√(2n+1)|Im z|}: at a = min(δ/(2s), 3) the spacing
// Δ = 2π/(√(2N+1) + 37/a) makes the rule's error below e^{−37} for every n ≤ N, and |h_n φ| ≤
// e^{−z²/4} truncates it at ±12.5.

#include <Eigen/Core>
#include <array>
#include <vector>

#include "objective/activation.hpp"

namespace mf {

/// E[f(S) g(T)] for (S, T) as above with means m1, m2, standard deviations s1, s2 ≥ 0 and
/// correlation rho ∈ [−1, 1]; f and g analytic in |Im z| < strip (ReLU: strip = 0, second order).
/// spacing_scale < 1 refines the rule (tests).
template <class F, class G>
double gaussian_pair_expectation(F f, G g, double m1, double s1, double m2, double s2, double rho, double strip,
                                 double spacing_scale = 1.0);

/// A neuron's Hermite expansion (Mehler's route to the moments): for the pre-activation c + sZ,
/// A[p][n] = E[σ^{(p)}(c + sZ) h_n(Z)] with h_n = He_n/√n! (orthonormal under N(0, 1)), n ≤ N, and
/// norm[p] = E[σ^{(p)}(c + sZ)²]^{1/2}.
struct NeuronExpansion {
  double c = 0.0, s = 0.0;
  std::array<std::vector<double>, 3> A;
  std::array<double, 3> norm{};
};

/// The moments of (S, T) that make k and both gradients: E[σ(S)σ(T)], E[σ''(S)σ(T)], E[σ(S)σ''(T)],
/// E[σ'(S)σ'(T)], E[σ'(S)σ(T)], E[σ(S)σ'(T)].
struct PairMoments {
  double k = 0.0, e20 = 0.0, e02 = 0.0, e11 = 0.0, e10 = 0.0, e01 = 0.0;
};

class ActivationKernel {
 public:
  explicit ActivationKernel(Activation activation, double spacing_scale = 1.0);
  Activation activation() const { return activation_; }
  /// k(u, v) for u, v ∈ R^{d+1} (last coordinate the bias).
  double value(const Eigen::VectorXd& u, const Eigen::VectorXd& v) const;
  /// k(u, v) and ∇_u k (d + 1). std::invalid_argument for ReLU (not differentiable twice).
  double value_and_gradient(const Eigen::VectorXd& u, const Eigen::VectorXd& v, Eigen::VectorXd& grad_u) const;
  /// k(u, v), ∇_u k and ∇_v k from one evaluation of the moments (the population risk's pairs).
  template <class U, class V, class GU, class GV>
  double value_and_gradients(const U& u, const V& v, GU&& grad_u, GV&& grad_v) const;
  /// The moments of the law (means m1, m2, standard deviations s1, s2, correlation rho) in one
  /// pass; std::invalid_argument for ReLU.
  PairMoments moments(double m1, double s1, double m2, double s2, double rho) const;
  /// The neuron's expansion to order kExpansionOrder (std::invalid_argument for ReLU).
  NeuronExpansion expansion(double c, double s) const;
  /// The moments of two neurons from their expansions and the correlation ρ of their b's: by
  /// Mehler's formula E[F(S)G(T)] = Σ_n ρ^n F̂_n Ĝ_n, truncated where the tail's bound
  /// |ρ|^{N+1}‖F‖‖G‖ is below 1e-14 (at most kExpansionOrder terms: |ρ| ≲ 0.9), about 10–100
  /// terms instead of 10³ nodes; else (|ρ| near 1) the nested rule. The same 1e-13(1 + |k|).
  PairMoments moments(const NeuronExpansion& u, const NeuronExpansion& v, double rho) const;
  static constexpr int kExpansionOrder = 300;
  /// The largest ‖b‖ moments() and expansion() take (std::invalid_argument beyond, and for
  /// non-finite laws): their nodes grow like ‖b‖² and ‖b‖.
  static constexpr double kLargestScale = 1e4;

 private:
  Activation activation_;
  double spacing_scale_;
};

/// ∇_u k and ∇_v k from the moments (Stein's identity, above); returns k.
template <class U, class V, class GU, class GV>
double kernel_gradients(const PairMoments& e, const U& u, const V& v, GU&& grad_u, GV&& grad_v) {
  const Eigen::Index d = u.size() - 1;
  grad_u.head(d) = e.e20 * u.head(d) + e.e11 * v.head(d);
  grad_u[d] = e.e10;
  grad_v.head(d) = e.e02 * v.head(d) + e.e11 * u.head(d);
  grad_v[d] = e.e01;
  return e.k;
}

/// The correlation ρ = b·b'/(‖b‖‖b'‖) of two neurons (b, c) (0 when either b is 0).
template <class U, class V>
double neuron_correlation(const U& u, const V& v) {
  const Eigen::Index d = u.size() - 1;
  const double s1 = u.head(d).norm(), s2 = v.head(d).norm();
  return s1 > 0.0 && s2 > 0.0 ? u.head(d).dot(v.head(d)) / (s1 * s2) : 0.0;
}

template <class U, class V, class GU, class GV>
double ActivationKernel::value_and_gradients(const U& u, const V& v, GU&& grad_u, GV&& grad_v) const {
  const Eigen::Index d = u.size() - 1;
  const PairMoments e = moments(u[d], u.head(d).norm(), v[d], v.head(d).norm(), neuron_correlation(u, v));
  return kernel_gradients(e, u, v, grad_u, grad_v);
}

/// σ''(z) of the smooth activations (sigmoid σ'(1 − 2σ), tanh −2 tanh(z)(1 − tanh² z), softplus the
/// sigmoid's σ'); std::invalid_argument for ReLU.
double activation_second_derivative(Activation a, double z);
/// The half-width δ of the strip |Im z| < δ where σ is analytic (ReLU: 0).
double analytic_strip(Activation a);

}  // namespace mf

#include "objective/activation_kernel_impl.hpp"
