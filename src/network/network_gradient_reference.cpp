#include "network/network_gradient.hpp"

#include "base/precondition.hpp"

namespace mf::network_gradient::reference {

void compute(const PlainNetwork& net, const DataSet& data, Loss loss, NetworkGradient& out) {
  const int m = net.width(), n = data.size();
  MF_PRECONDITION(data.y.size() == data.X.cols(), std::to_string(data.y.size()) + " labels for " +
                                                      std::to_string(data.X.cols()) + " inputs");
  MF_PRECONDITION(net.b.rows() == data.dimension() + (net.bias ? 1 : 0) && net.a.size() == net.b.cols(),
                  "a network of " + std::to_string(net.b.rows()) + " × " + std::to_string(net.b.cols()) +
                      " input weights and " + std::to_string(net.a.size()) + " output weights on inputs of dimension " +
                      std::to_string(data.dimension()) + (net.bias ? " plus a bias" : ""));
  const Eigen::MatrixXd X = lifted_inputs(data.X, net.bias);
  out.prediction = net.predict(data.X);
  const Eigen::VectorXd& f = out.prediction;
  out.loss = 0.0;
  out.a.setZero(m);
  out.b.setZero(X.rows(), m);
  for (int l = 0; l < n; ++l) {
    out.loss += loss_value(loss, data.y[l], f[l]) / n;
    const double r = loss_derivative(loss, data.y[l], f[l]) / n;
    for (int j = 0; j < m; ++j) {
      const double z = net.b.col(j).dot(X.col(l));
      out.a[j] += r * activation_value(net.activation, z);
      out.b.col(j) += net.a[j] * r * activation_derivative(net.activation, z) * X.col(l);
    }
  }
}

}  // namespace mf::network_gradient::reference
