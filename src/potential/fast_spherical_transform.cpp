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

// The series products of one block A (rows × columns, row-major), for AVX-512, AVX2 + FMA and the
// baseline (base/simd_dispatch.hpp):
//   analysis:  out[r] = Σ_q A[r][q] t[q]  for the re and im parts (t: columns × 2, interleaved),
//   synthesis: e[q][c] += Σ_r A[r][q] f[r][c]  (f: rows × width, e: columns × width).
#define MF_ANALYSE_ARGS int rows, int columns, const double *a, const double *tre, const double *tim, double *out
#define MF_SYNTHESISE_ARGS int rows, int columns, int width, const double *a, const double *f, double *e
MF_ALWAYS_INLINE void analyse_body(MF_ANALYSE_ARGS) {
  for (int r = 0; r < rows; ++r) {
    const double* row = a + static_cast<std::size_t>(r) * columns;
    double sr = 0.0, si = 0.0;
#pragma omp simd reduction(+ : sr, si)
    for (int q = 0; q < columns; ++q) {
      sr += row[q] * tre[q];
      si += row[q] * tim[q];
    }
    out[2 * r] = sr;
    out[2 * r + 1] = si;
  }
}
MF_ALWAYS_INLINE void synthesise_body(MF_SYNTHESISE_ARGS) {
  for (int r = 0; r < rows; ++r) {
    const double* row = a + static_cast<std::size_t>(r) * columns;
    const double* fr = f + static_cast<std::size_t>(r) * width;
    for (int q = 0; q < columns; ++q) {
      const double x = row[q];
      double* eq = e + static_cast<std::size_t>(q) * width;
      for (int c = 0; c < width; ++c) eq[c] += x * fr[c];
    }
  }
}
MF_TARGET_AVX512 void analyse_avx512(MF_ANALYSE_ARGS) { analyse_body(rows, columns, a, tre, tim, out); }
MF_TARGET_AVX2 void analyse_avx2(MF_ANALYSE_ARGS) { analyse_body(rows, columns, a, tre, tim, out); }
void analyse_baseline(MF_ANALYSE_ARGS) { analyse_body(rows, columns, a, tre, tim, out); }
MF_TARGET_AVX512 void synthesise_avx512(MF_SYNTHESISE_ARGS) { synthesise_body(rows, columns, width, a, f, e); }
MF_TARGET_AVX2 void synthesise_avx2(MF_SYNTHESISE_ARGS) { synthesise_body(rows, columns, width, a, f, e); }
void synthesise_baseline(MF_SYNTHESISE_ARGS) { synthesise_body(rows, columns, width, a, f, e); }
void analyse_block(MF_ANALYSE_ARGS) {
  static const auto kernel = simd_pick(analyse_avx512, analyse_avx2, analyse_baseline);
  kernel(rows, columns, a, tre, tim, out);
}
void synthesise_block(MF_SYNTHESISE_ARGS) {
  static const auto kernel = simd_pick(synthesise_avx512, synthesise_avx2, synthesise_baseline);
  kernel(rows, columns, width, a, f, e);
}
#undef MF_ANALYSE_ARGS
#undef MF_SYNTHESISE_ARGS

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
  columns_ = L / 2 + 1;
  blocks_.resize(2 * static_cast<std::size_t>(L + 1));
  for (int m = 0; m <= L; ++m)
    for (int p = 0; p < 2; ++p) blocks_[2 * m + p].assign(static_cast<std::size_t>(rows(m, p)) * columns_, 0.0);
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
      const int p = l % 2;
      double* row = &blocks_[2 * m + p][static_cast<std::size_t>((l - first_degree(m, p)) / 2) * columns_];
      double sum = 0.0;
      for (int q = 0, k = p; k <= l; ++q, k += 2) {
        double a;
        if (m % 2 == 0) a = (k == 0 ? 1.0 : 2.0) * spectrum[k][0] / M;
        else a = k == 0 ? 0.0 : -2.0 * spectrum[k][1] / M;
        row[q] = a;
        sum += std::abs(a);
      }
      coefficient_sum_[index(l, m)] = sum;
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
  const int L = degree_, K = columns_;
  NonuniformFft2::Modes g;
  nufft_->adjoint(w, g);  // g(k + L, m) = Σ_i w_i e^{−i(k θ_i + m φ_i)}
  out.resize(size());
  // Per order m and parity p: the cosine (even m) or sine (odd m) sums
  // t(k) = Σ_i w_i {cos, sin}(k θ_i) e^{−i m φ_i}, k = p + 2q, then C = A t.
  std::vector<double> tre(K), tim(K), c(2 * static_cast<std::size_t>(L / 2 + 1));
  for (int m = 0; m <= L; ++m)
    for (int p = 0; p < 2; ++p) {
      const int n_rows = rows(m, p);
      if (n_rows == 0) continue;
      for (int q = 0; q < K; ++q) {
        const int k = p + 2 * q;
        std::complex<double> t = 0.0;
        if (k <= L) {
          const std::complex<double> plus = g(L + k, m), minus = g(L - k, m);
          t = m % 2 == 0 ? (k == 0 ? plus : 0.5 * (plus + minus)) : std::complex<double>(0.0, 0.5) * (plus - minus);
        }
        tre[q] = t.real();
        tim[q] = t.imag();
      }
      analyse_block(n_rows, K, blocks_[2 * m + p].data(), tre.data(), tim.data(), c.data());
      for (int r = 0; r < n_rows; ++r) out[index(first_degree(m, p) + 2 * r, m)] = {c[2 * r], c[2 * r + 1]};
    }
}

