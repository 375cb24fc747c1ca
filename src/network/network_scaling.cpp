#include "network/network_scaling.hpp"

#include <utility>

namespace mf {

const NameTable<OutputNormalization>& name_table(OutputNormalization) {
  static const NameTable<OutputNormalization> table("output normalization", {
      {OutputNormalization::mean_field, "mean_field", "h = (1/m) Σ_j a_j σ(b̃_j·x̃): the mean-field scaling"},
      {OutputNormalization::tangent, "tangent", "h = (1/√m) Σ_j a_j σ(b̃_j·x̃): the tangent-kernel scaling"},
  });
  return table;
}

PlainNetwork scaled_network(const PlainNetwork& net, const NetworkScaling& scaling) {
  PlainNetwork scaled = net;
  scaled.a *= scaling.output_factor(net.width());
  return scaled;
}

GradientFunction scaled_gradient(GradientFunction gradient, const NetworkScaling& scaling) {
  if (!gradient)
    gradient = [](const PlainNetwork& net, const PackedBatch& batch, Loss loss, NetworkGradient& out) {
      network_gradient::fused::compute(net, batch, loss, out);
    };
  if (scaling.is_plain()) return gradient;
  return [gradient = std::move(gradient), scaling](const PlainNetwork& net, const PackedBatch& batch, Loss loss,
                                                    NetworkGradient& out) {
    const PlainNetwork scaled = scaled_network(net, scaling);
    gradient(scaled, batch, loss, out);
    const double inverse_alpha_squared = 1.0 / (scaling.alpha * scaling.alpha);
    out.a *= scaling.output_factor(net.width()) * inverse_alpha_squared;
    out.b *= inverse_alpha_squared;
  };
}

}  // namespace mf
