#include "algorithms/measure_algorithm.hpp"

#include <cmath>
#include <stdexcept>

#include "algorithms/atom_merging.hpp"
#include "algorithms/coordinate_updates.hpp"
#include "algorithms/random_features.hpp"

namespace mf {

namespace {

// The penalized objective of a method: λ_TV of the case, the kernel penalty for conic_gd only.
NetworkFlowOptions penalty_parameters(const MeasureAlgorithmOptions& o) {
  NetworkFlowOptions p;
  p.geometry = FlowGeometry::wfr;
  p.alpha = o.conic_alpha;
  p.beta = o.conic_beta;
  p.tv = o.tv;
  if (o.method == MeasureMethod::conic_gd) p.kernel = o.kernel;
  return p;
}

}  // namespace

const NameTable<MeasureMethod>& name_table(MeasureMethod) {
  static const NameTable<MeasureMethod> table("method", {
      {MeasureMethod::coordinate_descent, "coordinate_descent", "random coordinate descent: one new atom per step"},
      {MeasureMethod::prox_tv, "prox_tv", "proximal TV steps on a new atom (none when its mass is 0)"},
      {MeasureMethod::prox_tv_fixed_support, "prox_tv_fixed_support", "proximal TV steps on [init]'s atoms"},
      {MeasureMethod::modified_prox_tv, "modified_prox_tv", "odd steps add an atom, even steps update one"},
      {MeasureMethod::modified_prox_tv_conic, "modified_prox_tv_conic", "modified prox-TV with a conic step every conic_every steps"},
      {MeasureMethod::conic_gd, "conic_gd", "conic particle gradient descent (kernel penalty and merging optional)"},
      {MeasureMethod::random_features, "random_features",
       "[init]'s directions fixed, the output weights solved to optimality (least squares)"},
      {MeasureMethod::frank_wolfe, "frank_wolfe", "fully corrective Frank–Wolfe: the oracle's atom, then all weights"},
      {MeasureMethod::sliding_frank_wolfe, "sliding_frank_wolfe", "Frank–Wolfe whose atoms then slide to a stationary point"},
  });
  return table;
}

bool starts_from_atoms(MeasureMethod m) {
  return m == MeasureMethod::prox_tv_fixed_support || m == MeasureMethod::conic_gd ||
         m == MeasureMethod::random_features;
}

MeasureAlgorithm::MeasureAlgorithm(const Objective& objective, MeasureAlgorithmOptions options, const Measure& initial)
    : objective_(objective), options_(options), model_(objective, penalty_parameters(options)),
      state_(objective, initial), rng_(options.seed) {
  if (!(options_.smoothness > 0.0) || !std::isfinite(options_.smoothness))
    throw std::invalid_argument("the smoothness L must be positive and finite, not " +
                                std::to_string(options_.smoothness));
  if (!(options_.tv >= 0.0)) throw std::invalid_argument("the TV weight λ must be ≥ 0");
  if (!(options_.conic_step > 0.0)) throw std::invalid_argument("the conic step η must be positive");
  if (options_.conic_every < 1) throw std::invalid_argument("conic_every must be at least 1");
  update_penalty();
}

double MeasureAlgorithm::penalized_objective() const { return state_.loss() + penalty_; }

void MeasureAlgorithm::update_penalty() {
  const Measure& mu = state_.measure();
  penalty_ = model_.penalty(mu, mu.weights.cwiseAbs());
}

Eigen::VectorXd MeasureAlgorithm::uniform_direction() { return objective_.domain().uniform(1, rng_).col(0); }

void MeasureAlgorithm::new_atom_step() {
  const Eigen::VectorXd u = uniform_direction();
  const double V = state_.potential(u);
  const double L = options_.smoothness;
  const double c = options_.method == MeasureMethod::coordinate_descent ? -V / L : prox_new_atom_mass(V, L, options_.tv);
  // Coordinate descent adds its atom whatever its mass; a prox step adds none of mass 0.
  if (options_.method == MeasureMethod::coordinate_descent || c != 0.0) state_.add_atom(u, c, V);
  last_ = StepKind::new_atom;
}

void MeasureAlgorithm::existing_atom_step() {
  last_ = StepKind::existing_atom;
  if (state_.size() == 0) return;  // nothing to update: the step leaves μ as it is
  std::uniform_int_distribution<int> pick(0, state_.size() - 1);
  const int j = pick(rng_);
  const double V = state_.potential(state_.direction(j));
  const double c = state_.weight(j);
  const double next = prox_existing_atom_mass(c, V, options_.smoothness, options_.tv);
  state_.add_to_weight(j, next - c, V);
  if (next == 0.0) removed_ += state_.remove_zero_atoms();
}

void MeasureAlgorithm::conic_step() {
  last_ = StepKind::conic;
  if (state_.size() == 0) return;
  const bool baseline = options_.method == MeasureMethod::conic_gd;
  NetworkFlowOptions flow_options = model_.parameters();
  if (baseline && !options_.conic_tv) flow_options.tv = 0.0;  // the baseline's steps follow J (+ its kernel penalty)
  ConicParticles p = conic_particles_of(state_.measure());
  const ConicParticleFlow flow(objective_, flow_options, p.sign);
  Eigen::VectorXd s = p.state();
  const int negative = conic_gradient_step(flow, s, options_.conic_step, options_.retraction);
  if (negative >= 0)
    throw std::runtime_error("the linear mass retraction made the mass of atom " + std::to_string(negative + 1) +
                             " negative at iteration " + std::to_string(iteration_ + 1) +
                             "; reduce conic_step or use retraction = \"exp\"");
  p.set_state(s);
  if (baseline && options_.merge_distance > 0.0) merged_ += merge_close_atoms(p, options_.merge_distance);
  const Measure mu = p.measure();
  state_.assign(mu);
  if (!baseline) removed_ += state_.remove_zero_atoms();
}

void MeasureAlgorithm::frank_wolfe_step() {
  last_ = StepKind::none;
  if (certified_) return;
  const OracleResult r = maximize_abs_potential(objective_, state_.measure(), options_.oracle, rng_);
  oracle_evaluations_ += r.evaluations;
  if (std::abs(r.value) <= options_.tv * (1.0 + 1e-9) || r.value == 0.0) {
    certified_ = true;  // |V| ≤ λ everywhere the oracle looked: μ is optimal
    return;
  }
  Measure mu = state_.measure();
  const int m = mu.size();
  mu.directions.conservativeResize(state_.dimension(), m + 1);
  mu.weights.conservativeResize(m + 1);
  mu.directions.col(m) = r.u;
  mu.weights[m] = 0.0;
  mu.weights = lasso_weights(weight_quadratic(objective_, mu.directions), options_.tv, mu.weights);
  if (options_.method == MeasureMethod::sliding_frank_wolfe) slide_atoms(objective_, mu, options_.tv, options_.slide_steps);
  state_.assign(mu);
  removed_ += state_.remove_zero_atoms();
  last_ = StepKind::new_atom;
}

void MeasureAlgorithm::step() {
  switch (options_.method) {
    case MeasureMethod::coordinate_descent:
    case MeasureMethod::prox_tv: new_atom_step(); break;
    case MeasureMethod::prox_tv_fixed_support: existing_atom_step(); break;
    case MeasureMethod::modified_prox_tv:
      ++prox_steps_;
      if (prox_steps_ % 2 == 1) new_atom_step();
      else existing_atom_step();
      break;
    case MeasureMethod::modified_prox_tv_conic:
      // A cycle of conic_every prox steps (alternating new, existing) and then one conic step.
      if ((iteration_ + 1) % (options_.conic_every + 1) == 0) {
        conic_step();
      } else {
        ++prox_steps_;
        if (prox_steps_ % 2 == 1) new_atom_step();
        else existing_atom_step();
      }
      break;
    case MeasureMethod::conic_gd: conic_step(); break;
    case MeasureMethod::frank_wolfe:
    case MeasureMethod::sliding_frank_wolfe: frank_wolfe_step(); break;
    case MeasureMethod::random_features:
      last_ = StepKind::none;
      if (iteration_ == 0) state_.assign(optimal_output_weights(objective_, state_.measure().directions));
      break;
  }
  update_penalty();
  ++iteration_;
}

}  // namespace mf
