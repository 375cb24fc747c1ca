#pragma once
// Frank–Wolfe on measures for F(μ) = J(μ) + λ|μ|_TV, the convex method particle descent is
// contrasted with (Bredies & Pikkarainen 2013; Denoyelle, Duval, Peyré & Soubies 2019):
//   1. the linear minimization oracle: u* maximizing |V[μ](u)| over the sphere (the atom whose
//      signed addition lowers F fastest); stop when |V(u*)| ≤ λ, the certificate of optimality;
//   2. fully corrective weights: the atoms' weights re-optimized on the support,
//      min_w J(Σ w_j δ_{u_j}) + λ‖w‖₁, a LASSO on the quadratic of random_features.hpp
//      (coordinate descent; a least-squares solve when λ = 0); atoms of weight 0 removed;
//   3. sliding (sliding Frank–Wolfe only): the positions move too — alternately a projected
//      gradient step of F in the positions (Armijo backtracking, θ_j ← retract(θ_j − t w_j ∇_S V))
//      and the corrective weights — until the position gradient vanishes.
// The oracle is exhaustive on a fine point set in d ≤ 3 (a uniform grid of angles on S¹, a
// Fibonacci lattice on S²) and on the torus T² (a square grid of angles), multi-start in higher d (the best of many random points), the best
// candidates then refined by projected gradient ascent on |V|. In high d it may miss the global
// maximizer; OracleResult counts its potential evaluations.

#include <Eigen/Core>
#include <random>

#include "algorithms/random_features.hpp"
#include "objective/objective.hpp"

namespace mf {

struct OracleOptions {
  int grid_points = 0;   ///< d ≤ 3, T²: the exhaustive point set (0: 4096 on S¹, 16384 on S² and T²)
  int starts = 64;       ///< d > 3: random starts refined (the best of 20× as many random points)
  int refine = 3;        ///< d ≤ 3: the best grid points refined
  int ascent_steps = 300;
};

struct OracleResult {
  Eigen::VectorXd u;      ///< the unit maximizer found
  double value = 0.0;     ///< V[μ](u), signed
  long evaluations = 0;   ///< points at which V was evaluated
};

/// argmax_u |V[μ](u)| as found by the oracle of the header comment (rng: the random starts).
OracleResult maximize_abs_potential(const Objective& objective, const Measure& mu, const OracleOptions& options,
                                    std::mt19937_64& rng);

/// argmin_w ½ wᵀHw + vᵀw + λ‖w‖₁ from `start` (coordinate descent to a change ≤ 1e-15 of the
/// largest weight; λ = 0: the minimum-norm least-squares solution).
Eigen::VectorXd lasso_weights(const WeightQuadratic& q, double lambda, const Eigen::VectorXd& start);

/// The sliding step: positions and weights of mu moved to a stationary point of F near them (at
/// most `steps` alternations; returns how many were taken).
int slide_atoms(const Objective& objective, Measure& mu, double lambda, int steps);

}  // namespace mf
