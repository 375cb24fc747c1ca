#pragma once
// What a flow supplies to the finite-volume engine. The engine moves mass; a flow says how:
// a volume flux through every face and a growth rate in every cell, for each species.
//
// The state is n_species blocks of #cells masses stacked in one vector (species s occupies
// [s·#cells, (s+1)·#cells)); a signed measure μ = μ⁺ − μ⁻ is two species. For each species
//   ∂_t ρ + div_S(ρ u) = g ρ,
// with Φ_f = ∫_f u·n dl (left → right) the face volume flux and g the growth rate.

#include <Eigen/Core>

namespace mf {

class Flow {
 public:
  virtual ~Flow() = default;

  virtual int n_species() const { return 1; }
  virtual bool has_transport() const = 0;
  virtual bool has_reaction() const = 0;

  /// phi (n_species·#faces, resized by the callee): face volume fluxes at time t for the state
  /// `masses` (n_species·#cells).
  virtual void face_fluxes(double t, const Eigen::VectorXd& masses, Eigen::VectorXd& phi) const = 0;

  /// g (n_species·#cells, resized by the callee): growth rates (1/time) at time t.
  virtual void growth_rates(double t, const Eigen::VectorXd& masses, Eigen::VectorXd& g) const = 0;
  /// True when g depends on the masses (a nonlinear reaction, as in the network flows): the
  /// exact per-cell step of Strang splitting then freezes g over a step, so the step must stay
  /// short against 1/|g| for accuracy even without transport.
  virtual bool growth_depends_on_state() const { return false; }

  /// An additive source (mass per time per cell), for flows that are not transport or growth
  /// of the existing mass (the L2 flow ∂_t f = −γ V[f ω]). Added inside the right-hand side.
  virtual bool has_source() const { return false; }
  /// s (n_species·#cells, resized by the callee).
  virtual void sources(double /*t*/, const Eigen::VectorXd& /*masses*/, Eigen::VectorXd& s) const { s.resize(0); }
  /// A bound on the rate (1/time) of the source's dependence on the state, for the step size:
  /// explicit steps keep dt · rate ≤ cfl.
  virtual double source_rate_bound() const { return 0.0; }

  /// Optional velocity at the cell centroids for output: #cells×3 per species stacked
  /// (n_species·#cells rows). Returns false when the flow has none to show.
  virtual bool cell_velocities(double /*t*/, const Eigen::VectorXd& /*masses*/, Eigen::MatrixX3d& /*v*/) const {
    return false;
  }
};

}  // namespace mf
