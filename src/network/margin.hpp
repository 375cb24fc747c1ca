#pragma once
// Margins of a classifier network f (labels y = ±1), normalized by a norm of its weights so
// that rescaling the weights does not change them (Chizat & Bach 2020, "Implicit bias of
// gradient descent for wide two-layer neural networks trained with the logistic loss"):
//   normalized margin  γ = min_i y_i f(x_i) / β,
//   smooth margin      γ̃ = −log((1/n) Σ_i e^{−y_i f(x_i)}) / β,
// with β the weights' scale for what is trained (margin_scale). γ is invariant under w → c·w;
// γ̃ is not (γ ≤ γ̃ ≤ γ + log(n)/β) and tends to γ as the weights grow, which they do on
// separable data under the logistic and exponential losses.

#include "network/network_training.hpp"

namespace mf {

/// β: both layers — f is 2-homogeneous in (a, b̃), β = (1/m) Σ_j (a_j² + ‖b̃_j‖²); the output
/// layer only — f is 1-homogeneous in a, β = ‖a‖₂/√m = ‖a‖_{L²(ρ_m)}, the norm of f in the
/// RKHS of the m fixed features' kernel k_m(x, x') = (1/m) Σ_j σ(b̃_j·x̃) σ(b̃_j·x̃') when a is
/// the minimum-norm representation (GD from a = 0 stays in it), so γ is comparable with the
/// kernel's hard-margin SVM margin 1/‖f_SVM‖.
double margin_scale(const PlainNetwork& net, TrainedLayers layers);

struct Margins {
  double normalized = 0.0;  ///< γ
  double smooth = 0.0;      ///< γ̃
};

/// The margins from the parts a run split across ranks sums: min_yf = min_i y_i f_i and
/// shifted_sum = Σ_i e^{−(y_i f_i − min_yf)} over all n points (no overflow: each term ≤ 1).
Margins margins_from_sums(double min_yf, double shifted_sum, long n, double scale);

/// The fraction of points with y_i f_i ≤ 0 (misclassified, or on the boundary).
double classification_error(const Eigen::VectorXd& y, const Eigen::VectorXd& f);

/// The margins of predictions f at labels y (one process).
Margins margins(const Eigen::VectorXd& y, const Eigen::VectorXd& f, double scale);

}  // namespace mf
