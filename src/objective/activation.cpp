#include "objective/activation.hpp"

#include <stdexcept>

namespace mf {

const NameTable<Activation>& name_table(Activation) {
  static const NameTable<Activation> table("activation", {
      {Activation::relu, "relu", "σ(z) = max(z, 0); positively 1-homogeneous: the only one whose networks are measures on the sphere"},
      {Activation::sigmoid, "sigmoid", "σ(z) = 1 / (1 + e^{−z})"},
      {Activation::tanh, "tanh", "σ(z) = tanh z"},
      {Activation::softplus, "softplus", "σ(z) = log(1 + e^z), a smooth ReLU"},
  });
  return table;
}

}  // namespace mf
