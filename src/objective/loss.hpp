#pragma once
// Losses ℓ(y, f) and their derivatives ∂_f ℓ.
//   square:   ℓ = ½ (f − y)²,        ∂_f ℓ = f − y
//   logistic: ℓ = log(1 + e^{−y f}),  ∂_f ℓ = −y / (1 + e^{y f})   (labels y ∈ {−1, +1})

#include <cmath>
#include <string>

namespace mf {

enum class Loss { square, logistic };

/// "square" / "logistic"; throws std::invalid_argument naming the valid values.
Loss parse_loss(const std::string& name);
std::string to_string(Loss loss);

inline double loss_value(Loss loss, double y, double f) {
  if (loss == Loss::square) return 0.5 * (f - y) * (f - y);
  const double z = -y * f;  // log(1 + e^z) without overflow
  return z > 0.0 ? z + std::log1p(std::exp(-z)) : std::log1p(std::exp(z));
}

inline double loss_derivative(Loss loss, double y, double f) {
  if (loss == Loss::square) return f - y;
  return -y / (1.0 + std::exp(y * f));
}

}  // namespace mf
