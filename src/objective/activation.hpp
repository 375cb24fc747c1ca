#pragma once
// Activations σ of a plain two-layer network and their derivatives σ'.
//   relu:    σ(z) = max(z, 0),        σ'(z) = 1[z > 0]
//   sigmoid: σ(z) = 1 / (1 + e^{−z}),  σ'(z) = σ(z)(1 − σ(z))
//   tanh:    σ(z) = tanh z,           σ'(z) = 1 − tanh² z
//   softplus: σ(z) = log(1 + e^z),     σ'(z) = 1 / (1 + e^{−z})
// Only ReLU is positively 1-homogeneous, so only ReLU networks are measures on the sphere.

#include <cmath>
#include <string>

#include "base/name_table.hpp"

namespace mf {

enum class Activation { relu, sigmoid, tanh, softplus };
/// Every activation, for the network kernels' compile-time dispatch.
inline constexpr Activation all_activations[] = {Activation::relu, Activation::sigmoid, Activation::tanh,
                                                 Activation::softplus};
const NameTable<Activation>& name_table(Activation);


inline double activation_value(Activation a, double z) {
  switch (a) {
    case Activation::relu: return z > 0.0 ? z : 0.0;
    case Activation::sigmoid: return 1.0 / (1.0 + std::exp(-z));
    case Activation::tanh: return std::tanh(z);
    case Activation::softplus: return z > 0.0 ? z + std::log1p(std::exp(-z)) : std::log1p(std::exp(z));
  }
  return 0.0;
}

inline double activation_derivative(Activation a, double z) {
  switch (a) {
    case Activation::relu: return z > 0.0 ? 1.0 : 0.0;
    case Activation::sigmoid: {
      const double s = 1.0 / (1.0 + std::exp(-z));
      return s * (1.0 - s);
    }
    case Activation::tanh: {
      const double t = std::tanh(z);
      return 1.0 - t * t;
    }
    case Activation::softplus: return 1.0 / (1.0 + std::exp(-z));
  }
  return 0.0;
}

}  // namespace mf
