#include "particles/two_layer_network.hpp"

#include <cmath>

namespace mf {

Measure TwoLayerNetwork::measure() const {
  const int m = size();
  Measure mu;
  mu.directions = b.colwise().normalized();
  mu.weights = a.cwiseProduct(b.colwise().norm().transpose()) / m;
  return mu;
}

Eigen::VectorXd TwoLayerNetwork::state() const {
  Eigen::VectorXd s(a.size() + b.size());
  s << a, Eigen::Map<const Eigen::VectorXd>(b.data(), b.size());
  return s;
}

void TwoLayerNetwork::set_state(const Eigen::VectorXd& s) {
  a = s.head(a.size());
  b = Eigen::Map<const Eigen::MatrixXd>(s.data() + a.size(), b.rows(), b.cols());
}

TwoLayerNetwork TwoLayerNetwork::on_cone(const ConicParticles& p) {
  const int m = p.size();
  TwoLayerNetwork n;
  const Eigen::VectorXd r = (m * p.mass).cwiseSqrt();
  n.a = p.sign.cwiseProduct(r);
  n.b = p.theta * r.asDiagonal();
  return n;
}

ConicParticles TwoLayerNetwork::conic() const {
  const int m = size();
  ConicParticles p;
  const Eigen::VectorXd r = b.colwise().norm().transpose();
  p.theta = b.colwise().normalized();
  p.mass = a.cwiseAbs().cwiseProduct(r) / m;
  p.sign = a.unaryExpr([](double v) { return v >= 0.0 ? 1.0 : -1.0; });
  return p;
}

void NetworkGradientFlow::rhs(const Eigen::VectorXd& state, Eigen::VectorXd& dstate) const {
  const int d = objective_.dimension(), m = m_;
  TwoLayerNetwork n;
  n.a = state.head(m);
  n.b = Eigen::Map<const Eigen::MatrixXd>(state.data() + m, d, m);
  const Measure mu = n.measure();
  Eigen::VectorXd V;
  Eigen::MatrixXd G;
  objective_.potential(mu, mu.directions, V, &G);
  dstate.resize(state.size());
  Eigen::Map<Eigen::MatrixXd> db(dstate.data() + m, d, m);
  for (int j = 0; j < m; ++j) {
    const double r = n.b.col(j).norm();
    dstate[j] = -r * V[j];
    db.col(j) = -n.a[j] * (G.col(j) + V[j] * mu.directions.col(j));
  }
}

}  // namespace mf
