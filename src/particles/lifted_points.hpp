#pragma once
// Where a particle is drawn. Two pictures of the same atoms (README.md, "Particle output"):
//   directions  θ_j = b_j/‖b_j‖ on the sphere (the grid's picture; for d > 3 the first three
//               coordinates, a projection);
//   lifted      |a_j| b_j, the neuron in parameter space as Chizat & Bach and Bach's lectures
//               plot it ("|θ₂(j)| θ₁(·, j)"). With μ = (1/m) Σ_j a_j‖b_j‖ δ_{θ_j} the mass of
//               atom j is c_j = |a_j|‖b_j‖/m, so |a_j| b_j = m c_j θ_j when |a_j| = ‖b_j‖
//               (conic particles on the cone) — the radius is m c_j, which stays O(1) as m grows.
//               Optionally compressed radially, r ↦ tanh(r), as in their animations.

#include <Eigen/Core>

#include "base/name_table.hpp"
#include "objective/domain.hpp"

namespace mf {

enum class LiftedScale { linear, tanh };
const NameTable<LiftedScale>& name_table(LiftedScale);

/// 3 × m: the directions θ_j = positions_j/‖positions_j‖ (first three coordinates, zeros below).
Eigen::Matrix3Xd drawn_directions(const Eigen::MatrixXd& positions);
/// The points as drawn in a 3-D view of their domain: drawn_directions on a sphere; on the torus
/// T² the flat square of angles, (θ₁, θ₂, 0) with θ in [0, 2π).
Eigen::Matrix3Xd drawn_points(const Domain& domain, const Eigen::MatrixXd& positions);

/// 3 × m: the lifted points r_j θ_j with r_j = m·mass_j (m = mass.size()), or tanh(m·mass_j).
Eigen::Matrix3Xd lifted_points(const Eigen::MatrixXd& positions, const Eigen::VectorXd& mass, LiftedScale scale);
/// The same in its domain's view: on the torus T², (θ₁, θ₂, radius) — the mass as the height over
/// the square of angles.
Eigen::Matrix3Xd lifted_points(const Domain& domain, const Eigen::MatrixXd& positions, const Eigen::VectorXd& mass,
                               LiftedScale scale);

}  // namespace mf
