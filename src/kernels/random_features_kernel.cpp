#include "kernels/random_features_kernel.hpp"

#include <stdexcept>

#include "network/plain_network.hpp"
#include "objective/relu_kernel.hpp"

namespace mf {

double relu_feature_scale(NetworkInit init, double scale, int d_lifted) {
  switch (init) {
    case NetworkInit::gaussian:
    case NetworkInit::symmetric:
    case NetworkInit::cone: return scale * scale / d_lifted;
    case NetworkInit::sphere: return scale * scale / (d_lifted + 1);
    case NetworkInit::file: break;
  }
  throw std::invalid_argument("a network read from a file has no initial distribution: no random-features kernel");
}

Eigen::MatrixXd random_features_gram(const PlainNetwork& net, const Eigen::MatrixXd& X, const Eigen::MatrixXd& Z) {
  const auto features = [&net](const Eigen::MatrixXd& P) {
    return Eigen::MatrixXd((net.b.transpose() * lifted_inputs(P, net.bias))
                               .unaryExpr([&net](double z) { return activation_value(net.activation, z); }));
  };
  return features(X).transpose() * features(Z) / net.width();
}

Eigen::MatrixXd relu_random_features_gram(const Eigen::MatrixXd& X, const Eigen::MatrixXd& Z, bool bias, double c) {
  const Eigen::MatrixXd Xt = lifted_inputs(X, bias), Zt = lifted_inputs(Z, bias);
  const Eigen::VectorXd nx = Xt.colwise().norm().transpose(), nz = Zt.colwise().norm().transpose();
  const Eigen::MatrixXd inner = Xt.transpose() * Zt;
  Eigen::MatrixXd K(X.cols(), Z.cols());
  for (Eigen::Index j = 0; j < Z.cols(); ++j)
    for (Eigen::Index i = 0; i < X.cols(); ++i) {
      const double norms = nx[i] * nz[j];
      K(i, j) = norms > 0.0 ? c * norms * relu_kappa(inner(i, j) / norms) : 0.0;
    }
  return K;
}

}  // namespace mf
