#pragma once
// Angles of points of the plane, shared by the domains (objective/domain.hpp), the mesh's
// embedding of the torus (mesh/mesh_embedding.hpp) and the figures.

#include <cmath>
#include <numbers>

namespace mf {

/// The angle of the point (x, y) ≠ 0 of the plane, in [0, 2π).
inline double angle_in_turn(double x, double y) {
  double a = std::atan2(y, x);
  if (a < 0.0) a += 2.0 * std::numbers::pi;
  return a < 2.0 * std::numbers::pi ? a : 0.0;  // −0⁻ rounds up to 2π
}

}  // namespace mf
