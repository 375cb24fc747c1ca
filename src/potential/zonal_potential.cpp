#include "potential/zonal_potential.hpp"

#include <Eigen/Eigenvalues>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <numbers>
#include <stdexcept>
#include <string>

#include "base/parallel_threshold.hpp"
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
  // cos(π k (j + ½) / n) = cos(π q / (2n)) with q = k (2j + 1) mod 4n: one table.
  std::vector<double> table(4 * static_cast<std::size_t>(n));
  for (int q = 0; q < 4 * n; ++q) table[q] = std::cos(std::numbers::pi * q / (2.0 * n));
  Chebyshev ch{lo, hi, std::vector<double>(n)};
  for (int k = 0; k < n; ++k) {
    double s = 0.0;
    for (int j = 0; j < n; ++j) s += values[j] * table[(static_cast<long>(k) * (2 * j + 1)) % (4 * n)];
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

// A Legendre series Σ_ℓ a_ℓ P_ℓ(u) (three-term recurrence).
double legendre_series(const std::vector<double>& a, double u) {
  double p0 = 1.0, p1 = u, sum = a[0] + (a.size() > 1 ? a[1] * u : 0.0);
  for (std::size_t k = 2; k < a.size(); ++k) {
    const double l = static_cast<double>(k), p2 = ((2.0 * l - 1.0) * u * p1 - (l - 1.0) * p0) / l;
    sum += a[k] * p2;
    p0 = p1;
    p1 = p2;
  }
  return sum;
}

// The far field's one polynomial p of degree L + 1 for both κ and κ': q interpolates κ' at the
// Chebyshev points of [−c, c] (degree L), p(u) = κ(0) + ∫₀ᵘ q, so p' = q and
// |p − κ| ≤ |u| max|q − κ'| on [−c, c]. Its Legendre coefficients from q's, by
// ∫₀ᵘ P_ℓ = (P_{ℓ+1}(u) − P_{ℓ−1}(u)) / (2ℓ + 1) + const.
struct FarFit {
  int degree = 0;                // of p
  std::vector<double> legendre;  // p's
  Chebyshev q;
  double p_error = 0, q_error = 0;
  double p(double u) const { return legendre_series(legendre, u); }
};

FarFit far_fit_of_degree(double c, int q_degree) {
  FarFit f;
  f.degree = q_degree + 1;
  f.q = chebyshev_fit(dkappa, -c, c, q_degree);
  const std::vector<double> b = legendre_coefficients(f.q, q_degree);
  f.legendre.assign(f.degree + 1, 0.0);
  f.legendre[1] += b[0];
  for (int l = 1; l <= q_degree; ++l) {
    f.legendre[l + 1] += b[l] / (2.0 * l + 1.0);
    f.legendre[l - 1] -= b[l] / (2.0 * l + 1.0);
  }
  f.legendre[0] += relu_kappa(0.0) - f.p(0.0);
  f.p_error = max_difference(kappa, [&](double u) { return f.p(u); }, -c, c);
  f.q_error = max_difference(dkappa, f.q, -c, c);
  return f;
}

// The lowest degree of q within tolerance / 2 of κ' on [−c, c] (then p is too, by the bound
// above), or −1 when max_degree does not reach it. Bisection: the error falls with the degree
// (geometrically, at the rate of the singularity at u = ±1).
int far_degree(double c, double tolerance, int max_degree) {
  const auto fits = [&](int degree) {
    return max_difference(dkappa, chebyshev_fit(dkappa, -c, c, degree), -c, c) <= 0.5 * tolerance;
  };
  if (!fits(max_degree)) return -1;
  int lo = 4, hi = max_degree;  // fits(hi); lo does not (or is the floor)
  if (fits(lo)) return lo;
  while (hi - lo > 1) {
    const int mid = (lo + hi) / 2;
    (fits(mid) ? hi : lo) = mid;
  }
  return hi;
}

// The near-field remainder r(s) = k(u(s)) − poly(u(s)), u = side·(1 − 2s²), s ∈ [0, s_max], as a
// Chebyshev polynomial in s within tolerance / 2 (its error measured).
Chebyshev near_fit(const Function& k, const Function& poly, double side, double s_max, double tolerance,
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



// One target's near pairs: sums = Σ_q (r_q w_i, r'_q w_i x_i) over its pairs q (source i).
// Compiled for AVX-512, AVX2 + FMA and the baseline (base/simd_dispatch.hpp).
#define MF_NEAR_ARGS                                                                                        \
  long begin, long end, const int *source, const double *remainder, const double *derivative, const double *w, \
      const double *x, const double *y, const double *z, double *sums
MF_ALWAYS_INLINE void near_body(MF_NEAR_ARGS) {
  double sv = 0.0, ux = 0.0, uy = 0.0, uz = 0.0;
  for (long q = begin; q < end; ++q) {
    const int i = source[q];
    const double rd = derivative[q] * w[i];
    sv += remainder[q] * w[i];
    ux += rd * x[i];
    uy += rd * y[i];
    uz += rd * z[i];
  }
  sums[0] = sv;
  sums[1] = ux;
  sums[2] = uy;
  sums[3] = uz;
}
MF_TARGET_AVX512 void near_avx512(MF_NEAR_ARGS) { near_body(begin, end, source, remainder, derivative, w, x, y, z, sums); }
MF_TARGET_AVX2 void near_avx2(MF_NEAR_ARGS) { near_body(begin, end, source, remainder, derivative, w, x, y, z, sums); }
void near_baseline(MF_NEAR_ARGS) { near_body(begin, end, source, remainder, derivative, w, x, y, z, sums); }
void near_sum(MF_NEAR_ARGS) {
  static const auto kernel = simd_pick(near_avx512, near_avx2, near_baseline);
  kernel(begin, end, source, remainder, derivative, w, x, y, z, sums);
}
#undef MF_NEAR_ARGS

}  // namespace

// The near field, fixed with the points: for each target j the sources i in its two caps
// (x_j·x_i > c or < −c) with their remainders r(s_ij), r'(s_ij), s = √((1 ∓ u)/2), as compressed
// rows. Found through cube-map tiles (size about δ/2) grouped into coarse cells of 8 × 8 tiles,
// so that finding them costs O(N · pairs per point), not O(tiles²).
struct ZonalPotential::Near {
  double c = 1;
  Chebyshev value[2], derivative[2];  // [0]: near x (u > c), [1]: near −x (u < −c)
  std::vector<long> row_begin;        // target j: pairs [row_begin[j], row_begin[j + 1])
  std::vector<int> source;
  std::vector<double> remainder, remainder_derivative;
  std::vector<double> x, y, z;        // the points' coordinates

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

  static double angle(const Eigen::Vector3d& a, const Eigen::Vector3d& b) {
    return std::atan2(a.cross(b).norm(), a.dot(b));
  }

  // Groups of items (points or tiles) by cube-map cell: members, unit centre, angular radius.
  struct Groups {
    std::vector<std::vector<int>> members;
    std::vector<Eigen::Vector3d> centre;
    std::vector<double> radius;
  };
  static Groups group(const std::vector<Eigen::Vector3d>& at, const std::vector<double>& size, int g) {
    Groups gr;
    const int cells = 6 * g * g;
    gr.members.resize(cells);
    for (std::size_t i = 0; i < at.size(); ++i) gr.members[tile_of(at[i], g)].push_back(static_cast<int>(i));
    gr.centre.assign(cells, Eigen::Vector3d::UnitX());
    gr.radius.assign(cells, 0.0);
    for (int t = 0; t < cells; ++t) {
      if (gr.members[t].empty()) continue;
      Eigen::Vector3d s = Eigen::Vector3d::Zero();
      for (int i : gr.members[t]) s += at[i];
      gr.centre[t] = s.norm() > 0 ? s.normalized() : at[gr.members[t][0]];
      for (int i : gr.members[t]) gr.radius[t] = std::max(gr.radius[t], angle(gr.centre[t], at[i]) + size[i]);
    }
    return gr;
  }

  void build(const Eigen::Matrix3Xd& points, double delta) {
    const int n = static_cast<int>(points.cols());
    const int g = std::max(1, static_cast<int>(std::ceil(2.0 * (std::numbers::pi / 2) / delta)));
    std::vector<Eigen::Vector3d> at(n);
    for (int i = 0; i < n; ++i) at[i] = points.col(i);
    const Groups tiles = group(at, std::vector<double>(n, 0.0), g);
    // Coarse cells of the non-empty tiles.
    std::vector<int> tile_ids;
    std::vector<Eigen::Vector3d> tile_at;
    std::vector<double> tile_size;
    for (std::size_t t = 0; t < tiles.members.size(); ++t)
      if (!tiles.members[t].empty()) {
        tile_ids.push_back(static_cast<int>(t));
        tile_at.push_back(tiles.centre[t]);
        tile_size.push_back(tiles.radius[t]);
      }
    const Groups coarse = group(tile_at, tile_size, std::max(1, g / 8));
    const auto close = [&](const Eigen::Vector3d& a, const Eigen::Vector3d& b, double reach) {
      return reach >= std::numbers::pi || a.dot(b) >= std::cos(reach);
    };
    // Per tile and side: its candidate sources. Then per target: the pairs inside the caps.
    std::vector<std::vector<int>> rows(n);
    std::vector<std::vector<double>> rv(n), rd(n);
#pragma omp parallel for schedule(dynamic, 8) if (parallel::worth_parallel(static_cast<std::size_t>(n), parallel::kSpherePoints))
    for (std::size_t k = 0; k < tile_ids.size(); ++k) {
      const int t = tile_ids[k];
      std::vector<int> candidates;
      for (int side = 0; side < 2; ++side) {
        const Eigen::Vector3d centre = side == 0 ? tile_at[k] : Eigen::Vector3d(-tile_at[k]);
        candidates.clear();
        for (std::size_t cc = 0; cc < coarse.members.size(); ++cc) {
          if (coarse.members[cc].empty() ||
              !close(centre, coarse.centre[cc], delta + tile_size[k] + coarse.radius[cc] + 1e-12))
            continue;
          for (int s : coarse.members[cc])
            if (close(centre, tile_at[s], delta + tile_size[k] + tile_size[s] + 1e-12))
              for (int i : tiles.members[tile_ids[s]]) candidates.push_back(i);
        }
        std::sort(candidates.begin(), candidates.end());
        const double sign = side == 0 ? 1.0 : -1.0;
        for (int j : tiles.members[t])
          for (int i : candidates) {
            const double su = sign * at[j].dot(at[i]);
            if (!(su > c)) continue;
            const double sk = std::sqrt(std::max(0.0, 0.5 - 0.5 * su));
            rows[j].push_back(i);
            rv[j].push_back(value[side](sk));
            rd[j].push_back(derivative[side](sk));
          }
      }
    }
    x.resize(n);
    y.resize(n);
    z.resize(n);
    for (int i = 0; i < n; ++i) {
      x[i] = points(0, i);
      y[i] = points(1, i);
      z[i] = points(2, i);
    }
    row_begin.assign(n + 1, 0);
    for (int j = 0; j < n; ++j) row_begin[j + 1] = row_begin[j] + static_cast<long>(rows[j].size());
    source.resize(row_begin[n]);
    remainder.resize(row_begin[n]);
    remainder_derivative.resize(row_begin[n]);
    for (int j = 0; j < n; ++j) {
      std::copy(rows[j].begin(), rows[j].end(), source.begin() + row_begin[j]);
      std::copy(rv[j].begin(), rv[j].end(), remainder.begin() + row_begin[j]);
      std::copy(rd[j].begin(), rd[j].end(), remainder_derivative.begin() + row_begin[j]);
    }
  }
};

ZonalPotential::ZonalPotential(const Eigen::Matrix3Xd& points, double tolerance)
    : points_(points), near_(std::make_unique<Near>()) {
  if (!(tolerance > 0.0 && tolerance < 1.0))
    throw std::invalid_argument("the potential's tolerance must be in (0, 1), not " + std::to_string(tolerance));
  const double n = static_cast<double>(points.cols());
  // Cost model, in ns on one core, fitted to the parts' times on hexagonal levels 5–7 (AMD EPYC,
  // AVX-512, bench_zonal_potential): the far field's transforms about 0.68 L³ (the series sums)
  // + 53 L² log₂ L² (the pruned FFTs) + 260 N (spreading and interpolation, the same for every δ);
  // the near field about 2.1 per stored pair, N² (1 − cos δ) of them (the two caps). The pairs'
  // memory (20 bytes each) is capped at 3 GB.
  constexpr double series_cost = 0.68, fft_cost = 53.0, pair_cost = 2.1, max_pairs = 1.5e8;
  constexpr int max_degree = 400;
  double best_cost = std::numeric_limits<double>::infinity();
  int best_degree = -1;
  for (double delta : {0.02, 0.025, 0.03, 0.04, 0.05, 0.06, 0.08, 0.1, 0.12, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.7}) {
    const double pairs = n * n * (1.0 - std::cos(delta));
    if (pairs > max_pairs) break;
    const int degree = far_degree(std::cos(delta), tolerance, max_degree - 1);
    if (degree < 0) continue;
    const double L = degree + 1.0;
    const double cost = series_cost * L * L * L + fft_cost * L * L * std::log2(L * L) + pair_cost * pairs;
    if (cost < best_cost) {
      best_cost = cost;
      best_degree = degree;
      delta_ = delta;
    }
  }
  if (best_degree < 0)
    throw std::invalid_argument("the potential's tolerance " + std::to_string(tolerance) + " at " +
                                std::to_string(points.cols()) +
                                " points needs a spherical-harmonic degree above 400 or more than 1.5e8 near pairs; "
                                "use a larger scheme.potential_tolerance or the direct sum");
  const FarFit far = far_fit_of_degree(std::cos(delta_), best_degree);
  const int L = far.degree;
  scale_.resize(L + 1);
  for (int l = 0; l <= L; ++l) scale_[l] = 4.0 * std::numbers::pi / (2.0 * l + 1.0) * far.legendre[l];

  // The transforms' precision: their error reaches V at most 2 ε ‖w‖₁ Σ_ℓ |s_ℓ| (2ℓ + 1) A_ℓ² and
  // each component of R = x × ∇V (from the ladder coefficients, ≤ ℓ + 1) at most
  // 2 ε ‖w‖₁ Σ_ℓ (ℓ + 1) |s_ℓ| (2ℓ + 1) A_ℓ² (A_ℓ = max_m Σ_k |α_ℓmk|, fast_spherical_transform.hpp);
  // ε is chosen to keep both below tolerance / 10.
  double precision = std::max(1e-15, 1e-2 * tolerance);
  for (;;) {
    transform_ = std::make_unique<FastSphericalTransform>(points_, L, precision);
    double bv = 0.0, bd = 0.0;
    for (int l = 0; l <= L; ++l) {
      double a = 0.0;
      for (int m = 0; m <= l; ++m) a = std::max(a, transform_->coefficient_sum(l, m));
      const double term = std::abs(scale_[l]) * (2.0 * l + 1.0) * a * a;
      bv += term;
      bd += (l + 1.0) * term;
    }
    const double eps = transform_->fourier().error_bound();
    transform_value_error_ = 2.0 * eps * bv;
    transform_derivative_error_ = 2.0 * eps * bd;
    if (std::max(transform_value_error_, transform_derivative_error_) <= 0.1 * tolerance || precision <= 1e-15) break;
    precision = std::max(1e-15, precision * 0.1 * tolerance / std::max(transform_value_error_, transform_derivative_error_));
  }

  Near& nr = *near_;
  nr.c = std::cos(delta_);
  const double s_max = std::sin(0.5 * delta_) * (1.0 + 1e-9);
  double near_value_error = 0.0, near_derivative_error = 0.0;
  const Function p = [&far](double u) { return far.p(u); }, q = [&far](double u) { return far.q(u); };
  for (int side = 0; side < 2; ++side) {
    double e1 = 0.0, e2 = 0.0;
    const double sign = side == 0 ? 1.0 : -1.0;
    nr.value[side] = near_fit(kappa, p, sign, s_max, tolerance, e1);
    nr.derivative[side] = near_fit(dkappa, q, sign, s_max, tolerance, e2);
    near_value_error = std::max(near_value_error, e1);
    near_derivative_error = std::max(near_derivative_error, e2);
  }
  // A pair is in exactly one of the far polynomial's domain or a near cap, so the fits add at
  // most the larger of their errors; stated as their sum, plus the transforms'.
  value_bound_ = far.p_error + near_value_error + transform_value_error_;
  derivative_bound_ = far.q_error + near_derivative_error + transform_derivative_error_;
  if (value_bound_ > tolerance || derivative_bound_ > tolerance)
    throw std::invalid_argument("the potential's error bound reaches " +
                                std::to_string(std::max(value_bound_, derivative_bound_)) + ", not the tolerance " +
                                std::to_string(tolerance) + "; use a larger scheme.potential_tolerance");
  nr.build(points_, delta_);
  near_pairs_ = static_cast<long>(nr.source.size());
}

ZonalPotential::~ZonalPotential() = default;

int ZonalPotential::degree() const { return transform_->degree(); }
int ZonalPotential::width() const { return transform_->fourier().width(); }

int ZonalPotential::near_degree() const {
  std::size_t d = 0;
  for (int side = 0; side < 2; ++side) d = std::max({d, near_->value[side].c.size(), near_->derivative[side].c.size()});
  return static_cast<int>(d) - 1;
}

void ZonalPotential::evaluate(const Eigen::VectorXd& w, Eigen::VectorXd& v, Eigen::Matrix3Xd& grad) const {
  const Eigen::Index n = points_.cols();
  MF_PRECONDITION(w.size() == n, "one weight per point");
  // Far field: f = Σ_i w_i p(x·x_i) has the coefficients F_ℓm = s_ℓ C_ℓm. Its surface gradient is
  // ∇_S f = −x × R f with R_a f = ∇_S f · (e_a × x) = i L_a f (L = −i x × ∇), whose coefficients
  // come from the ladder operators L_± Y_ℓ^m = √((ℓ ∓ m)(ℓ ± m + 1)) Y_ℓ^{m±1}, L_z Y_ℓ^m = m Y_ℓ^m:
  //   R_x = (i/2)(L₊ + L₋),  R_y = (L₊ − L₋)/2,  R_z = i L_z   (F_ℓ,−1 = −conj F_ℓ1).
  const FastSphericalTransform& t = *transform_;
  const int L = t.degree();
  FastSphericalTransform::Coefficients f, rx(t.size()), ry(t.size()), rz(t.size());
  t.analyse(w, f);
  for (int m = 0; m <= L; ++m)
    for (int l = m; l <= L; ++l) f[t.index(l, m)] *= scale_[l];
  const std::complex<double> imag(0.0, 1.0);
  for (int m = 0; m <= L; ++m)
    for (int l = m; l <= L; ++l) {
      const std::complex<double> below = m == 0 ? (l >= 1 ? -std::conj(f[t.index(l, 1)]) : 0.0) : f[t.index(l, m - 1)];
      const std::complex<double> above = m < l ? f[t.index(l, m + 1)] : 0.0;
      const std::complex<double> raise = std::sqrt((l - m + 1.0) * (l + m)) * below;  // (L₊ F)_ℓm
      const std::complex<double> lower = std::sqrt((l + m + 1.0) * (l - m)) * above;  // (L₋ F)_ℓm
      rx[t.index(l, m)] = 0.5 * imag * (raise + lower);
      ry[t.index(l, m)] = 0.5 * (raise - lower);
      rz[t.index(l, m)] = imag * static_cast<double>(m) * f[t.index(l, m)];
    }
  Eigen::MatrixXd values;
  t.synthesise({&f, &rx, &ry, &rz}, values);

  // Near field: the fixed pairs' remainders (rows: no write conflicts).
  const Near& nr = *near_;
  Eigen::Matrix4Xd near_values(4, n);
  const int chunk = parallel::dynamic_chunk(static_cast<int>(n));
#pragma omp parallel for schedule(dynamic, chunk) if (parallel::worth_parallel(static_cast<std::size_t>(n), parallel::kSpherePoints))
  for (Eigen::Index j = 0; j < n; ++j)
    near_sum(nr.row_begin[j], nr.row_begin[j + 1], nr.source.data(), nr.remainder.data(),
             nr.remainder_derivative.data(), w.data(), nr.x.data(), nr.y.data(), nr.z.data(), near_values.col(j).data());
  v = values.col(0) + near_values.row(0).transpose();
  grad.resize(3, n);
  for (Eigen::Index j = 0; j < n; ++j) {
    const Eigen::Vector3d x = points_.col(j), u = near_values.col(j).tail<3>();
    const Eigen::Vector3d r(values(j, 1), values(j, 2), values(j, 3));
    grad.col(j) = u - u.dot(x) * x - x.cross(r);
  }
}

}  // namespace mf
