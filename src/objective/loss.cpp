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

double mean_loss(Loss loss, const Eigen::VectorXd& y, const Eigen::VectorXd& f) {
  double sum = 0.0;
  for (Eigen::Index l = 0; l < y.size(); ++l) sum += loss_value(loss, y[l], f[l]);
  return y.size() > 0 ? sum / static_cast<double>(y.size()) : 0.0;
}

}  // namespace mf
