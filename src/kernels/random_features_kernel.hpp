#pragma once
// The random-features kernel of a ReLU network's initialization: the m → ∞ limit of the kernel
// k_m(x, x') = (1/m) Σ_j σ(b̃_j·x̃) σ(b̃_j·x̃') of m fixed input weights, i.e.
//   k(x, x') = E_b̃[σ(b̃·x̃) σ(b̃·x̃')] = c ‖x̃‖ ‖x̃'‖ κ(x̃·x̃' / (‖x̃‖‖x̃'‖)),   c = E‖b̃‖² / d̃,
// with κ the ReLU kernel of objective/relu_kernel.hpp (every initialization here draws the
// direction of b̃ uniformly, independently of its norm). x̃ = (x, 1) with a bias input.

#include <Eigen/Core>

#include "network/network_init.hpp"
#include "network/plain_network.hpp"

namespace mf {

/// c = E‖b̃‖²/d̃ of an initialization of scale s: s²/d̃ (gaussian, symmetric, cone), s²/(d̃ + 1)
/// (sphere: (a, b̃) uniform on the sphere of radius s in R^{d̃+1}). init = file has no
/// distribution: std::invalid_argument.
double relu_feature_scale(NetworkInit init, double scale, int d_lifted);

/// k_m(x_i, z_j) = (1/m) Σ_j σ(b̃_j·x̃_i) σ(b̃_j·z̃_j) of a network's m input weights (its
/// activation, its bias input), X: d × n, Z: d × p.
Eigen::MatrixXd random_features_gram(const PlainNetwork& net, const Eigen::MatrixXd& X, const Eigen::MatrixXd& Z);

/// The Gram matrix k(x_i, z_j) of the columns of X (d × n) and Z (d × p).
Eigen::MatrixXd relu_random_features_gram(const Eigen::MatrixXd& X, const Eigen::MatrixXd& Z, bool bias, double c);

}  // namespace mf
