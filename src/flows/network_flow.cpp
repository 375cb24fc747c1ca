#include "flows/network_flow.hpp"


#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

namespace mf {

NetworkGridFlow::NetworkGridFlow(const SphereMesh& mesh, const Objective& objective, NetworkFlowOptions options,
                                 GridPotentialOptions potential)
    : mesh_(mesh), model_(objective, options), potential_(mesh, objective, potential), d_(objective.dimension()) {}

bool NetworkGridFlow::has_transport() const { return options().geometry != FlowGeometry::l2 && options().moves(); }

bool NetworkGridFlow::has_reaction() const { return options().geometry != FlowGeometry::l2 && options().grows(); }

Measure NetworkGridFlow::measure(const Eigen::VectorXd& masses) const {
  const int nc = mesh_.n_cells();
  const Eigen::VectorXd w = n_species() == 1 ? Eigen::VectorXd(masses) : Eigen::VectorXd(masses.head(nc) - masses.tail(nc));
  return grid_measure(mesh_, w, d_);
}

Eigen::VectorXd NetworkGridFlow::abs_masses(const Eigen::VectorXd& masses) const {
  const int nc = mesh_.n_cells();
  return n_species() == 2 ? Eigen::VectorXd(masses.head(nc) + masses.tail(nc)) : Eigen::VectorXd(masses.cwiseAbs());
}

void NetworkGridFlow::update(const Eigen::VectorXd& masses) const {
  if (cached_ && masses.size() == cached_masses_.size() && masses == cached_masses_) return;
  const int nf = mesh_.n_faces();
  const Measure mu = measure(masses);
  potential_.evaluate(mu.weights, v_center_, dvdn_face_);
  if (options().kernel.active()) {
    const Measure abs_mu{mu.directions, abs_masses(masses)};
    model_.penalty_variation(abs_mu, abs_mu.directions, p_center_, nullptr);
    Eigen::VectorXd unused;
    Eigen::MatrixXd grad;
    model_.penalty_variation(abs_mu, potential_.face_points(), unused, &grad);
    dpdn_face_.resize(nf);
    for (int f = 0; f < nf; ++f) dpdn_face_[f] = grad.col(f).dot(potential_.face_normals().col(f));
  } else {  // no penalty: P = 0, and nothing per face to build on every right-hand side
    p_center_.setZero(mesh_.n_cells());
    dpdn_face_.setZero(nf);
  }
  cached_masses_ = masses;
  cached_ = true;
}

void NetworkGridFlow::face_fluxes(double, const Eigen::VectorXd& masses, Eigen::VectorXd& phi) const {
  update(masses);
  const int nf = mesh_.n_faces();
  phi.resize(2 * nf);
  const Eigen::Map<const Eigen::VectorXd> length(mesh_.face_length.data(), nf);
  // Species s = +1 (μ⁺) then −1 (μ⁻): Φ = (−α ∇_S G^s · n) L, midpoint rule along the face.
  phi.head(nf) = model_.velocity(1.0, dvdn_face_, dpdn_face_).cwiseProduct(length);
  phi.tail(nf) = model_.velocity(-1.0, dvdn_face_, dpdn_face_).cwiseProduct(length);
}

void NetworkGridFlow::growth_rates(double, const Eigen::VectorXd& masses, Eigen::VectorXd& g) const {
  update(masses);
  const int nc = mesh_.n_cells();
  g.resize(2 * nc);
  g.head(nc) = model_.growth_rate(1.0, v_center_, p_center_);
  g.tail(nc) = model_.growth_rate(-1.0, v_center_, p_center_);
}

void NetworkGridFlow::sources(double, const Eigen::VectorXd& masses, Eigen::VectorXd& s) const {
  update(masses);
  const Eigen::Map<const Eigen::VectorXd> area(mesh_.area.data(), mesh_.n_cells());
  s = -options().gamma / mesh_.total_measure() * v_center_.cwiseProduct(area);
}

double NetworkGridFlow::source_rate_bound() const {
  // dM/dt = −γ ω K M: its rate is at most γ sup_u k(u, u) = γ L (ω a probability).
  return options().gamma * model_.objective().smoothness();
}

NetworkDiagnostics NetworkGridFlow::diagnostics(const Eigen::VectorXd& masses) const {
  update(masses);
  const int nc = mesh_.n_cells();
  const Measure mu = measure(masses);
  NetworkDiagnostics d = model_.diagnostics(mu, abs_masses(masses), v_center_.cwiseAbs().maxCoeff(),
                                            potential_.own_energy(mu.weights, v_center_));
  if (n_species() == 2) set_cell_masses(masses.head(nc), masses.tail(nc), d);
  else set_cell_masses(masses.cwiseMax(0.0), (-masses).cwiseMax(0.0), d);
  return d;
}

void NetworkGridFlow::cell_fields(const Eigen::VectorXd& masses, Eigen::VectorXd& potential,
                                  std::vector<Eigen::Matrix3Xd>& velocity, std::vector<Eigen::VectorXd>& growth) const {
  update(masses);
  const int nc = mesh_.n_cells();
  const Measure mu = measure(masses);
  Eigen::Matrix3Xd grad_v;
  potential_.evaluate_centers(mu.weights, potential, grad_v);
  velocity.clear();
  growth.clear();
  if (n_species() == 1) {  // L2: no motion; the "growth" shown is the source rate −γ V
    velocity.push_back(Eigen::Matrix3Xd::Zero(3, nc));
    growth.push_back(-options().gamma * potential);
    return;
  }
  Eigen::VectorXd unused;
  Eigen::MatrixXd g;
  model_.penalty_variation(Measure{mu.directions, abs_masses(masses)}, mu.directions, unused, &g);
  Eigen::Matrix3Xd grad_p = Eigen::Matrix3Xd::Zero(3, nc);
  grad_p.topRows(d_) = g;
  for (const double s : {1.0, -1.0}) {
    velocity.push_back(model_.velocity(s, grad_v, grad_p));
    growth.push_back(model_.growth_rate(s, potential, p_center_));
  }
}

}  // namespace mf
