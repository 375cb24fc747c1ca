#include "potential/nonuniform_fft.hpp"

#include <fftw3.h>

#include <boost/math/quadrature/gauss.hpp>

#include <algorithm>
#include <cmath>
#include <mutex>
#include <numbers>
#include <stdexcept>
#include <string>

#include "base/fftw_planner.hpp"
#include "base/precondition.hpp"

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

}  // namespace

struct NonuniformFft2::Plans {
  fftw_plan r2c = nullptr, c2r = nullptr;
  Plans(int n) {
    const std::size_t real = static_cast<std::size_t>(n) * n, half = static_cast<std::size_t>(n) * (n / 2 + 1);
    FftwBuffer<double> r(real);
    FftwBuffer<fftw_complex> c(half);
    std::lock_guard<std::mutex> lock(fftw_planner_mutex());
    r2c = fftw_plan_dft_r2c_2d(n, n, r.data, c.data, FFTW_ESTIMATE);
    c2r = fftw_plan_dft_c2r_2d(n, n, c.data, r.data, FFTW_ESTIMATE);
  }
  ~Plans() {
    std::lock_guard<std::mutex> lock(fftw_planner_mutex());
    fftw_destroy_plan(r2c);
    fftw_destroy_plan(c2r);
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
  for (Eigen::Index j = 0; j < np; ++j) {
    if (!std::isfinite(t1[j]) || !std::isfinite(t2[j]))
      throw std::invalid_argument("a non-uniform FFT's point " + std::to_string(j) + " is not finite");
    place(t1[j], start1_[j], &kernel1_[j * w]);
    place(t2[j], start2_[j], &kernel2_[j * w]);
  }
  // Ψ(k) = ∫ ψ(x) e^{−ikx} dx over the support (even, real), by Gauss–Legendre on [−1, 1].
  correction_.resize(modes + 1);
  for (int k = 0; k <= modes; ++k) {
    const double kernel_hat = half_width * boost::math::quadrature::gauss<double, 100>::integrate(
                                               [&](double z) { return psi(z) * std::cos(k * half_width * z); }, -1.0, 1.0);
    correction_[k] = h / kernel_hat;
  }
  plans_ = std::make_unique<Plans>(n_);
}

NonuniformFft2::~NonuniformFft2() = default;

double NonuniformFft2::error_bound() const { return std::pow(10.0, 1.0 - width_); }

void NonuniformFft2::adjoint(const Eigen::VectorXd& w, Modes& out) const {
  const Eigen::Index np = points();
  MF_PRECONDITION(w.size() == np, "one strength per point");
  const int n = n_, K = modes_, kw = width_, pad = n + 2 * kw;
  // Spread onto the padded grid, then fold the padding onto the periodic grid.
  std::vector<double> padded(static_cast<std::size_t>(pad) * pad, 0.0);
  for (Eigen::Index j = 0; j < np; ++j) {
    const double* k1 = &kernel1_[j * kw];
    const double* k2 = &kernel2_[j * kw];
    double* base = padded.data() + static_cast<std::size_t>(start1_[j]) * pad + start2_[j];
    for (int a = 0; a < kw; ++a) {
      const double f = w[j] * k1[a];
      double* row = base + static_cast<std::size_t>(a) * pad;
      for (int b = 0; b < kw; ++b) row[b] += f * k2[b];
    }
  }
  FftwBuffer<double> grid(static_cast<std::size_t>(n) * n);
  std::fill(grid.data, grid.data + static_cast<std::size_t>(n) * n, 0.0);
  for (int r = 0; r < pad; ++r) {
    double* target = grid.data + static_cast<std::size_t>((r - kw + n) % n) * n;
    const double* source = padded.data() + static_cast<std::size_t>(r) * pad;
    for (int c = 0; c < pad; ++c) target[(c - kw + n) % n] += source[c];
  }
  const int half = n / 2 + 1;
  FftwBuffer<fftw_complex> spectrum(static_cast<std::size_t>(n) * half);
  fftw_execute_dft_r2c(plans_->r2c, grid.data, spectrum.data);
  out.resize(2 * K + 1, K + 1);
  for (int k1 = -K; k1 <= K; ++k1) {
    const fftw_complex* row = spectrum.data + static_cast<std::size_t>((k1 + n) % n) * half;
    const double c1 = correction_[std::abs(k1)];
    for (int k2 = 0; k2 <= K; ++k2)
      out(k1 + K, k2) = std::complex<double>(row[k2][0], row[k2][1]) * (c1 * correction_[k2]);
  }
}

void NonuniformFft2::forward(const std::vector<const Modes*>& in, Eigen::MatrixXd& values) const {
  const int n = n_, K = modes_, kw = width_, pad = n + 2 * kw, half = n / 2 + 1;
  const int columns = static_cast<int>(in.size());
  MF_PRECONDITION(columns >= 1 && columns <= 16, "1 to 16 half-spectra at once");
  const Eigen::Index np = points();
  // Each column's grid values by one inverse FFT, interleaved into a padded periodic copy.
  std::vector<double> padded(static_cast<std::size_t>(pad) * pad * columns);
  FftwBuffer<fftw_complex> spectrum(static_cast<std::size_t>(n) * half);
  FftwBuffer<double> grid(static_cast<std::size_t>(n) * n);
  for (int c = 0; c < columns; ++c) {
    const Modes& h = *in[c];
    MF_PRECONDITION(h.rows() == 2 * K + 1 && h.cols() == K + 1, "half-spectra of (2K + 1) × (K + 1) modes");
    std::fill(&spectrum.data[0][0], &spectrum.data[0][0] + 2 * static_cast<std::size_t>(n) * half, 0.0);
    for (int k1 = -K; k1 <= K; ++k1) {
      fftw_complex* row = spectrum.data + static_cast<std::size_t>((k1 + n) % n) * half;
      const double c1 = correction_[std::abs(k1)];
      for (int k2 = 0; k2 <= K; ++k2) {
        const std::complex<double> x = h(k1 + K, k2) * (c1 * correction_[k2]);
        row[k2][0] = x.real();
        row[k2][1] = x.imag();
      }
    }
    // The k₂ = 0 column of a real function's spectrum is Hermitian in k₁: make it exactly so.
    for (int k1 = 0; k1 <= K; ++k1) {
      fftw_complex& a = spectrum.data[static_cast<std::size_t>(k1) * half];
      fftw_complex& b = spectrum.data[static_cast<std::size_t>((n - k1) % n) * half];
      const double re = 0.5 * (a[0] + b[0]), im = 0.5 * (a[1] - b[1]);
      a[0] = b[0] = re;
      a[1] = im;
      b[1] = -im;
    }
    fftw_execute_dft_c2r(plans_->c2r, spectrum.data, grid.data);
    for (int r = 0; r < pad; ++r) {
      const double* source = grid.data + static_cast<std::size_t>((r - kw + n) % n) * n;
      double* target = padded.data() + static_cast<std::size_t>(r) * pad * columns + c;
      for (int q = 0; q < pad; ++q) target[static_cast<std::size_t>(q) * columns] = source[(q - kw + n) % n];
    }
  }
  values.resize(np, columns);
  const int run = kw * columns;
#pragma omp parallel for schedule(static) if (np * run * kw >= 4'000'000)
  for (Eigen::Index j = 0; j < np; ++j) {
    const double* k1 = &kernel1_[j * kw];
    const double* k2 = &kernel2_[j * kw];
    const double* base = padded.data() + (static_cast<std::size_t>(start1_[j]) * pad + start2_[j]) * columns;
    double acc[16 * 16] = {};  // width ≤ 16 (precision ≥ 1e-15) × columns ≤ 16
    for (int a = 0; a < kw; ++a) {
      const double f = k1[a];
      const double* row = base + static_cast<std::size_t>(a) * pad * columns;
      for (int e = 0; e < run; ++e) acc[e] += f * row[e];
    }
    for (int c = 0; c < columns; ++c) {
      double v = 0.0;
      for (int b = 0; b < kw; ++b) v += k2[b] * acc[b * columns + c];
      values(j, c) = v;
    }
  }
}

}  // namespace mf
