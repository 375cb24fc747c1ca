#pragma once
// Meshes as VTK .vtu files: what `measureflow mesh` writes and what a user mesh is read from.

#include <cstdint>
#include <string>

#include "mesh/sphere_mesh.hpp"

namespace mf {

/// Writes the mesh (CellData: area, center) to a .vtu. Throws std::runtime_error naming the path.
void write_mesh_vtu(const SphereMesh& mesh, const std::string& path);

/// Reads a user S² mesh: points on the unit sphere (|‖p‖ − 1| ≤ 1e-9), polygon/triangle/quad
/// cells. Cells may be listed clockwise or counter-clockwise (each is oriented outward), but
/// the mesh must be closed, consistently oriented, non-degenerate, convex and non-overlapping.
/// Throws MeshError "path: cell N …" naming the first offending cell (also a cell that refers
/// to a point the file does not have). Before VTK reads the file, the points and cells its
/// <Piece> tags declare are checked: more than 2^31 − 1, or more than the available memory
/// can hold (about 48 bytes per point and 300 per cell at least), throw MeshError
/// "path:line: …" with the counts and the memory they would need.
SphereMesh read_mesh_vtu(const std::string& path);

/// The memory this process can still use, in bytes, and where that figure comes from:
/// MemAvailable in /proc/meminfo, else the physical memory (sysconf); UINT64_MAX if neither.
struct AvailableMemory {
  std::uint64_t bytes;
  std::string source;
};
AvailableMemory available_memory();

}  // namespace mf
