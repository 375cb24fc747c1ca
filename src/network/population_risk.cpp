#include "network/population_risk.hpp"

#include <stdexcept>
#include <string>

namespace mf {

double population_risk(const PlainNetwork& f, const PlainNetwork& teacher, const ActivationKernel& kernel) {
  if (!f.bias || !teacher.bias)
    throw std::invalid_argument("the population risk's kernel takes neurons (b, c) with a bias input");
  if (f.activation != kernel.activation() || teacher.activation != kernel.activation())
    throw std::invalid_argument("the networks' activations (" + to_string(f.activation) + ", " +
                                to_string(teacher.activation) + ") are not the kernel's (" +
                                to_string(kernel.activation()) + ")");
  if (f.b.rows() != teacher.b.rows())
    throw std::invalid_argument("a network of input dimension " + std::to_string(f.input_dimension()) +
                                " against a teacher of input dimension " + std::to_string(teacher.input_dimension()));
  const int m = f.width(), k = teacher.width();
  Eigen::MatrixXd W(f.b.rows(), m + k);
  Eigen::VectorXd alpha(m + k);
  W << f.b, teacher.b;
  alpha << f.a / m, -teacher.a / k;
  double sum = 0.0;
  for (int i = 0; i < m + k; ++i) {
    if (alpha[i] == 0.0) continue;
    for (int j = i; j < m + k; ++j) {
      if (alpha[j] == 0.0) continue;
      const double kij = kernel.value(W.col(i), W.col(j));
      sum += (i == j ? 1.0 : 2.0) * alpha[i] * alpha[j] * kij;
    }
  }
  return 0.5 * std::max(0.0, sum);
}

}  // namespace mf
