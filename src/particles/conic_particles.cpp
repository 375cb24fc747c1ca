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
    : model_(objective, options), signs_(std::move(signs)), domain_(objective.domain()) {
  if (options.geometry == FlowGeometry::l2)
    throw std::invalid_argument("conic particles follow the W, FR and WFR flows; the L2 flow has no particles");
}

ConicParticles ConicParticleFlow::unpack(const Eigen::VectorXd& state) const {
  ConicParticles p;
  const int m = static_cast<int>(signs_.size()), d = model_.dimension();
  p.theta = Eigen::Map<const Eigen::MatrixXd>(state.data(), d, m);
  p.mass = state.tail(m);
  p.sign = signs_;
  return p;
}

Measure ConicParticleFlow::evaluate(const ConicParticles& p, FirstVariation& fv) const {
  // The flow is tangent, but an ODE stepper leaves the sphere at its truncation order: the
  // potential is evaluated at the normalized directions (V is 1-homogeneous, so this is the
  // flow's own value there), and the velocity stays tangent to the current direction.
  Measure mu{p.theta, p.sign.cwiseProduct(p.mass)};
  domain_.retract(mu.directions);
  model_.first_variation(mu, p.mass, mu.directions, fv, true);
  return mu;
}

void ConicParticleFlow::fields_of(const ConicParticles& p, const FirstVariation& fv, Eigen::MatrixXd& velocity,
                                  Eigen::VectorXd& rate) const {
  velocity.resize(p.dimension(), p.size());
  for (int j = 0; j < p.size(); ++j) velocity.col(j) = model_.velocity(p.sign[j], fv.grad_V.col(j), fv.grad_P.col(j));
  rate = model_.growth_rate(p.sign.array(), fv.V, fv.P);
}

void ConicParticleFlow::fields(const Eigen::VectorXd& state, Eigen::MatrixXd& velocity, Eigen::VectorXd& rate) const {
  const ConicParticles p = unpack(state);
  FirstVariation fv;
  evaluate(p, fv);
  fields_of(p, fv, velocity, rate);
}

void ConicParticleFlow::rhs(const Eigen::VectorXd& state, Eigen::VectorXd& dstate) const {
  const int m = static_cast<int>(signs_.size()), d = model_.dimension();
  Eigen::MatrixXd velocity;
  Eigen::VectorXd rate;
  fields(state, velocity, rate);
  dstate.resize(state.size());
  Eigen::Map<Eigen::MatrixXd>(dstate.data(), d, m) = velocity;
  dstate.tail(m) = rate.cwiseProduct(state.tail(m));
}

double ConicParticleFlow::penalized_loss(const Eigen::VectorXd& state) const {
  const ConicParticles p = unpack(state);
  Measure mu{p.theta, p.sign.cwiseProduct(p.mass)};
  domain_.retract(mu.directions);
  return model_.value(mu, p.mass);
}

NetworkDiagnostics ConicParticleFlow::diagnostics(const Eigen::VectorXd& state, Eigen::VectorXd& V,
                                                  Eigen::MatrixXd& velocity, Eigen::VectorXd& rate) const {
  const ConicParticles p = unpack(state);
  FirstVariation fv;
  const Measure mu = evaluate(p, fv);
  V = fv.V;
  fields_of(p, fv, velocity, rate);
  return model_.diagnostics(mu, p.mass, V.size() ? V.cwiseAbs().maxCoeff() : 0.0);
}

const NameTable<MassRetraction>& name_table(MassRetraction) {
  static const NameTable<MassRetraction> table("mass retraction", {
      {MassRetraction::exp, "exp", "c ← c e^{η g}: masses stay positive"},
      {MassRetraction::linear, "linear", "c ← c (1 + η g): plain GD on the cone; a mass can turn negative"},
  });
  return table;
}

int conic_gradient_step(const ConicParticleFlow& flow, Eigen::VectorXd& state, double eta, MassRetraction retraction) {
  Eigen::MatrixXd velocity;
  Eigen::VectorXd rate;
  flow.fields(state, velocity, rate);
  const auto m = rate.size(), d = velocity.rows();
  Eigen::Map<Eigen::MatrixXd> theta(state.data(), d, m);
  theta += eta * velocity;
  flow.domain().retract(theta);
  auto mass = state.tail(m);
  int negative = -1;
  for (Eigen::Index j = 0; j < m; ++j) {
    mass[j] *= retraction == MassRetraction::exp ? std::exp(eta * rate[j]) : 1.0 + eta * rate[j];
    if (mass[j] < 0.0 && negative < 0) negative = static_cast<int>(j);
  }
  return negative;
}

}  // namespace mf
