#pragma once
// The parameters of a network's gradient flow of measures (docs/DESIGN.md §2), shared by the grid
// (flows/network_flow.hpp), the particles (particles/conic_particles.hpp) and the case readers.
//   W:   ∂_t μ^s = α div_S(μ^s ∇_S G^s)                 (β = 0)
//   FR:  ∂_t μ^s = −2β G^s μ^s                           (α = 0)
//   WFR: both;   L2: ∂_t f = −γ V[f ω] (no penalties)
// with G^s = s V[μ] + λ_TV + 2 λ_K (κ * |μ|) (model/penalized_objective.hpp).

#include <string>

#include "base/name_table.hpp"
#include "objective/kernel_penalty.hpp"

namespace mf {

enum class FlowGeometry { w, fr, wfr, l2 };
const NameTable<FlowGeometry>& name_table(FlowGeometry);

struct NetworkFlowOptions {
  FlowGeometry geometry = FlowGeometry::wfr;
  double alpha = 1.0;  ///< transport (W, WFR)
  double beta = 1.0;   ///< reaction (FR, WFR)
  double gamma = 1.0;  ///< L2
  double tv = 0.0;     ///< λ_TV
  KernelPenalty kernel;

  /// Whether the flow moves mass (W, WFR with α ≠ 0) / changes it (FR, WFR with β ≠ 0).
  bool moves() const { return (geometry == FlowGeometry::w || geometry == FlowGeometry::wfr) && alpha != 0.0; }
  bool grows() const { return (geometry == FlowGeometry::fr || geometry == FlowGeometry::wfr) && beta != 0.0; }
};

}  // namespace mf
