#include "objective/activation_kernel.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <utility>
#include <vector>

#include "objective/exp_array.hpp"

namespace mf {

double activation_second_derivative(Activation a, double z) {
  switch (a) {
    case Activation::sigmoid: {
      const double s = 1.0 / (1.0 + std::exp(-z));
      return s * (1.0 - s) * (1.0 - 2.0 * s);
    }
    case Activation::tanh: {
      const double t = std::tanh(z);
      return -2.0 * t * (1.0 - t * t);
    }
    case Activation::softplus: {
      const double s = 1.0 / (1.0 + std::exp(-z));
      return s * (1.0 - s);
    }
    case Activation::relu: break;
  }
  throw std::invalid_argument("ReLU has no second derivative (σ'' is a Dirac mass): its kernel gradient is the closed "
                              "form's");
}

double analytic_strip(Activation a) {
  switch (a) {
    case Activation::sigmoid: return std::numbers::pi;       // poles at iπ(2k + 1)
    case Activation::softplus: return std::numbers::pi;      // branch points at iπ(2k + 1)
    case Activation::tanh: return 0.5 * std::numbers::pi;    // poles at iπ(k + ½)
    case Activation::relu: return 0.0;
  }
  return 0.0;
}

ActivationKernel::ActivationKernel(Activation activation, double spacing_scale)
    : activation_(activation), spacing_scale_(spacing_scale) {
  if (!(spacing_scale > 0.0 && spacing_scale <= 1.0))
    throw std::invalid_argument("the kernel's spacing scale must be in (0, 1]");
}

namespace {

struct PairLaw {
  double m1, s1, m2, s2, rho;
};

PairLaw law_of(const Eigen::VectorXd& u, const Eigen::VectorXd& v) {
  if (u.size() != v.size() || u.size() < 2)
    throw std::invalid_argument("kernel neurons (b, c) of sizes " + std::to_string(u.size()) + " and " +
                                std::to_string(v.size()) + ": both need d + 1 ≥ 2 coordinates");
  const Eigen::Index d = u.size() - 1;
  const double s1 = u.head(d).norm(), s2 = v.head(d).norm();
  const double rho = s1 > 0.0 && s2 > 0.0 ? u.head(d).dot(v.head(d)) / (s1 * s2) : 0.0;
  return {u[d], s1, v[d], s2, rho};
}

}  // namespace

namespace {

// σ, σ', σ'' at the n points z, from one exponential each (e^{−|z|}, e^{−2|z|} for tanh, so
// nothing overflows): e holds the exponentials on entry.
MF_ALWAYS_INLINE void jets(Activation a, const double* z, const double* e, double* f0, double* f1, double* f2,
                           std::size_t n) {
  switch (a) {
    case Activation::sigmoid:
      for (std::size_t i = 0; i < n; ++i) {
        const double q = 1.0 / (1.0 + e[i]);
        const double s = z[i] >= 0.0 ? q : e[i] * q;
        f0[i] = s;
        f1[i] = e[i] * q * q;
        f2[i] = f1[i] * (1.0 - 2.0 * s);
      }
      return;
    case Activation::tanh:
      for (std::size_t i = 0; i < n; ++i) {
        const double q = 1.0 / (1.0 + e[i]);
        const double t = std::copysign((1.0 - e[i]) * q, z[i]);
        f0[i] = t;
        f1[i] = 4.0 * e[i] * q * q;
        f2[i] = -2.0 * t * f1[i];
      }
      return;
    case Activation::softplus:
      for (std::size_t i = 0; i < n; ++i) {
        const double q = 1.0 / (1.0 + e[i]);
        f0[i] = std::max(z[i], 0.0) + std::log1p(e[i]);
        f1[i] = z[i] >= 0.0 ? q : e[i] * q;
        f2[i] = e[i] * q * q;
      }
      return;
    case Activation::relu: break;
  }
  throw std::invalid_argument("ReLU has no second derivative: its kernel moments are the closed form's");
}

// The exponent whose e^{·} jets() takes: −|z|, or −2|z| for tanh.
MF_ALWAYS_INLINE void exponents(Activation a, const double* z, double* out, std::size_t n) {
  const double c = a == Activation::tanh ? -2.0 : -1.0;
  for (std::size_t i = 0; i < n; ++i) out[i] = c * std::abs(z[i]);
}

// The trapezoid rule for E[h(Z)], Z ~ N(0, 1), on [−range, range] with a spacing of at most
// `spacing`: nodes z_i and weights (the Gaussian density times the step).
void gaussian_trapezoid(double range, double spacing, std::vector<double>& z, std::vector<double>& w) {
  const int n = static_cast<int>(std::ceil(range / spacing));
  const double step = range / n, norm = step / std::sqrt(2.0 * std::numbers::pi);
  z.clear();
  w.clear();
  for (int i = -n; i <= n; ++i) {
    z.push_back(i * step);
    w.push_back(std::exp(-0.5 * (i * step) * (i * step)) * norm);
  }
}

// The rule of activation_kernel_impl.hpp for E[h(m + sZ)]; one node of weight 1 when s = 0.
void rule(double s, double strip, double scale, std::vector<double>& z, std::vector<double>& w) {
  using namespace activation_kernel_detail;
  if (s == 0.0) {
    z.assign(1, 0.0);
    w.assign(1, 1.0);
    return;
  }
  gaussian_trapezoid(kRange, spacing(s, strip, scale), z, w);
}

struct Workspace {
  std::vector<double> z1, w1, z2, w2, S, T, e, f0, f1, f2, g0, g1, g2;
};

// The pass over the nodes of rule(s1) × rule(s2 r): S_i = m1 + s1 z_i, T_ij = m2 + s2(ρ z_i + r z_j),
// their jets, the inner sums E[σ^{(k)}(T) | Z1 = z_i] (one row at a time) and the outer ones.
// Compiled for AVX-512, AVX2 + FMA and the baseline (base/simd_dispatch.hpp); the exponentials
// go through exp_array.
MF_ALWAYS_INLINE PairMoments pass_body(Activation a, Workspace& w, double m1, double s1, double m2, double s2,
                                       double rho, double r) {
  const std::size_t n1 = w.z1.size(), n2 = w.z2.size();
  for (std::size_t i = 0; i < n1; ++i) w.S[i] = m1 + s1 * w.z1[i];
  exponents(a, w.S.data(), w.e.data(), n1);
  exp_array(w.e.data(), w.e.data(), n1);
  jets(a, w.S.data(), w.e.data(), w.f0.data(), w.f1.data(), w.f2.data(), n1);
  PairMoments p;
  const double *z2 = w.z2.data(), *w2 = w.w2.data();
  double *T = w.T.data(), *e = w.e.data(), *g0 = w.g0.data(), *g1 = w.g1.data(), *g2 = w.g2.data();
  const double slope = s2 * r;
  for (std::size_t i = 0; i < n1; ++i) {  // one row of inner nodes at a time, in L1
    const double centre = m2 + s2 * rho * w.z1[i];
    for (std::size_t j = 0; j < n2; ++j) T[j] = centre + slope * z2[j];
    exponents(a, T, e, n2);
    exp_array(e, e, n2);
    jets(a, T, e, g0, g1, g2, n2);
    double i0 = 0.0, i1 = 0.0, i2 = 0.0;  // E[σ^{(k)}(T) | Z1 = z_i]
#pragma omp simd reduction(+ : i0, i1, i2)
    for (std::size_t j = 0; j < n2; ++j) {
      i0 += w2[j] * g0[j];
      i1 += w2[j] * g1[j];
      i2 += w2[j] * g2[j];
    }
    const double c = w.w1[i];
    p.k += c * w.f0[i] * i0;
    p.e20 += c * w.f2[i] * i0;
    p.e10 += c * w.f1[i] * i0;
    p.e11 += c * w.f1[i] * i1;
    p.e01 += c * w.f0[i] * i1;
    p.e02 += c * w.f0[i] * i2;
  }
  return p;
}

MF_TARGET_AVX512 PairMoments pass_avx512(Activation a, Workspace& w, double m1, double s1, double m2, double s2,
                                         double rho, double r) {
  return pass_body(a, w, m1, s1, m2, s2, rho, r);
}
MF_TARGET_AVX2 PairMoments pass_avx2(Activation a, Workspace& w, double m1, double s1, double m2, double s2, double rho,
                                     double r) {
  return pass_body(a, w, m1, s1, m2, s2, rho, r);
}
PairMoments pass_baseline(Activation a, Workspace& w, double m1, double s1, double m2, double s2, double rho, double r) {
  return pass_body(a, w, m1, s1, m2, s2, rho, r);
}

}  // namespace

PairMoments ActivationKernel::moments(double m1, double s1, double m2, double s2, double rho) const {
  const Activation a = activation_;
  if (a == Activation::relu) activation_second_derivative(a, 0.0);  // throws: no σ''
  if (!(s1 >= 0.0 && s1 <= kLargestScale && s2 >= 0.0 && s2 <= kLargestScale) || !std::isfinite(m1) ||
      !std::isfinite(m2) || !std::isfinite(rho))
    throw std::invalid_argument("the kernel's law needs finite means and deviations 0 ≤ ‖b‖ ≤ 1e4 (the rule's nodes "
                                "grow like ‖b‖²)");
  rho = std::clamp(rho, -1.0, 1.0);
  const bool swapped = s2 > s1;  // the outer variable along the wider pre-activation, as the template
  if (swapped) {
    std::swap(m1, m2);
    std::swap(s1, s2);
  }
  const double r = std::sqrt(std::max(0.0, 1.0 - rho * rho)), strip = analytic_strip(a);
  thread_local Workspace w;
  rule(s1, strip, spacing_scale_, w.z1, w.w1);
  rule(s2 * r, strip, spacing_scale_, w.z2, w.w2);
  const std::size_t n1 = w.z1.size(), n2 = w.z2.size();
  for (std::vector<double>* v : {&w.S, &w.f0, &w.f1, &w.f2}) v->resize(n1);
  for (std::vector<double>* v : {&w.T, &w.e, &w.g0, &w.g1, &w.g2}) v->resize(std::max(n1, n2));
  PairMoments p;
  switch (simd_level()) {
    case SimdLevel::avx512: p = pass_avx512(a, w, m1, s1, m2, s2, rho, r); break;
    case SimdLevel::avx2: p = pass_avx2(a, w, m1, s1, m2, s2, rho, r); break;
    case SimdLevel::baseline: p = pass_baseline(a, w, m1, s1, m2, s2, rho, r); break;
  }
  if (swapped) {
    std::swap(p.e20, p.e02);
    std::swap(p.e10, p.e01);
  }
  return p;
}

namespace {

// Σ_j g_j h_n(z_j) for n = 0 … N (h_n = He_n/√n!, h_{n+1} = (z h_n − √n h_{n−1})/√(n+1)), over
// the nodes at once for each n. Compiled for AVX-512, AVX2 + FMA and the baseline.
MF_ALWAYS_INLINE void hermite_sums_body(const double* z, const double* g, std::size_t q, int N, double* out,
                                        std::vector<double>& previous, std::vector<double>& current) {
  previous.assign(q, 1.0);  // h_0
  current.assign(z, z + q);  // h_1
  double* hp = previous.data();
  double* hc = current.data();
  double s0 = 0.0, s1 = 0.0;
#pragma omp simd reduction(+ : s0, s1)
  for (std::size_t j = 0; j < q; ++j) {
    s0 += g[j];
    s1 += g[j] * z[j];
  }
  out[0] = s0;
  if (N >= 1) out[1] = s1;
  for (int n = 1; n < N; ++n) {
    const double a = 1.0 / std::sqrt(n + 1.0), b = std::sqrt(static_cast<double>(n)) * a;
    double sum = 0.0;
#pragma omp simd reduction(+ : sum)
    for (std::size_t j = 0; j < q; ++j) {
      const double next = a * z[j] * hc[j] - b * hp[j];
      hp[j] = next;  // h_{n−1} is not needed again: h_{n+1} takes its place
      sum += g[j] * next;
    }
    out[n + 1] = sum;
    std::swap(hp, hc);
  }
}

MF_TARGET_AVX512 void hermite_sums_avx512(const double* z, const double* g, std::size_t q, int N, double* out,
                                          std::vector<double>& p, std::vector<double>& c) {
  hermite_sums_body(z, g, q, N, out, p, c);
}
MF_TARGET_AVX2 void hermite_sums_avx2(const double* z, const double* g, std::size_t q, int N, double* out,
                                      std::vector<double>& p, std::vector<double>& c) {
  hermite_sums_body(z, g, q, N, out, p, c);
}
void hermite_sums_baseline(const double* z, const double* g, std::size_t q, int N, double* out, std::vector<double>& p,
                           std::vector<double>& c) {
  hermite_sums_body(z, g, q, N, out, p, c);
}

}  // namespace

NeuronExpansion ActivationKernel::expansion(double c, double s) const {
  const Activation a = activation_;
  if (a == Activation::relu) activation_second_derivative(a, 0.0);  // throws: no σ''
  if (!(s >= 0.0 && s <= kLargestScale) || !std::isfinite(c))
    throw std::invalid_argument("a neuron's expansion needs a finite bias and 0 ≤ ‖b‖ ≤ 1e4 (its nodes grow like ‖b‖)");
  const int N = kExpansionOrder;
  NeuronExpansion e;
  e.c = c;
  e.s = s;
  for (auto& A : e.A) A.assign(N + 1, 0.0);
  thread_local Workspace w;
  if (s == 0.0) {  // a constant neuron: σ^{(p)}(c), nothing else
    w.S.assign(1, c);
    w.e.resize(1);
    w.f0.resize(1), w.f1.resize(1), w.f2.resize(1);
    exponents(a, w.S.data(), w.e.data(), 1);
    exp_array(w.e.data(), w.e.data(), 1);
    jets(a, w.S.data(), w.e.data(), w.f0.data(), w.f1.data(), w.f2.data(), 1);
    const double f[3] = {w.f0[0], w.f1[0], w.f2[0]};
    for (int p = 0; p < 3; ++p) {
      e.A[p][0] = f[p];
      e.norm[p] = std::abs(f[p]);
    }
    return e;
  }
  // The nodes (activation_kernel.hpp): spacing 2π/(√(2N+1) + 37/a), a = min(δ/(2s), 2), on ±12.5.
  const double strip = std::min(analytic_strip(a) / (2.0 * s), 2.0);
  const double spacing = 2.0 * std::numbers::pi / (std::sqrt(2.0 * N + 1.0) + 37.0 / strip) * spacing_scale_;
  gaussian_trapezoid(12.5, spacing, w.z1, w.w1);
  const std::size_t q = w.z1.size();
  w.S.resize(q), w.e.resize(q), w.f0.resize(q), w.f1.resize(q), w.f2.resize(q), w.g0.resize(q);
  for (std::size_t i = 0; i < q; ++i) w.S[i] = c + s * w.z1[i];
  exponents(a, w.S.data(), w.e.data(), q);
  exp_array(w.e.data(), w.e.data(), q);
  jets(a, w.S.data(), w.e.data(), w.f0.data(), w.f1.data(), w.f2.data(), q);
  double mean0 = 0.0, mean1 = 0.0;
  for (std::size_t i = 0; i < q; ++i) {
    mean0 += w.w1[i] * w.f0[i];
    mean1 += w.w1[i] * w.f1[i];
    e.norm[0] += w.w1[i] * w.f0[i] * w.f0[i];
    e.norm[1] += w.w1[i] * w.f1[i] * w.f1[i];
    e.norm[2] += w.w1[i] * w.f2[i] * w.f2[i];
    w.g0[i] = w.w1[i] * w.f2[i];
  }
  for (double& n : e.norm) n = std::sqrt(n);
  switch (simd_level()) {
    case SimdLevel::avx512: hermite_sums_avx512(w.z1.data(), w.g0.data(), q, N, e.A[2].data(), w.T, w.g1); break;
    case SimdLevel::avx2: hermite_sums_avx2(w.z1.data(), w.g0.data(), q, N, e.A[2].data(), w.T, w.g1); break;
    case SimdLevel::baseline: hermite_sums_baseline(w.z1.data(), w.g0.data(), q, N, e.A[2].data(), w.T, w.g1); break;
  }
  // Stein: E[σ^{(p)}(c + sZ) h_n] = (s/√n) E[σ^{(p+1)}(c + sZ) h_{n−1}].
  e.A[1][0] = mean1;
  e.A[0][0] = mean0;
  for (int n = 1; n <= N; ++n) e.A[1][n] = s / std::sqrt(static_cast<double>(n)) * e.A[2][n - 1];
  for (int n = 1; n <= N; ++n) e.A[0][n] = s / std::sqrt(static_cast<double>(n)) * e.A[1][n - 1];
  return e;
}

PairMoments ActivationKernel::moments(const NeuronExpansion& u, const NeuronExpansion& v, double rho) const {
  rho = std::clamp(rho, -1.0, 1.0);
  const double bound = *std::max_element(u.norm.begin(), u.norm.end()) * *std::max_element(v.norm.begin(), v.norm.end());
  const double r = std::abs(rho), tolerance = 1e-14;
  // The fewest terms N with r^{N+1} · bound ≤ tolerance (Cauchy–Schwarz on the tail, Parseval),
  // counted in double: near r = 1 the count exceeds any int.
  double terms = 0.0;
  if (r > 0.0 && bound > tolerance)
    terms = r >= 1.0 ? HUGE_VAL : std::max(0.0, std::ceil(std::log(tolerance / bound) / std::log(r)) - 1.0);
  const int available = static_cast<int>(std::min(u.A[0].size(), v.A[0].size())) - 1;
  if (!(terms <= available)) return moments(u.c, u.s, v.c, v.s, rho);  // |ρ| near 1: the nested rule
  const int N = static_cast<int>(terms);
  PairMoments p;
  double power = 1.0;
  for (int n = 0; n <= N; ++n) {
    const std::size_t i = static_cast<std::size_t>(n);
    const double u0 = power * u.A[0][i], u1 = power * u.A[1][i], u2 = power * u.A[2][i];
    p.k += u0 * v.A[0][i];
    p.e20 += u2 * v.A[0][i];
    p.e02 += u0 * v.A[2][i];
    p.e11 += u1 * v.A[1][i];
    p.e10 += u1 * v.A[0][i];
    p.e01 += u0 * v.A[1][i];
    power *= rho;
  }
  return p;
}

double ActivationKernel::value(const Eigen::VectorXd& u, const Eigen::VectorXd& v) const {
  const PairLaw p = law_of(u, v);
  const Activation a = activation_;
  if (a != Activation::relu) return moments(p.m1, p.s1, p.m2, p.s2, p.rho).k;
  const auto sigma = [a](double z) { return activation_value(a, z); };
  return gaussian_pair_expectation(sigma, sigma, p.m1, p.s1, p.m2, p.s2, p.rho, analytic_strip(a), spacing_scale_);
}

double ActivationKernel::value_and_gradient(const Eigen::VectorXd& u, const Eigen::VectorXd& v,
                                            Eigen::VectorXd& grad_u) const {
  law_of(u, v);  // checks the sizes
  grad_u.resize(u.size());
  Eigen::VectorXd grad_v(v.size());
  return value_and_gradients(u, v, grad_u, grad_v);
}

}  // namespace mf
