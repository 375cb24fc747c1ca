#include "io/trajectory_writer.hpp"

#include <vtkCellArray.h>
#include <vtkCellData.h>
#include <vtkDoubleArray.h>
#include <vtkNew.h>
#include <vtkPointData.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkXMLPolyDataWriter.h>

#include <stdexcept>
#include <string>

#include "io/vtk_frame.hpp"

namespace mf {

TrajectoryWriter::TrajectoryWriter(std::filesystem::path path, FileRegistry* registry)
    : path_(std::move(path)), registry_(registry) {}

void TrajectoryWriter::add_frame(double time, const Eigen::Matrix3Xd& points, const Eigen::VectorXd& sign) {
  if (!frames_.empty() && points.cols() != frames_.front().cols())
    throw std::invalid_argument(path_.string() + ": a frame of " + std::to_string(points.cols()) +
                                " particles after frames of " + std::to_string(frames_.front().cols()));
  times_.push_back(time);
  frames_.push_back(points);
  sign_ = sign;
  const vtkIdType m = static_cast<vtkIdType>(points.cols()), n = static_cast<vtkIdType>(frames_.size());
  vtkNew<vtkPolyData> poly;
  vtkNew<vtkPoints> pts;
  pts->SetDataTypeToDouble();
  pts->SetNumberOfPoints(m * n);
  vtkNew<vtkDoubleArray> t;
  t->SetName("time");
  t->SetNumberOfTuples(m * n);
  vtkNew<vtkCellArray> lines;
  vtkNew<vtkDoubleArray> s;
  s->SetName("sign");
  std::vector<vtkIdType> ids(static_cast<std::size_t>(n));
  for (vtkIdType j = 0; j < m; ++j) {  // particle j's points are j·n … j·n + n − 1, in time order
    for (vtkIdType k = 0; k < n; ++k) {
      const Eigen::Matrix3Xd& f = frames_[static_cast<std::size_t>(k)];
      pts->SetPoint(j * n + k, f(0, j), f(1, j), f(2, j));
      t->SetValue(j * n + k, times_[static_cast<std::size_t>(k)]);
      ids[static_cast<std::size_t>(k)] = j * n + k;
    }
    lines->InsertNextCell(n, ids.data());
    s->InsertNextValue(sign_[j]);
  }
  poly->SetPoints(pts);
  // A path of one point is a vertex (VTK's writer cannot type a one-point polyline).
  if (n > 1) poly->SetLines(lines);
  else poly->SetVerts(lines);
  poly->GetPointData()->AddArray(t);
  poly->GetCellData()->AddArray(s);
  vtkNew<vtkXMLPolyDataWriter> writer;
  write_vtk_file(*writer, *poly, path_, registry_);
}

}  // namespace mf
