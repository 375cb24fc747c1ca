#pragma once
// ParaView output of cell fields on a mesh: one .vtu per frame (the mesh's cells, CellData
// arrays, FieldData TIME) and a .pvd collection rewritten atomically after every frame, so an
// interrupted run stays viewable as a time series.

#include <filesystem>
#include <string>
#include <vector>

#include "io/pvd_collection.hpp"
#include "mesh/sphere_mesh.hpp"

class vtkUnstructuredGrid;

namespace mf {

/// A named cell array: #cells × components values, row-major (components of a cell together).
struct CellField {
  std::string name;
  int components = 1;
  const double* data = nullptr;
};

/// The mesh as a VTK grid: points = vertices; cells = VTK_POLYGON on S², VTK_LINE on S¹ (with
/// PointData `angle` ∈ [0, 2π) on S¹).
/// The caller owns the result (call ->Delete(), or wrap in vtkSmartPointer::Take).
vtkUnstructuredGrid* make_vtk_grid(const SphereMesh& mesh);

class VtkSeriesWriter {
 public:
  /// Frames go to directory/basename_NNNNNN.vtu, the collection to directory/basename.pvd;
  /// each file is announced to `registry` (may be null) before it is written.
  VtkSeriesWriter(const SphereMesh& mesh, std::filesystem::path directory, std::string basename,
                  FileRegistry* registry = nullptr);
  ~VtkSeriesWriter();
  VtkSeriesWriter(const VtkSeriesWriter&) = delete;
  VtkSeriesWriter& operator=(const VtkSeriesWriter&) = delete;

  /// Writes one frame and rewrites the .pvd. Throws WriteError naming the file.
  void write_frame(double time, const std::vector<CellField>& fields);

  std::filesystem::path pvd_path() const { return pvd_.path(); }

 private:
  const SphereMesh& mesh_;
  std::filesystem::path directory_;
  std::string basename_;
  vtkUnstructuredGrid* grid_;
  PvdCollection pvd_;
};

}  // namespace mf
