#include <numbers>
#include <string>

#include "mesh/mesh_generators.hpp"

namespace mf {

SphereMesh circle_mesh(int n) {
  if (n < 3) throw MeshError("circle mesh: n = " + std::to_string(n) + " arcs; need n ≥ 3");
  std::vector<double> angles(n);
  for (int k = 0; k < n; ++k) angles[k] = 2.0 * std::numbers::pi * k / n;
  return build_circle_mesh(angles, "circle n=" + std::to_string(n));
}

SphereMesh torus_mesh(int n) { return build_torus_mesh(n, "torus n=" + std::to_string(n)); }

}  // namespace mf
