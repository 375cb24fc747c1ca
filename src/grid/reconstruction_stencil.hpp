#pragma once
// Precomputed geometry for the limited second-order reconstruction: least-squares gradients in
// the tangent plane at each cell centroid and the displacement from the centroid to each face,
// both in the local orthonormal tangent basis of the cell (2 coordinates on S², the second 0 on
// S¹), so the kernels stream 16 bytes per vector instead of 24.

#include <array>
#include <vector>

#include "base/name_table.hpp"
#include "mesh/sphere_mesh.hpp"

namespace mf {

enum class StencilKind {
  face_neighbours,   ///< cells across the faces (3 for triangles, 6 for hexagons, 2 on S¹)
  vertex_neighbours  ///< every cell sharing a vertex (12 for triangles; same as faces on S¹)
};
const NameTable<StencilKind>& name_table(StencilKind);

using Vec2 = Eigen::Vector2d;

struct ReconstructionStencil {
  std::vector<int> offsets;    ///< #cells+1 CSR offsets into neighbour / weight
  std::vector<int> neighbour;  ///< stencil cells of each cell (itself excluded)
  /// Least-squares gradient coefficients in the cell's tangent basis (1/radian):
  ///   ∇ρ_i ≈ Σ_k weight_k (ρ_neighbour(k) − ρ_i),
  /// minimizing Σ_k |d_k|⁻² (ρ_k − ρ_i − ∇ρ_i·d_k)² with d_k = log_map(centroid_i, centroid_k).
  std::vector<Vec2> weight;
  /// Per cell-face CSR slot (aligned with SphereMesh::cell_faces): log_map(centroid, face
  /// midpoint) in the same basis.
  std::vector<Vec2> face_offset;
  /// Per face: the CSR slot of the face in its [left, right] cell.
  std::vector<std::array<int, 2>> face_slot;
};

ReconstructionStencil build_reconstruction_stencil(const SphereMesh& mesh, StencilKind kind);

}  // namespace mf
