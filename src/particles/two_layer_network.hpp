#pragma once
// A plain two-layer ReLU network f(x) = (1/m) Σ_j a_j σ(b_j·x) (mean-field scaling) and its
// gradient flow in mean-field time, w ← w − η m ∇_w J_m in the limit η → 0:
//   da_j/dt = −m ∂J/∂a_j = −E[ℓ' σ(b_j·x)] = −‖b_j‖ V(θ_j),
//   db_j/dt = −m ∂J/∂b_j = −a_j E[ℓ' σ'(b_j·x) x] = −a_j (∇_S V(θ_j) + V(θ_j) θ_j),
// with θ_j = b_j/‖b_j‖ and V the potential of its measure μ = (1/m) Σ a_j ‖b_j‖ δ_{θ_j}
// (ReLU is 1-homogeneous, so V(b) = ‖b‖ V(θ) and its ambient gradient is ∇_S V + V θ).

#include <Eigen/Core>

#include "objective/objective.hpp"
#include "particles/conic_particles.hpp"

namespace mf {

struct TwoLayerNetwork {
  Eigen::VectorXd a;  ///< m output weights
  Eigen::MatrixXd b;  ///< d × m input weights

  int size() const { return static_cast<int>(a.size()); }
  /// μ = (1/m) Σ a_j ‖b_j‖ δ_{b_j/‖b_j‖}.
  Measure measure() const;
  /// State [a (m); b (d·m)] and back.
  Eigen::VectorXd state() const;
  void set_state(const Eigen::VectorXd& s);
  /// On the cone: a_j = s_j r_j, b_j = r_j θ_j with r_j = √(m c_j), the network of the conic particles.
  static TwoLayerNetwork on_cone(const ConicParticles& p);
  /// The conic particles of a network: θ_j = b_j/‖b_j‖, c_j = |a_j| ‖b_j‖ / m, s_j = sign a_j.
  ConicParticles conic() const;
};

/// Mean-field gradient flow of the network as an ODE right-hand side.
class NetworkGradientFlow {
 public:
  explicit NetworkGradientFlow(const Objective& objective, int m) : objective_(objective), m_(m) {}
  void rhs(const Eigen::VectorXd& state, Eigen::VectorXd& dstate) const;

 private:
  const Objective& objective_;
  int m_;
};

}  // namespace mf
