#pragma once
// Real orthonormal spherical harmonics on S² up to degree L at arbitrary unit points (not a
// quadrature grid), for sums of zonal kernels over scattered points (zonal_potential.hpp).
//
//   Y_ℓ0 = P̄_ℓ^0(z),  Y_ℓm^c = √2 P̄_ℓ^m(z) cos mφ,  Y_ℓm^s = √2 P̄_ℓ^m(z) sin mφ   (1 ≤ m ≤ ℓ),
// with P̄ normalized so that ∫_{S²} Y² dA = 1. Addition theorem (tested):
//   Σ_m Y_ℓm(x) Y_ℓm(y) = (2ℓ + 1)/(4π) P_ℓ(x·y).
// Evaluation without trigonometric calls and safe at the poles: P̄_ℓ^m = ρ^m P̃_ℓ^m (ρ = sin θ)
// and ρ^m e^{imφ} = (x + i y)^m, so Y = √2 P̃_ℓ^m(z) · Re/Im (x + i y)^m, with P̃ from the
// three-term recurrence in ℓ (the same as P̄'s). Per-(ℓ, m) signs are dropped: every use is a
// product Y(x) Y(y).
//
// Work is done in blocks of points: a block's harmonics are a (block × size()) matrix built by
// recurrences vectorized over the block, and the sums are matrix products (Eigen).

#include <Eigen/Core>
#include <vector>

namespace mf {

class SphericalHarmonics {
 public:
  explicit SphericalHarmonics(int degree);

  int degree() const { return degree_; }
  /// Number of harmonics of degree ≤ L: (L + 1)².
  int size() const { return (degree_ + 1) * (degree_ + 1); }
  /// Column of Y_ℓm^c (or Y_ℓ0) and of Y_ℓm^s (m ≥ 1) in the harmonics' ordering.
  int cos_index(int l, int m) const { return offset_[m] + (l - m); }
  int sin_index(int l, int m) const { return offset_[m] + (degree_ + 1 - m) + (l - m); }

  /// Y (points.cols() × size()): every harmonic at every point (unit columns of a 3 × n matrix).
  void evaluate(const Eigen::Ref<const Eigen::Matrix3Xd>& points, Eigen::MatrixXd& y) const;

  /// coefficients (size() × K) = Σ_i Y(x_i)ᵀ weights.row(i)   (weights: n × K).
  void analyse(const Eigen::Matrix3Xd& points, const Eigen::MatrixXd& weights, Eigen::MatrixXd& coefficients) const;
  /// values (n × K) = Y(x_i) coefficients.
  void synthesise(const Eigen::Matrix3Xd& points, const Eigen::MatrixXd& coefficients, Eigen::MatrixXd& values) const;

  static constexpr int kBlock = 32;  ///< points per block

 private:
  int degree_;
  std::vector<int> offset_;              // first column of order m
  std::vector<double> seed_, a_, b_;     // P̃_m^m; recurrence a_ℓm, b_ℓm (index cos_index(ℓ, m))
};

}  // namespace mf
