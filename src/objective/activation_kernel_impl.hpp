#pragma once
// The template of activation_kernel.hpp: the nested trapezoid rule.

#include <algorithm>
#include <cmath>
#include <numbers>

namespace mf {

namespace activation_kernel_detail {

inline constexpr double kRange = 9.0;  // the Gaussian truncated at ±9 (e^{−40.5})

/// The node spacing in Z for a function of S = m + s Z analytic in |Im S| < strip.
inline double spacing(double s, double strip, double scale) {
  const double gaussian = 0.6;  // exp(−2π²/0.6²) ≈ 1e-24 for the Gaussian weight alone
  if (!(strip > 0.0)) return scale * std::min(gaussian, 0.02 / std::max(s, 1e-300));  // ReLU: a fine second-order rule
  const double H = 2.0 * std::numbers::pi * strip / 42.0;  // exp(−2πδ/H) = e^{−42}
  return scale * std::min(gaussian, H / std::max(s, 1e-300));
}

/// E[h(m + s Z)], Z ~ N(0, 1), by the trapezoid rule (h(m) when s = 0).
template <class H>
double gaussian_expectation(H h, double m, double s, double strip, double scale) {
  if (s == 0.0) return h(m);
  const double dz = spacing(s, strip, scale);
  const int n = static_cast<int>(std::ceil(kRange / dz));
  const double step = kRange / n;
  double sum = 0.0;
  for (int i = -n; i <= n; ++i) {
    const double z = i * step;
    sum += std::exp(-0.5 * z * z) * h(m + s * z);
  }
  return sum * step / std::sqrt(2.0 * std::numbers::pi);
}

}  // namespace activation_kernel_detail

template <class F, class G>
double gaussian_pair_expectation(F f, G g, double m1, double s1, double m2, double s2, double rho, double strip,
                                 double spacing_scale) {
  using namespace activation_kernel_detail;
  rho = std::clamp(rho, -1.0, 1.0);
  if (s2 > s1) {  // integrate the outer variable along the wider pre-activation
    // (S, T) = (m1 + s1 Z1, m2 + s2(ρZ1 + rZ2)) has the law of (m1 + s1(ρW1 + rW2), m2 + s2 W1).
    return gaussian_pair_expectation(g, f, m2, s2, m1, s1, rho, strip, spacing_scale);
  }
  const double r = std::sqrt(std::max(0.0, 1.0 - rho * rho));
  // E[f(S) E[g(T) | Z1]], the inner mean over Z2 at each outer node; its argument m2 + s2ρZ1 varies
  // with slope s2|ρ| ≤ s1, so the outer spacing for f serves it too.
  const auto outer = [&](double S) {
    const double z1 = s1 > 0.0 ? (S - m1) / s1 : 0.0;
    return f(S) * gaussian_expectation(g, m2 + s2 * rho * z1, s2 * r, strip, spacing_scale);
  };
  return gaussian_expectation(outer, m1, s1, strip, spacing_scale);
}

}  // namespace mf
