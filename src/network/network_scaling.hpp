#pragma once
// The scales of the lazy-training analysis (Chizat, Oyallon & Bach 2019; docs/DESIGN.md §1,
// "Output and initialization scales"). The model is h(w)(x) = (1/N) Σ_j a_j σ(b̃_j·x̃) with the
// output normalization N = m (mean field) or N = √m (the tangent-kernel scaling); training
// minimizes the scaled objective F_α(w) = R(α h(w)) / α² in mean-field time,
// w ← w − η m ∇_w F_α(w) (the flow dw/dt = −m ∇_w F_α), R the empirical risk J_m of the
// predictor α h. The initialization scale τ is network.scale (it multiplies both layers).
//
// α h = (1/m) Σ_j (ρ a_j) σ(b̃_j·x̃) with ρ = α m / N: the 1/m network with output weights ρ a,
// which network_gradient.hpp's kernels compute. Their gradient ĝ with respect to (ρ a, b̃) gives
//   m ∇_a F_α = (ρ/α²) ĝ_a,   m ∇_b̃ F_α = ĝ_b̃ / α²        (ĝ_b̃ already carries ρ a_j).
// With α = 1 and N = m, ρ = 1 and F_α = J_m: the plain mean-field network.

#include <cmath>

#include "base/name_table.hpp"
#include "network/network_training.hpp"

namespace mf {

/// The output normalization N of h = (1/N) Σ_j a_j σ(b̃_j·x̃).
enum class OutputNormalization { mean_field, tangent };
const NameTable<OutputNormalization>& name_table(OutputNormalization);

struct NetworkScaling {
  OutputNormalization normalization = OutputNormalization::mean_field;
  double alpha = 1.0;  ///< the output scale α

  /// N for a network of m neurons.
  double normalizer(int m) const {
    return normalization == OutputNormalization::mean_field ? static_cast<double>(m) : std::sqrt(static_cast<double>(m));
  }
  /// ρ = α m / N: α h is the 1/m network with output weights ρ a.
  double output_factor(int m) const { return alpha * m / normalizer(m); }
  bool is_plain() const { return normalization == OutputNormalization::mean_field && alpha == 1.0; }
};

/// The 1/m network (ρ a, b̃) whose predictor is α h(w): what the kernels evaluate.
PlainNetwork scaled_network(const PlainNetwork& net, const NetworkScaling& scaling);

/// `gradient` (the fused kernels when null) turned into m ∇_w F_α: it runs on scaled_network(net)
/// and rescales the two layers' gradients as the header says. out.loss and out.prediction are
/// R(α h) and α h on the batch. With a plain scaling, `gradient` itself (never null).
GradientFunction scaled_gradient(GradientFunction gradient, const NetworkScaling& scaling);

}  // namespace mf
