#include "mesh/spherical_geometry.hpp"

#include <cmath>
#include <numbers>

namespace mf {

double spherical_triangle_area(const Vec3& a, const Vec3& b, const Vec3& c) {
  const double numerator = a.dot(b.cross(c));
  const double denominator = 1.0 + a.dot(b) + b.dot(c) + c.dot(a);
  return 2.0 * std::atan2(numerator, denominator);
}

double great_circle_distance(const Vec3& a, const Vec3& b) {
  return std::atan2(a.cross(b).norm(), a.dot(b));
}

Vec3 log_map(const Vec3& p, const Vec3& q) {
  const Vec3 tangential = q - q.dot(p) * p;
  const double sin_norm = tangential.norm();
  if (sin_norm == 0.0) return Vec3::Zero();
  return std::atan2(sin_norm, p.dot(q)) / sin_norm * tangential;
}

Vec3 edge_plane_normal(const Vec3& a, const Vec3& b) {
  // a × b = a × (b − a): for nearby points b − a is exact to rounding at its own scale, so
  // the direction is accurate to ε instead of ε/|a − b| (no cancellation of O(1) products).
  return a.cross(b - a).normalized();
}

Vec3 edge_right_normal(const Vec3& a, const Vec3& b) { return -edge_plane_normal(a, b); }

double compensated_sum(const std::vector<double>& x) {
  double sum = 0.0, compensation = 0.0;
  for (double v : x) {
    const double t = sum + v;
    compensation += std::abs(sum) >= std::abs(v) ? (sum - t) + v : (v - t) + sum;
    sum = t;
  }
  return sum + compensation;
}

double longitude(const Vec3& p) {
  const double lon = std::atan2(p.y(), p.x());
  return lon < 0.0 ? lon + 2.0 * std::numbers::pi : lon;
}

double latitude(const Vec3& p) { return std::atan2(p.z(), std::hypot(p.x(), p.y())); }

Vec3 from_lon_lat(double lon, double lat) {
  return {std::cos(lat) * std::cos(lon), std::cos(lat) * std::sin(lon), std::sin(lat)};
}

void tangent_basis(const Vec3& p, Vec3& east, Vec3& north) {
  const Vec3 z_axis(0.0, 0.0, 1.0);
  Vec3 e = z_axis.cross(p);
  if (e.norm() < 1e-12) e = Vec3(0.0, 1.0, 0.0).cross(p);  // at a pole: any tangent basis
  east = e.normalized();
  north = p.cross(east);
}

}  // namespace mf
