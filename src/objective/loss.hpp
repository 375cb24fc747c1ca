#pragma once
// Losses ℓ(y, f) and their derivatives ∂_f ℓ.
//   square:   ℓ = ½ (f − y)²,        ∂_f ℓ = f − y
//   logistic: ℓ = log(1 + e^{−y f}),  ∂_f ℓ = −y / (1 + e^{y f})   (labels y ∈ {−1, +1})

#include <cmath>
#include <string>

#include "base/name_table.hpp"

namespace mf {

enum class Loss { square, logistic };
const NameTable<Loss>& name_table(Loss);


inline double loss_value(Loss loss, double y, double f) {
  if (loss == Loss::square) return 0.5 * (f - y) * (f - y);
  const double z = -y * f;  // log(1 + e^z) without overflow
  return z > 0.0 ? z + std::log1p(std::exp(-z)) : std::log1p(std::exp(z));
}

inline double loss_derivative(Loss loss, double y, double f) {
  if (loss == Loss::square) return f - y;
  return -y / (1.0 + std::exp(y * f));
}

/// sup_f ∂²_f ℓ: the factor of the objective's smoothness (1 square, 1/4 logistic).
inline double curvature_bound(Loss loss) { return loss == Loss::square ? 1.0 : 0.25; }
/// Whether labels must be ±1 (classification losses).
inline bool needs_binary_labels(Loss loss) { return loss == Loss::logistic; }
/// Whether J has a closed form over the population (the kernel's quadratic form: square loss).
inline bool has_population_form(Loss loss) { return loss == Loss::square; }

}  // namespace mf
