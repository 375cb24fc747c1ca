#include "io/teacher_file.hpp"

#include <vtkCellArray.h>
#include <vtkDoubleArray.h>
#include <vtkNew.h>
#include <vtkPointData.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkXMLPolyDataWriter.h>

#include "io/input_error.hpp"
#include "io/number_table.hpp"
#include "io/vtk_frame.hpp"

namespace mf {

namespace {

std::vector<std::string> teacher_columns(int d) {
  std::vector<std::string> columns = {"a"};
  for (const std::string& b : numbered_columns("b", d)) columns.push_back(b);
  return columns;
}

}  // namespace

void write_teacher_csv(const Eigen::MatrixXd& directions, const Eigen::VectorXd& weights, const std::string& path) {
  const int d = static_cast<int>(directions.rows());
  Eigen::MatrixXd rows(weights.size(), d + 1);
  rows.col(0) = weights;
  rows.rightCols(d) = directions.transpose();
  write_number_table(path, teacher_columns(d), rows);
}

void write_teacher_vtp(const Eigen::MatrixXd& directions, const Eigen::VectorXd& weights, const std::string& path,
                       FileRegistry* registry) {
  const vtkIdType k = static_cast<vtkIdType>(weights.size());
  vtkNew<vtkPolyData> poly;
  vtkNew<vtkPoints> points;
  points->SetDataTypeToDouble();
  vtkNew<vtkCellArray> verts;
  vtkNew<vtkDoubleArray> weight;
  weight->SetName("weight");
  for (vtkIdType j = 0; j < k; ++j) {
    double p[3] = {0.0, 0.0, 0.0};
    for (Eigen::Index r = 0; r < directions.rows() && r < 3; ++r) p[r] = directions(r, j);
    points->InsertNextPoint(p);
    verts->InsertNextCell(1, &j);
    weight->InsertNextValue(weights[j]);
  }
  poly->SetPoints(points);
  poly->SetVerts(verts);
  poly->GetPointData()->AddArray(weight);
  vtkNew<vtkXMLPolyDataWriter> writer;
  write_vtk_file(*writer, *poly, path, registry);
}

Eigen::MatrixXd read_teacher_csv(const std::string& path, int d) {
  std::vector<int> lines;
  std::string layout = "a, b1..b" + std::to_string(d) + " (one teacher neuron per line)";
  Eigen::MatrixXd rows = read_number_table(path, teacher_columns(d), layout, &lines);
  for (Eigen::Index i = 0; i < rows.rows(); ++i)
    if (rows.row(i).tail(d).squaredNorm() == 0.0)
      throw InputError(path + ":" + std::to_string(lines[static_cast<std::size_t>(i)]) +
                       ": the neuron has b = 0 (no direction)");
  return rows;
}

}  // namespace mf
