#pragma once
// The tangent kernel of a plain network h(w)(x) = (1/N) Σ_j a_j σ(b̃_j·x̃) at its weights w
// (network/network_scaling.hpp), K(x, x') = ⟨∇_w h(w, x), ∇_w h(w, x')⟩ over the trained
// parameters:
//   K(x, x') = (1/N²) Σ_j [ σ(b̃_j·x̃) σ(b̃_j·x̃')  +  a_j² σ'(b̃_j·x̃) σ'(b̃_j·x̃') x̃·x̃' ],
// the second term only when the input layer trains too (without it: the random-features kernel
// of the m fixed features, times m/N²). Training α h in mean-field time (w ← w − η m ∇F_α) moves
// the predictor on the training set by −η m K ∇R: m K is the kernel of the function-space
// dynamics. (N²/m) K = (1/m) Σ_j [...] tends, as m → ∞, to the infinite-width tangent kernel
//   K∞(x, x') = E[σ(b̃·x̃) σ(b̃·x̃')] + E[a²] E[σ'(b̃·x̃) σ'(b̃·x̃')] x̃·x̃',
// which for ReLU is in closed form with the arc-cosine kernels of orders 1 and 0 (b̃ with a
// uniform direction independent of a and of its norm, t the cosine of the angle of x̃ and x̃'):
//   E[σ(b̃·x̃) σ(b̃·x̃')] = c ‖x̃‖ ‖x̃'‖ κ₁(t),  c = E‖b̃‖²/d̃,   κ₁(t) = (√(1−t²) + t(π − arccos t))/(2π),
//   E[σ'(b̃·x̃) σ'(b̃·x̃')] = κ₀(t) = (π − arccos t)/(2π)
// (objective/relu_kernel.hpp: κ₁ = relu_kappa, κ₀ = relu_kappa_derivative).

#include <Eigen/Core>

#include "network/network_init.hpp"
#include "network/network_scaling.hpp"
#include "network/network_training.hpp"

namespace mf {

/// K(x_i, z_k) at the network's weights, X: d × n, Z: d × p (its activation, its bias input).
Eigen::MatrixXd tangent_kernel_gram(const PlainNetwork& net, const NetworkScaling& scaling, TrainedLayers layers,
                                    const Eigen::MatrixXd& X, const Eigen::MatrixXd& Z);

/// E[a²] of an initialization of scale s: s² (gaussian, symmetric, cone), s²/(d̃ + 1) (sphere).
/// init = file: std::invalid_argument.
double output_weight_second_moment(NetworkInit init, double scale, int d_lifted);

/// K∞(x_i, z_k) for ReLU: c ‖x̃‖‖z̃‖ κ₁(t) + c_a x̃·z̃ κ₀(t), with c = E‖b̃‖²/d̃
/// (kernels/random_features_kernel.hpp: relu_feature_scale) and c_a = E[a²] (0 when only the
/// output layer trains: the random-features kernel).
Eigen::MatrixXd relu_tangent_kernel_gram(const Eigen::MatrixXd& X, const Eigen::MatrixXd& Z, bool bias, double c,
                                         double c_a);

}  // namespace mf
