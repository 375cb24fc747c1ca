#include "algorithms/measure_algorithm.hpp"

#include <cmath>
#include <stdexcept>

#include "algorithms/atom_merging.hpp"
#include "algorithms/coordinate_updates.hpp"

namespace mf {

namespace {

struct MethodName {
  MeasureMethod method;
  const char* name;
};
constexpr MethodName kMethods[] = {
    {MeasureMethod::coordinate_descent, "coordinate_descent"},
    {MeasureMethod::prox_tv, "prox_tv"},
    {MeasureMethod::prox_tv_fixed_support, "prox_tv_fixed_support"},
    {MeasureMethod::modified_prox_tv, "modified_prox_tv"},
    {MeasureMethod::modified_prox_tv_conic, "modified_prox_tv_conic"},
    {MeasureMethod::conic_gd, "conic_gd"},
};

// |μ|: the same atoms with masses |c_j| (what the kernel penalty integrates).
Measure abs_measure(const Measure& mu) {
  Measure a;
  a.directions = mu.directions;
  a.weights = mu.weights.cwiseAbs();
  return a;
}

}  // namespace

std::vector<std::string> measure_method_names() {
  std::vector<std::string> names;
  for (const auto& m : kMethods) names.emplace_back(m.name);
  return names;
}

MeasureMethod parse_measure_method(const std::string& name) {
  for (const auto& m : kMethods)
    if (name == m.name) return m.method;
  std::string valid;
  for (const auto& n : measure_method_names()) valid += (valid.empty() ? "" : ", ") + n;
  throw std::invalid_argument("unknown method '" + name + "'; valid: " + valid);
}

std::string to_string(MeasureMethod method) {
  for (const auto& m : kMethods)
    if (m.method == method) return m.name;
  return "?";
}

bool starts_from_atoms(MeasureMethod m) {
  return m == MeasureMethod::prox_tv_fixed_support || m == MeasureMethod::conic_gd;
}

MeasureAlgorithm::MeasureAlgorithm(const Objective& objective, MeasureAlgorithmOptions options, const Measure& initial)
    : objective_(objective), options_(options), state_(objective, initial), rng_(options.seed) {
  if (!(options_.smoothness > 0.0) || !std::isfinite(options_.smoothness))
    throw std::invalid_argument("the smoothness L must be positive and finite, not " +
                                std::to_string(options_.smoothness));
  if (!(options_.tv >= 0.0)) throw std::invalid_argument("the TV weight λ must be ≥ 0");
  if (!(options_.conic_step > 0.0)) throw std::invalid_argument("the conic step η must be positive");
  if (options_.conic_every < 1) throw std::invalid_argument("conic_every must be at least 1");
  if (options_.method == MeasureMethod::conic_gd && options_.kernel.active())
    kernel_value_ = options_.kernel.value(abs_measure(state_.measure()));
}

double MeasureAlgorithm::penalized_objective() const {
  return state_.loss() + options_.tv * state_.tv_norm() + kernel_value_;
}

Eigen::VectorXd MeasureAlgorithm::uniform_direction() {
  std::normal_distribution<double> g(0.0, 1.0);
  Eigen::VectorXd v(state_.dimension());
  do {
    for (Eigen::Index r = 0; r < v.size(); ++r) v[r] = g(rng_);
  } while (!(v.squaredNorm() > 0.0));
  return v / v.norm();
}

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
  NetworkFlowOptions flow_options;
  flow_options.geometry = FlowGeometry::wfr;
  flow_options.tv = baseline ? 0.0 : options_.tv;
  if (baseline) flow_options.kernel = options_.kernel;
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
  if (baseline && options_.kernel.active()) kernel_value_ = options_.kernel.value(abs_measure(mu));
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
  }
  ++iteration_;
}

}  // namespace mf
