#include "particles/two_layer_network.hpp"

#include <cmath>

namespace mf {

Measure network_measure(const PlainNetwork& net) {
  Measure mu;
  mu.directions = net.b.colwise().normalized();
  mu.weights = net.a.cwiseProduct(net.b.colwise().norm().transpose()) / net.width();
  return mu;
}

PlainNetwork network_on_cone(const ConicParticles& p) {
  const int m = p.size();
  PlainNetwork n;
  const Eigen::VectorXd r = (m * p.mass).cwiseSqrt();
  n.a = p.sign.cwiseProduct(r);
  n.b = p.theta * r.asDiagonal();
  return n;
}

ConicParticles conic_image(const PlainNetwork& net) {
  const int m = net.width();
  ConicParticles p;
  const Eigen::VectorXd r = net.b.colwise().norm().transpose();
  p.theta = net.b.colwise().normalized();
  p.mass = net.a.cwiseAbs().cwiseProduct(r) / m;
  p.sign = net.a.unaryExpr([](double v) { return v >= 0.0 ? 1.0 : -1.0; });
  return p;
}

Eigen::VectorXd conic_velocity(const PlainNetwork& net, const Eigen::VectorXd& dn) {
  const int m = net.width(), d = static_cast<int>(net.b.rows());
  Eigen::VectorXd v(d * m + m);
  for (int j = 0; j < m; ++j) {
    const Eigen::VectorXd db = dn.segment(m + d * j, d);
    const double r = net.b.col(j).norm();
    const Eigen::VectorXd theta = net.b.col(j) / r;
    const double s = net.a[j] >= 0.0 ? 1.0 : -1.0;
    v.segment(d * j, d) = (db - theta.dot(db) * theta) / r;
    v[d * m + j] = (s * dn[j] * r + std::abs(net.a[j]) * theta.dot(db)) / m;
  }
  return v;
}

void NetworkGradientFlow::rhs(const Eigen::VectorXd& state, Eigen::VectorXd& dstate) const {
  const int d = objective_.dimension(), m = m_;
  PlainNetwork n;
  n.a = state.head(m);
  n.b = Eigen::Map<const Eigen::MatrixXd>(state.data() + m, d, m);
  const Measure mu = network_measure(n);
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
