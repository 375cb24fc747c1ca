#pragma once
// A finite-volume mesh of the unit circle S¹, the unit sphere S², or the flat torus T².
//
// Both manifolds share one representation, so the finite-volume engine has one code path:
//  - S² (Manifold::sphere): cells are convex spherical polygons with great-circle edges,
//    vertices listed counter-clockwise seen from outside; faces are the edges.
//  - S¹ (Manifold::circle): the circle is the equator z = 0 of R³; cells are arcs listed
//    counter-clockwise (seen from +z), faces are the points between arcs, with "length" 1.
//  - T² (Manifold::torus): the square [0, 2π)² with opposite sides identified, written in the
//    plane z = 0 of R³ as (θ₁, θ₂, 0); cells are squares listed counter-clockwise, faces their
//    straight edges. Vertices on the sides θ = 2π are separate copies of those at 0 (so a VTK
//    frame draws the square); a face across a side has its cells on both sides of it. Positions
//    are compared through torus_difference (the shortest periodic difference).
//
// Every face is interior (the manifolds are closed). A face has a left and a right cell and a
// unit normal pointing from left to right; a flux through the face is positive from left to
// right. Cell "area" is the spherical area on S² and the arc length on S¹.

#include <array>
#include <stdexcept>
#include <string>
#include <vector>

#include "base/precondition.hpp"
#include "mesh/spherical_geometry.hpp"

namespace mf {

enum class Manifold { circle, sphere, torus };

/// Thrown for an invalid mesh; the message names the first offending cell and what is wrong.
class MeshError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct SphereMesh {
  Manifold manifold = Manifold::sphere;
  std::string description;  ///< e.g. "icosahedral level 4"

  // --- primal description -----------------------------------------------------------------
  std::vector<Vec3> vertices;     ///< #vertices unit vectors (z = 0 on S¹)
  std::vector<int> cell_offsets;  ///< #cells+1 CSR offsets into cell_vertices
  std::vector<int> cell_vertices; ///< counter-clockwise vertex lists (2 per arc on S¹)

  // --- cell geometry ------------------------------------------------------------------------
  std::vector<double> area;  ///< #cells exact spherical area (S²) or arc length (S¹)
  std::vector<Vec3> center;  ///< #cells unit centroid (normalized area-weighted centroid)

  // --- faces --------------------------------------------------------------------------------
  std::vector<std::array<int, 2>> face_cells;     ///< #faces [left, right] cells
  std::vector<std::array<int, 2>> face_vertices;  ///< #faces edge a→b, left cell CCW along it (S¹: {v, v})
  std::vector<double> face_length;                ///< #faces great-circle length (1 on S¹)
  std::vector<Vec3> face_midpoint;                ///< #faces unit midpoint (the point on S¹)
  std::vector<Vec3> face_normal;                  ///< #faces unit tangent normal, left → right

  // --- cell → face incidence (CSR) ------------------------------------------------------------
  std::vector<int> cell_face_offsets;  ///< #cells+1
  std::vector<int> cell_faces;         ///< faces of each cell, in vertex order
  std::vector<signed char> cell_face_sign;  ///< +1 if the cell is the face's left cell, −1 if right

  int n_cells() const { return static_cast<int>(area.size()); }
  int n_faces() const { return static_cast<int>(face_cells.size()); }
  int n_vertices() const { return static_cast<int>(vertices.size()); }
  int cell_size(int c) const {
    MF_PRECONDITION(c >= 0 && c < n_cells(), "cell " + std::to_string(c) + " of " + std::to_string(n_cells()));
    return cell_offsets[c + 1] - cell_offsets[c];
  }
  /// The cell across face f from cell c (c must be one of f's two cells).
  int neighbour(int c, int f) const {
    MF_PRECONDITION(f >= 0 && f < n_faces(), "face " + std::to_string(f) + " of " + std::to_string(n_faces()));
    MF_PRECONDITION(face_cells[f][0] == c || face_cells[f][1] == c,
                    "cell " + std::to_string(c) + " is not on face " + std::to_string(f));
    return face_cells[f][0] == c ? face_cells[f][1] : face_cells[f][0];
  }
  /// Total measure: 4π on S², 2π on S¹, 4π² on T².
  double total_measure() const;
  /// Dimension of the manifold (1 or 2); the network input dimension d is this plus one.
  int manifold_dimension() const { return manifold == Manifold::circle ? 1 : 2; }
};

/// Debug check (MF_PRECONDITION; nothing in release builds) that `mesh` is consistent, for code
/// that indexes its arrays without checks: every per-cell and per-face array has n_cells() or
/// n_faces() entries and the CSR offsets are monotone; each face has two different cells in range;
/// the cell → face CSR lists each face once from its left cell with sign +1 and once from its
/// right cell with −1; on S² the face normal points out of the left cell into the right one
/// (left centroid behind the edge's great-circle plane, right centroid in front). O(size).
void debug_check_mesh(const SphereMesh& mesh);

/// Builds and validates an S² mesh from vertices and polygon cells (each a list of vertex
/// indices). Cells given clockwise are accepted when `fix_orientation` is true (they are
/// reversed); otherwise every cell must be counter-clockwise seen from outside.
/// Rejects, naming the first offending cell: vertices off the sphere by more than 1e-9,
/// cells with fewer than 3 or repeated vertices, degenerate or non-convex cells, edges shared
/// by more than two cells or in the same direction (inconsistent orientation), open meshes
/// (an edge with one cell), and overlapping cells (total area ≠ 4π).
SphereMesh build_sphere_mesh(std::vector<Vec3> vertices, const std::vector<std::vector<int>>& cells,
                             std::string description, bool fix_orientation = false);

/// The unit circle cut into arcs at the given angles (strictly increasing, spanning less
/// than 2π, first angle anywhere).
SphereMesh build_circle_mesh(const std::vector<double>& vertex_angles, std::string description);

/// The flat torus cut into n × n equal squares of side h = 2π/n (n ≥ 3): cell i + n j is
/// [ih, (i+1)h] × [jh, (j+1)h]; face i + n j is its right side (normal +θ₁, to cell i+1), face
/// n² + i + n j its top side (normal +θ₂, to cell j+1), indices modulo n.
SphereMesh build_torus_mesh(int n, std::string description);

/// q − p on the torus of the plane z = 0: each of the first two coordinates wrapped into
/// (−π, π] (the shortest periodic difference; z is 0).
Vec3 torus_difference(const Vec3& p, const Vec3& q);

}  // namespace mf
