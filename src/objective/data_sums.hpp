#pragma once
// Sums over a data set X (d × n columns x_l) with ReLU, never storing an m × n matrix:
//   predict:    f(x_l) = Σ_j w_j σ(u_j·x_l)
//   potential:  V(p) = (1/n) Σ_l r_l σ(p·x_l),   ∇_S V(p) = (1/n) Σ_l r_l 1[p·x_l > 0] (x_l − (p·x_l) p)
// with r_l = ∂_f ℓ(y_l, f(x_l)) the loss derivatives.
//   reference:: plain loops; omp:: OpenMP over outputs, inputs in blocks, coordinate-major.

#include <Eigen/Core>

#include "objective/measure.hpp"

namespace mf::data_sums {

namespace reference {
void predict(const Measure& mu, const Eigen::MatrixXd& X, Eigen::VectorXd& f);
void potential(const Eigen::MatrixXd& X, const Eigen::VectorXd& r, const Eigen::MatrixXd& points, Eigen::VectorXd& V,
               Eigen::MatrixXd* grad);
}  // namespace reference

namespace omp {
void predict(const Measure& mu, const Eigen::MatrixXd& X, Eigen::VectorXd& f);
void potential(const Eigen::MatrixXd& X, const Eigen::VectorXd& r, const Eigen::MatrixXd& points, Eigen::VectorXd& V,
               Eigen::MatrixXd* grad);
}  // namespace omp

}  // namespace mf::data_sums
