#include "torus_reference.hpp"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>
#include <string>

namespace mf {

namespace {

constexpr double kTwoPi = 2.0 * std::numbers::pi;

/// D_n(x) = sin((n + ½)x) / sin(x/2), 2n + 1 at x ≡ 0 (the series near it).
double dirichlet(int n, double x) {
  const double s = std::sin(0.5 * x);
  if (std::abs(s) < 1e-6) {
    double v = 1.0;
    for (int k = 1; k <= n; ++k) v += 2.0 * std::cos(k * x);
    return v;
  }
  return std::sin((n + 0.5) * x) / s;
}

/// D_n'(x) = −2 Σ k sin kx.
double dirichlet_derivative(int n, double x) {
  double v = 0.0;
  for (int k = 1; k <= n; ++k) v -= 2.0 * k * std::sin(k * x);
  return v;
}

struct Potential {
  int n;
  const TorusSpikes& truth;
  const TorusSpikes& mu;
  /// V(θ) = Σ_j w_j φ(θ − θ_j) − Σ_j w*_j φ(θ − θ*_j), and ∇V when grad is not null.
  double operator()(double x, double y, double* grad = nullptr) const {
    double v = 0.0, gx = 0.0, gy = 0.0;
    auto add = [&](const TorusSpikes& s, double sign) {
      for (std::size_t j = 0; j < s.weight.size(); ++j) {
        const double dx = x - s.at[j][0], dy = y - s.at[j][1], w = sign * s.weight[j];
        const double a = dirichlet(n, dx), b = dirichlet(n, dy);
        v += w * a * b;
        if (grad) {
          gx += w * dirichlet_derivative(n, dx) * b;
          gy += w * a * dirichlet_derivative(n, dy);
        }
      }
    };
    add(mu, 1.0);
    add(truth, -1.0);
    if (grad) grad[0] = gx, grad[1] = gy;
    return v;
  }
};

Eigen::VectorXd conditions(int n, const TorusSpikes& truth, double lambda, const TorusSpikes& mu) {
  const Potential V{n, truth, mu};
  const std::size_t s = mu.weight.size();
  Eigen::VectorXd r(3 * static_cast<Eigen::Index>(s));
  for (std::size_t i = 0; i < s; ++i) {
    double g[2];
    const double v = V(mu.at[i][0], mu.at[i][1], g);
    const auto k = static_cast<Eigen::Index>(3 * i);
    r[k] = v + lambda * (mu.weight[i] > 0.0 ? 1.0 : -1.0);
    r[k + 1] = g[0];
    r[k + 2] = g[1];
  }
  return r;
}

void shift(TorusSpikes& mu, Eigen::Index unknown, double by) {
  const std::size_t i = static_cast<std::size_t>(unknown / 3);
  const int c = static_cast<int>(unknown % 3);
  if (c == 0) mu.weight[i] += by;
  else mu.at[i][static_cast<std::size_t>(c - 1)] += by;
}

}  // namespace

double torus_max_abs_potential(int modes, const TorusSpikes& truth, const TorusSpikes& mu) {
  const Potential V{modes, truth, mu};
  const int N = 512;
  const double h = kTwoPi / N;
  struct Cell {
    double value, x, y;
  };
  std::vector<Cell> cells;
  cells.reserve(static_cast<std::size_t>(N) * N);
  for (int i = 0; i < N; ++i)
    for (int j = 0; j < N; ++j) cells.push_back({std::abs(V(i * h, j * h)), i * h, j * h});
  std::partial_sort(cells.begin(), cells.begin() + 32, cells.end(), [](const Cell& a, const Cell& b) { return a.value > b.value; });
  double best = cells.front().value;
  // The 32 largest grid values refined on a 41 × 41 grid of ±1 cell, twice (a maximum of the
  // band-limited V is smooth: the grid error falls like the square of the spacing).
  for (int c = 0; c < 32; ++c) {
    double cx = cells[static_cast<std::size_t>(c)].x, cy = cells[static_cast<std::size_t>(c)].y, span = h;
    for (int round = 0; round < 3; ++round, span /= 20.0) {
      double bx = cx, by = cy, bv = std::abs(V(cx, cy));
      for (int a = -20; a <= 20; ++a)
        for (int b = -20; b <= 20; ++b) {
          const double x = cx + span * a / 20.0, y = cy + span * b / 20.0, v = std::abs(V(x, y));
          if (v > bv) bv = v, bx = x, by = y;
        }
      cx = bx, cy = by;
      best = std::max(best, bv);
    }
  }
  return best;
}

double torus_objective(int modes, const TorusSpikes& truth, double lambda, const TorusSpikes& mu) {
  // ½ ⟨μ − μ*, Φ(μ − μ*)⟩ = ½ Σ_k |μ̂_k − μ̂*_k|², the TV part Σ |w|.
  const double D = torus_distance(modes, mu, truth);
  double tv = 0.0;
  for (double w : mu.weight) tv += std::abs(w);
  return 0.5 * D * D + lambda * tv;
}

double torus_distance(int modes, const TorusSpikes& mu, const TorusSpikes& nu) {
  double sum = 0.0;
  for (int k1 = -modes; k1 <= modes; ++k1)
    for (int k2 = -modes; k2 <= modes; ++k2) {
      double re = 0.0, im = 0.0;
      auto add = [&](const TorusSpikes& s, double sign) {
        for (std::size_t j = 0; j < s.weight.size(); ++j) {
          const double phase = k1 * s.at[j][0] + k2 * s.at[j][1];
          re += sign * s.weight[j] * std::cos(phase);
          im -= sign * s.weight[j] * std::sin(phase);
        }
      };
      add(mu, 1.0);
      add(nu, -1.0);
      sum += re * re + im * im;
    }
  return std::sqrt(sum);
}

TorusReference torus_reference(int modes, const TorusSpikes& truth, double lambda) {
  TorusReference ref;
  ref.minimizer = truth;
  if (lambda == 0.0) {
    ref.objective = 0.0;
    return ref;
  }
  TorusSpikes& mu = ref.minimizer;
  const Eigen::Index unknowns = 3 * static_cast<Eigen::Index>(mu.weight.size());
  Eigen::VectorXd r = conditions(modes, truth, lambda, mu);
  for (int step = 0; step < 60 && r.cwiseAbs().maxCoeff() > 1e-12; ++step) {
    Eigen::MatrixXd J(unknowns, unknowns);
    const double h = 1e-6;
    for (Eigen::Index u = 0; u < unknowns; ++u) {
      TorusSpikes plus = mu, minus = mu;
      shift(plus, u, h);
      shift(minus, u, -h);
      J.col(u) = (conditions(modes, truth, lambda, plus) - conditions(modes, truth, lambda, minus)) / (2.0 * h);
    }
    const Eigen::VectorXd delta = J.colPivHouseholderQr().solve(-r);
    for (Eigen::Index u = 0; u < unknowns; ++u) shift(mu, u, delta[u]);
    r = conditions(modes, truth, lambda, mu);
    ref.newton_steps = step + 1;
  }
  ref.residual = r.cwiseAbs().maxCoeff();
  if (!(ref.residual <= 1e-10))
    throw std::runtime_error("the torus BLASSO reference's Newton iteration did not converge: residual " +
                             std::to_string(ref.residual));
  for (auto& p : mu.at)
    for (double& a : p) a = std::fmod(std::fmod(a, kTwoPi) + kTwoPi, kTwoPi);
  ref.objective = torus_objective(modes, truth, lambda, mu);
  ref.certificate = torus_max_abs_potential(modes, truth, mu) / lambda;
  return ref;
}

}  // namespace mf
