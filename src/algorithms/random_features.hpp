#pragma once
// Random features, the convex baseline of Chizat & Bach 2018: the directions of the atoms stay
// where they were drawn and only their output weights are fitted, to optimality. For the square
// loss J is quadratic in the weights w of μ_w = Σ_j w_j δ_{u_j}:
//   J(μ_w) = J(0) + wᵀv + ½ wᵀH w,   v_j = V[0](u_j),   H_ij = k(u_i, u_j),
// with H's columns from the objective's own potential (H e_j = V[δ_{u_j}] − V[0] at the atoms:
// the population kernel, a data set's (1/n) Σ σ(u_i·x)σ(u_j·x), deconvolution's φ), and the
// optimum solves H w = −v. H is singular when m exceeds its rank (or two directions coincide):
// the minimum-norm solution (a complete orthogonal decomposition). At the optimum V[μ_w] = 0 at
// every atom (tests/test_measure_algorithms.cpp).

#include <Eigen/Core>

#include "objective/objective.hpp"

namespace mf {

/// J on the measures Σ_j w_j δ_{u_j} of fixed directions: J(0) + wᵀv + ½ wᵀH w.
struct WeightQuadratic {
  Eigen::MatrixXd H;  ///< m × m, symmetric positive semi-definite
  Eigen::VectorXd v;  ///< m
};
/// The quadratic of the unit columns of `directions` (d × m), from the objective's potential (m + 1
/// evaluations at the m directions). std::invalid_argument for a data set with a loss other than
/// the square loss (J is then not quadratic).
WeightQuadratic weight_quadratic(const Objective& objective, const Eigen::MatrixXd& directions);

/// The measure on the unit columns of `directions` (d × m) with the optimal weights (the
/// minimum-norm solution of H w = −v). The objective must be quadratic in the weights (the square
/// loss); std::invalid_argument for a data set with another loss.
Measure optimal_output_weights(const Objective& objective, const Eigen::MatrixXd& directions);

}  // namespace mf
