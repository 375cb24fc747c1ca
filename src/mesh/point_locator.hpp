#pragma once
// Which cell holds a point on the sphere (or circle).
//
// S²: a cube-map bucket grid (6·K² buckets, K² ≈ #cells/6) remembers for each bucket the cell
// holding its centre; a query starts there and walks across the most violated edge until the
// point is inside (cells are convex). A few steps per query: O(1) expected.
// S¹: binary search over the vertex angles.
// T²: the point is (θ₁, θ₂, 0), any real angles (taken modulo 2π); the cell of the n × n squares
// from the floors of θ/h.

#include <vector>

#include "mesh/sphere_mesh.hpp"

namespace mf {

class PointLocator {
 public:
  /// Keeps a reference to `mesh`, which must outlive the locator.
  explicit PointLocator(const SphereMesh& mesh);

  /// Index of a cell holding the unit vector p (a point on an edge belongs to either cell).
  /// On S¹ the z component of p is ignored.
  int locate(const Vec3& p) const;
  /// Same, starting the walk from `hint` (e.g. the previous answer for nearby queries).
  int locate_from(const Vec3& p, int hint) const;

  /// Whether convex cell c holds p (inside or on its boundary, to 1e-14).
  bool contains(int c, const Vec3& p) const;
  const SphereMesh& mesh() const { return mesh_; }

 private:
  int bucket_of(const Vec3& p) const;
  int brute_force(const Vec3& p) const;

  const SphereMesh& mesh_;
  int k_ = 1;                       // buckets per cube-face side
  std::vector<int> bucket_cell_;    // 6·k² start cells
  std::vector<Vec3> edge_plane_;    // per cell-face CSR entry: unit (a×b), inside ⇔ p·(a×b) ≥ 0
  std::vector<double> circle_angle_;  // S¹: vertex angles, increasing, from the first vertex
  int torus_side_ = 0;                // T²: n of the n × n squares
};

}  // namespace mf
