#pragma once
// Sparse spike deconvolution on the circle T¹ = R/2πZ (Chizat 2022, "Sparse optimization on
// measures with over-parameterized gradient descent", §5; docs/DESIGN.md §1, "Deconvolution"):
// the unknown is a signed measure μ on T¹, observed through the Dirichlet kernel of n Fourier modes
//   φ(x) = Σ_{|k| ≤ n} e^{ikx} = 1 + 2 Σ_{k=1}^{n} cos kx,     (Φμ)(x) = ∫ φ(x − θ) dμ(θ),
// from the noise-free signal y = Φμ* of ground-truth spikes μ* (the case's [teacher]). With the
// L² norm of the uniform probability dx/2π on T¹, φ is a projection (φ * φ = φ), so
//   J(μ) = ½ ‖Φ(μ − μ*)‖² = ½ Σ_{|k| ≤ n} |μ̂_k − μ̂*_k|²,   μ̂_k = ∫ e^{−ikθ} dμ(θ),
//   V[μ](θ) = ∫ φ(θ − θ') d(μ − μ*)(θ') = Σ_{|k| ≤ n} (μ̂_k − μ̂*_k) e^{ikθ},
// the same form ½⟨μ−μ*, K(μ−μ*)⟩ as the population objective, with K = φ(θ − θ') in place of the
// ReLU kernel. The TV penalty λ|μ| is the model layer's (model/penalized_objective), as for networks.
//
// A point of T¹ is the unit vector u = (cos θ, sin θ) of the S¹ mesh and of conic particles, so
// every discretization of the circle runs this objective unchanged; ∇_S V(u) = V'(θ) (−sin θ, cos θ).
// Everything is evaluated exactly through the 2n + 1 Fourier coefficients (e^{ikθ} as the k-th power
// of u₁ + i u₂): O(n (m + P)) for m atoms and P points, cheaper than an FFT for the few modes of
// deconvolution and exact at any point (an FFT would need a uniform grid).

#include <Eigen/Core>
#include <complex>

#include "objective/objective.hpp"

namespace mf {

/// The Fourier coefficients μ̂_k = Σ_j w_j e^{−ikθ_j}, k = 0 … n, of a measure on S¹ (d = 2).
Eigen::VectorXcd fourier_coefficients(const Measure& mu, int n);

class DeconvolutionObjective : public Objective {
 public:
  /// `modes` = n ≥ 1; the spikes μ* live on S¹ (dimension 2). Throws std::invalid_argument otherwise.
  DeconvolutionObjective(int modes, Measure spikes);
  int dimension() const override { return 2; }
  double loss(const Measure& mu) const override;
  void potential(const Measure& mu, const Eigen::MatrixXd& points, Eigen::VectorXd& V,
                 Eigen::MatrixXd* grad) const override;
  double distance(const Measure& mu, const Measure& nu) const override;
  const Measure* teacher() const override { return &spikes_; }
  /// sup_u k(u, u) = φ(0) = 2n + 1.
  double smoothness() const override { return 2.0 * modes_ + 1.0; }

  int modes() const { return modes_; }
  /// The signal Φμ at the unit columns of points (2 × P); Φμ* is the observation y.
  Eigen::VectorXd signal(const Measure& mu, const Eigen::MatrixXd& points) const;

 private:
  int modes_;
  Measure spikes_;
  Eigen::VectorXcd spikes_hat_;  // μ̂*_k, k = 0 … n
};

}  // namespace mf
