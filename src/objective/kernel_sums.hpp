#pragma once
// Sums of the population ReLU kernel over the atoms of a measure, at a set of points p
// (unit columns of a d × P matrix):
//   V(p)      = factor · Σ_j w_j κ(p·u_j)
//   ∇_S V(p)  = factor · Σ_j w_j κ'(p·u_j) (u_j − (p·u_j) p)        (tangent at p)
// with factor 1 for x ~ N(0, I) and 1/d for x uniform on S^{d−1} (see relu_kernel.hpp).
//   reference:: plain loops with the exact κ (std::acos), the specification;
//   omp::       OpenMP over points, atoms in blocks stored coordinate by coordinate so the
//               inner loop vectorizes, with relu_kappa_fast (|Δκ|, |Δκ'| ≤ 5e-9).
// tests/test_objective_sums.cpp checks they agree.

#include <Eigen/Core>

#include "objective/measure.hpp"

namespace mf::kernel_sums {

namespace reference {
/// V: P values; grad (optional, nullptr to skip): d × P.
void potential(double factor, const Measure& mu, const Eigen::MatrixXd& points, Eigen::VectorXd& V,
               Eigen::MatrixXd* grad);
}  // namespace reference

namespace omp {
void potential(double factor, const Measure& mu, const Eigen::MatrixXd& points, Eigen::VectorXd& V,
               Eigen::MatrixXd* grad);
/// V and ∇_S V at the atoms themselves (points = mu.directions): the kernel matrix is
/// symmetric, so each κ(u_i·u_j) serves both i and j — m²/2 evaluations, tile pairs spread
/// over threads, per-thread accumulators summed at the end. grad: d × m, or nullptr.
void self_potential(double factor, const Measure& mu, Eigen::VectorXd& V, Eigen::MatrixXd* grad);
}  // namespace omp

}  // namespace mf::kernel_sums
