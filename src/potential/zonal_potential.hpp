#pragma once
// The potential of the ReLU kernel κ(u) (objective/relu_kernel.hpp) for weights on N fixed points
// of S², at the same points, in about O(N^1.2) instead of the direct sum's N²:
//   V_j = Σ_i w_i κ(x_j·x_i),   ∇_S V_j = (I − x_j x_jᵀ) U_j,   U_j = Σ_i w_i κ'(x_j·x_i) x_i.
//
// κ is analytic on (−1, 1) with (1 ∓ u)^{3/2} singularities at u = ±1 (κ' has (1 ∓ u)^{1/2}), so
// the sum is split at an angle δ (c = cos δ):
//  - far field: one polynomial p of degree L with p ≈ κ and p' = q ≈ κ' on [−c, c] (q: Chebyshev
//    interpolation of κ', p its antiderivative). p is zonal, so by the addition theorem its sum is
//    diagonal in spherical harmonics: f = Σ_i w_i p(x·x_i) has the coefficients s_ℓ C_ℓm,
//    s_ℓ = 4π a_ℓ/(2ℓ+1) (a_ℓ: p's Legendre coefficients), C_ℓm = Σ_i w_i conj Y_ℓ^m(x_i). The
//    analysis and the syntheses at the points go through the double Fourier sphere and
//    non-uniform FFTs (fast_spherical_transform.hpp). ∇_S f = −x × R f with R_a f = ∇_S f·(e_a × x),
//    whose coefficients the ladder operators give exactly; and ∇_S f = (I − x xᵀ) Σ_i w_i q(x·x_i) x_i;
//  - near field: the pairs with |x_j·x_i| > c (near x_j or near −x_j) add the remainders κ − p
//    and κ' − q, smooth functions of s = √((1 ∓ u)/2) there, fitted by Chebyshev polynomials in s.
//    The points are fixed, so the pairs and their remainders are found once (cube-map tiles) and
//    stored as compressed rows (20 bytes a pair); each evaluation is a sparse product.
// δ and L are chosen at construction for the requested tolerance, minimizing a cost model of the
// parts' measured times: L grows like 1/δ and the far field like L³ (the series sums), the pairs
// like N² δ², so balancing them gives L ~ N^0.4 and a cost ~ N^1.2 (hexagonal levels 5, 6, 7:
// L = 82, 159, 257; time per evaluation N^1.1 from level 6 to 7, bench_zonal_potential).
//
// Error bound (the fits' errors measured at construction on fine grids of u; the transforms'
// bounded through their series coefficients, fast_spherical_transform.hpp; checked by
// tests/test_zonal_potential against the exact direct sums):
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
  /// The near pairs stored (the direct sum visits N²).
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
