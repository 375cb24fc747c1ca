#include "model/penalized_objective.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

namespace mf {

PenalizedObjective::PenalizedObjective(const Objective& objective, NetworkFlowOptions parameters)
    : objective_(objective), p_(parameters) {
  if (p_.geometry == FlowGeometry::l2 && (p_.tv != 0.0 || p_.kernel.active()))
    throw std::invalid_argument("the L2 flow takes no penalties (TV and kernel penalties act on |μ|, which the "
                                "linear L2 flow of a signed density does not split)");
}

void PenalizedObjective::penalty_variation(const Measure& abs_mu, const Eigen::MatrixXd& points, Eigen::VectorXd& P,
                                           Eigen::MatrixXd* grad) const {
  if (p_.kernel.active()) {
    p_.kernel.first_variation(abs_mu, points, P, grad);
    return;
  }
  P.setZero(points.cols());
  if (grad) grad->setZero(points.rows(), points.cols());
}

void PenalizedObjective::first_variation(const Measure& mu, const Eigen::VectorXd& abs_weights,
                                         const Eigen::MatrixXd& points, FirstVariation& out, bool gradients) const {
  objective_.potential(mu, points, out.V, gradients ? &out.grad_V : nullptr);
  const Measure abs_mu{mu.directions, abs_weights};
  penalty_variation(abs_mu, points, out.P, gradients ? &out.grad_P : nullptr);
}

double PenalizedObjective::penalty(const Measure& mu, const Eigen::VectorXd& abs_weights) const {
  double value = p_.tv * abs_weights.sum();
  if (p_.kernel.active()) value += p_.kernel.value(Measure{mu.directions, abs_weights});
  return value;
}

double PenalizedObjective::value(const Measure& mu, const Eigen::VectorXd& abs_weights) const {
  return objective_.loss(mu) + penalty(mu, abs_weights);
}

NetworkDiagnostics PenalizedObjective::diagnostics(const Measure& mu, const Eigen::VectorXd& abs_weights,
                                                   double max_abs_potential, std::optional<double> own_energy) const {
  NetworkDiagnostics d;
  const PopulationObjective* population = objective_.as_population();
  if (own_energy && !population)
    throw std::logic_error("PenalizedObjective::diagnostics: an own energy needs a population objective");
  d.loss = own_energy ? population->loss_from_energy(mu, *own_energy) : objective_.loss(mu);
  d.penalized_loss = d.loss + penalty(mu, abs_weights);
  d.max_abs_potential = max_abs_potential;
  if (population) d.teacher_distance = std::sqrt(2.0 * d.loss);  // D(μ, μ*)² = 2 J(μ)
  else d.teacher_distance = objective_.teacher() ? objective_.distance(mu, *objective_.teacher())
                                                 : std::numeric_limits<double>::quiet_NaN();
  return d;
}

}  // namespace mf
