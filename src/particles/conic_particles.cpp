#include "particles/conic_particles.hpp"

#include <cmath>
#include <random>
#include <stdexcept>

namespace mf {

Measure ConicParticles::measure() const {
  Measure mu;
  mu.directions = theta;
  mu.weights = sign.cwiseProduct(mass);
  return mu;
}

Eigen::VectorXd ConicParticles::state() const {
  Eigen::VectorXd s(theta.size() + mass.size());
  s << Eigen::Map<const Eigen::VectorXd>(theta.data(), theta.size()), mass;
  return s;
}

void ConicParticles::set_state(const Eigen::VectorXd& s) {
  theta = Eigen::Map<const Eigen::MatrixXd>(s.data(), theta.rows(), theta.cols());
  mass = s.tail(mass.size());
}

ConicParticles conic_particles_of(const Measure& mu) {
  ConicParticles p;
  p.theta = mu.directions;
  p.mass = mu.weights.cwiseAbs();
  p.sign = mu.weights.unaryExpr([](double c) { return c < 0.0 ? -1.0 : 1.0; });
  return p;
}

ConicParticles random_conic_particles(int d, int m, unsigned long seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0.5, 1.5);
  ConicParticles p;
  p.theta = random_teacher(d, m, seed).directions;
  p.mass.resize(m);
  p.sign.resize(m);
  for (int j = 0; j < m; ++j) {
    p.mass[j] = u(rng) / m;
    p.sign[j] = j % 2 ? -1.0 : 1.0;
  }
  return p;
}

ConicParticleFlow::ConicParticleFlow(const Objective& objective, NetworkFlowOptions options, Eigen::VectorXd signs)
    : objective_(objective), options_(options), signs_(std::move(signs)) {
  if (options_.geometry == FlowGeometry::l2)
    throw std::invalid_argument("conic particles follow the W, FR and WFR flows; the L2 flow has no particles");
}

ConicParticles ConicParticleFlow::unpack(const Eigen::VectorXd& state) const {
  ConicParticles p;
  const int m = static_cast<int>(signs_.size()), d = objective_.dimension();
  p.theta = Eigen::Map<const Eigen::MatrixXd>(state.data(), d, m);
  p.mass = state.tail(m);
  p.sign = signs_;
  return p;
}

void ConicParticleFlow::fields(const Eigen::VectorXd& state, Eigen::MatrixXd& velocity, Eigen::VectorXd& rate) const {
  const ConicParticles p = unpack(state);
  const int m = p.size(), d = p.dimension();
  // The flow is tangent, but an ODE stepper leaves the sphere at its truncation order: the
  // potential is evaluated at the normalized directions (V is 1-homogeneous, so this is the
  // flow's own value there), and the velocity stays tangent to the current direction.
  Eigen::MatrixXd directions = p.theta.colwise().normalized();
  Measure mu;
  mu.directions = directions;
  mu.weights = p.sign.cwiseProduct(p.mass);
  Eigen::VectorXd V, P;
  Eigen::MatrixXd gV, gP;
  objective_.potential(mu, directions, V, &gV);
  gP.setZero(d, m);
  P.setZero(m);
  if (options_.kernel.active()) {
    Measure abs_mu = mu;
    abs_mu.weights = p.mass;
    options_.kernel.first_variation(abs_mu, directions, P, &gP);
  }
  const bool move = options_.geometry != FlowGeometry::fr;
  const bool grow = options_.geometry != FlowGeometry::w;
  velocity.setZero(d, m);
  rate.setZero(m);
  for (int j = 0; j < m; ++j) {
    if (move) velocity.col(j) = -options_.alpha * (p.sign[j] * gV.col(j) + gP.col(j));
    if (grow) rate[j] = -2.0 * options_.beta * (p.sign[j] * V[j] + options_.tv + P[j]);
  }
}

void ConicParticleFlow::rhs(const Eigen::VectorXd& state, Eigen::VectorXd& dstate) const {
  const int m = static_cast<int>(signs_.size()), d = objective_.dimension();
  Eigen::MatrixXd velocity;
  Eigen::VectorXd rate;
  fields(state, velocity, rate);
  dstate.resize(state.size());
  Eigen::Map<Eigen::MatrixXd>(dstate.data(), d, m) = velocity;
  dstate.tail(m) = rate.cwiseProduct(state.tail(m));
}

double ConicParticleFlow::penalized_loss(const Eigen::VectorXd& state) const {
  const ConicParticles p = unpack(state);
  Measure mu = p.measure();
  mu.directions = mu.directions.colwise().normalized();
  double value = objective_.loss(mu) + options_.tv * p.mass.sum();
  if (options_.kernel.active()) {
    Measure abs_mu = mu;
    abs_mu.weights = p.mass;
    value += options_.kernel.value(abs_mu);
  }
  return value;
}

MassRetraction parse_mass_retraction(const std::string& name) {
  if (name == "exp") return MassRetraction::exp;
  if (name == "linear") return MassRetraction::linear;
  throw std::invalid_argument("unknown mass retraction \"" + name + "\" (valid: exp, linear)");
}

std::string to_string(MassRetraction r) { return r == MassRetraction::exp ? "exp" : "linear"; }

int conic_gradient_step(const ConicParticleFlow& flow, Eigen::VectorXd& state, double eta, MassRetraction retraction) {
  Eigen::MatrixXd velocity;
  Eigen::VectorXd rate;
  flow.fields(state, velocity, rate);
  const auto m = rate.size(), d = velocity.rows();
  Eigen::Map<Eigen::MatrixXd> theta(state.data(), d, m);
  theta = (theta + eta * velocity).colwise().normalized();
  auto mass = state.tail(m);
  int negative = -1;
  for (Eigen::Index j = 0; j < m; ++j) {
    mass[j] *= retraction == MassRetraction::exp ? std::exp(eta * rate[j]) : 1.0 + eta * rate[j];
    if (mass[j] < 0.0 && negative < 0) negative = static_cast<int>(j);
  }
  return negative;
}

}  // namespace mf
