#pragma once
// Conic particles on S^{d−1}: atoms with direction θ_j (unit), mass c_j ≥ 0 and a fixed sign
// s_j = ±1 — the measure μ = Σ_j s_j c_j δ_{θ_j}. Under the flows of docs/DESIGN.md §2 (a thin
// adapter of the model, model/penalized_objective.hpp, the same G^s as the grid):
//   dθ_j/dt = −α ∇_S G^{s_j}(θ_j),     dc_j/dt = −2β G^{s_j}(θ_j) c_j
// (W: β = 0; FR: α = 0; WFR: both). With α = β = 1 this is plain mean-field gradient descent
// on (a, b) started on the cone |a_j| = ‖b_j‖ (see two_layer_network.hpp), with c_j = |a_j|‖b_j‖/m.

#include <Eigen/Core>
#include <string>

#include "base/name_table.hpp"
#include "model/penalized_objective.hpp"

namespace mf {

struct ConicParticles {
  Eigen::MatrixXd theta;  ///< d × m unit directions
  Eigen::VectorXd mass;   ///< m masses c_j ≥ 0
  Eigen::VectorXd sign;   ///< m signs ±1

  int size() const { return static_cast<int>(mass.size()); }
  int dimension() const { return static_cast<int>(theta.rows()); }
  /// μ = Σ s_j c_j δ_{θ_j}.
  Measure measure() const;
  /// The ODE state [θ (d·m, column by column); c (m)].
  Eigen::VectorXd state() const;
  void set_state(const Eigen::VectorXd& state);
};

/// A signed measure as conic particles: mass |w_j|, sign of w_j (w_j = 0 counts as +).
ConicParticles conic_particles_of(const Measure& mu);

/// m particles for identity checks: random_teacher's directions, masses uniform in
/// [0.5, 1.5]/m, signs alternating +, −, +, …
ConicParticles random_conic_particles(int d, int m, unsigned long seed);

/// The continuous-time conic particle flow as an ODE right-hand side for OdeStepper.
class ConicParticleFlow {
 public:
  /// Keeps a reference to the objective. options: geometry (w, fr, wfr), alpha, beta, tv, kernel.
  ConicParticleFlow(const Objective& objective, NetworkFlowOptions options, Eigen::VectorXd signs);

  /// d(state)/dt for state = [θ; c].
  void rhs(const Eigen::VectorXd& state, Eigen::VectorXd& dstate) const;
  /// At a state: the velocities dθ_j/dt = −α ∇_S G^{s_j}(θ_j) (d × m; zero for FR) and the
  /// rates g_j = −2β G^{s_j}(θ_j) of dc_j/dt = g_j c_j (zero for W).
  void fields(const Eigen::VectorXd& state, Eigen::MatrixXd& velocity, Eigen::VectorXd& rate) const;
  /// The penalized objective J + λ_TV Σ c + λ_K Σ κ c c at a state.
  double penalized_loss(const Eigen::VectorXd& state) const;
  /// The diagnostics at a state but the masses (the caller bins them into its mesh's cells:
  /// set_cell_masses), and the fields a frame shows: V at the particles, the velocities and
  /// the rates of fields().
  NetworkDiagnostics diagnostics(const Eigen::VectorXd& state, Eigen::VectorXd& V, Eigen::MatrixXd& velocity,
                                 Eigen::VectorXd& rate) const;
  const PenalizedObjective& model() const { return model_; }
  /// Where the particles live (the objective's domain): steps come back onto it by its retraction.
  const Domain& domain() const { return domain_; }

 private:
  ConicParticles unpack(const Eigen::VectorXd& state) const;
  /// V, P and their gradients at the normalized directions (the measure's atoms).
  Measure evaluate(const ConicParticles& p, FirstVariation& fv) const;
  void fields_of(const ConicParticles& p, const FirstVariation& fv, Eigen::MatrixXd& velocity,
                 Eigen::VectorXd& rate) const;
  PenalizedObjective model_;
  Eigen::VectorXd signs_;
  Domain domain_;
};

enum class MassRetraction { exp, linear };
const NameTable<MassRetraction>& name_table(MassRetraction);

/// One discrete step of conic particle descent, the way it is run in practice: positions
/// θ_j ← (θ_j + η v_j)/‖θ_j + η v_j‖ (step, then back onto the sphere; on the torus each
/// (cos, sin) pair normalized: the flow's domain's retraction), masses
/// c_j ← c_j e^{η g_j} (exp) or c_j (1 + η g_j) (linear), with v, g of ConicParticleFlow::fields
/// at the step's start. Returns the index of the first particle whose linear update made its
/// mass negative (its mass is then left negative), or −1.
int conic_gradient_step(const ConicParticleFlow& flow, Eigen::VectorXd& state, double eta, MassRetraction retraction);

}  // namespace mf
