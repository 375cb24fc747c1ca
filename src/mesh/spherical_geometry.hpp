#pragma once
// Geometry on the unit sphere S² (and the unit circle S¹ embedded as its equator z = 0).
// All points are unit vectors in R³; all lengths are geodesic (radians), all areas are
// spherical (steradians).

#include <Eigen/Core>
#include <Eigen/Geometry>  // cross products
#include <vector>

namespace mf {

using Vec3 = Eigen::Vector3d;

/// Signed area of the spherical triangle (a, b, c), positive when a→b→c runs counter-clockwise
/// seen from outside. Van Oosterom & Strackee (1983):
///   tan(E/2) = a·(b×c) / (1 + a·b + b·c + c·a).
/// Exact for any triangle smaller than a hemisphere.
double spherical_triangle_area(const Vec3& a, const Vec3& b, const Vec3& c);

/// Great-circle distance between unit vectors a and b, accurate also for nearly equal and
/// nearly antipodal points (atan2 of |a×b| and a·b).
double great_circle_distance(const Vec3& a, const Vec3& b);

/// Logarithmic map at p: the tangent vector at p pointing to q along the geodesic, with
/// length the geodesic distance. Its use here: displacements for least-squares gradients.
Vec3 log_map(const Vec3& p, const Vec3& q);

/// Unit normal (a×b)/|a×b| of the great-circle plane through a and b, computed without
/// cancellation for nearby points.
Vec3 edge_plane_normal(const Vec3& a, const Vec3& b);

/// Unit tangent normal of the great-circle edge a→b at its midpoint, pointing to the right of
/// the direction of travel seen from outside (out of a counter-clockwise cell): −(a×b)/|a×b|.
Vec3 edge_right_normal(const Vec3& a, const Vec3& b);

/// Σ x_i with Neumaier's compensated summation: error ~ ε·|Σ x_i| instead of ~ √n ε·|Σ x_i|,
/// so that a sum of exact cell areas measures the geometry, not the additions.
double compensated_sum(const std::vector<double>& x);

/// Longitude λ ∈ [0, 2π) and latitude θ ∈ [−π/2, π/2] of a unit vector.
double longitude(const Vec3& p);
double latitude(const Vec3& p);
Vec3 from_lon_lat(double lon, double lat);

/// Local orthonormal east/north basis at p (for p at a pole, any orthonormal tangent basis).
void tangent_basis(const Vec3& p, Vec3& east, Vec3& north);

}  // namespace mf
