#pragma once
// Reads a .pvd collection as ParaView does: VTK's XML parser for the collection, VTK's XML
// reader for each frame. Used by the tests and by `measureflow` to check what it wrote.

#include <string>
#include <vector>

class vtkUnstructuredGrid;

namespace mf {

struct PvdEntry {
  double time;
  std::string file;  ///< path of the frame (resolved against the .pvd's folder)
};

/// The entries of a .pvd in file order. Throws std::runtime_error naming the file.
std::vector<PvdEntry> read_pvd(const std::string& path);

/// Reads one .vtu frame; the caller owns the result (->Delete()). Throws on failure.
vtkUnstructuredGrid* read_vtu(const std::string& path);

}  // namespace mf
