#include "potential/zonal_potential.hpp"

#include <Eigen/Eigenvalues>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <numbers>
#include <stdexcept>
#include <string>

#include "base/precondition.hpp"
#include "base/simd_dispatch.hpp"
#include "objective/relu_kernel.hpp"

namespace mf {

namespace {

using Function = std::function<double(double)>;

// Chebyshev interpolant of f on [lo, hi] at the degree + 1 Chebyshev points: coefficients of
// T_k(t), t = (2x − lo − hi)/(hi − lo).
struct Chebyshev {
  double lo = -1, hi = 1;
  std::vector<double> c;
  double operator()(double x) const {  // Clenshaw
    const double t = (2.0 * x - lo - hi) / (hi - lo), t2 = 2.0 * t;
    double b1 = 0.0, b2 = 0.0;
    for (std::size_t k = c.size() - 1; k >= 1; --k) {
      const double b = t2 * b1 - b2 + c[k];
      b2 = b1;
      b1 = b;
    }
    return t * b1 - b2 + c[0];
  }
};

Chebyshev chebyshev_fit(const Function& f, double lo, double hi, int degree) {
  const int n = degree + 1;
  std::vector<double> values(n);
  for (int j = 0; j < n; ++j) {
    const double t = std::cos(std::numbers::pi * (j + 0.5) / n);
    values[j] = f(0.5 * (lo + hi) + 0.5 * (hi - lo) * t);
  }
  Chebyshev ch{lo, hi, std::vector<double>(n)};
  for (int k = 0; k < n; ++k) {
    double s = 0.0;
    for (int j = 0; j < n; ++j) s += values[j] * std::cos(std::numbers::pi * k * (j + 0.5) / n);
    ch.c[k] = (k == 0 ? 1.0 : 2.0) * s / n;
  }
  return ch;
}

// max |f − g| on [lo, hi] over a fine grid (with the end points).
double max_difference(const Function& f, const Function& g, double lo, double hi, int samples = 3000) {
  double worst = 0.0;
  for (int k = 0; k <= samples; ++k) {
    const double x = lo + (hi - lo) * k / samples;
    worst = std::max(worst, std::abs(f(x) - g(x)));
  }
  return worst;
}

// Gauss–Legendre nodes and weights on [−1, 1] (Golub–Welsch).
void gauss_legendre(int n, std::vector<double>& nodes, std::vector<double>& weights) {
  Eigen::MatrixXd jacobi = Eigen::MatrixXd::Zero(n, n);
  for (int k = 1; k < n; ++k) jacobi(k, k - 1) = jacobi(k - 1, k) = k / std::sqrt(4.0 * k * k - 1.0);
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(jacobi);
  nodes.resize(n);
  weights.resize(n);
  for (int k = 0; k < n; ++k) {
    nodes[k] = eig.eigenvalues()[k];
    weights[k] = 2.0 * eig.eigenvectors()(0, k) * eig.eigenvectors()(0, k);
  }
}

// Legendre coefficients a_ℓ (ℓ ≤ degree) of a polynomial of that degree, by Gauss–Legendre
// quadrature with degree + 1 nodes (exact for the products of degree ≤ 2·degree).
std::vector<double> legendre_coefficients(const Chebyshev& p, int degree) {
  std::vector<double> nodes, weights;
  gauss_legendre(degree + 1, nodes, weights);
  std::vector<double> a(degree + 1, 0.0);
  for (std::size_t k = 0; k < nodes.size(); ++k) {
    const double u = nodes[k], f = weights[k] * p(u);
    double p0 = 1.0, p1 = u;
    a[0] += f;
    if (degree >= 1) a[1] += f * u;
    for (int l = 2; l <= degree; ++l) {
      const double p2 = ((2.0 * l - 1.0) * u * p1 - (l - 1.0) * p0) / l;
      a[l] += f * p2;
      p0 = p1;
      p1 = p2;
    }
  }
  for (int l = 0; l <= degree; ++l) a[l] *= (2.0 * l + 1.0) / 2.0;
  return a;
}

const Function kappa = [](double u) { return relu_kappa(u); };
const Function dkappa = [](double u) { return relu_kappa_derivative(u); };

struct FarFit {
  int degree = 0;
  Chebyshev p, q;
  double p_error = 0, q_error = 0;
};

// The lowest degree whose interpolants of κ and κ' on [−c, c] are within tolerance / 2.
FarFit far_fit(double c, double tolerance, int max_degree) {
  for (int degree = 8;; degree = std::max(degree + 4, static_cast<int>(degree * 1.1))) {
    degree = std::min(degree, max_degree);
    FarFit f;
    f.degree = degree;
    f.p = chebyshev_fit(kappa, -c, c, degree);
    f.q = chebyshev_fit(dkappa, -c, c, degree);
    f.p_error = max_difference(kappa, f.p, -c, c);
    f.q_error = max_difference(dkappa, f.q, -c, c);
    if ((f.p_error <= 0.5 * tolerance && f.q_error <= 0.5 * tolerance) || degree == max_degree) return f;
  }
}

// The near-field remainder r(s) = k(u(s)) − poly(u(s)), u = side·(1 − 2s²), s ∈ [0, s_max], as a
// Chebyshev polynomial in s within tolerance / 2 (its error measured).
Chebyshev near_fit(const Function& k, const Chebyshev& poly, double side, double s_max, double tolerance,
                   double& error) {
  const Function r = [&](double s) {
    const double u = side * (1.0 - 2.0 * s * s);
    return k(u) - poly(u);
  };
  for (int degree = 4;; degree += 2) {
    Chebyshev fit = chebyshev_fit(r, 0.0, s_max, degree);
    error = max_difference(r, fit, 0.0, s_max);
    if (error <= 0.5 * tolerance || degree >= 80) return fit;  // near_body holds up to 95
  }
}


// The remainders of one target x over a candidate list on one side (sign = +1: the cap around
// x, −1: around −x): sums += Σ_i w_i (r(s_i), r'(s_i) x_i) over the sources inside the cap,
// s_i = √((1 − sign·u_i)/2). Compiled for AVX-512, AVX2 + FMA and the baseline (near_sum).
#define MF_NEAR_ARGS                                                                                                \
  double x, double y, double z, double sign, double c, const Chebyshev &cv, const Chebyshev &cd, const double *lx, \
      const double *ly, const double *lz, const double *weights, long n, double *sums
template <int V>
MF_ALWAYS_INLINE void near_body(MF_NEAR_ARGS) {
  // Groups of V candidates: the Clenshaw recurrences of both remainders stay in registers. V = 8
  // for every path (measured, hexagonal 5 / 6, one core: AVX-512 with V = 8 105–113 / 720–746 ms,
  // V = 16 175 / 1104–1139 ms, V = 32 121–123 / 724–733 ms; AVX2 with V = 8 107–112 / 725–756 ms).
  const double scale = 2.0 / (cv.hi - cv.lo);
  const int dv = static_cast<int>(cv.c.size()) - 1, dd = static_cast<int>(cd.c.size()) - 1, top = std::max(dv, dd);
  double av[96], ad[96];  // coefficients padded to a common degree (near_fit stops at 80)
  for (int j = 0; j <= top; ++j) {
    av[j] = j <= dv ? cv.c[j] : 0.0;
    ad[j] = j <= dd ? cd.c[j] : 0.0;
  }
  double sv[V] = {}, ux[V] = {}, uy[V] = {}, uz[V] = {};
  for (long g = 0; g < n; g += V) {
    double t2[V], wk[V], px[V], py[V], pz[V];
    for (int e = 0; e < V; ++e) {
      const long k = g + e < n ? g + e : n - 1;
      px[e] = lx[k];
      py[e] = ly[k];
      pz[e] = lz[k];
      const double su = sign * (x * px[e] + y * py[e] + z * pz[e]);
      const bool inside = g + e < n && su > c;
      const double sk = inside ? std::sqrt(std::max(0.0, 0.5 - 0.5 * su)) : 0.0;
      wk[e] = inside ? weights[k] : 0.0;
      t2[e] = 2.0 * (sk * scale - 1.0);
    }
    double b1[V] = {}, b2[V] = {}, d1[V] = {}, d2[V] = {};
    for (int j = top; j >= 1; --j)
      for (int e = 0; e < V; ++e) {
        const double nb = t2[e] * b1[e] - b2[e] + av[j], nd = t2[e] * d1[e] - d2[e] + ad[j];
        b2[e] = b1[e];
        b1[e] = nb;
        d2[e] = d1[e];
        d1[e] = nd;
      }
    for (int e = 0; e < V; ++e) {
      const double tk = 0.5 * t2[e];
      const double rv = wk[e] * (tk * b1[e] - b2[e] + av[0]), rd = wk[e] * (tk * d1[e] - d2[e] + ad[0]);
      sv[e] += rv;
      ux[e] += rd * px[e];
      uy[e] += rd * py[e];
      uz[e] += rd * pz[e];
    }
  }
  for (int e = 0; e < V; ++e) {
    sums[0] += sv[e];
    sums[1] += ux[e];
    sums[2] += uy[e];
    sums[3] += uz[e];
  }
}

MF_TARGET_AVX512 void near_avx512(MF_NEAR_ARGS) { near_body<8>(x, y, z, sign, c, cv, cd, lx, ly, lz, weights, n, sums); }
MF_TARGET_AVX2 void near_avx2(MF_NEAR_ARGS) { near_body<8>(x, y, z, sign, c, cv, cd, lx, ly, lz, weights, n, sums); }
void near_baseline(MF_NEAR_ARGS) { near_body<8>(x, y, z, sign, c, cv, cd, lx, ly, lz, weights, n, sums); }

void near_sum(MF_NEAR_ARGS) {
  static const auto kernel = simd_level() == SimdLevel::avx512 ? near_avx512
                             : simd_level() == SimdLevel::avx2 ? near_avx2
                                                               : near_baseline;
  kernel(x, y, z, sign, c, cv, cd, lx, ly, lz, weights, n, sums);
}
#undef MF_NEAR_ARGS

}  // namespace

// The near field: points sorted by cube-map tile, each tile's candidate tiles (near x or −x).
struct ZonalPotential::Near {
  double c = 1;
  Chebyshev value[2], derivative[2];   // [0]: near x (u > c), [1]: near −x (u < −c)
  std::vector<int> order;              // sorted position → point index
  std::vector<double> x, y, z;         // sorted coordinates
  std::vector<int> tile_begin;         // tile t: sorted positions [tile_begin[t], tile_begin[t+1])
  std::vector<Eigen::Vector3d> tile_center;
  std::vector<double> tile_radius;
  // Per tile t and side: the candidate sources as runs of sorted positions (adjacent candidate
  // tiles merged), runs [run_begin[2t + side], run_begin[2t + side + 1]) of `runs`.
  std::vector<long> run_begin;
  std::vector<std::pair<int, int>> runs;
  long candidates = 0;  // candidate pairs per evaluation

