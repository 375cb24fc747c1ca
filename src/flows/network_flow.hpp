#pragma once
// The gradient flows of a two-layer ReLU network's neuron measure on a mesh (docs/DESIGN.md §2): a
// thin adapter of the model (model/penalized_objective.hpp: G^s, its velocity and growth rate)
// to the finite-volume engine, with V from the grid's fast sums (GridPotential).
//
// State: μ = μ⁺ − μ⁻ as two species of cell masses (W, FR, WFR), or one signed species (L2).
// With s = ±1 for μ^±, G^s = s V[μ] + λ_TV + P, P = 2 λ_K (κ * |μ|) (kernel_penalty.hpp):
//   ∂_t μ^s = α div_S(μ^s ∇_S G^s) − 2β G^s μ^s          (W: β = 0, FR: α = 0, WFR: both)
// so the engine gets the face flux Φ_f = −α ∇_S G^s·n_f L_f (velocity −α∇_S G^s from the
// analytic gradient at the face midpoint, midpoint rule along the face) and the growth rate
// −2β G^s at the centroid. With α = β = 1 this is plain mean-field gradient descent on (a, b)
// started on the cone |a| = ‖b‖ (particle j: dθ/dt = −∇_S G^s, dc/dt = −2 G^s c, with mass
// c = |a|‖b‖/m). Conversion from Chizat's conic particle descent, which writes
// r ← r e^{−2α'g}, θ ← θ − β'∇g with mass r²: there d(r²)/dt = −4α' g r², here
// dc/dt = −2β G c, so β = 2α' and α = β' (plain GD: α' = 1/2, β' = 1 there, α = β = 1 here).
// L2: ∂_t f = −γ V[f ω] for a signed density f w.r.t. the uniform probability ω; on cell
// masses M_i = ∫_{C_i} f dω: dM_i/dt = −γ V(c_i) A_i / |S|.

#include <Eigen/Core>
#include <string>

#include "flows/grid_potential.hpp"
#include "grid/flow.hpp"
#include "model/penalized_objective.hpp"

namespace mf {

class NetworkGridFlow : public Flow {
 public:
  /// Keeps references to mesh and objective.
  NetworkGridFlow(const SphereMesh& mesh, const Objective& objective, NetworkFlowOptions options,
                  GridPotentialOptions potential = {});

  int n_species() const override { return options().geometry == FlowGeometry::l2 ? 1 : 2; }
  bool has_transport() const override;
  bool has_reaction() const override;
  bool has_source() const override { return options().geometry == FlowGeometry::l2; }
  void face_fluxes(double t, const Eigen::VectorXd& masses, Eigen::VectorXd& phi) const override;
  void growth_rates(double t, const Eigen::VectorXd& masses, Eigen::VectorXd& g) const override;
  bool growth_depends_on_state() const override { return true; }
  void sources(double t, const Eigen::VectorXd& masses, Eigen::VectorXd& s) const override;
  double source_rate_bound() const override;

  /// The signed measure of a state (μ⁺ − μ⁻, or the L2 masses).
  Measure measure(const Eigen::VectorXd& masses) const;
  NetworkDiagnostics diagnostics(const Eigen::VectorXd& masses) const;
  /// V at centroids, and −α∇_S G^s at centroids per species (3 × #cells each) and −2β G^s.
  void cell_fields(const Eigen::VectorXd& masses, Eigen::VectorXd& potential, std::vector<Eigen::Matrix3Xd>& velocity,
                   std::vector<Eigen::VectorXd>& growth) const;

  const NetworkFlowOptions& options() const { return model_.parameters(); }
  const PenalizedObjective& model() const { return model_; }
  const GridPotential& potential() const { return potential_; }

 private:
  void update(const Eigen::VectorXd& masses) const;  // V, ∇V·n and penalty terms for this state
  const SphereMesh& mesh_;
  PenalizedObjective model_;
  GridPotential potential_;
  int d_;
  Eigen::VectorXd abs_masses(const Eigen::VectorXd& masses) const;  // |μ| per cell
  mutable Eigen::VectorXd cached_masses_, v_center_, dvdn_face_, p_center_, dpdn_face_;
  mutable bool cached_ = false;
};

}  // namespace mf
