#include "blasso_reference.hpp"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>
#include <string>

namespace mf {

namespace {

constexpr double kTwoPi = 2.0 * std::numbers::pi;

double wrap(double a) {
  a = std::fmod(a, kTwoPi);
  return a < 0.0 ? a + kTwoPi : a;
}

/// φ, φ', φ'' at x.
struct Dirichlet {
  int n;
  double value(double x) const {
    double s = 1.0;
    for (int k = 1; k <= n; ++k) s += 2.0 * std::cos(k * x);
    return s;
  }
  double first(double x) const {
    double s = 0.0;
    for (int k = 1; k <= n; ++k) s -= 2.0 * k * std::sin(k * x);
    return s;
  }
  double second(double x) const {
    double s = 0.0;
    for (int k = 1; k <= n; ++k) s -= 2.0 * k * k * std::cos(k * x);
    return s;
  }
};

/// V(θ) = Σ w φ(θ − θ_j) − Σ w* φ(θ − θ*_j) and its derivatives (order 0, 1, 2).
double potential(const Dirichlet& phi, const Spikes& mu, const Spikes& truth, double x, int order) {
  auto f = [&](double y) { return order == 0 ? phi.value(y) : order == 1 ? phi.first(y) : phi.second(y); };
  double v = 0.0;
  for (std::size_t j = 0; j < mu.angle.size(); ++j) v += mu.weight[j] * f(x - mu.angle[j]);
  for (std::size_t j = 0; j < truth.angle.size(); ++j) v -= truth.weight[j] * f(x - truth.angle[j]);
  return v;
}

/// The LASSO on N grid points by cyclic coordinate descent; the nonzero weights.
std::vector<double> grid_lasso(const Dirichlet& phi, const Spikes& truth, double lambda, int N) {
  const int features = 2 * phi.n + 1;
  Eigen::MatrixXd A(features, N);
  for (int i = 0; i < N; ++i) {
    const double x = kTwoPi * i / N;
    A(0, i) = 1.0;
    for (int k = 1; k <= phi.n; ++k) {
      A(2 * k - 1, i) = std::sqrt(2.0) * std::cos(k * x);
      A(2 * k, i) = std::sqrt(2.0) * std::sin(k * x);
    }
  }
  Eigen::VectorXd b = Eigen::VectorXd::Zero(features);
  for (std::size_t j = 0; j < truth.angle.size(); ++j) {
    b[0] += truth.weight[j];
    for (int k = 1; k <= phi.n; ++k) {
      b[2 * k - 1] += truth.weight[j] * std::sqrt(2.0) * std::cos(k * truth.angle[j]);
      b[2 * k] += truth.weight[j] * std::sqrt(2.0) * std::sin(k * truth.angle[j]);
    }
  }
  std::vector<double> w(static_cast<std::size_t>(N), 0.0);
  Eigen::VectorXd r = -b;  // A w − b
  const double L = features;  // ‖a_i‖² = φ(0) = 2n + 1
  for (int sweep = 0; sweep < 3000; ++sweep) {
    double change = 0.0;
    for (int i = 0; i < N; ++i) {
      const double old = w[static_cast<std::size_t>(i)], z = old - A.col(i).dot(r) / L;
      const double updated = std::copysign(std::max(0.0, std::abs(z) - lambda / L), z);
      if (updated != old) {
        r += (updated - old) * A.col(i);
        w[static_cast<std::size_t>(i)] = updated;
        change = std::max(change, std::abs(updated - old));
      }
    }
    if (change < 1e-15) break;
  }
  return w;
}

/// The grid support grouped into clusters of one sign whose points are at most `gap` grid steps
/// apart (around the circle): one spike per cluster.
Spikes clusters(const std::vector<double>& w, int gap) {
  const int N = static_cast<int>(w.size());
  std::vector<int> support;
  for (int i = 0; i < N; ++i)
    if (w[static_cast<std::size_t>(i)] != 0.0) support.push_back(i);
  Spikes out;
  if (support.empty()) return out;
  // Start after the largest gap so no cluster straddles the start.
  std::size_t first = 0;
  int widest = -1;
  for (std::size_t k = 0; k < support.size(); ++k) {
    const int next = support[(k + 1) % support.size()] + (k + 1 == support.size() ? N : 0);
    if (next - support[k] > widest) widest = next - support[k], first = (k + 1) % support.size();
  }
  double mass = 0.0, moment = 0.0, weight = 0.0;
  int previous = -1000000;
  double sign = 0.0;
  auto flush = [&] {
    if (mass == 0.0) return;
    out.angle.push_back(wrap(moment / mass));
    out.weight.push_back(weight);
    mass = moment = weight = 0.0;
  };
  for (std::size_t c = 0; c < support.size(); ++c) {
    const std::size_t k = (first + c) % support.size();
    int i = support[k];
    if (c > 0 && i < support[first]) i += N;  // unrolled past 2π
    const double wi = w[static_cast<std::size_t>(support[k])];
    if (i - previous > gap || (wi > 0) != (sign > 0)) flush();
    mass += std::abs(wi);
    moment += std::abs(wi) * kTwoPi * i / N;
    weight += wi;
    sign = wi;
    previous = i;
  }
  flush();
  return out;
}

}  // namespace

double blasso_objective(int modes, const Spikes& truth, double lambda, const Spikes& mu) {
  const Dirichlet phi{modes};
  // ½ ⟨e, K e⟩ for e = μ − μ*, and λ Σ |w|.
  Spikes e = mu;
  for (std::size_t j = 0; j < truth.angle.size(); ++j) {
    e.angle.push_back(truth.angle[j]);
    e.weight.push_back(-truth.weight[j]);
  }
  double J = 0.0, tv = 0.0;
  for (std::size_t i = 0; i < e.angle.size(); ++i)
    for (std::size_t j = 0; j < e.angle.size(); ++j) J += 0.5 * e.weight[i] * e.weight[j] * phi.value(e.angle[i] - e.angle[j]);
  for (const double w : mu.weight) tv += std::abs(w);
  return J + lambda * tv;
}

BlassoReference blasso_reference(int modes, const Spikes& truth, double lambda) {
  const Dirichlet phi{modes};
  BlassoReference ref;
  const std::vector<double> grid = grid_lasso(phi, truth, lambda, 4096);
  ref.grid_atoms = static_cast<int>(std::count_if(grid.begin(), grid.end(), [](double w) { return w != 0.0; }));
  Spikes mu = clusters(grid, 3);
  const int s = static_cast<int>(mu.angle.size());
  if (s == 0) throw std::runtime_error("the BLASSO reference: the grid LASSO's solution is 0 (λ too large)");
  // Newton on G(θ, w) = [V(θ_i) + λ sign(w_i); V'(θ_i)] = 0.
  std::vector<double> sign(static_cast<std::size_t>(s));
  for (int i = 0; i < s; ++i) sign[static_cast<std::size_t>(i)] = mu.weight[static_cast<std::size_t>(i)] > 0 ? 1.0 : -1.0;
  auto residual = [&](const Spikes& m) {
    Eigen::VectorXd G(2 * s);
    for (int i = 0; i < s; ++i) {
      const double x = m.angle[static_cast<std::size_t>(i)];
      G[i] = potential(phi, m, truth, x, 0) + lambda * sign[static_cast<std::size_t>(i)];
      G[s + i] = potential(phi, m, truth, x, 1);
    }
    return G;
  };
  Eigen::VectorXd G = residual(mu);
  for (ref.newton_steps = 0; ref.newton_steps < 100 && G.lpNorm<Eigen::Infinity>() > 1e-14; ++ref.newton_steps) {
    Eigen::MatrixXd Jac(2 * s, 2 * s);  // columns: θ_1..θ_s, then w_1..w_s
    for (int i = 0; i < s; ++i) {
      const double xi = mu.angle[static_cast<std::size_t>(i)];
      for (int j = 0; j < s; ++j) {
        const double xj = mu.angle[static_cast<std::size_t>(j)], wj = mu.weight[static_cast<std::size_t>(j)];
        Jac(i, s + j) = phi.value(xi - xj);
        Jac(s + i, s + j) = phi.first(xi - xj);
        Jac(i, j) = -wj * phi.first(xi - xj);
        Jac(s + i, j) = -wj * phi.second(xi - xj);
      }
      // θ_i is also the point V is evaluated at.
      Jac(i, i) += potential(phi, mu, truth, xi, 1);
      Jac(s + i, i) += potential(phi, mu, truth, xi, 2);
    }
    const Eigen::VectorXd step = Jac.partialPivLu().solve(-G);
    double t = 1.0;
    for (int halving = 0; halving < 30; ++halving, t *= 0.5) {
      Spikes trial = mu;
      for (int i = 0; i < s; ++i) {
        trial.angle[static_cast<std::size_t>(i)] += t * step[i];
        trial.weight[static_cast<std::size_t>(i)] += t * step[s + i];
      }
      const Eigen::VectorXd Gt = residual(trial);
      if (Gt.lpNorm<Eigen::Infinity>() < G.lpNorm<Eigen::Infinity>() || halving == 29) {
        mu = trial;
        G = Gt;
        break;
      }
    }
  }
  ref.residual = G.lpNorm<Eigen::Infinity>();
  if (ref.residual > 1e-12)
    throw std::runtime_error("the BLASSO reference: Newton on the support stopped at residual " +
                             std::to_string(ref.residual));
  for (int i = 0; i < s; ++i) {
    mu.angle[static_cast<std::size_t>(i)] = wrap(mu.angle[static_cast<std::size_t>(i)]);
    if ((mu.weight[static_cast<std::size_t>(i)] > 0) != (sign[static_cast<std::size_t>(i)] > 0))
      throw std::runtime_error("the BLASSO reference: a spike changed sign under Newton");
  }
  // The certificate on a fine grid (V is a trigonometric polynomial of degree n: 2^16 points
  // resolve it far below the bars).
  const int P = 1 << 16;
  for (int q = 0; q < P; ++q) {
    const double x = kTwoPi * q / P, v = std::abs(potential(phi, mu, truth, x, 0)) / lambda;
    ref.certificate = std::max(ref.certificate, v);
    double nearest = kTwoPi;
    for (const double a : mu.angle) {
      const double d = std::abs(wrap(x - a + std::numbers::pi) - std::numbers::pi);
      nearest = std::min(nearest, d);
    }
    if (nearest > 0.1) ref.margin = std::max(ref.margin, v);
  }
  ref.minimizer = mu;
  ref.objective = blasso_objective(modes, truth, lambda, mu);
  return ref;
}

}  // namespace mf
