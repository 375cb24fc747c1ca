#pragma once
// Two-dimensional non-uniform FFTs of types 1 and 2 for real data at fixed points (t₁_j, t₂_j)
// of the 2π-periodic square, modes |k₁|, |k₂| ≤ K:
//   type 1 (adjoint):  G(k₁, k₂) = Σ_j w_j e^{−i(k₁ t₁_j + k₂ t₂_j)}        (w real; k₂ ≥ 0 kept,
//                      G(−k) = conj G(k) gives the rest),
//   type 2 (forward):  v_j = Σ_{k₁, k₂} H(k₁, k₂) e^{i(k₁ t₁_j + k₂ t₂_j)}   (v real: H is given for
//                      k₂ ≥ 0, H(−k) = conj H(k) implied).
// The usual spreading scheme (Dutt & Rokhlin; the "exponential of semicircle" kernel of Barnett,
// Magland & af Klinteberg 2019, FINUFFT): the points are spread with
//   ψ(x) = exp(β (√(1 − (2x / (w h))²) − 1)),  |x| ≤ w h / 2,   β = 2.30 w,
// onto a grid of n = 2·(2K + 1) (rounded up to 2^a 3^b 5^c) points per axis, spacing h = 2π/n,
// the grid is transformed by FFTW, and each mode is divided by the kernel's Fourier transform.
// With this upsampling the relative error, |ΔG| / Σ|w_j| and |Δv| / Σ|H|, is about 10^{1−w}
// (FINUFFT's rule, checked against the direct sums by tests/test_nonuniform_fft.cpp, which
// gives the bound `error_bound()` a test); w = ⌈log₁₀(1/precision)⌉ + 1.
//
// The points are fixed at construction, so their kernel values are computed once; each transform
// is the spreading or interpolation (w² multiply-adds per point and column), a pruned FFT per
// column and the corrections. Pruned: the real FFTs along axis 2 run only on the rows that the
// points' kernels reach (a band: for the double Fourier sphere, θ ∈ [0, π] fills about half of
// them), the complex FFTs along axis 1 only on the columns k₂ ≤ K that are kept; half the work of
// a full 2-D transform when the points fill half the rows.

#include <Eigen/Core>
#include <complex>
#include <memory>
#include <vector>

namespace mf {

class NonuniformFft2 {
 public:
  /// Modes: coefficient arrays are (2K + 1) × (K + 1), entry (k₁ + K, k₂), k₂ ≥ 0.
  using Modes = Eigen::Matrix<std::complex<double>, Eigen::Dynamic, Eigen::Dynamic>;

  /// t1, t2: the points' coordinates (any reals, taken modulo 2π), copied. modes K ≥ 0. precision
  /// in [1e-15, 1e-1]: the relative accuracy asked for. Throws std::invalid_argument outside.
  NonuniformFft2(const Eigen::VectorXd& t1, const Eigen::VectorXd& t2, int modes, double precision);
  ~NonuniformFft2();
  NonuniformFft2(const NonuniformFft2&) = delete;
  NonuniformFft2& operator=(const NonuniformFft2&) = delete;

  int modes() const { return modes_; }
  int width() const { return width_; }
  int grid() const { return n_; }
  Eigen::Index points() const { return static_cast<Eigen::Index>(start1_.size()); }
  /// The relative accuracy the kernel width gives: 10^{1−w} (tests check it).
  double error_bound() const;

  /// Type 1 of the real strengths w (one per point): out = G, (2K + 1) × (K + 1).
  void adjoint(const Eigen::VectorXd& w, Modes& out) const;
  /// Type 2 of several half-spectra at once: values.col(c) = v of in[c] (points × in.size()).
  void forward(const std::vector<const Modes*>& in, Eigen::MatrixXd& values) const;

 private:
  struct Plans;
  int modes_, width_, n_;
  double beta_;
  int band_begin_ = 0, band_rows_ = 0;   // the rows reached: unwrapped indices band_begin_ + [0, band_rows_)
  std::vector<int> start1_, start2_;     // per point: first row (− band_begin_) and first column (+ width)
  std::vector<double> kernel1_, kernel2_; // per point: the w kernel values on each axis
  std::vector<int> order_;               // the points in grid order: the arrays above follow it
  std::vector<double> correction_;       // h / Ψ(k), k = 0 … K
  std::unique_ptr<Plans> plans_;
};

}  // namespace mf
