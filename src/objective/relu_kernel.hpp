#pragma once
// The ReLU kernel of a population: for unit u, v with t = u·v and x ~ N(0, I_d),
//   E[σ(u·x) σ(v·x)] = κ(t) = (√(1 − t²) + t (π − arccos t)) / (2π),   κ'(t) = (π − arccos t)/(2π),
// and for x uniform on S^{d−1} the same divided by d (E[x xᵀ] = I/d). κ(1) = 1/2 = E[σ(z)²].
// (Cho & Saul's arc-cosine kernel k₁ is twice this.) For u, v of any norm, k(u, v) = ‖u‖‖v‖ κ(t).
//
// The direct sums over cells evaluate κ and κ' billions of times; `relu_kappa_fast` replaces
// arccos by the Abramowitz–Stegun 4.4.46 polynomial, arccos x = √(1−x) P₇(x) on [0, 1] (and
// π − arccos(−x) below 0), branch-free so loops vectorize. Its error is measured in
// tests/test_relu_kernel.cpp: |Δκ| ≤ 5e-9 and |Δκ'| ≤ 5e-9 on [−1, 1].

#include <algorithm>
#include <cmath>
#include <numbers>

namespace mf {

/// Clamps round-off (|u·v| slightly above 1 for unit vectors) into [−1, 1] (min/max: no branch).
inline double clamp_cosine(double t) { return std::min(std::max(t, -1.0), 1.0); }

inline double relu_kappa(double t) {
  t = clamp_cosine(t);
  return (std::sqrt(1.0 - t * t) + t * (std::numbers::pi - std::acos(t))) / (2.0 * std::numbers::pi);
}

inline double relu_kappa_derivative(double t) {
  return (std::numbers::pi - std::acos(clamp_cosine(t))) / (2.0 * std::numbers::pi);
}

/// arccos(x) for x ∈ [−1, 1] without branches: Abramowitz & Stegun 4.4.46 (stated error 2e-8;
/// measured with these 10-digit coefficients: ≤ 2.2e-8).
inline double fast_acos(double x) {
  const double a = std::abs(x);
  const double p =
      1.5707963050 +
      a * (-0.2145988016 + a * (0.0889789874 + a * (-0.0501743046 +
           a * (0.0308918810 + a * (-0.0170881256 + a * (0.0066700901 + a * -0.0012624911))))));
  const double r = std::sqrt(1.0 - a) * p;
  const double reflected = std::numbers::pi - r;
  return x < 0.0 ? reflected : r;  // both computed: a blend, so loops vectorize
}

/// κ(t) and κ'(t) with fast_acos (errors in the header comment).
inline void relu_kappa_fast(double t, double& kappa, double& dkappa) {
  t = clamp_cosine(t);
  const double angle_complement = std::numbers::pi - fast_acos(t);
  constexpr double inv_two_pi = 0.5 / std::numbers::pi;
  dkappa = angle_complement * inv_two_pi;
  kappa = (std::sqrt(1.0 - t * t) + t * angle_complement) * inv_two_pi;
}

}  // namespace mf
