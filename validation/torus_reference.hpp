#pragma once
// An independent reference for spike deconvolution on the torus T² (part G, G4): the BLASSO
//   F(μ) = ½ ‖Φ(μ − μ*)‖² + λ |μ|_TV,  φ(x, y) = D_n(x) D_n(y),  D_n(x) = sin((n + ½)x) / sin(x/2),
// written without the program's objective or solvers:
//   1. Newton on the optimality conditions of a measure with one spike per ground-truth spike,
//      started at the ground truth: V(θ_i) = −λ sign(w_i), ∇V(θ_i) = 0, V = Φ*(Φμ − y) in closed
//      form (the Jacobian by central differences);
//   2. the certificate: F is convex, so |V| ≤ λ on the whole torus (a 512 × 512 grid, its largest
//      cells refined) with those conditions proves μ the global minimizer. λ = 0: the ground truth
//      itself (F = 0).
// The distance D(μ, ν) = ‖Φ(μ − ν)‖ in L²(dx/4π²) is Σ_k |ν̂_k − μ̂_k|² from plain cos/sin sums.

#include <array>
#include <vector>

namespace mf {

struct TorusSpikes {
  std::vector<std::array<double, 2>> at;  ///< (θ₁, θ₂) in radians
  std::vector<double> weight;             ///< signed
};

struct TorusReference {
  TorusSpikes minimizer;
  double objective = 0.0;    ///< F at the minimizer
  double residual = 0.0;     ///< max |optimality condition| after Newton (0 for λ = 0)
  double certificate = 0.0;  ///< max over T² of |V| / λ (≤ 1: optimal); 0 for λ = 0
  int newton_steps = 0;
};

/// The reference for n modes per axis, ground truth `truth` and λ ≥ 0. Throws std::runtime_error
/// when Newton does not converge (naming the residual).
TorusReference torus_reference(int modes, const TorusSpikes& truth, double lambda);

/// max over T² of |V[μ]| (the certificate's numerator) for the measure μ, by the same search.
double torus_max_abs_potential(int modes, const TorusSpikes& truth, const TorusSpikes& mu);

/// F(μ) in closed form.
double torus_objective(int modes, const TorusSpikes& truth, double lambda, const TorusSpikes& mu);

/// D(μ, ν) = (Σ_{k ∈ {−n…n}²} |μ̂_k − ν̂_k|²)^{1/2}.
double torus_distance(int modes, const TorusSpikes& mu, const TorusSpikes& nu);

}  // namespace mf
