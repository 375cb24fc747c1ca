#include "mesh/point_locator.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace mf {

namespace {
constexpr double kInsideTolerance = 1e-14;
}

PointLocator::PointLocator(const SphereMesh& mesh) : mesh_(mesh) {
  debug_check_mesh(mesh);
  if (mesh.manifold == Manifold::torus) {
    torus_side_ = static_cast<int>(std::lround(std::sqrt(mesh.n_cells())));
    return;
  }
  if (mesh.manifold == Manifold::circle) {
    const double a0 = std::atan2(mesh.vertices[0].y(), mesh.vertices[0].x());
    circle_angle_.resize(mesh.n_vertices());
    for (int i = 0; i < mesh.n_vertices(); ++i) {
      double a = std::atan2(mesh.vertices[i].y(), mesh.vertices[i].x());
      while (a < a0) a += 2.0 * std::numbers::pi;
      if (i > 0 && a <= circle_angle_[i - 1]) a += 2.0 * std::numbers::pi;
      circle_angle_[i] = a;
    }
    return;
  }
  edge_plane_.resize(mesh.cell_faces.size());
  for (int c = 0; c < mesh.n_cells(); ++c) {
    const int n = mesh.cell_size(c);
    for (int k = 0; k < n; ++k) {
      const Vec3& a = mesh.vertices[mesh.cell_vertices[mesh.cell_offsets[c] + k]];
      const Vec3& b = mesh.vertices[mesh.cell_vertices[mesh.cell_offsets[c] + (k + 1) % n]];
      edge_plane_[mesh.cell_face_offsets[c] + k] = edge_plane_normal(a, b);
    }
  }
  k_ = std::max(1, static_cast<int>(std::sqrt(mesh.n_cells() / 6.0)));
  bucket_cell_.assign(6 * k_ * k_, 0);
  int hint = 0;
  for (int face = 0; face < 6; ++face)
    for (int j = 0; j < k_; ++j)
      for (int i = 0; i < k_; ++i) {
        const double u = -1.0 + (2.0 * i + 1.0) / k_;
        const double v = -1.0 + (2.0 * j + 1.0) / k_;
        const int axis = face / 2;
        const double sign = (face % 2 == 0) ? 1.0 : -1.0;
        Vec3 p;
        p[axis] = sign;
        p[(axis + 1) % 3] = u;
        p[(axis + 2) % 3] = v;
        hint = locate_from(p.normalized(), hint);
        bucket_cell_[(face * k_ + j) * k_ + i] = hint;
      }
}

int PointLocator::bucket_of(const Vec3& p) const {
  int axis = 0;
  if (std::abs(p.y()) > std::abs(p[axis])) axis = 1;
  if (std::abs(p.z()) > std::abs(p[axis])) axis = 2;
  const int face = 2 * axis + (p[axis] >= 0.0 ? 0 : 1);
  const double inv = 1.0 / std::abs(p[axis]);
  const int i = std::clamp(static_cast<int>((p[(axis + 1) % 3] * inv + 1.0) * 0.5 * k_), 0, k_ - 1);
  const int j = std::clamp(static_cast<int>((p[(axis + 2) % 3] * inv + 1.0) * 0.5 * k_), 0, k_ - 1);
  return (face * k_ + j) * k_ + i;
}

bool PointLocator::contains(int c, const Vec3& p) const {
  MF_PRECONDITION(c >= 0 && c < mesh_.n_cells(), "cell " + std::to_string(c) + " of " + std::to_string(mesh_.n_cells()));
  if (mesh_.manifold == Manifold::circle || mesh_.manifold == Manifold::torus) return locate(p) == c;
  for (int e = mesh_.cell_face_offsets[c]; e < mesh_.cell_face_offsets[c + 1]; ++e)
    if (p.dot(edge_plane_[e]) < -kInsideTolerance) return false;
  return true;
}

int PointLocator::locate(const Vec3& p) const {
  if (mesh_.manifold == Manifold::circle || mesh_.manifold == Manifold::torus) return locate_from(p, 0);
  return locate_from(p, bucket_cell_[bucket_of(p)]);
}

int PointLocator::locate_from(const Vec3& p, int c) const {
  MF_PRECONDITION(c >= 0 && c < mesh_.n_cells(),
                  "start cell " + std::to_string(c) + " of " + std::to_string(mesh_.n_cells()));
  if (mesh_.manifold == Manifold::torus) {  // n × n equal squares: the cell from the angles' floors
    const int n = torus_side_;
    auto index = [n](double a) {
      const double t = std::fmod(a, 2.0 * std::numbers::pi);
      const int i = static_cast<int>(std::floor((t < 0.0 ? t + 2.0 * std::numbers::pi : t) * n / (2.0 * std::numbers::pi)));
      return std::clamp(i, 0, n - 1);
    };
    return index(p.x()) + n * index(p.y());
  }
  if (mesh_.manifold == Manifold::circle) {
    double a = std::atan2(p.y(), p.x());
    while (a < circle_angle_.front()) a += 2.0 * std::numbers::pi;
    while (a >= circle_angle_.front() + 2.0 * std::numbers::pi) a -= 2.0 * std::numbers::pi;
    const auto it = std::upper_bound(circle_angle_.begin(), circle_angle_.end(), a);
    return static_cast<int>(it - circle_angle_.begin()) - 1;
  }
  for (int step = 0; step <= mesh_.n_cells(); ++step) {
    int worst = -1;
    double worst_value = -kInsideTolerance;
    for (int e = mesh_.cell_face_offsets[c]; e < mesh_.cell_face_offsets[c + 1]; ++e) {
      const double s = p.dot(edge_plane_[e]);
      if (s < worst_value) {
        worst_value = s;
        worst = e;
      }
    }
    if (worst < 0) return c;
    c = mesh_.neighbour(c, mesh_.cell_faces[worst]);
  }
  return brute_force(p);  // a walk can only cycle on a pathological mesh
}

int PointLocator::brute_force(const Vec3& p) const {
  for (int c = 0; c < mesh_.n_cells(); ++c)
    if (contains(c, p)) return c;
  return 0;
}

}  // namespace mf
