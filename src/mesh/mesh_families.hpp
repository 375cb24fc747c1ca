#pragma once
// The registry of generated mesh families: every place that makes a mesh from a name and a
// size — case files ([mesh] type, and its size key), `measureflow mesh`, `compare` and the
// validation studies — looks the family up here. A new family is one entry here (and its
// generator in mesh_generators.hpp).

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "mesh/sphere_mesh.hpp"

namespace mf {

struct MeshFamily {
  std::string name;       ///< as in case files: [mesh] type = "…"
  std::string size_key;   ///< the [mesh] key of its size: "level" or "n"
  int min_size, max_size;
  int default_size;       ///< `measureflow mesh` without a size
  std::string size_doc;   ///< what the size counts
  Manifold manifold;      ///< S¹ (d = 2), S² (d = 3) or the torus T² (deconvolution, d = 4)
  SphereMesh (*generate)(int size);
  long long (*cells)(int size);  ///< the number of cells at a size (without generating the mesh)
  std::string doc;
  /// Bytes a run holds per cell (mesh, solver state and stages, fields), for the memory check
  /// before a run allocates: about twice the measured peak RSS per cell (teacher_circle at
  /// n = 65,536: 0.9 KB/cell; teacher_sphere on hexagonal levels 5 and 6: 1.6–1.8 KB/cell).
  double bytes_per_cell;

  /// The mean cell size: 2π/N on S¹, √(4π/N) on S², √(4π²/N) on T².
  double spacing(int size) const;
  /// std::runtime_error naming `key` (e.g. "mesh.n"), the size and the memory it would need,
  /// when that exceeds the memory this machine has available.
  void check_fits_in_memory(int size, const std::string& key) const;
};

const std::vector<MeshFamily>& mesh_families();
/// The family named `name`; std::invalid_argument listing the names otherwise.
const MeshFamily& mesh_family(std::string_view name);
std::vector<std::string> mesh_family_names();

/// The memory this machine can give a run now, in bytes (MemAvailable of /proc/meminfo, or the
/// physical memory where that cannot be read).
double available_memory_bytes();

}  // namespace mf
