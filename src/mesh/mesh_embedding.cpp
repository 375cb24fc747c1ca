#include "mesh/mesh_embedding.hpp"

#include <cmath>

#include "base/angles.hpp"

namespace mf {

Eigen::VectorXd embedded_point(const SphereMesh& mesh, const Vec3& x, int d) {
  if (mesh.manifold != Manifold::torus) return x.head(d);
  MF_PRECONDITION(d == 4, "a point of the torus has 4 coordinates, not " + std::to_string(d));
  return (Eigen::VectorXd(4) << std::cos(x.x()), std::sin(x.x()), std::cos(x.y()), std::sin(x.y())).finished();
}

Eigen::MatrixXd embedded_points(const SphereMesh& mesh, const std::vector<Vec3>& points, int d) {
  Eigen::MatrixXd out(d, static_cast<Eigen::Index>(points.size()));
  for (std::size_t i = 0; i < points.size(); ++i) out.col(static_cast<Eigen::Index>(i)) = embedded_point(mesh, points[i], d);
  return out;
}

Eigen::VectorXd embedded_tangent(const SphereMesh& mesh, const Vec3& x, const Vec3& v, int d) {
  if (mesh.manifold != Manifold::torus) return v.head(d);
  MF_PRECONDITION(d == 4, "a tangent of the torus has 4 coordinates, not " + std::to_string(d));
  return (Eigen::VectorXd(4) << -v.x() * std::sin(x.x()), v.x() * std::cos(x.x()), -v.y() * std::sin(x.y()),
          v.y() * std::cos(x.y()))
      .finished();
}

Vec3 mesh_point(const SphereMesh& mesh, const Eigen::VectorXd& u) {
  if (mesh.manifold == Manifold::torus) return Vec3(angle_in_turn(u[0], u[1]), angle_in_turn(u[2], u[3]), 0.0);
  Vec3 x = Vec3::Zero();
  x.head(u.size()) = u.normalized();
  return x;
}

Vec3 mesh_tangent(const SphereMesh& mesh, const Eigen::VectorXd& u, const Eigen::VectorXd& g) {
  if (mesh.manifold == Manifold::torus) {
    const Vec3 x = mesh_point(mesh, u);
    return Vec3(-std::sin(x.x()) * g[0] + std::cos(x.x()) * g[1], -std::sin(x.y()) * g[2] + std::cos(x.y()) * g[3], 0.0);
  }
  Vec3 v = Vec3::Zero();
  v.head(g.size()) = g;
  return v;
}

}  // namespace mf
