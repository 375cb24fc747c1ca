#include "flows/network_flow.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

namespace mf {

FlowGeometry parse_flow_geometry(const std::string& name) {
  if (name == "w") return FlowGeometry::w;
  if (name == "fr") return FlowGeometry::fr;
  if (name == "wfr") return FlowGeometry::wfr;
  if (name == "l2") return FlowGeometry::l2;
  throw std::invalid_argument("unknown flow '" + name + "'; valid: \"w\", \"fr\", \"wfr\", \"l2\"");
}

std::string to_string(FlowGeometry g) {
  switch (g) {
    case FlowGeometry::w: return "w";
    case FlowGeometry::fr: return "fr";
    case FlowGeometry::wfr: return "wfr";
    case FlowGeometry::l2: return "l2";
  }
  return "?";
}

int support_size(const Eigen::VectorXd& abs_mass, double fraction) {
  std::vector<double> sorted(abs_mass.data(), abs_mass.data() + abs_mass.size());
  std::sort(sorted.begin(), sorted.end(), std::greater<>());
  const double total = abs_mass.sum();
  double running = 0.0;
  int count = 0;
  for (double m : sorted) {
    if (running >= fraction * total) break;
    running += m;
    ++count;
  }
  return count;
}

NetworkGridFlow::NetworkGridFlow(const SphereMesh& mesh, const Objective& objective, NetworkFlowOptions options)
    : mesh_(mesh), objective_(objective), options_(options), potential_(mesh, objective), d_(objective.dimension()) {
  if (options_.geometry == FlowGeometry::l2 && (options_.tv != 0.0 || options_.kernel.active()))
    throw std::invalid_argument("the L2 flow takes no penalties (TV and kernel penalties act on |μ|, which the "
                                "linear L2 flow of a signed density does not split)");
}

bool NetworkGridFlow::has_transport() const {
  return (options_.geometry == FlowGeometry::w || options_.geometry == FlowGeometry::wfr) && options_.alpha != 0.0;
}

bool NetworkGridFlow::has_reaction() const {
  return (options_.geometry == FlowGeometry::fr || options_.geometry == FlowGeometry::wfr) && options_.beta != 0.0;
}

Measure NetworkGridFlow::measure(const Eigen::VectorXd& masses) const {
  const int nc = mesh_.n_cells();
  const Eigen::VectorXd w = n_species() == 1 ? Eigen::VectorXd(masses) : Eigen::VectorXd(masses.head(nc) - masses.tail(nc));
  return grid_measure(mesh_, w, d_);
}

void NetworkGridFlow::update(const Eigen::VectorXd& masses) const {
  if (cached_ && masses.size() == cached_masses_.size() && masses == cached_masses_) return;
  const int nc = mesh_.n_cells(), nf = mesh_.n_faces();
  const Measure mu = measure(masses);
  potential_.evaluate(mu.weights, v_center_, dvdn_face_);
  if (options_.kernel.active()) {
    Measure abs_mu = mu;
    abs_mu.weights = masses.head(nc) + masses.tail(nc);  // |μ| = μ⁺ + μ⁻
    Eigen::VectorXd unused;
    Eigen::MatrixXd grad;
    options_.kernel.first_variation(abs_mu, abs_mu.directions, p_center_, nullptr);
    options_.kernel.first_variation(abs_mu, embed_points(mesh_.face_midpoint, d_), unused, &grad);
    dpdn_face_.resize(nf);
    for (int f = 0; f < nf; ++f) dpdn_face_[f] = grad.col(f).dot(mesh_.face_normal[f].head(d_));
  } else {
    p_center_.setZero(nc);
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
  // Species s = +1 (μ⁺) then −1 (μ⁻): Φ = −α (s ∇V + ∇P)·n L.
  phi.head(nf) = -options_.alpha * (dvdn_face_ + dpdn_face_).cwiseProduct(length);
  phi.tail(nf) = -options_.alpha * (-dvdn_face_ + dpdn_face_).cwiseProduct(length);
}

void NetworkGridFlow::growth_rates(double, const Eigen::VectorXd& masses, Eigen::VectorXd& g) const {
  update(masses);
  const int nc = mesh_.n_cells();
  g.resize(2 * nc);
  const Eigen::VectorXd common = (p_center_.array() + options_.tv).matrix();
  g.head(nc) = -2.0 * options_.beta * (v_center_ + common);
  g.tail(nc) = -2.0 * options_.beta * (-v_center_ + common);
}

void NetworkGridFlow::sources(double, const Eigen::VectorXd& masses, Eigen::VectorXd& s) const {
  update(masses);
  const Eigen::Map<const Eigen::VectorXd> area(mesh_.area.data(), mesh_.n_cells());
  s = -options_.gamma / mesh_.total_measure() * v_center_.cwiseProduct(area);
}

double NetworkGridFlow::source_rate_bound() const {
  // dM/dt = −γ ω K M: its rate is at most γ sup_u k(u, u) = γ L (ω a probability).
  return options_.gamma * objective_.smoothness();
}

NetworkDiagnostics NetworkGridFlow::diagnostics(const Eigen::VectorXd& masses) const {
  update(masses);
  const int nc = mesh_.n_cells();
  NetworkDiagnostics d;
  const Measure mu = measure(masses);
  d.loss = objective_.loss(mu);
  if (n_species() == 2) {
    d.mass_plus = masses.head(nc).sum();
    d.mass_minus = masses.tail(nc).sum();
  } else {
    d.mass_plus = masses.cwiseMax(0.0).sum();
    d.mass_minus = -masses.cwiseMin(0.0).sum();
  }
  d.tv_norm = mu.weights.cwiseAbs().sum();
  Eigen::VectorXd abs_mass = n_species() == 2 ? Eigen::VectorXd(masses.head(nc) + masses.tail(nc)) : Eigen::VectorXd(masses.cwiseAbs());
  d.penalized_loss = d.loss + options_.tv * abs_mass.sum();
  if (options_.kernel.active()) {
    Measure abs_mu = mu;
    abs_mu.weights = abs_mass;
    d.penalized_loss += options_.kernel.value(abs_mu);
  }
  d.support_size = support_size(abs_mass);
  d.max_abs_potential = v_center_.cwiseAbs().maxCoeff();
  d.teacher_distance = objective_.teacher() ? objective_.distance(mu, *objective_.teacher())
                                            : std::numeric_limits<double>::quiet_NaN();
  return d;
}

void NetworkGridFlow::cell_fields(const Eigen::VectorXd& masses, Eigen::VectorXd& potential,
                                  std::vector<Eigen::Matrix3Xd>& velocity, std::vector<Eigen::VectorXd>& growth) const {
  update(masses);
  const int nc = mesh_.n_cells();
  Eigen::Matrix3Xd grad_v;
  potential_.evaluate_centers(measure(masses).weights, potential, grad_v);
  Eigen::Matrix3Xd grad_p = Eigen::Matrix3Xd::Zero(3, nc);
  if (options_.kernel.active()) {
    Measure abs_mu = measure(masses);
    abs_mu.weights = masses.head(nc) + masses.tail(nc);
    Eigen::VectorXd unused;
    Eigen::MatrixXd g;
    options_.kernel.first_variation(abs_mu, abs_mu.directions, unused, &g);
    grad_p.topRows(d_) = g;
  }
  velocity.clear();
  growth.clear();
  if (n_species() == 1) {  // L2: no motion; the "growth" shown is the source rate −γ V
    velocity.push_back(Eigen::Matrix3Xd::Zero(3, nc));
    growth.push_back(-options_.gamma * potential);
    return;
  }
  const double alpha = has_transport() ? options_.alpha : 0.0;
  const double beta = has_reaction() ? options_.beta : 0.0;
  for (const double s : {1.0, -1.0}) {
    velocity.push_back(-alpha * (s * grad_v + grad_p));
    growth.push_back(-2.0 * beta * (s * potential + p_center_ + Eigen::VectorXd::Constant(nc, options_.tv)));
  }
}

}  // namespace mf
