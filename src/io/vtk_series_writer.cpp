#include "io/vtk_series_writer.hpp"

#include "io/vtk_frame.hpp"

#include <vtkCellArray.h>
#include <vtkCellData.h>
#include <vtkDoubleArray.h>
#include <vtkFieldData.h>
#include <vtkIdList.h>
#include <vtkNew.h>
#include <vtkPointData.h>
#include <vtkPoints.h>
#include <vtkSmartPointer.h>
#include <vtkUnstructuredGrid.h>
#include <vtkXMLUnstructuredGridWriter.h>

#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace mf {

vtkUnstructuredGrid* make_vtk_grid(const SphereMesh& mesh) {
  vtkUnstructuredGrid* grid = vtkUnstructuredGrid::New();
  vtkNew<vtkPoints> points;
  points->SetDataTypeToDouble();
  points->SetNumberOfPoints(mesh.n_vertices());
  for (int v = 0; v < mesh.n_vertices(); ++v)
    points->SetPoint(v, mesh.vertices[v].x(), mesh.vertices[v].y(), mesh.vertices[v].z());
  grid->SetPoints(points);
  if (mesh.manifold == Manifold::circle) {  // S¹: the angle of each vertex, to plot fields against it
    vtkNew<vtkDoubleArray> angle;
    angle->SetName("angle");
    angle->SetNumberOfTuples(mesh.n_vertices());
    for (int v = 0; v < mesh.n_vertices(); ++v) {
      const double a = std::atan2(mesh.vertices[v].y(), mesh.vertices[v].x());
      angle->SetValue(v, a < 0.0 ? a + 2.0 * M_PI : a);
    }
    grid->GetPointData()->AddArray(angle);
  }
  grid->Allocate(mesh.n_cells());
  vtkNew<vtkIdList> ids;
  const int type = mesh.manifold == Manifold::circle ? VTK_LINE : VTK_POLYGON;
  for (int c = 0; c < mesh.n_cells(); ++c) {
    ids->Reset();
    for (int k = mesh.cell_offsets[c]; k < mesh.cell_offsets[c + 1]; ++k) ids->InsertNextId(mesh.cell_vertices[k]);
    grid->InsertNextCell(type, ids);
  }
  return grid;
}

VtkSeriesWriter::VtkSeriesWriter(const SphereMesh& mesh, std::filesystem::path directory, std::string basename,
                                 FileRegistry* registry)
    : mesh_(mesh), directory_(std::move(directory)), basename_(std::move(basename)), grid_(make_vtk_grid(mesh)),
      pvd_(directory_ / (basename_ + ".pvd"), registry) {}

VtkSeriesWriter::~VtkSeriesWriter() { grid_->Delete(); }

void VtkSeriesWriter::write_frame(double time, const std::vector<CellField>& fields) {
  vtkNew<vtkUnstructuredGrid> frame;
  frame->ShallowCopy(grid_);
  for (const CellField& f : fields) {
    vtkNew<vtkDoubleArray> a;
    a->SetName(f.name.c_str());
    a->SetNumberOfComponents(f.components);
    a->SetNumberOfTuples(mesh_.n_cells());
    std::copy(f.data, f.data + static_cast<std::size_t>(mesh_.n_cells()) * f.components, a->GetPointer(0));
    frame->GetCellData()->AddArray(a);
  }
  vtkNew<vtkXMLUnstructuredGridWriter> writer;
  write_vtk_frame(*writer, *frame, time, directory_, basename_, "vtu", pvd_);
}

}  // namespace mf