  static int tile_of(const Eigen::Vector3d& p, int g) {
    int axis = 0;
    for (int k = 1; k < 3; ++k)
      if (std::abs(p[k]) > std::abs(p[axis])) axis = k;
    const int face = 2 * axis + (p[axis] < 0 ? 1 : 0);
    const double inv = 1.0 / std::abs(p[axis]);
    const double a = p[(axis + 1) % 3] * inv, b = p[(axis + 2) % 3] * inv;
    const int ia = std::clamp(static_cast<int>((a + 1.0) * 0.5 * g), 0, g - 1);
    const int ib = std::clamp(static_cast<int>((b + 1.0) * 0.5 * g), 0, g - 1);
    return (face * g + ia) * g + ib;
  }

  void build(const Eigen::Matrix3Xd& points, double delta, double tiles_per_delta) {
    const int n = static_cast<int>(points.cols());
    const int g = std::max(1, static_cast<int>(std::ceil(tiles_per_delta * (std::numbers::pi / 2) / delta)));
    const int tiles = 6 * g * g;
    std::vector<int> tile(n), count(tiles + 1, 0);
    for (int i = 0; i < n; ++i) ++count[(tile[i] = tile_of(points.col(i), g)) + 1];
    tile_begin.assign(tiles + 1, 0);
    for (int t = 0; t < tiles; ++t) tile_begin[t + 1] = tile_begin[t] + count[t + 1];
    order.resize(n);
    std::vector<int> fill(tile_begin.begin(), tile_begin.end() - 1);
    for (int i = 0; i < n; ++i) order[fill[tile[i]]++] = i;
    x.resize(n);
    y.resize(n);
    z.resize(n);
    for (int k = 0; k < n; ++k) {
      x[k] = points(0, order[k]);
      y[k] = points(1, order[k]);
      z[k] = points(2, order[k]);
    }
    tile_center.assign(tiles, Eigen::Vector3d::UnitX());
    tile_radius.assign(tiles, 0.0);
    for (int t = 0; t < tiles; ++t) {
      if (tile_begin[t + 1] == tile_begin[t]) continue;
      Eigen::Vector3d s = Eigen::Vector3d::Zero();
      for (int k = tile_begin[t]; k < tile_begin[t + 1]; ++k) s += Eigen::Vector3d(x[k], y[k], z[k]);
      tile_center[t] = s.normalized();
      for (int k = tile_begin[t]; k < tile_begin[t + 1]; ++k)
        tile_radius[t] = std::max(tile_radius[t], angle(tile_center[t], Eigen::Vector3d(x[k], y[k], z[k])));
    }
    run_begin.assign(2 * static_cast<std::size_t>(tiles) + 1, 0);
    for (int t = 0; t < tiles; ++t)
      for (int side = 0; side < 2; ++side) {
        const std::size_t slot = 2 * static_cast<std::size_t>(t) + side;
        if (tile_begin[t + 1] > tile_begin[t]) {
          const Eigen::Vector3d centre = side == 0 ? tile_center[t] : Eigen::Vector3d(-tile_center[t]);
          const std::size_t first_run = runs.size();
          for (int s = 0; s < tiles; ++s) {
            if (tile_begin[s + 1] == tile_begin[s]) continue;
            const double reach = delta + tile_radius[t] + tile_radius[s] + 1e-12;
            if (reach < std::numbers::pi && centre.dot(tile_center[s]) < std::cos(reach)) continue;
            if (runs.size() > first_run && runs.back().second == tile_begin[s]) runs.back().second = tile_begin[s + 1];
            else runs.push_back({tile_begin[s], tile_begin[s + 1]});
            candidates += static_cast<long>(tile_begin[t + 1] - tile_begin[t]) * (tile_begin[s + 1] - tile_begin[s]);
          }
        }
        run_begin[slot + 1] = static_cast<long>(runs.size());
      }
  }

