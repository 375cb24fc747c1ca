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

void VtpParticleWriter::write_frame(double time, const Eigen::MatrixXd& positions, const Eigen::VectorXd& mass,
                                    const Eigen::VectorXd& sign, const std::vector<PointField>& fields,
                                    const Eigen::VectorXd* lift) {
  const int m = static_cast<int>(positions.cols()), d = static_cast<int>(positions.rows());
  vtkNew<vtkPolyData> poly;
  vtkNew<vtkPoints> points;
  points->SetDataTypeToDouble();
  points->SetNumberOfPoints(2 * m);
  vtkNew<vtkCellArray> verts;
  for (int j = 0; j < m; ++j) {
    double p[3] = {0.0, 0.0, 0.0};
    const Eigen::VectorXd u = positions.col(j).normalized();
    for (int r = 0; r < d && r < 3; ++r) p[r] = u[r];
    points->SetPoint(j, p);
    for (double& x : p) x *= lift ? (*lift)[j] : mass[j];
    points->SetPoint(m + j, p);
  }
  for (vtkIdType k = 0; k < 2 * m; ++k) verts->InsertNextCell(1, &k);
  poly->SetPoints(points);
  poly->SetVerts(verts);
  auto add = [&](const std::string& name, int components, auto value) {
    vtkNew<vtkDoubleArray> a;
    a->SetName(name.c_str());
    a->SetNumberOfComponents(components);
    a->SetNumberOfTuples(2 * m);
    for (int k = 0; k < 2 * m; ++k)
      for (int c = 0; c < components; ++c) a->SetComponent(k, c, value(k % m, c, k >= m));
    poly->GetPointData()->AddArray(a);
  };
  add("mass", 1, [&](int j, int, bool) { return mass[j]; });
  add("sign", 1, [&](int j, int, bool) { return sign[j]; });
  add("lifted", 1, [&](int, int, bool lifted) { return lifted ? 1.0 : 0.0; });
  for (const PointField& f : fields)
    add(f.name, f.components, [&](int j, int c, bool) { return f.data[static_cast<std::size_t>(j) * f.components + c]; });
  vtkNew<vtkXMLPolyDataWriter> writer;
  write_vtk_frame(*writer, *poly, time, directory_, basename_, "vtp", pvd_);
}

}  // namespace mf
