#include "algorithms/frank_wolfe.hpp"

#include <Eigen/QR>
#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <numeric>
#include <vector>

namespace mf {

namespace {

/// The exhaustive point set: N angles on S¹, a Fibonacci lattice of N points on S², or a
/// ⌈√N⌉ × ⌈√N⌉ grid of angles on the torus T².
Eigen::MatrixXd exhaustive_points(const Domain& domain, int N) {
  const int d = domain.dimension();
  if (domain.is_torus()) {
    const int side = static_cast<int>(std::ceil(std::sqrt(static_cast<double>(N)) - 1e-9));
    Eigen::MatrixXd P(d, side * side);
    for (int i = 0; i < side; ++i)
      for (int j = 0; j < side; ++j)
        P.col(i * side + j) = domain.point(Eigen::Vector2d(2.0 * std::numbers::pi * i / side, 2.0 * std::numbers::pi * j / side));
    return P;
  }
  Eigen::MatrixXd P(d, N);
  const double golden = std::numbers::pi * (3.0 - std::sqrt(5.0));
  for (int i = 0; i < N; ++i) {
    if (d == 2) {
      const double a = 2.0 * std::numbers::pi * i / N;
      P.col(i) << std::cos(a), std::sin(a);
    } else {
      const double z = 1.0 - (2.0 * i + 1.0) / N, r = std::sqrt(std::max(0.0, 1.0 - z * z)), a = golden * i;
      P.col(i) << r * std::cos(a), r * std::sin(a), z;
    }
  }
  return P;
}

/// Projected gradient ascent of s·V from u (s = the sign of V at u), with a step that doubles on
/// success and halves on failure; returns the end point and its V.
OracleResult ascend(const Objective& objective, const Measure& mu, Eigen::VectorXd u, int steps) {
  const Domain domain = objective.domain();
  OracleResult r;
  Eigen::VectorXd V;
  Eigen::MatrixXd G;
  objective.potential(mu, u, V, &G);
  ++r.evaluations;
  const double s = V[0] >= 0.0 ? 1.0 : -1.0;
  double f = s * V[0], t = 1e-2;
  Eigen::VectorXd g = s * G.col(0);
  for (int k = 0; k < steps && t > 1e-16; ++k) {
    if (g.norm() <= 1e-14 * (1.0 + std::abs(f))) break;
    const Eigen::VectorXd trial = domain.retracted(u + t * g);
    Eigen::VectorXd Vt;
    Eigen::MatrixXd Gt;
    objective.potential(mu, trial, Vt, &Gt);
    ++r.evaluations;
    if (s * Vt[0] > f) {
      u = trial;
      f = s * Vt[0];
      g = s * Gt.col(0);
      t *= 2.0;
    } else {
      t *= 0.5;
    }
  }
  r.u = u;
  r.value = s * f;
  return r;
}

double soft(double z, double tau) { return std::copysign(std::max(0.0, std::abs(z) - tau), z); }

}  // namespace

OracleResult maximize_abs_potential(const Objective& objective, const Measure& mu, const OracleOptions& options,
                                    std::mt19937_64& rng) {
  const int d = objective.dimension();
  Eigen::MatrixXd candidates;
  int keep = options.refine;
  const Domain domain = objective.domain();
  if (d <= 3 || domain.is_torus()) {
    candidates = exhaustive_points(domain, options.grid_points > 0 ? options.grid_points : (d == 2 ? 4096 : 16384));
  } else {
    std::normal_distribution<double> gauss(0.0, 1.0);
    candidates.resize(d, 20 * options.starts);
    for (Eigen::Index c = 0; c < candidates.cols(); ++c) {
      for (int r = 0; r < d; ++r) candidates(r, c) = gauss(rng);
      candidates.col(c).normalize();
    }
    keep = options.starts;
  }
  Eigen::VectorXd V;
  objective.potential(mu, candidates, V, nullptr);
  std::vector<Eigen::Index> order(static_cast<std::size_t>(V.size()));
  std::iota(order.begin(), order.end(), Eigen::Index{0});
  keep = std::min<int>(keep, static_cast<int>(order.size()));
  std::partial_sort(order.begin(), order.begin() + keep, order.end(),
                    [&](Eigen::Index a, Eigen::Index b) { return std::abs(V[a]) > std::abs(V[b]); });
  OracleResult best;
  best.evaluations = candidates.cols();
  for (int k = 0; k < keep; ++k) {
    const OracleResult r = ascend(objective, mu, candidates.col(order[static_cast<std::size_t>(k)]), options.ascent_steps);
    best.evaluations += r.evaluations;
    if (best.u.size() == 0 || std::abs(r.value) > std::abs(best.value)) {
      best.u = r.u;
      best.value = r.value;
    }
  }
  return best;
}

Eigen::VectorXd lasso_weights(const WeightQuadratic& q, double lambda, const Eigen::VectorXd& start) {
  if (lambda == 0.0) return q.H.completeOrthogonalDecomposition().solve(-q.v);
  Eigen::VectorXd w = start;
  Eigen::VectorXd g = q.H * w + q.v;  // the gradient of the smooth part
  for (int sweep = 0; sweep < 200000; ++sweep) {
    double change = 0.0;
    for (Eigen::Index j = 0; j < w.size(); ++j) {
      const double h = q.H(j, j);
      if (!(h > 0.0)) continue;
      const double next = soft(w[j] - g[j] / h, lambda / h);
      if (next != w[j]) {
        g += (next - w[j]) * q.H.col(j);
        change = std::max(change, std::abs(next - w[j]));
        w[j] = next;
      }
    }
    if (change <= 1e-15 * std::max(1.0, w.cwiseAbs().maxCoeff())) break;
  }
  return w;
}

int slide_atoms(const Objective& objective, Measure& mu, double lambda, int steps) {
  auto F = [&](const Measure& m) { return objective.loss(m) + lambda * m.weights.cwiseAbs().sum(); };
  const Domain domain = objective.domain();
  double t = 1e-2;
  int k = 0;
  for (; k < steps && mu.size() > 0; ++k) {
    Eigen::VectorXd V;
    Eigen::MatrixXd G;
    objective.potential(mu, mu.directions, V, &G);
    Eigen::MatrixXd descent = G;
    for (int j = 0; j < mu.size(); ++j) descent.col(j) *= -mu.weights[j];
    const double slope = descent.squaredNorm();
    if (std::sqrt(slope) <= 1e-12) break;
    const double F0 = F(mu);
    Measure trial = mu;
    bool moved = false;
    for (int halving = 0; halving < 60; ++halving, t *= 0.5) {
      trial.directions = mu.directions + t * descent;
      domain.retract(trial.directions);
      const double Ft = F(trial);
      if (Ft <= F0 - 1e-4 * t * slope) {
        moved = true;
        break;
      }
      // Near a stationary point the decrease t·|∇F|² falls below F's round-off (|∇F| ≈ 1e-8 at
      // F ≈ 0.1): there a step that keeps F within round-off and cuts |∇F|² by 4 is progress.
      if (Ft <= F0 + 8.0 * std::numeric_limits<double>::epsilon() * std::abs(F0)) {
        Eigen::VectorXd Vt;
        Eigen::MatrixXd Gt;
        objective.potential(trial, trial.directions, Vt, &Gt);
        double slope_t = 0.0;
        for (int j = 0; j < mu.size(); ++j) slope_t += trial.weights[j] * trial.weights[j] * Gt.col(j).squaredNorm();
        if (slope_t <= 0.25 * slope) {
          moved = true;
          break;
        }
      }
    }
    if (!moved) break;
    t *= 2.0;
    trial.weights = lasso_weights(weight_quadratic(objective, trial.directions), lambda, trial.weights);
    mu = trial;
  }
  return k;
}

}  // namespace mf
