#pragma once
// Algorithms on atomic measures μ = Σ_j c_j δ_{u_j} on S^{d−1}, any d (or on the objective's
// domain: the torus T² of deconvolution, objective/domain.hpp), for the penalized
// objective F(μ) = J(μ) + λ |μ|_TV (+ λ_K ∫∫ κ d|μ| d|μ| for conic GD with a kernel penalty).
// L is the smoothness of J with respect to TV (Objective::smoothness(), or the case's value).
// One step of each (coordinate_updates.hpp has the one-atom formulas):
//   coordinate_descent      sample u uniform on the sphere, add −V(u)/L at u (λ plays no role);
//                           every step adds an atom.
//   prox_tv                 sample u, add S_{λ/L}(−V(u)/L) at u; no atom when that is 0.
//   prox_tv_fixed_support   pick an existing atom j uniformly, c_j ← S_{λ/L}(c_j − V(u_j)/L);
//                           an atom whose mass becomes exactly 0 is removed.
//   modified_prox_tv        odd steps a prox_tv step, even steps a fixed-support step.
//   modified_prox_tv_conic  the same, and after every `conic_every` prox steps one conic
//                           particle step (WFR, α = β = 1, with the TV penalty) of step η.
//   conic_gd                one conic particle step of all atoms (WFR with conic_alpha, conic_beta;
//                           J alone, or F = J + λ|μ| with conic_tv; with the kernel penalty λ_K
//                           when set, then merging of same-sign atoms closer than ε).
//   frank_wolfe             fully corrective Frank–Wolfe (frank_wolfe.hpp): add the oracle's
//                           argmax |V|, re-optimize all weights (LASSO); no step once |V| ≤ λ.
//   sliding_frank_wolfe     the same, the positions then slid to a stationary point of F.
//   random_features         the convex baseline: [init]'s directions fixed, their weights set to
//                           the least-squares optimum in the first iteration (random_features.hpp;
//                           square loss; λ plays no role), the later iterations leave μ as it is.
// Every step, a conic one included, is one iteration. The prox steps minimize an upper bound of
// F that is tight at the current measure, so F never increases along them.
// A conic step sees the signed measure as conic particles (mass |c_j|, sign of c_j).

#include <Eigen/Core>
#include <random>
#include <string>
#include <vector>

#include "algorithms/atomic_state.hpp"
#include "algorithms/frank_wolfe.hpp"
#include "model/penalized_objective.hpp"
#include "particles/conic_particles.hpp"

namespace mf {

enum class MeasureMethod {
  coordinate_descent,
  prox_tv,
  prox_tv_fixed_support,
  modified_prox_tv,
  modified_prox_tv_conic,
  conic_gd,
  random_features,
  frank_wolfe,
  sliding_frank_wolfe
};
const NameTable<MeasureMethod>& name_table(MeasureMethod);
/// The methods that start from the case's set of atoms (fixed support, conic GD, random features) rather than
/// from the empty measure and sampled atoms.
bool starts_from_atoms(MeasureMethod m);

struct MeasureAlgorithmOptions {
  MeasureMethod method = MeasureMethod::coordinate_descent;
  double smoothness = 0.0;  ///< L > 0
  double tv = 0.0;          ///< λ ≥ 0 of F
  int conic_every = 10;     ///< modified_prox_tv_conic: prox steps between two conic steps
  double conic_step = 0.1;  ///< η of a conic step (mean-field time)
  double conic_alpha = 1.0; ///< α of the conic steps (positions; docs/DESIGN.md §2's factors)
  double conic_beta = 1.0;  ///< β of the conic steps (masses)
  bool conic_tv = false;    ///< conic_gd: the steps follow F = J + λ|μ| (Chizat 2022), not J alone
  MassRetraction retraction = MassRetraction::exp;
  KernelPenalty kernel;         ///< conic_gd
  double merge_distance = 0.0;  ///< conic_gd: ε (0: no merging)
  OracleOptions oracle;         ///< Frank–Wolfe's linear minimization oracle
  int slide_steps = 1000;       ///< sliding Frank–Wolfe: the most alternations per step
  unsigned long seed = 1;       ///< sampled atoms and picked atoms
};

/// What the last step did.
enum class StepKind { none, new_atom, existing_atom, conic };

class MeasureAlgorithm {
 public:
  /// Keeps a reference to the objective. Throws std::invalid_argument for L ≤ 0, λ < 0, η ≤ 0.
  MeasureAlgorithm(const Objective& objective, MeasureAlgorithmOptions options, const Measure& initial);

  /// One iteration. Throws std::runtime_error when a linear mass retraction makes a mass
  /// negative (the message says which step and what to change).
  void step();

  long iteration() const { return iteration_; }
  StepKind last_step() const { return last_; }
  const AtomicState& state() const { return state_; }
  const Measure& measure() const { return state_.measure(); }
  int atoms() const { return state_.size(); }
  double objective() const { return state_.loss(); }
  double tv_norm() const { return state_.tv_norm(); }
  /// J + λ |μ|_TV (+ the kernel penalty of conic_gd).
  double penalized_objective() const;
  long removed_atoms() const { return removed_; }
  /// Frank–Wolfe: the potential evaluations of its oracle so far, and whether the last oracle
  /// certified optimality (max |V| ≤ λ; the later steps leave μ as it is).
  long oracle_evaluations() const { return oracle_evaluations_; }
  bool certified() const { return certified_; }
  long merged_atoms() const { return merged_; }
  const MeasureAlgorithmOptions& options() const { return options_; }

 private:
  Eigen::VectorXd uniform_direction();
  void new_atom_step();
  void existing_atom_step();
  void conic_step();
  void frank_wolfe_step();
  void update_penalty();
  const Objective& objective_;
  MeasureAlgorithmOptions options_;
  PenalizedObjective model_;  // F = J + λ_TV |μ| (+ the kernel penalty of conic_gd)
  AtomicState state_;
  std::mt19937_64 rng_;
  long iteration_ = 0, prox_steps_ = 0, removed_ = 0, merged_ = 0, oracle_evaluations_ = 0;
  bool certified_ = false;
  StepKind last_ = StepKind::none;
  double penalty_ = 0.0;  // F − J of the current measure
};

}  // namespace mf
