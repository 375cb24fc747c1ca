#pragma once
// The potential of the ReLU kernel κ(u) (objective/relu_kernel.hpp) for weights on N fixed points
// of S², at the same points, in about O(N^1.5) instead of the direct sum's N²:
//   V_j = Σ_i w_i κ(x_j·x_i),   ∇_S V_j = (I − x_j x_jᵀ) U_j,   U_j = Σ_i w_i κ'(x_j·x_i) x_i.
//
// κ is analytic on (−1, 1) with (1 ∓ u)^{3/2} singularities at u = ±1 (κ' has (1 ∓ u)^{1/2}), so
// the sum is split at an angle δ (c = cos δ):
//  - far field: polynomials p ≈ κ and q ≈ κ' of degree L (Chebyshev interpolation on [−c, c])
//    are zonal, so by the addition theorem their sums are diagonal in spherical harmonics:
//    p(x·y) = Σ_ℓ a_ℓ 4π/(2ℓ+1) Σ_m Y_ℓm(x) Y_ℓm(y) (a_ℓ: p's Legendre coefficients). Sums over
//    all pairs with p and q cost N (L+1)² each way (spherical_harmonics.hpp);
//  - near field: the pairs with |x_j·x_i| > c (near x_j or near −x_j) add the remainders κ − p
//    and κ' − q, smooth functions of s = √((1 ∓ u)/2) there, fitted by Chebyshev polynomials in s.
//    Candidates come from a cube-map tiling of the points.
// δ and L are chosen at construction for the requested tolerance, minimizing a cost model.
//
// Error bound (measured at construction on fine grids of u, checked by tests/test_zonal_potential):
//   |V_j − V_j^exact| ≤ ‖w‖₁ · value_bound(),   |U_j − U_j^exact| ≤ √3 ‖w‖₁ · derivative_bound(),
// to round-off, with both bounds ≤ the tolerance.

#include <Eigen/Core>
#include <memory>
#include <vector>

#include "potential/fast_spherical_transform.hpp"

namespace mf {

class ZonalPotential {
 public:
  /// points: unit columns (3 × N), copied. tolerance: the bound on the kernel errors |Δκ| and
  /// |Δκ'| (absolute; κ ≤ 1/2, κ' ≤ 1/2), hence on |ΔV| / ‖w‖₁. Throws std::invalid_argument
  /// outside (0, 1) or below what degree 400 reaches.
  ZonalPotential(const Eigen::Matrix3Xd& points, double tolerance);
  ~ZonalPotential();

  /// V (N) and ∇_S V (3 × N) at the points for weights w (N).
  void evaluate(const Eigen::VectorXd& w, Eigen::VectorXd& v, Eigen::Matrix3Xd& grad) const;

  int degree() const;
  /// The width of the non-uniform FFTs' kernel (fast_spherical_transform.hpp).
  int width() const;
  double near_angle() const { return delta_; }
  double value_bound() const { return value_bound_; }
  double derivative_bound() const { return derivative_bound_; }
  /// Degree of the near-field remainders' Chebyshev fits (the largest of the four).
  int near_degree() const;
  /// Candidate pairs the near field visits per evaluation (the direct sum visits N²).
  long near_pairs() const { return near_pairs_; }

 private:
  struct Near;
  Eigen::Matrix3Xd points_;
  double delta_ = 0, value_bound_ = 0, derivative_bound_ = 0;
  long near_pairs_ = 0;
  double transform_value_error_ = 0, transform_derivative_error_ = 0;
  std::vector<double> scale_;  // s_ℓ = a_ℓ 4π/(2ℓ+1) of p's Legendre coefficients a_ℓ
  std::unique_ptr<FastSphericalTransform> transform_;
  std::unique_ptr<Near> near_;
};

}  // namespace mf
