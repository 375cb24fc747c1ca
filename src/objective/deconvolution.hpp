#pragma once
// Sparse spike deconvolution on the circle T¹ = R/2πZ and the torus T² (Chizat 2022, "Sparse optimization on
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
// On the torus T² (axes = 2) the kernel is the product φ(x₁)φ(x₂) of the 1-D kernels — the
// (2n + 1)² modes k ∈ {−n … n}² — and a point is (cos θ₁, sin θ₁, cos θ₂, sin θ₂) of
// objective/domain.hpp; ∇V is ∂₁V (−sin θ₁, cos θ₁, 0, 0) + ∂₂V (0, 0, −sin θ₂, cos θ₂). Every
// formula above holds with k·θ for kθ (Chizat's cvgce_deconv2D.jl uses exactly this φ and J).
//
// Everything is evaluated exactly through the (2n + 1)^axes Fourier coefficients (e^{ikθ} as the
// k-th power of u₁ + i u₂ per axis): O(n^axes (m + P)) for m atoms and P points, cheaper than an
// FFT for the few modes of deconvolution and exact at any point (an FFT would need a uniform grid).

#include <Eigen/Core>
#include <cmath>
#include <complex>

#include "objective/objective.hpp"

namespace mf {

class DeconvolutionObjective : public Objective {
 public:
  /// `modes` = n ≥ 1 per axis, axes 1 (T¹ = S¹, dimension 2) or 2 (T², dimension 4); the spikes μ*
  /// live there. Throws std::invalid_argument otherwise.
  DeconvolutionObjective(int modes, Measure spikes, int axes = 1);
  int dimension() const override { return 2 * axes_; }
  Domain domain() const override { return axes_ == 1 ? Domain::sphere(2) : Domain::torus(axes_); }
  double loss(const Measure& mu) const override;
  void potential(const Measure& mu, const Eigen::MatrixXd& points, Eigen::VectorXd& V,
                 Eigen::MatrixXd* grad) const override;
  double distance(const Measure& mu, const Measure& nu) const override;
  const Measure* teacher() const override { return &spikes_; }
  /// sup_u k(u, u) = φ(0) = (2n + 1)^axes.
  double smoothness() const override { return std::pow(2.0 * modes_ + 1.0, axes_); }

  int modes() const { return modes_; }
  int axes() const { return axes_; }
  /// The signal Φμ at the points (columns, 2·axes × P); Φμ* is the observation y.
  Eigen::VectorXd signal(const Measure& mu, const Eigen::MatrixXd& points) const;

 private:
  /// μ̂_k for every k ∈ {−n … n}^axes, k₁ fastest.
  Eigen::VectorXcd coefficients(const Measure& mu) const;
  int modes_;
  int axes_;
  Measure spikes_;
  Eigen::VectorXcd spikes_hat_;  // μ̂*_k
};

}  // namespace mf
