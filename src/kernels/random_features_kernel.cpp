#include "kernels/random_features_kernel.hpp"

#include <stdexcept>

#include "kernels/tangent_kernel.hpp"

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
  // The tangent kernel of the output layer of the 1/m network is (1/m²) Σ_j σσ: m times it.
  return tangent_kernel_gram(net, NetworkScaling{}, TrainedLayers::output, X, Z) * net.width();
}

Eigen::MatrixXd relu_random_features_gram(const Eigen::MatrixXd& X, const Eigen::MatrixXd& Z, bool bias, double c) {
  return relu_tangent_kernel_gram(X, Z, bias, c, 0.0);
}

}  // namespace mf
