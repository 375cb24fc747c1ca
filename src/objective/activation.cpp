#include "network/activation.hpp"

#include <stdexcept>

namespace mf {

Activation parse_activation(const std::string& name) {
  if (name == "relu") return Activation::relu;
  if (name == "sigmoid") return Activation::sigmoid;
  if (name == "tanh") return Activation::tanh;
  throw std::invalid_argument("unknown activation \"" + name + "\" (valid: relu, sigmoid, tanh)");
}

std::string to_string(Activation a) {
  switch (a) {
    case Activation::relu: return "relu";
    case Activation::sigmoid: return "sigmoid";
    case Activation::tanh: return "tanh";
  }
  return "?";
}

}  // namespace mf
