#include "kernels/tangent_kernel.hpp"

#include <stdexcept>

#include "objective/relu_kernel.hpp"

namespace mf {

Eigen::MatrixXd tangent_kernel_gram(const PlainNetwork& net, const NetworkScaling& scaling, TrainedLayers layers,
                                    const Eigen::MatrixXd& X, const Eigen::MatrixXd& Z) {
  const Eigen::MatrixXd Xt = lifted_inputs(X, net.bias), Zt = lifted_inputs(Z, net.bias);
  const Eigen::MatrixXd zx = net.b.transpose() * Xt, zz = net.b.transpose() * Zt;  // m × n, m × p
  const auto value = [&net](double z) { return activation_value(net.activation, z); };
  Eigen::MatrixXd K = zx.unaryExpr(value).transpose() * zz.unaryExpr(value);
  if (layers == TrainedLayers::both) {
    const auto slope = [&net](double z) { return activation_derivative(net.activation, z); };
    const Eigen::MatrixXd sx = net.a.asDiagonal() * zx.unaryExpr(slope), sz = net.a.asDiagonal() * zz.unaryExpr(slope);
    K += (sx.transpose() * sz).cwiseProduct(Xt.transpose() * Zt);
  }
  const double N = scaling.normalizer(net.width());
  return K / (N * N);
}

double output_weight_second_moment(NetworkInit init, double scale, int d_lifted) {
  switch (init) {
    case NetworkInit::gaussian:
    case NetworkInit::symmetric:
    case NetworkInit::cone: return scale * scale;
    case NetworkInit::sphere: return scale * scale / (d_lifted + 1);
    case NetworkInit::file: break;
  }
  throw std::invalid_argument("a network read from a file has no initial distribution: no infinite-width kernel");
}

Eigen::MatrixXd relu_tangent_kernel_gram(const Eigen::MatrixXd& X, const Eigen::MatrixXd& Z, bool bias, double c,
                                         double c_a) {
  const Eigen::MatrixXd Xt = lifted_inputs(X, bias), Zt = lifted_inputs(Z, bias);
  const Eigen::VectorXd nx = Xt.colwise().norm().transpose(), nz = Zt.colwise().norm().transpose();
  const Eigen::MatrixXd inner = Xt.transpose() * Zt;
  Eigen::MatrixXd K(X.cols(), Z.cols());
  for (Eigen::Index k = 0; k < Z.cols(); ++k)
    for (Eigen::Index i = 0; i < X.cols(); ++i) {
      const double norms = nx[i] * nz[k];
      if (norms == 0.0) {
        K(i, k) = 0.0;  // σ(0) = 0; σ' = 1[z > 0] vanishes at z = 0
        continue;
      }
      const double t = inner(i, k) / norms;
      K(i, k) = c * norms * relu_kappa(t) + c_a * inner(i, k) * relu_kappa_derivative(t);
    }
  return K;
}

}  // namespace mf
