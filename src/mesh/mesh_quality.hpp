#pragma once
// A mesh quality report: what a user checks before trusting a mesh.

#include <iosfwd>

#include "mesh/sphere_mesh.hpp"

namespace mf {

struct MeshQuality {
  int n_cells = 0, n_faces = 0, n_vertices = 0;
  double min_area = 0, max_area = 0;        ///< cell areas (arc lengths on S¹)
  double area_ratio = 0;                    ///< max/min area
  double min_edge = 0, max_edge = 0;        ///< edge lengths (S² only; 0 on S¹)
  double edge_ratio = 0;
  double area_sum_error = 0;                ///< Σ areas − 4π (or − 2π on S¹)
  /// max over cells of |tangential part at the centroid of Σ_faces ±L_f n_f| / perimeter: the
  /// discrete divergence theorem on the sphere, Σ L n = −2∫_C x dA, is normal to the sphere at
  /// the centroid, so this is round-off for a consistent mesh.
  double max_normal_closure = 0;
};

MeshQuality mesh_quality(const SphereMesh& mesh);
void print_mesh_quality(std::ostream& out, const SphereMesh& mesh, const MeshQuality& q);

}  // namespace mf
