#include "io/vtp_particle_writer.hpp"

#include "io/vtk_frame.hpp"

#include <vtkCellArray.h>
#include <vtkDoubleArray.h>
#include <vtkNew.h>
#include <vtkPointData.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkXMLPolyDataWriter.h>


namespace mf {

VtpParticleWriter::VtpParticleWriter(std::filesystem::path directory, std::string basename, FileRegistry* registry)
    : directory_(std::move(directory)), basename_(std::move(basename)), pvd_(directory_ / (basename_ + ".pvd"), registry) {}

void VtpParticleWriter::write_frame(double time, const Eigen::Matrix3Xd& positions, const Eigen::VectorXd& mass,
                                    const Eigen::VectorXd& sign, const std::vector<PointField>& fields) {
  const vtkIdType m = static_cast<vtkIdType>(positions.cols());
  vtkNew<vtkPolyData> poly;
  vtkNew<vtkPoints> points;
  points->SetDataTypeToDouble();
  points->SetNumberOfPoints(m);
  vtkNew<vtkCellArray> verts;
  for (vtkIdType j = 0; j < m; ++j) {
    points->SetPoint(j, positions(0, j), positions(1, j), positions(2, j));
    verts->InsertNextCell(1, &j);
  }
  poly->SetPoints(points);
  poly->SetVerts(verts);
  auto add = [&](const std::string& name, int components, auto value) {
    vtkNew<vtkDoubleArray> a;
    a->SetName(name.c_str());
    a->SetNumberOfComponents(components);
    a->SetNumberOfTuples(m);
    for (vtkIdType j = 0; j < m; ++j)
      for (int c = 0; c < components; ++c) a->SetComponent(j, c, value(j, c));
    poly->GetPointData()->AddArray(a);
  };
  add("mass", 1, [&](vtkIdType j, int) { return mass[j]; });
  add("sign", 1, [&](vtkIdType j, int) { return sign[j]; });
  add("signed_mass", 1, [&](vtkIdType j, int) { return sign[j] * mass[j]; });
  for (const PointField& f : fields)
    add(f.name, f.components, [&](vtkIdType j, int c) { return f.data[static_cast<std::size_t>(j) * f.components + c]; });
  vtkNew<vtkXMLPolyDataWriter> writer;
  write_vtk_frame(*writer, *poly, time, directory_, basename_, "vtp", pvd_);
}

}  // namespace mf
