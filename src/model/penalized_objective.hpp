#pragma once
// The penalized objective of a network's neuron measure and its first variation, defined once
// for every discretization (grid, particles, algorithms on measures):
//   F(μ) = J(μ) + λ_TV |μ|_TV + λ_K ∫∫ κ(u·v) d|μ|(u) d|μ|(v),
//   G^s  = δF/δμ^s = s V[μ] + λ_TV + P,   P = 2 λ_K (κ * |μ|)   (s = ±1 for μ^±),
// and the flows' fields built from it (docs/DESIGN.md §2):
//   velocity −α ∇_S G^s (zero unless the flow moves), growth rate −2β G^s (zero unless it grows).
// V and ∇_S V come from the Objective (or from a discretization's faster sums of the same V:
// the grid's GridPotential); P and ∇_S P from the KernelPenalty.

#include <Eigen/Core>
#include <optional>

#include "model/flow_parameters.hpp"
#include "model/network_diagnostics.hpp"
#include "objective/objective.hpp"

namespace mf {

/// V[μ] and P[|μ|] at a set of points, with their tangential gradients (d × #points) when asked.
struct FirstVariation {
  Eigen::VectorXd V, P;
  Eigen::MatrixXd grad_V, grad_P;
};

class PenalizedObjective {
 public:
  /// Keeps a reference to the objective. Throws std::invalid_argument for penalties on the L2 flow.
  PenalizedObjective(const Objective& objective, NetworkFlowOptions parameters);

  const Objective& objective() const { return objective_; }
  const NetworkFlowOptions& parameters() const { return p_; }
  int dimension() const { return objective_.dimension(); }

  /// V[μ] and P[|μ|] (|μ| = the atoms of μ with weights `abs_weights`) at the unit columns
  /// of `points` (d × #points); gradients when `gradients`.
  void first_variation(const Measure& mu, const Eigen::VectorXd& abs_weights, const Eigen::MatrixXd& points,
                       FirstVariation& out, bool gradients) const;
  /// P[|μ|] (and ∇_S P when grad is not null) alone; zero without a kernel penalty.
  void penalty_variation(const Measure& abs_mu, const Eigen::MatrixXd& points, Eigen::VectorXd& P,
                         Eigen::MatrixXd* grad) const;

  /// G^s = s V + λ_TV + P, elementwise (s: ±1 per point, or one value).
  template <class S, class A, class B>
  auto G(const S& s, const A& V, const B& P) const {
    return (s * V.array() + P.array() + p_.tv).matrix();
  }
  /// The growth rate −2β G^s (zero unless the flow grows).
  template <class S, class A, class B>
  Eigen::VectorXd growth_rate(const S& s, const A& V, const B& P) const {
    return -2.0 * (p_.grows() ? p_.beta : 0.0) * G(s, V, P);
  }
  /// The velocity −α (s ∇_S V + ∇_S P) (zero unless the flow moves); also for normal
  /// components (∂_n V, ∂_n P at faces).
  template <class A, class B>
  auto velocity(double s, const A& grad_V, const B& grad_P) const {
    return (-(p_.moves() ? p_.alpha : 0.0) * (s * grad_V + grad_P)).eval();
  }

  /// F(μ) for μ with |μ| given by `abs_weights` (the grid's |μ| = M⁺ + M⁻ per cell).
  double value(const Measure& mu, const Eigen::VectorXd& abs_weights) const;
  /// F(μ) − J(μ) = λ_TV |μ| + λ_K ∫∫ κ d|μ| d|μ| (for callers that keep J themselves).
  double penalty(const Measure& mu, const Eigen::VectorXd& abs_weights) const;
  /// The diagnostics at μ that need the objective: J, penalized J, D(μ, μ*), and max |V| given by
  /// the caller (from the V it computed); the masses are the caller's (set_cell_masses). With a
  /// population objective the caller may give J's own term ⟨μ, Kμ⟩ from the potential it has
  /// (the grid: one pass instead of a new N² sum; loss_from_energy).
  NetworkDiagnostics diagnostics(const Measure& mu, const Eigen::VectorXd& abs_weights, double max_abs_potential,
                                 std::optional<double> own_energy = std::nullopt) const;

 private:
  const Objective& objective_;
  NetworkFlowOptions p_;
};

}  // namespace mf
