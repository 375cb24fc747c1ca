#pragma once
// Losses ℓ(y, f) and their derivatives ∂_f ℓ.
//   square:   ℓ = ½ (f − y)²,        ∂_f ℓ = f − y
//   logistic: ℓ = log(1 + e^{−y f}),  ∂_f ℓ = −y / (1 + e^{y f})   (labels y ∈ {−1, +1})
//   exponential: ℓ = e^{−y f},         ∂_f ℓ = −y e^{−y f}           (labels y ∈ {−1, +1})

#include <cmath>
#include <string>

#include "base/name_table.hpp"

namespace mf {

enum class Loss { square, logistic, exponential };
const NameTable<Loss>& name_table(Loss);


inline double loss_value(Loss loss, double y, double f) {
  if (loss == Loss::square) return 0.5 * (f - y) * (f - y);
  const double z = -y * f;
  if (loss == Loss::exponential) return std::exp(z);
  return z > 0.0 ? z + std::log1p(std::exp(-z)) : std::log1p(std::exp(z));  // log(1 + e^z) without overflow
}

inline double loss_derivative(Loss loss, double y, double f) {
  if (loss == Loss::square) return f - y;
  if (loss == Loss::exponential) return -y * std::exp(-y * f);
  return -y / (1.0 + std::exp(y * f));
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

}  // namespace mf
