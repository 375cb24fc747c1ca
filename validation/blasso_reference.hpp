#pragma once
// An independent reference for spike deconvolution on the circle (part G): the minimizer of the
// BLASSO  F(μ) = ½ ‖Φ(μ − μ*)‖² + λ |μ|_TV  with the Dirichlet kernel φ(x) = 1 + 2 Σ_{k≤n} cos kx,
// found without the program's objective or solvers:
//   1. a LASSO on a fine uniform grid of the circle: coordinate descent on the 2n + 1 real Fourier
//      features a(θ) = (1, √2 cos kθ, √2 sin kθ), for which ⟨a(θ), a(θ')⟩ = φ(θ − θ');
//   2. its support grouped into clusters of neighbouring points of one sign, each cluster one
//      spike at its weighted mean position with its total weight;
//   3. Newton on the support's optimality conditions V(θ_i) = −λ sign(w_i), V'(θ_i) = 0, with
//      V = Φ*(Φμ − y) in closed form;
//   4. the certificate: F is convex, so |V| ≤ λ on the whole circle (checked on a fine grid)
//      with those conditions proves μ the global minimizer.

#include <vector>

namespace mf {

struct Spikes {
  std::vector<double> angle, weight;  ///< radians in [0, 2π), signed weights
};

struct BlassoReference {
  Spikes minimizer;
  double objective = 0.0;     ///< F at the minimizer
  double residual = 0.0;      ///< max |optimality condition| after Newton
  double certificate = 0.0;   ///< max over the circle of |V| / λ (≤ 1: optimal)
  double margin = 0.0;        ///< the same farther than 0.1 rad from the support (< 1: strict)
  int grid_atoms = 0;         ///< the fine-grid LASSO's support size
  int newton_steps = 0;
};

/// The reference for n modes, ground truth `truth` and λ > 0. Throws std::runtime_error when
/// Newton does not converge (naming the residual).
BlassoReference blasso_reference(int modes, const Spikes& truth, double lambda);

/// F(μ) for spikes μ, in closed form (the same φ as the reference).
double blasso_objective(int modes, const Spikes& truth, double lambda, const Spikes& mu);

}  // namespace mf
