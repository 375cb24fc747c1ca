#pragma once
// The plain ReLU network without bias (network/plain_network.hpp) seen as a measure, and its
// gradient flow computed by the measure code, in mean-field time (w ← w − η m ∇_w J_m, η → 0):
//   da_j/dt = −m ∂J/∂a_j = −E[ℓ' σ(b_j·x)] = −‖b_j‖ V(θ_j),
//   db_j/dt = −m ∂J/∂b_j = −a_j E[ℓ' σ'(b_j·x) x] = −a_j (∇_S V(θ_j) + V(θ_j) θ_j),
// with θ_j = b_j/‖b_j‖ and V the potential of its measure μ = (1/m) Σ a_j ‖b_j‖ δ_{θ_j}
// (ReLU is 1-homogeneous, so V(b) = ‖b‖ V(θ) and its ambient gradient is ∇_S V + V θ). Any
// objective serves (population or data set); the state is PlainNetworkFlow's, [a; b].

#include <Eigen/Core>

#include "network/plain_network.hpp"
#include "objective/objective.hpp"
#include "particles/conic_particles.hpp"

namespace mf {

/// μ = (1/m) Σ a_j ‖b_j‖ δ_{b_j/‖b_j‖} of a ReLU network without bias.
Measure network_measure(const PlainNetwork& net);
/// On the cone: a_j = s_j r_j, b_j = r_j θ_j with r_j = √(m c_j), the network of the conic particles.
PlainNetwork network_on_cone(const ConicParticles& p);
/// The conic particles of a network: θ_j = b_j/‖b_j‖, c_j = |a_j| ‖b_j‖ / m, s_j = sign a_j.
ConicParticles conic_image(const PlainNetwork& net);

/// The chain-rule image of a network velocity dn = [da; db] at a network on the cone, as a
/// velocity of its conic state [θ; c]: dθ_j = (I − θ_jθ_jᵀ) db_j / r_j and
/// dc_j = (s_j da_j r_j + |a_j| θ_j·db_j) / m, r_j = ‖b_j‖.
Eigen::VectorXd conic_velocity(const PlainNetwork& net, const Eigen::VectorXd& dn);

/// Mean-field gradient flow of a ReLU network without bias, by the measure code, as an ODE
/// right-hand side on the state [a (m); b (d·m)].
class NetworkGradientFlow {
 public:
  explicit NetworkGradientFlow(const Objective& objective, int m) : objective_(objective), m_(m) {}
  void rhs(const Eigen::VectorXd& state, Eigen::VectorXd& dstate) const;

 private:
  const Objective& objective_;
  int m_;
};

}  // namespace mf
