#include "kernels/kernel_regression.hpp"

#include <Eigen/Eigenvalues>
#include <stdexcept>
#include <string>

namespace mf {

KernelRegression kernel_regression(const Eigen::MatrixXd& K, const Eigen::VectorXd& y, double ridge) {
  if (K.rows() != K.cols() || K.rows() != y.size())
    throw std::invalid_argument("kernel regression: a " + std::to_string(K.rows()) + " × " + std::to_string(K.cols()) +
                                " Gram matrix for " + std::to_string(y.size()) + " labels");
  if (!(ridge >= 0.0)) throw std::invalid_argument("kernel regression: the ridge must be ≥ 0");
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eigen(0.5 * (K + K.transpose()));
  const Eigen::VectorXd& lambda = eigen.eigenvalues();
  const Eigen::MatrixXd& V = eigen.eigenvectors();
  const double n = static_cast<double>(y.size());
  const double cutoff = 1e-12 * std::max(lambda.size() > 0 ? lambda.maxCoeff() : 0.0, 0.0);
  Eigen::VectorXd inverse(lambda.size());
  KernelRegression r;
  for (Eigen::Index i = 0; i < lambda.size(); ++i) {
    if (ridge > 0.0) {
      inverse[i] = 1.0 / (std::max(lambda[i], 0.0) + n * ridge);
      ++r.rank;
    } else if (lambda[i] > cutoff) {
      inverse[i] = 1.0 / lambda[i];
      ++r.rank;
    } else {
      inverse[i] = 0.0;
    }
  }
  r.coefficients = V * inverse.cwiseProduct(V.transpose() * y);
  return r;
}

}  // namespace mf
