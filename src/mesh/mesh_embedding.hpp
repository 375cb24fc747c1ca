#pragma once
// Mesh points and the points of the measure's domain (objective/domain.hpp) they stand for. A
// mesh writes its points in R³: on S¹ and S² they are the domain's unit vectors themselves (their
// first d = 2 or 3 coordinates); on the torus T² a mesh point is (θ₁, θ₂, 0) and the domain's
// point is (cos θ₁, sin θ₁, cos θ₂, sin θ₂) in R⁴ (d = 4), a tangent (v₁, v₂, 0) being
// v₁ t₁ + v₂ t₂ with t_a = (−sin θ_a, cos θ_a) in the a-th pair. The flat metric of the mesh is
// the one the embedding induces, so lengths, areas and normal components agree.

#include <Eigen/Core>
#include <vector>

#include "mesh/sphere_mesh.hpp"

namespace mf {

/// The domain's point in R^d at the mesh point x.
Eigen::VectorXd embedded_point(const SphereMesh& mesh, const Vec3& x, int d);
/// The same for every point (d × n).
Eigen::MatrixXd embedded_points(const SphereMesh& mesh, const std::vector<Vec3>& points, int d);
/// The tangent vector v of the mesh at x, in R^d.
Eigen::VectorXd embedded_tangent(const SphereMesh& mesh, const Vec3& x, const Vec3& v, int d);
/// The mesh point of the domain's point u (on a sphere u normalized; on the torus its angles).
Vec3 mesh_point(const SphereMesh& mesh, const Eigen::VectorXd& u);
/// The mesh's tangent vector of g ∈ R^d tangent to the domain at u.
Vec3 mesh_tangent(const SphereMesh& mesh, const Eigen::VectorXd& u, const Eigen::VectorXd& g);

}  // namespace mf
