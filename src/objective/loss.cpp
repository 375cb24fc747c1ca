#include "objective/loss.hpp"

namespace mf {

const NameTable<Loss>& name_table(Loss) {
  static const NameTable<Loss> table("loss", {
      {Loss::square, "square", "ℓ = ½ (f − y)²"},
      {Loss::logistic, "logistic", "ℓ = log(1 + e^{−y f}), labels ±1"},
      {Loss::exponential, "exponential", "ℓ = e^{−y f}, labels ±1 (plain networks)"},
  });
  return table;
}

}  // namespace mf
