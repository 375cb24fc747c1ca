#include "potential/fast_spherical_transform.hpp"

#include <fftw3.h>

#include <cmath>
#include <mutex>
#include <numbers>
#include <stdexcept>
#include <string>

#include "base/fftw_planner.hpp"
#include "base/precondition.hpp"
#include "base/simd_dispatch.hpp"

namespace mf {

namespace {

// er[q] += a[q] xr, ei[q] += a[q] xi (q < count): a series' share of a synthesis, for AVX-512,
// AVX2 + FMA and the baseline (base/simd_dispatch.hpp).
#define MF_AXPY_ARGS int count, const double *a, double xr, double xi, double *er, double *ei
MF_ALWAYS_INLINE void axpy_body(MF_AXPY_ARGS) {
  for (int q = 0; q < count; ++q) {
    er[q] += a[q] * xr;
    ei[q] += a[q] * xi;
  }
}
MF_TARGET_AVX512 void axpy_avx512(MF_AXPY_ARGS) { axpy_body(count, a, xr, xi, er, ei); }
MF_TARGET_AVX2 void axpy_avx2(MF_AXPY_ARGS) { axpy_body(count, a, xr, xi, er, ei); }
void axpy_baseline(MF_AXPY_ARGS) { axpy_body(count, a, xr, xi, er, ei); }
void axpy(MF_AXPY_ARGS) {
  static const auto kernel = simd_level() == SimdLevel::avx512 ? axpy_avx512
                             : simd_level() == SimdLevel::avx2 ? axpy_avx2
                                                               : axpy_baseline;
  kernel(count, a, xr, xi, er, ei);
}
#undef MF_AXPY_ARGS

}  // namespace

FastSphericalTransform::FastSphericalTransform(const Eigen::Matrix3Xd& points, int degree, double precision)
    : degree_(degree) {
  if (degree < 0) throw std::invalid_argument("a spherical-harmonic degree is ≥ 0, not " + std::to_string(degree));
  const int L = degree;
  const Eigen::Index n = points.cols();
  Eigen::VectorXd theta(n), phi(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    const double x = points(0, i), y = points(1, i), z = points(2, i);
    theta[i] = std::atan2(std::hypot(x, y), z);
    phi[i] = std::atan2(y, x);
  }
  nufft_ = std::make_unique<NonuniformFft2>(theta, phi, L, precision);

  // Series coefficients: sample P̄_ℓ^m(cos θ_j) at M > 2L equispaced θ_j ∈ [0, 2π) (sin θ signed),
  // one real FFT per (ℓ, m).
  series_begin_.resize(size() + 1);
  int total = 0;
  for (int m = 0; m <= L; ++m)
    for (int l = m; l <= L; ++l) {
      series_begin_[index(l, m)] = total;
      total += l / 2 + 1;
    }
  series_begin_[size()] = total;
  alpha_.assign(total, 0.0);
  coefficient_sum_.assign(size(), 0.0);
  const int M = 2 * L + 2;
  double* samples = static_cast<double*>(fftw_malloc(sizeof(double) * M));
  fftw_complex* spectrum = static_cast<fftw_complex*>(fftw_malloc(sizeof(fftw_complex) * (M / 2 + 1)));
  fftw_plan plan;
  {
    std::lock_guard<std::mutex> lock(fftw_planner_mutex());
    plan = fftw_plan_dft_r2c_1d(M, samples, spectrum, FFTW_ESTIMATE);
  }
  std::vector<double> c(M), s(M), sectoral(M, 1.0 / std::sqrt(4.0 * std::numbers::pi)), prev(M), cur(M);
  for (int j = 0; j < M; ++j) {
    c[j] = std::cos(2.0 * std::numbers::pi * j / M);
    s[j] = std::sin(2.0 * std::numbers::pi * j / M);
  }
  for (int m = 0; m <= L; ++m) {
    if (m > 0) {
      const double f = -std::sqrt((2.0 * m + 1.0) / (2.0 * m));
      for (int j = 0; j < M; ++j) sectoral[j] *= f * s[j];
    }
    for (int j = 0; j < M; ++j) {
      prev[j] = 0.0;
      cur[j] = sectoral[j];
    }
    for (int l = m; l <= L; ++l) {
      if (l > m) {
        const double ll = l, mm = m;
        const double a = std::sqrt((4.0 * ll * ll - 1.0) / (ll * ll - mm * mm));
        const double b = std::sqrt(((ll - 1.0) * (ll - 1.0) - mm * mm) / (4.0 * (ll - 1.0) * (ll - 1.0) - 1.0));
        for (int j = 0; j < M; ++j) {
          const double next = a * (c[j] * cur[j] - b * prev[j]);
          prev[j] = cur[j];
          cur[j] = next;
        }
      }
      std::copy(cur.begin(), cur.end(), samples);
      fftw_execute_dft_r2c(plan, samples, spectrum);
      const int at = index(l, m);
      double sum = 0.0;
      for (int q = 0, k = l % 2; k <= l; ++q, k += 2) {
        double a;
        if (m % 2 == 0) a = (k == 0 ? 1.0 : 2.0) * spectrum[k][0] / M;
        else a = k == 0 ? 0.0 : -2.0 * spectrum[k][1] / M;
        alpha_[series_begin_[at] + q] = a;
        sum += std::abs(a);
      }
      coefficient_sum_[at] = sum;
    }
  }
  {
    std::lock_guard<std::mutex> lock(fftw_planner_mutex());
    fftw_destroy_plan(plan);
  }
  fftw_free(samples);
  fftw_free(spectrum);
}

FastSphericalTransform::~FastSphericalTransform() = default;

void FastSphericalTransform::analyse(const Eigen::VectorXd& w, Coefficients& out) const {
  const int L = degree_;
  NonuniformFft2::Modes g;
  nufft_->adjoint(w, g);  // g(k + L, m) = Σ_i w_i e^{−i(k θ_i + m φ_i)}
  out.resize(size());
  const std::complex<double> half_i(0.0, 0.5);
  for (int m = 0; m <= L; ++m) {
    // The cosine (even m) or sine (odd m) sums Σ_i w_i {cos, sin}(k θ_i) e^{−i m φ_i}, k ≥ 0.
    std::vector<std::complex<double>> t(L + 1);
    for (int k = 0; k <= L; ++k) {
      const std::complex<double> plus = g(L + k, m), minus = g(L - k, m);
      t[k] = m % 2 == 0 ? (k == 0 ? plus : 0.5 * (plus + minus)) : half_i * (plus - minus);
    }
    for (int l = m; l <= L; ++l) {
      const double* a = &alpha_[series_begin_[index(l, m)]];
      std::complex<double> sum = 0.0;
      for (int q = 0, k = l % 2; k <= l; ++q, k += 2) sum += a[q] * t[k];
      out[index(l, m)] = sum;
    }
  }
}

void FastSphericalTransform::synthesise(const std::vector<const Coefficients*>& f, Eigen::MatrixXd& values) const {
  const int L = degree_;
  std::vector<NonuniformFft2::Modes> h(f.size(), NonuniformFft2::Modes::Zero(2 * L + 1, L + 1));
  std::vector<const NonuniformFft2::Modes*> in;
  const std::complex<double> minus_half_i(0.0, -0.5);  // 1 / (2i)
  for (std::size_t c = 0; c < f.size(); ++c) {
    const Coefficients& fc = *f[c];
    MF_PRECONDITION(fc.size() == size(), "one coefficient per (ℓ, m), 0 ≤ m ≤ ℓ ≤ L");
    NonuniformFft2::Modes& hc = h[c];
    // E_m(k) = Σ_ℓ F_ℓm α_ℓmk, kept by the parity p of k: re/im[p][q] for k = p + 2q.
    const int terms = L / 2 + 1;
    std::vector<double> re(2 * terms), im(2 * terms);
    std::vector<std::complex<double>> e(L + 1);
    for (int m = 0; m <= L; ++m) {
      std::fill(re.begin(), re.end(), 0.0);
      std::fill(im.begin(), im.end(), 0.0);
      for (int l = m; l <= L; ++l) {
        const std::complex<double> x = fc[index(l, m)];
        const int p = l % 2;
        axpy(l / 2 + 1, &alpha_[series_begin_[index(l, m)]], x.real(), x.imag(), &re[p * terms], &im[p * terms]);
      }
      for (int k = 0; k <= L; ++k) e[k] = {re[(k % 2) * terms + k / 2], im[(k % 2) * terms + k / 2]};
      if (m % 2 == 0) {
        hc(L, m) = e[0];
        for (int k = 1; k <= L; ++k) hc(L + k, m) = hc(L - k, m) = 0.5 * e[k];
      } else {
        for (int k = 1; k <= L; ++k) {
          hc(L + k, m) = minus_half_i * e[k];
          hc(L - k, m) = -hc(L + k, m);
        }
      }
    }
    in.push_back(&hc);
  }
  nufft_->forward(in, values);
}

}  // namespace mf
