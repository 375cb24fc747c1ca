#include "model/flow_parameters.hpp"

#include <stdexcept>

namespace mf {

const NameTable<FlowGeometry>& name_table(FlowGeometry) {
  static const NameTable<FlowGeometry> table("flow", {
      {FlowGeometry::wfr, "wfr", "Wasserstein–Fisher–Rao: directions move (α) and masses grow or shrink (β)"},
      {FlowGeometry::w, "w", "Wasserstein: directions move, masses fixed"},
      {FlowGeometry::fr, "fr", "Fisher–Rao: masses grow or shrink, directions fixed"},
      {FlowGeometry::l2, "l2", "L2: the signed density follows −γ V (the mean of coordinate descent)"},
  });
  return table;
}

}  // namespace mf
