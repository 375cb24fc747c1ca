#include "network/network_init.hpp"

#include <cmath>
#include <random>
#include <stdexcept>

namespace mf {

const NameTable<NetworkInit>& name_table(NetworkInit) {
  static const NameTable<NetworkInit> table("initialization", {
      {NetworkInit::gaussian, "gaussian", "a_j ~ N(0, s²), each coordinate of b̃_j ~ N(0, s²/d̃)"},
      {NetworkInit::sphere, "sphere", "each neuron (a_j, b̃_j) uniform on the sphere of radius s"},
      {NetworkInit::cone, "cone", "on the cone |a_j| = ‖b̃_j‖ = s, θ_j uniform, fair signs"},
      {NetworkInit::symmetric, "symmetric", "m/2 Gaussian neurons and their mirrors (−a_j, b̃_j): f₀ = 0"},
      {NetworkInit::file, "file", "read from network.file (columns a, b1..bd[, bias])"},
  });
  return table;
}

PlainNetwork initial_network(NetworkInit init, Activation activation, bool bias, int d, int m, double scale,
                             unsigned long seed) {
  if (init == NetworkInit::file) throw std::logic_error("initial_network: a file initialization is read, not drawn");
  if (init == NetworkInit::symmetric && m % 2 != 0)
    throw std::invalid_argument("a symmetric initialization pairs neurons: the width must be even, not " +
                                std::to_string(m));
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> normal(0.0, 1.0);
  PlainNetwork net;
  net.activation = activation;
  net.bias = bias;
  const int dl = d + (bias ? 1 : 0);
  net.a.resize(m);
  net.b.resize(dl, m);
  const int drawn = init == NetworkInit::symmetric ? m / 2 : m;
  for (int j = 0; j < drawn; ++j) {
    for (int k = 0; k < dl; ++k) net.b(k, j) = normal(rng);
    const double aj = normal(rng);
    if (init == NetworkInit::gaussian || init == NetworkInit::symmetric) {
      net.a[j] = scale * aj;
      net.b.col(j) *= scale / std::sqrt(static_cast<double>(dl));
    } else if (init == NetworkInit::sphere) {  // (a_j, b̃_j) uniform on the sphere of radius s in R^{d̃+1}
      const double r = std::sqrt(aj * aj + net.b.col(j).squaredNorm());
      net.a[j] = scale * aj / r;
      net.b.col(j) *= scale / r;
    } else {  // cone: |a_j| = ‖b̃_j‖ = s
      net.b.col(j) *= scale / net.b.col(j).norm();
      net.a[j] = aj >= 0.0 ? scale : -scale;
    }
  }
  if (init == NetworkInit::symmetric) {
    net.a.tail(m / 2) = -net.a.head(m / 2);
    net.b.rightCols(m / 2) = net.b.leftCols(m / 2);
  }
  return net;
}

}  // namespace mf
