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

// The trapezoid rule of activation_kernel_impl.hpp for E[h(m + sZ)]: nodes z_i and weights
// (the Gaussian density times the step), one node of weight 1 when s = 0.
void rule(double s, double strip, double scale, std::vector<double>& z, std::vector<double>& w) {
  using namespace activation_kernel_detail;
  z.clear();
  w.clear();
  if (s == 0.0) {
    z.push_back(0.0);
    w.push_back(1.0);
    return;
  }
  const int n = static_cast<int>(std::ceil(kRange / spacing(s, strip, scale)));
  const double step = kRange / n, norm = step / std::sqrt(2.0 * std::numbers::pi);
  for (int i = -n; i <= n; ++i) {
    z.push_back(i * step);
    w.push_back(std::exp(-0.5 * (i * step) * (i * step)) * norm);
  }
}

struct Workspace {
  std::vector<double> z1, w1, z2, w2, S, T, e, f0, f1, f2, g0, g1, g2;
};

// The pass over the nodes of rule(s1) × rule(s2 r): S_i = m1 + s1 z_i, T_ij = m2 + s2(ρ z_i + r z_j),
// their jets, the inner sums E[σ^{(k)}(T) | Z1 = z_i] (one row at a time) and the outer ones. Compiled for AVX-512,
// AVX2 + FMA and the baseline (base/simd_dispatch.hpp); the exponentials go through exp_array.
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
