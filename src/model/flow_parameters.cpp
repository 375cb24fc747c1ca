#include "model/flow_parameters.hpp"

#include <stdexcept>

namespace mf {

FlowGeometry parse_flow_geometry(const std::string& name) {
  if (name == "w") return FlowGeometry::w;
  if (name == "fr") return FlowGeometry::fr;
  if (name == "wfr") return FlowGeometry::wfr;
  if (name == "l2") return FlowGeometry::l2;
  throw std::invalid_argument("unknown flow '" + name + "'; valid: \"w\", \"fr\", \"wfr\", \"l2\"");
}

std::string to_string(FlowGeometry g) {
  switch (g) {
    case FlowGeometry::w: return "w";
    case FlowGeometry::fr: return "fr";
    case FlowGeometry::wfr: return "wfr";
    case FlowGeometry::l2: return "l2";
  }
  return "?";
}

}  // namespace mf
