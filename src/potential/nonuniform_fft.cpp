#include "potential/nonuniform_fft.hpp"

#include <fftw3.h>

#include <boost/math/quadrature/gauss.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <mutex>
#include <numbers>
#include <stdexcept>
#include <string>

#include "base/fftw_planner.hpp"
#include "base/parallel_threshold.hpp"
#include "base/precondition.hpp"
#include "base/simd_dispatch.hpp"

namespace mf {

namespace {

// The smallest 2^a 3^b 5^c ≥ n (FFTW's fast sizes), even.
int fft_size(int n) {
  for (int m = std::max(n, 2);; ++m) {
    if (m % 2) continue;
    int r = m;
    for (int p : {2, 3, 5})
      while (r % p == 0) r /= p;
    if (r == 1) return m;
  }
}

template <class T>
struct FftwBuffer {  // fftw_malloc'd, so every buffer has the planner's alignment
  T* data;
  explicit FftwBuffer(std::size_t n) : data(static_cast<T*>(fftw_malloc(sizeof(T) * n))) {
    if (!data) throw std::bad_alloc();
  }
  ~FftwBuffer() { fftw_free(data); }
  FftwBuffer(const FftwBuffer&) = delete;
  FftwBuffer& operator=(const FftwBuffer&) = delete;
};

// Spreading one point: rows[a·pitch + b] += strength k1[a] k2[b] (a, b < width). Interpolation
// of one point: out[c] = Σ_a k1[a] Σ_b k2[b] grid[(a·pitch + b)·columns + c]. Each compiled for
// AVX-512, AVX2 + FMA and the baseline (base/simd_dispatch.hpp).
#define MF_SPREAD_ARGS double strength, const double *k1, const double *k2, int width, std::size_t pitch, double *rows
#define MF_INTERPOLATE_ARGS \
  const double *k1, const double *k2, int width, int columns, std::size_t pitch, const double *grid, double *out
MF_ALWAYS_INLINE void spread_body(MF_SPREAD_ARGS) {
  for (int a = 0; a < width; ++a) {
    const double f = strength * k1[a];
    double* row = rows + a * pitch;
    for (int b = 0; b < width; ++b) row[b] += f * k2[b];
  }
}
MF_ALWAYS_INLINE void interpolate_body(MF_INTERPOLATE_ARGS) {
  double acc[16 * 16] = {};  // width ≤ 16 (precision ≥ 1e-15) × columns ≤ 16
  const int run = width * columns;
  for (int a = 0; a < width; ++a) {
    const double f = k1[a];
    const double* row = grid + a * pitch * columns;
    for (int e = 0; e < run; ++e) acc[e] += f * row[e];
  }
  for (int c = 0; c < columns; ++c) {
    double v = 0.0;
    for (int b = 0; b < width; ++b) v += k2[b] * acc[b * columns + c];
    out[c] = v;
  }
}
MF_TARGET_AVX512 void spread_avx512(MF_SPREAD_ARGS) { spread_body(strength, k1, k2, width, pitch, rows); }
MF_TARGET_AVX2 void spread_avx2(MF_SPREAD_ARGS) { spread_body(strength, k1, k2, width, pitch, rows); }
void spread_baseline(MF_SPREAD_ARGS) { spread_body(strength, k1, k2, width, pitch, rows); }
MF_TARGET_AVX512 void interpolate_avx512(MF_INTERPOLATE_ARGS) {
  interpolate_body(k1, k2, width, columns, pitch, grid, out);
}
MF_TARGET_AVX2 void interpolate_avx2(MF_INTERPOLATE_ARGS) { interpolate_body(k1, k2, width, columns, pitch, grid, out); }
void interpolate_baseline(MF_INTERPOLATE_ARGS) { interpolate_body(k1, k2, width, columns, pitch, grid, out); }

void spread(MF_SPREAD_ARGS) {
  static const auto kernel = simd_pick(spread_avx512, spread_avx2, spread_baseline);
  kernel(strength, k1, k2, width, pitch, rows);
}
void interpolate(MF_INTERPOLATE_ARGS) {
  static const auto kernel = simd_pick(interpolate_avx512, interpolate_avx2, interpolate_baseline);
  kernel(k1, k2, width, columns, pitch, grid, out);
}
#undef MF_SPREAD_ARGS
#undef MF_INTERPOLATE_ARGS

}  // namespace

// Pruned transforms: real FFTs of the band's rows along axis 2, complex FFTs of the kept columns
// k₂ ≤ K along axis 1 (columns stored contiguously: column k₂ is n values).
struct NonuniformFft2::Plans {
  fftw_plan rows_r2c = nullptr, rows_c2r = nullptr, columns_forward = nullptr, columns_backward = nullptr;
  Plans(int n, int rows, int columns) {
    const int half = n / 2 + 1;
    FftwBuffer<double> r(static_cast<std::size_t>(rows) * n);
    FftwBuffer<fftw_complex> c(static_cast<std::size_t>(rows) * half), k(static_cast<std::size_t>(columns) * n);
    std::lock_guard<std::mutex> lock(fftw_planner_mutex());
    rows_r2c = fftw_plan_many_dft_r2c(1, &n, rows, r.data, nullptr, 1, n, c.data, nullptr, 1, half, FFTW_ESTIMATE);
    rows_c2r = fftw_plan_many_dft_c2r(1, &n, rows, c.data, nullptr, 1, half, r.data, nullptr, 1, n, FFTW_ESTIMATE);
    columns_forward = fftw_plan_many_dft(1, &n, columns, k.data, nullptr, 1, n, k.data, nullptr, 1, n, FFTW_FORWARD,
                                         FFTW_ESTIMATE);
    columns_backward = fftw_plan_many_dft(1, &n, columns, k.data, nullptr, 1, n, k.data, nullptr, 1, n,
                                          FFTW_BACKWARD, FFTW_ESTIMATE);
  }
  ~Plans() {
    std::lock_guard<std::mutex> lock(fftw_planner_mutex());
    for (fftw_plan p : {rows_r2c, rows_c2r, columns_forward, columns_backward}) fftw_destroy_plan(p);
  }
};

NonuniformFft2::NonuniformFft2(const Eigen::VectorXd& t1, const Eigen::VectorXd& t2, int modes, double precision)
    : modes_(modes) {
  if (modes < 0) throw std::invalid_argument("a non-uniform FFT needs modes ≥ 0, not " + std::to_string(modes));
  if (!(precision >= 1e-15 && precision <= 1e-1))
    throw std::invalid_argument("a non-uniform FFT's precision must be in [1e-15, 0.1], not " + std::to_string(precision));
  MF_PRECONDITION(t1.size() == t2.size(), "two coordinates per point");
  width_ = static_cast<int>(std::ceil(std::log10(1.0 / precision))) + 1;
  beta_ = 2.30 * width_;
  n_ = fft_size(std::max(2 * (2 * modes + 1), 2 * width_));
  const int w = width_;
  const double h = 2.0 * std::numbers::pi / n_, half_width = 0.5 * w * h;
  const auto psi = [&](double x) {  // the kernel, x in units of the half width
    const double s = 1.0 - x * x;
    return s > 0.0 ? std::exp(beta_ * (std::sqrt(s) - 1.0)) : 0.0;
  };
  const Eigen::Index np = t1.size();
  start1_.resize(np);
  start2_.resize(np);
  kernel1_.resize(np * w);
  kernel2_.resize(np * w);
  const auto place = [&](double t, int& start, double* kernel) {
    t -= 2.0 * std::numbers::pi * std::floor(t / (2.0 * std::numbers::pi));  // [0, 2π]
    const int l0 = static_cast<int>(std::ceil(t / h - 0.5 * w));
    start = l0 + w;
    for (int q = 0; q < w; ++q) kernel[q] = psi(((l0 + q) * h - t) / half_width);
  };
  int lowest = std::numeric_limits<int>::max(), highest = std::numeric_limits<int>::min();
  for (Eigen::Index j = 0; j < np; ++j) {
    if (!std::isfinite(t1[j]) || !std::isfinite(t2[j]))
      throw std::invalid_argument("a non-uniform FFT's point " + std::to_string(j) + " is not finite");
    place(t1[j], start1_[j], &kernel1_[j * w]);
    place(t2[j], start2_[j], &kernel2_[j * w]);
    lowest = std::min(lowest, start1_[j]);
    highest = std::max(highest, start1_[j] + w);
  }
  if (np == 0) lowest = highest = w;
  band_begin_ = lowest - w;  // unwrapped row index of the band's first row
  band_rows_ = highest - lowest;
  for (int& s1 : start1_) s1 -= lowest;
  // Process the points in grid order (by row, then column): neighbours in the loops touch
  // neighbouring grid values (measured at hexagonal level 7: spreading and interpolation 1.6× faster
  // than in the mesh's order).
  order_.resize(np);
  for (Eigen::Index j = 0; j < np; ++j) order_[j] = static_cast<int>(j);
  std::sort(order_.begin(), order_.end(), [&](int a, int b) {
    return start1_[a] != start1_[b] ? start1_[a] < start1_[b] : start2_[a] < start2_[b];
  });
  {
    std::vector<int> s1(np), s2(np);
    std::vector<double> q1(kernel1_.size()), q2(kernel2_.size());
    for (Eigen::Index k = 0; k < np; ++k) {
      const int j = order_[k];
      s1[k] = start1_[j];
      s2[k] = start2_[j];
      std::copy(&kernel1_[j * w], &kernel1_[j * w] + w, &q1[k * w]);
      std::copy(&kernel2_[j * w], &kernel2_[j * w] + w, &q2[k * w]);
    }
    start1_.swap(s1);
    start2_.swap(s2);
    kernel1_.swap(q1);
    kernel2_.swap(q2);
  }
  // Ψ(k) = ∫ ψ(x) e^{−ikx} dx over the support (even, real), by Gauss–Legendre on [−1, 1].
  correction_.resize(modes + 1);
  for (int k = 0; k <= modes; ++k) {
    const double kernel_hat = half_width * boost::math::quadrature::gauss<double, 100>::integrate(
                                               [&](double z) { return psi(z) * std::cos(k * half_width * z); }, -1.0, 1.0);
    correction_[k] = h / kernel_hat;
  }
  plans_ = std::make_unique<Plans>(n_, band_rows_, modes + 1);
}

NonuniformFft2::~NonuniformFft2() = default;

double NonuniformFft2::error_bound() const { return std::pow(10.0, 1.0 - width_); }

// The band's row r is grid row (band_begin_ + r) mod n.
void NonuniformFft2::adjoint(const Eigen::VectorXd& w, Modes& out) const {
  const Eigen::Index np = points();
  MF_PRECONDITION(w.size() == np, "one strength per point");
  const int n = n_, K = modes_, kw = width_, pad = n + 2 * kw, rows = band_rows_, half = n / 2 + 1;
  // Spread onto the band's rows, padded by the width on both sides of axis 2.
  std::vector<double> padded(static_cast<std::size_t>(rows) * pad, 0.0);
  for (Eigen::Index j = 0; j < np; ++j)
    spread(w[order_[j]], &kernel1_[j * kw], &kernel2_[j * kw], kw, static_cast<std::size_t>(pad),
           padded.data() + static_cast<std::size_t>(start1_[j]) * pad + start2_[j]);
  // Fold the padding (columns q and q ± n are one), FFT the rows.
  FftwBuffer<double> grid(static_cast<std::size_t>(rows) * n);
  for (int r = 0; r < rows; ++r) {
    const double* source = padded.data() + static_cast<std::size_t>(r) * pad;
    double* target = grid.data + static_cast<std::size_t>(r) * n;
    std::copy(source + kw, source + kw + n, target);
    for (int q = 0; q < kw; ++q) {
      target[n - kw + q] += source[q];
      target[q] += source[kw + n + q];
    }
  }
  FftwBuffer<fftw_complex> spectrum(static_cast<std::size_t>(rows) * half);
  fftw_execute_dft_r2c(plans_->rows_r2c, grid.data, spectrum.data);
  // The kept columns k₂ ≤ K, rows folded modulo n, FFT along axis 1.
  FftwBuffer<fftw_complex> columns(static_cast<std::size_t>(K + 1) * n);
  std::fill(&columns.data[0][0], &columns.data[0][0] + 2 * static_cast<std::size_t>(K + 1) * n, 0.0);
  for (int r = 0; r < rows; ++r) {
    const int l = ((band_begin_ + r) % n + n) % n;
    const fftw_complex* source = spectrum.data + static_cast<std::size_t>(r) * half;
    for (int k2 = 0; k2 <= K; ++k2) {
      fftw_complex& target = columns.data[static_cast<std::size_t>(k2) * n + l];
      target[0] += source[k2][0];
      target[1] += source[k2][1];
    }
  }
  fftw_execute_dft(plans_->columns_forward, columns.data, columns.data);
  out.resize(2 * K + 1, K + 1);
  for (int k2 = 0; k2 <= K; ++k2) {
    const fftw_complex* column = columns.data + static_cast<std::size_t>(k2) * n;
    for (int k1 = -K; k1 <= K; ++k1) {
      const fftw_complex& x = column[(k1 + n) % n];
      out(k1 + K, k2) = std::complex<double>(x[0], x[1]) * (correction_[std::abs(k1)] * correction_[k2]);
    }
  }
}

void NonuniformFft2::forward(const std::vector<const Modes*>& in, Eigen::MatrixXd& values) const {
  const int n = n_, K = modes_, kw = width_, pad = n + 2 * kw, half = n / 2 + 1, rows = band_rows_;
  const int columns = static_cast<int>(in.size());
  MF_PRECONDITION(columns >= 1 && columns <= 16, "1 to 16 half-spectra at once");
  const Eigen::Index np = points();
  // Each column's values on the band's rows by the pruned inverse FFT, interleaved into a copy
  // padded by the width on both sides of axis 2.
  std::vector<double> padded(static_cast<std::size_t>(rows) * pad * columns);
  FftwBuffer<fftw_complex> kept(static_cast<std::size_t>(K + 1) * n), spectrum(static_cast<std::size_t>(rows) * half);
  FftwBuffer<double> grid(static_cast<std::size_t>(rows) * n);
  for (int c = 0; c < columns; ++c) {
    const Modes& h = *in[c];
    MF_PRECONDITION(h.rows() == 2 * K + 1 && h.cols() == K + 1, "half-spectra of (2K + 1) × (K + 1) modes");
    std::fill(&kept.data[0][0], &kept.data[0][0] + 2 * static_cast<std::size_t>(K + 1) * n, 0.0);
    for (int k2 = 0; k2 <= K; ++k2) {
      fftw_complex* column = kept.data + static_cast<std::size_t>(k2) * n;
      for (int k1 = -K; k1 <= K; ++k1) {
        const std::complex<double> x = h(k1 + K, k2) * (correction_[std::abs(k1)] * correction_[k2]);
        column[(k1 + n) % n][0] = x.real();
        column[(k1 + n) % n][1] = x.imag();
      }
    }
    // The k₂ = 0 column of a real function's spectrum is Hermitian in k₁: make it exactly so.
    for (int k1 = 0; k1 <= K; ++k1) {
      fftw_complex& a = kept.data[k1];
      fftw_complex& b = kept.data[(n - k1) % n];
      const double re = 0.5 * (a[0] + b[0]), im = 0.5 * (a[1] - b[1]);
      a[0] = b[0] = re;
      a[1] = im;
      b[1] = -im;
    }
    fftw_execute_dft(plans_->columns_backward, kept.data, kept.data);
    std::fill(&spectrum.data[0][0], &spectrum.data[0][0] + 2 * static_cast<std::size_t>(rows) * half, 0.0);
    for (int r = 0; r < rows; ++r) {
      const int l = ((band_begin_ + r) % n + n) % n;
      fftw_complex* target = spectrum.data + static_cast<std::size_t>(r) * half;
      for (int k2 = 0; k2 <= K; ++k2) {
        target[k2][0] = kept.data[static_cast<std::size_t>(k2) * n + l][0];
        target[k2][1] = kept.data[static_cast<std::size_t>(k2) * n + l][1];
      }
    }
    fftw_execute_dft_c2r(plans_->rows_c2r, spectrum.data, grid.data);
    for (int r = 0; r < rows; ++r) {
      const double* source = grid.data + static_cast<std::size_t>(r) * n;
      double* target = padded.data() + static_cast<std::size_t>(r) * pad * columns + c;
      for (int q = 0; q < kw; ++q) target[static_cast<std::size_t>(q) * columns] = source[n - kw + q];
      for (int q = 0; q < n; ++q) target[static_cast<std::size_t>(kw + q) * columns] = source[q];
      for (int q = 0; q < kw; ++q) target[static_cast<std::size_t>(kw + n + q) * columns] = source[q];
    }
  }
  Eigen::MatrixXd by_point(columns, np);  // the points' values contiguous
  const int chunk = parallel::dynamic_chunk(static_cast<int>(np));
#pragma omp parallel for schedule(dynamic, chunk) if (parallel::worth_parallel(static_cast<std::size_t>(np), parallel::kSpherePoints))
  for (Eigen::Index j = 0; j < np; ++j)
    interpolate(&kernel1_[j * kw], &kernel2_[j * kw], kw, columns, static_cast<std::size_t>(pad),
                padded.data() + (static_cast<std::size_t>(start1_[j]) * pad + start2_[j]) * columns,
                by_point.data() + j * columns);
  values.resize(np, columns);
  for (Eigen::Index k = 0; k < np; ++k) values.row(order_[k]) = by_point.col(k).transpose();
}

}  // namespace mf