  static double angle(const Eigen::Vector3d& a, const Eigen::Vector3d& b) {
    return std::atan2(a.cross(b).norm(), a.dot(b));
  }
};

ZonalPotential::ZonalPotential(const Eigen::Matrix3Xd& points, double tolerance)
    : points_(points), harmonics_(0), near_(std::make_unique<Near>()) {
  if (!(tolerance > 0.0 && tolerance < 1.0))
    throw std::invalid_argument("the potential's tolerance must be in (0, 1), not " + std::to_string(tolerance));
  const double n = static_cast<double>(points.cols());
  // Cost model, in ns on one core (measured on hexagonal level 6, AVX-512, bench_zonal_potential):
  // the far field's two transforms cost about 1.1 per point and harmonic (N (L+1)²), the near
  // field about 8.5 per pair in the caps (N² (1 − cos δ); the tiles add ~20 % candidates).
  constexpr double far_cost = 1.1, near_cost = 8.5;
  double best_cost = std::numeric_limits<double>::infinity();
  FarFit best;
  for (double delta : {0.04, 0.06, 0.08, 0.1, 0.12, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.7}) {
    const FarFit f = far_fit(std::cos(delta), tolerance, 400);
    if (f.p_error > 0.5 * tolerance || f.q_error > 0.5 * tolerance) continue;
    const double harmonics = (f.degree + 1.0) * (f.degree + 1.0);
    const double cost = far_cost * n * harmonics + near_cost * n * n * (1.0 - std::cos(delta));
    if (cost < best_cost) {
      best_cost = cost;
      best = f;
      delta_ = delta;
    }
  }
  if (!std::isfinite(best_cost))
    throw std::invalid_argument("the potential's tolerance " + std::to_string(tolerance) +
                                " needs a spherical-harmonic degree above 400; use a tolerance ≥ 1e-13");
  harmonics_ = SphericalHarmonics(best.degree);
  const std::vector<double> a = legendre_coefficients(best.p, best.degree),
                            b = legendre_coefficients(best.q, best.degree);
  value_scale_.resize(harmonics_.size());
  derivative_scale_.resize(harmonics_.size());
  for (int m = 0; m <= best.degree; ++m)
    for (int l = m; l <= best.degree; ++l) {
      const double f = 4.0 * std::numbers::pi / (2.0 * l + 1.0);
      value_scale_[harmonics_.cos_index(l, m)] = f * a[l];
      derivative_scale_[harmonics_.cos_index(l, m)] = f * b[l];
      if (m > 0) {
        value_scale_[harmonics_.sin_index(l, m)] = f * a[l];
        derivative_scale_[harmonics_.sin_index(l, m)] = f * b[l];
      }
    }
  Near& nr = *near_;
  nr.c = std::cos(delta_);
  const double s_max = std::sin(0.5 * delta_) * (1.0 + 1e-9);
  double near_value_error = 0.0, near_derivative_error = 0.0;
  for (int side = 0; side < 2; ++side) {
    double e1 = 0.0, e2 = 0.0;
    const double sign = side == 0 ? 1.0 : -1.0;
    nr.value[side] = near_fit(kappa, best.p, sign, s_max, tolerance, e1);
    nr.derivative[side] = near_fit(dkappa, best.q, sign, s_max, tolerance, e2);
    near_value_error = std::max(near_value_error, e1);
    near_derivative_error = std::max(near_derivative_error, e2);
  }
  // A pair is in exactly one of the far polynomial's domain or a near cap, so the bounds add
  // at most the larger of the two errors; stated as their sum.
  value_bound_ = best.p_error + near_value_error;
  derivative_bound_ = best.q_error + near_derivative_error;
  if (value_bound_ > tolerance || derivative_bound_ > tolerance)
    throw std::invalid_argument("the potential's near-field fits reach " +
                                std::to_string(std::max(value_bound_, derivative_bound_)) + ", not the tolerance " +
                                std::to_string(tolerance) + "; use a larger scheme.potential_tolerance");
  nr.build(points_, delta_, 6.0);
  near_pairs_ = nr.candidates;
}

ZonalPotential::~ZonalPotential() = default;

int ZonalPotential::near_degree() const {
  std::size_t d = 0;
  for (int side = 0; side < 2; ++side) d = std::max({d, near_->value[side].c.size(), near_->derivative[side].c.size()});
  return static_cast<int>(d) - 1;
}

void ZonalPotential::evaluate(const Eigen::VectorXd& w, Eigen::VectorXd& v, Eigen::Matrix3Xd& grad) const {
  const Eigen::Index n = points_.cols();
  MF_PRECONDITION(w.size() == n, "one weight per point");
  // Far field: analyse the four weight columns (w, w x, w y, w z), scale by the kernels'
  // Funk–Hecke factors, synthesise V and U at the points.
  Eigen::MatrixXd weights(n, 4);
  weights.col(0) = w;
  for (int k = 0; k < 3; ++k) weights.col(1 + k) = w.cwiseProduct(points_.row(k).transpose());
  Eigen::MatrixXd coefficients, values;
  harmonics_.analyse(points_, weights, coefficients);
  coefficients.col(0).array() *= value_scale_.array();
  for (int k = 1; k < 4; ++k) coefficients.col(k).array() *= derivative_scale_.array();
  harmonics_.synthesise(points_, coefficients, values);

  // Near field: remainders over each target's candidate lists (no write conflicts).
  const Near& nr = *near_;
  const int tiles = static_cast<int>(nr.tile_begin.size()) - 1;
  std::vector<double> sorted_w(n);
  for (Eigen::Index k = 0; k < n; ++k) sorted_w[k] = w[nr.order[k]];
  Eigen::MatrixXd near_values = Eigen::MatrixXd::Zero(n, 4);
#pragma omp parallel for schedule(dynamic, 4) if (n >= 1000)
  for (int t = 0; t < tiles; ++t) {
    for (int j = nr.tile_begin[t]; j < nr.tile_begin[t + 1]; ++j) {
      double sums[4] = {0.0, 0.0, 0.0, 0.0};
      for (int side = 0; side < 2; ++side) {
        const std::size_t slot = 2 * static_cast<std::size_t>(t) + side;
        for (long r = nr.run_begin[slot]; r < nr.run_begin[slot + 1]; ++r) {
          const auto [begin, end] = nr.runs[static_cast<std::size_t>(r)];
          near_sum(nr.x[j], nr.y[j], nr.z[j], side == 0 ? 1.0 : -1.0, nr.c, nr.value[side], nr.derivative[side],
                   nr.x.data() + begin, nr.y.data() + begin, nr.z.data() + begin, sorted_w.data() + begin, end - begin,
                   sums);
        }
      }
      for (int k = 0; k < 4; ++k) near_values(nr.order[j], k) = sums[k];
    }
  }
  values += near_values;
  v = values.col(0);
  grad.resize(3, n);
  for (Eigen::Index j = 0; j < n; ++j) {
    const Eigen::Vector3d x = points_.col(j), u = values.row(j).tail<3>().transpose();
    grad.col(j) = u - u.dot(x) * x;
  }
}

}  // namespace mf
