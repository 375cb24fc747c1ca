#pragma once
// Spherical-harmonic analysis and synthesis at N fixed scattered points of S², up to degree L, in
// O(N w² + L² log L + L³) instead of the N (L + 1)² of evaluating every harmonic at every point
// (potential/spherical_harmonics.hpp):
//   analysis:   C_ℓm = Σ_i w_i conj Y_ℓ^m(x_i)                       (0 ≤ m ≤ ℓ ≤ L, w real),
//   synthesis:  v(x_j) = Σ_ℓ [F_ℓ0 Y_ℓ^0(x_j) + 2 Re Σ_{m>0} F_ℓm Y_ℓ^m(x_j)]
//               (the real function with F_ℓ,−m = (−1)^m conj F_ℓm),
// with the complex orthonormal harmonics Y_ℓ^m(θ, φ) = P̄_ℓ^m(cos θ) e^{imφ}, Condon–Shortley phase
// included (so the ladder operators have their textbook coefficients, zonal_potential.cpp).
//
// Route: the double Fourier sphere. As a function of θ ∈ ℝ, P̄_ℓ^m(cos θ) (with sin^m θ signed) is a
// trigonometric polynomial of degree ℓ: a cosine series for even m, a sine series for odd m, with
// only the frequencies k ≡ ℓ (mod 2). Its coefficients come once from an FFT of samples. So C_ℓm
// is a combination of the 2-D Fourier sums Σ_i w_i e^{−i(k θ_i + m φ_i)}, |k| ≤ L, a type-1
// non-uniform FFT (potential/nonuniform_fft.hpp), and a synthesis is the converse combination
// followed by a type-2 transform. Errors: those of the two non-uniform FFTs (relative accuracy
// `precision`), amplified by at most Σ_k |α_ℓmk| per coefficient (α: the series coefficients;
// `coefficient_sum` gives it), and round-off.

#include <Eigen/Core>
#include <memory>
#include <vector>

#include "potential/nonuniform_fft.hpp"

namespace mf {

class FastSphericalTransform {
 public:
  using Coefficients = Eigen::VectorXcd;  ///< size() entries, index(ℓ, m)

  /// points: unit columns (3 × N). degree L ≥ 0. precision: the non-uniform FFTs' (1e-15 … 0.1).
  FastSphericalTransform(const Eigen::Matrix3Xd& points, int degree, double precision);
  ~FastSphericalTransform();

  int degree() const { return degree_; }
  int size() const { return (degree_ + 1) * (degree_ + 2) / 2; }
  /// Order-major: the coefficients of one order m are contiguous in ℓ.
  int index(int l, int m) const { return m * (2 * degree_ + 3 - m) / 2 + (l - m); }
  /// Σ_k |α_ℓmk|: the largest factor by which an error in the Fourier sums reaches C_ℓm, and
  /// max_θ |P̄_ℓ^m(cos θ)| ≤ that sum.
  double coefficient_sum(int l, int m) const { return coefficient_sum_[index(l, m)]; }
  const NonuniformFft2& fourier() const { return *nufft_; }

  void analyse(const Eigen::VectorXd& w, Coefficients& c) const;
  /// values.col(c) = the synthesis of *f[c] (N × f.size()).
  void synthesise(const std::vector<const Coefficients*>& f, Eigen::MatrixXd& values) const;

 private:
  int degree_;
  // The series by order m and parity p of ℓ (and so of k): a dense row-major block of
  // rows(m, p) × columns_ (zeros where k > ℓ), row r for ℓ = first_degree(m, p) + 2r, column q for
  // k = p + 2q; cosine coefficients for even m, sine coefficients for odd m.
  int columns_ = 0;
  int first_degree(int m, int p) const { return m % 2 == p ? m : m + 1; }
  int rows(int m, int p) const { return first_degree(m, p) > degree_ ? 0 : (degree_ - first_degree(m, p)) / 2 + 1; }
  std::vector<std::vector<double>> blocks_;  // index 2m + p
  std::vector<double> coefficient_sum_;
  std::unique_ptr<NonuniformFft2> nufft_;
};

}  // namespace mf
