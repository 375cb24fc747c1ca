#pragma once
// Meshes as VTK .vtu files: what `measureflow mesh` writes and what a user mesh is read from.

#include <string>

#include "mesh/sphere_mesh.hpp"

namespace mf {

/// Writes the mesh (CellData: area, center) to a .vtu. Throws std::runtime_error naming the path.
void write_mesh_vtu(const SphereMesh& mesh, const std::string& path);

/// Reads a user S² mesh: points on the unit sphere (|‖p‖ − 1| ≤ 1e-9), polygon/triangle/quad
/// cells. Cells may be listed clockwise or counter-clockwise (each is oriented outward), but
/// the mesh must be closed, consistently oriented, non-degenerate, convex and non-overlapping.
/// Throws MeshError "path: cell N …" naming the first offending cell.
SphereMesh read_mesh_vtu(const std::string& path);

}  // namespace mf
