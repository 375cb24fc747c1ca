#include "network/plain_network.hpp"

#include "base/precondition.hpp"

namespace mf {

Eigen::MatrixXd lifted_inputs(const Eigen::MatrixXd& X, bool bias) {
  if (!bias) return X;
  Eigen::MatrixXd Xt(X.rows() + 1, X.cols());
  Xt.topRows(X.rows()) = X;
  Xt.row(X.rows()).setOnes();
  return Xt;
}

Eigen::VectorXd PlainNetwork::predict(const Eigen::MatrixXd& X) const {
  MF_PRECONDITION(a.size() == b.cols(), std::to_string(a.size()) + " output weights for " + std::to_string(b.cols()) +
                                            " neurons' input weights");
  MF_PRECONDITION(X.rows() == input_dimension(), "inputs of dimension " + std::to_string(X.rows()) +
                                                     " for a network of input dimension " +
                                                     std::to_string(input_dimension()));
  const Eigen::MatrixXd Xt = lifted_inputs(X, bias);
  Eigen::VectorXd f = Eigen::VectorXd::Zero(X.cols());
  for (int l = 0; l < X.cols(); ++l)
    for (int j = 0; j < width(); ++j) f[l] += a[j] * activation_value(activation, b.col(j).dot(Xt.col(l)));
  return f / width();
}

}  // namespace mf