void FastSphericalTransform::synthesise(const std::vector<const Coefficients*>& f, Eigen::MatrixXd& values) const {
  const int L = degree_, K = columns_;
  const int count = static_cast<int>(f.size()), width = 2 * count;  // re and im of each function
  for (const Coefficients* fc : f) MF_PRECONDITION(fc->size() == size(), "one coefficient per (ℓ, m), 0 ≤ m ≤ ℓ ≤ L");
  std::vector<NonuniformFft2::Modes> h(f.size(), NonuniformFft2::Modes::Zero(2 * L + 1, L + 1));
  const std::complex<double> minus_half_i(0.0, -0.5);  // 1 / (2i)
  // Per order m and parity p: E(k) = Σ_ℓ F_ℓm α_ℓmk = (Aᵀ F)(q), k = p + 2q, for all functions at once.
  std::vector<double> fr(static_cast<std::size_t>(L / 2 + 1) * width), e(static_cast<std::size_t>(K) * width);
  for (int m = 0; m <= L; ++m)
    for (int p = 0; p < 2; ++p) {
      const int n_rows = rows(m, p);
      if (n_rows == 0) continue;
      for (int r = 0; r < n_rows; ++r)
        for (int c = 0; c < count; ++c) {
          const std::complex<double> x = (*f[c])[index(first_degree(m, p) + 2 * r, m)];
          fr[static_cast<std::size_t>(r) * width + 2 * c] = x.real();
          fr[static_cast<std::size_t>(r) * width + 2 * c + 1] = x.imag();
        }
      std::fill(e.begin(), e.end(), 0.0);
      synthesise_block(n_rows, K, width, blocks_[2 * m + p].data(), fr.data(), e.data());
      for (int q = 0; q < K; ++q) {
        const int k = p + 2 * q;
        if (k > L) continue;
        for (int c = 0; c < count; ++c) {
          NonuniformFft2::Modes& hc = h[c];
          const std::complex<double> ek(e[static_cast<std::size_t>(q) * width + 2 * c],
                                        e[static_cast<std::size_t>(q) * width + 2 * c + 1]);
          if (m % 2 == 0) {
            if (k == 0) hc(L, m) = ek;
            else hc(L + k, m) = hc(L - k, m) = 0.5 * ek;
          } else if (k > 0) {
            hc(L + k, m) = minus_half_i * ek;
            hc(L - k, m) = -hc(L + k, m);
          }
        }
      }
    }
  std::vector<const NonuniformFft2::Modes*> in;
  for (const auto& hc : h) in.push_back(&hc);
  nufft_->forward(in, values);
}

}  // namespace mf
