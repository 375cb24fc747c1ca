#pragma once
// Losses ℓ(y, f) and their derivatives ∂_f ℓ.
//   square:   ℓ = ½ (f − y)²,        ∂_f ℓ = f − y
//   logistic: ℓ = log(1 + e^{−y f}),  ∂_f ℓ = −y / (1 + e^{y f})   (labels y ∈ {−1, +1})
//   exponential: ℓ = e^{−y f},         ∂_f ℓ = −y e^{−y f}           (labels y ∈ {−1, +1})

#include <Eigen/Core>

#include <cmath>
#include <string>

#include "base/name_table.hpp"

namespace mf {

enum class Loss { square, logistic, exponential };
const NameTable<Loss>& name_table(Loss);


/// With `shift` = s (logistic and exponential losses): e^{s} ℓ and e^{s} ∂_f ℓ, without forming
/// e^{s} or ℓ alone — J and its gradient times e^{s}, so that with s the least margin y f neither
/// underflows as the margins grow (log J and its gradient ∇J/J do not depend on s). s = 0: ℓ.
inline double loss_value(Loss loss, double y, double f, double shift = 0.0) {
  if (loss == Loss::square) return 0.5 * (f - y) * (f - y);
  const double z = -y * f;
  if (loss == Loss::exponential) return std::exp(z + shift);
  if (shift == 0.0) return z > 0.0 ? z + std::log1p(std::exp(-z)) : std::log1p(std::exp(z));  // log(1 + e^z) without overflow
  if (z > 0.0) return std::exp(shift) * (z + std::log1p(std::exp(-z)));
  const double u = std::exp(z);  // log(1 + u) = u · (log1p(u)/u), the ratio → 1 as u → 0
  return std::exp(z + shift) * (u > 0.0 ? std::log1p(u) / u : 1.0);
}

inline double loss_derivative(Loss loss, double y, double f, double shift = 0.0) {
  if (loss == Loss::square) return f - y;
  if (loss == Loss::exponential) return -y * std::exp(-y * f + shift);
  if (shift == 0.0) return -y / (1.0 + std::exp(y * f));
  const double z = -y * f;  // −y e^{z}/(1 + e^{z}) times e^{s}
  return z > 0.0 ? -y * std::exp(shift) / (1.0 + std::exp(-z)) : -y * std::exp(z + shift) / (1.0 + std::exp(z));
}

/// sup_f ∂²_f ℓ: the factor of the objective's smoothness (1 square, 1/4 logistic); the
/// exponential loss has none (∂²ℓ = e^{−yf} is unbounded): +∞.
inline double curvature_bound(Loss loss) {
  if (loss == Loss::exponential) return HUGE_VAL;
  return loss == Loss::square ? 1.0 : 0.25;
}
/// Whether labels must be ±1 (classification losses).
inline bool needs_binary_labels(Loss loss) { return loss != Loss::square; }
/// Whether the loss has a smoothness bound (curvature_bound finite): the grid flows and the
/// algorithms on measures need one for their step bounds.
inline bool has_curvature_bound(Loss loss) { return loss != Loss::exponential; }
/// Whether J has a closed form over the population (the kernel's quadratic form: square loss).
inline bool has_population_form(Loss loss) { return loss == Loss::square; }

/// (1/n) Σ_l ℓ(y_l, f_l): the mean loss of the predictions f on labels y (0 for no samples).
double mean_loss(Loss loss, const Eigen::VectorXd& y, const Eigen::VectorXd& f);

}  // namespace mf
