#include "io/vtu_mesh.hpp"

#include <vtkCell.h>
#include <vtkCellData.h>
#include <vtkDoubleArray.h>
#include <vtkIdList.h>
#include <vtkNew.h>
#include <vtkSmartPointer.h>
#include <vtkUnstructuredGrid.h>
#include <vtkXMLUnstructuredGridReader.h>
#include <vtkXMLUnstructuredGridWriter.h>

#include <filesystem>
#include <stdexcept>

#include "io/vtk_series_writer.hpp"

namespace mf {

void write_mesh_vtu(const SphereMesh& mesh, const std::string& path) {
  auto grid = vtkSmartPointer<vtkUnstructuredGrid>::Take(make_vtk_grid(mesh));
  vtkNew<vtkDoubleArray> area, center;
  area->SetName("area");
  area->SetNumberOfTuples(mesh.n_cells());
  center->SetName("center");
  center->SetNumberOfComponents(3);
  center->SetNumberOfTuples(mesh.n_cells());
  for (int c = 0; c < mesh.n_cells(); ++c) {
    area->SetValue(c, mesh.area[c]);
    center->SetTuple3(c, mesh.center[c].x(), mesh.center[c].y(), mesh.center[c].z());
  }
  grid->GetCellData()->AddArray(area);
  grid->GetCellData()->AddArray(center);
  vtkNew<vtkXMLUnstructuredGridWriter> writer;
  writer->SetFileName(path.c_str());
  writer->SetInputData(grid);
  writer->SetDataModeToAppended();
  writer->EncodeAppendedDataOff();
  writer->SetCompressorTypeToZLib();
  if (writer->Write() != 1) throw std::runtime_error(path + ": VTK could not write the mesh");
}

SphereMesh read_mesh_vtu(const std::string& path) {
  if (!std::filesystem::is_regular_file(path)) throw MeshError(path + ": no such mesh file");
  vtkNew<vtkXMLUnstructuredGridReader> reader;
  if (!reader->CanReadFile(path.c_str()))
    throw MeshError(path + ": not a VTK XML unstructured grid (.vtu) file");
  reader->SetFileName(path.c_str());
  reader->Update();
  vtkUnstructuredGrid* grid = reader->GetOutput();
  if (!grid || grid->GetNumberOfCells() == 0) throw MeshError(path + ": the file holds no cells");
  std::vector<Vec3> vertices(grid->GetNumberOfPoints());
  for (vtkIdType i = 0; i < grid->GetNumberOfPoints(); ++i) {
    double p[3];
    grid->GetPoint(i, p);
    vertices[i] = Vec3(p[0], p[1], p[2]);
  }
  std::vector<std::vector<int>> cells(grid->GetNumberOfCells());
  vtkNew<vtkIdList> ids;
  for (vtkIdType c = 0; c < grid->GetNumberOfCells(); ++c) {
    const int type = grid->GetCellType(c);
    if (type != VTK_POLYGON && type != VTK_TRIANGLE && type != VTK_QUAD)
      throw MeshError(path + ": cell " + std::to_string(c) + " has VTK cell type " + std::to_string(type) +
                      "; a sphere mesh needs polygons, triangles or quads");
    grid->GetCellPoints(c, ids);
    for (vtkIdType k = 0; k < ids->GetNumberOfIds(); ++k) cells[c].push_back(static_cast<int>(ids->GetId(k)));
  }
  try {
    return build_sphere_mesh(std::move(vertices), cells, "file " + std::filesystem::path(path).filename().string(),
                             /*fix_orientation=*/true);
  } catch (const MeshError& e) {
    throw MeshError(path + ": " + e.what());
  }
}

}  // namespace mf
