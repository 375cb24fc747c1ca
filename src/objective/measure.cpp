#include "objective/measure.hpp"

#include <random>
#include <stdexcept>

namespace mf {

Measure measure_from_neurons(const Eigen::MatrixXd& neurons, double scale) {
  const int k = static_cast<int>(neurons.rows()), d = static_cast<int>(neurons.cols()) - 1;
  Measure m;
  m.directions.resize(d, k);
  m.weights.resize(k);
  for (int i = 0; i < k; ++i) {
    const Eigen::VectorXd b = neurons.row(i).tail(d).transpose();
    const double r = b.norm();
    if (!(r > 0.0)) throw std::invalid_argument("neuron " + std::to_string(i) + " has b = 0 (no direction)");
    m.directions.col(i) = b / r;
    m.weights[i] = neurons(i, 0) * r / scale;
  }
  return m;
}

Measure random_teacher(int d, int k, unsigned long seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> g(0.0, 1.0);
  Measure m;
  m.directions.resize(d, k);
  m.weights.resize(k);
  for (int i = 0; i < k; ++i) {
    Eigen::VectorXd v(d);
    for (int r = 0; r < d; ++r) v[r] = g(rng);
    m.directions.col(i) = v.normalized();
    m.weights[i] = (rng() & 1u) ? 1.0 : -1.0;
  }
  return m;
}

Measure difference(const Measure& mu, const Measure& nu) {
  check_measure(mu, mu.dimension(), "mu");
  check_measure(nu, mu.dimension(), "nu");  // Eigen's << checks the row counts only with assertions on
  Measure m;
  m.directions.resize(mu.dimension(), mu.size() + nu.size());
  m.directions << mu.directions, nu.directions;
  m.weights.resize(mu.size() + nu.size());
  m.weights << mu.weights, -nu.weights;
  return m;
}

}  // namespace mf
