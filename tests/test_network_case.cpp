// Network case files: the bad inputs a researcher meets first fail with file, line, key and
// what would be valid; nothing runs or is written.

#include <gtest/gtest.h>

#include "app/network_case.hpp"
#include "app/network_setup.hpp"
#include "figures/csv_columns.hpp"
#include "io/input_error.hpp"
#include "io/teacher_file.hpp"
#include "io/toml_reader.hpp"
#include "mesh/mesh_generators.hpp"
#include "test_support.hpp"

namespace mf {
namespace {

const char* kValid = R"([mesh]
type = "circle"
n = 64

[model]
loss = "square"

[data]
type = "population"

[teacher]
angles = [0.3, 1.5]
weights = [1.0, -0.8]

[flow]
type = "wfr"

[initial.plus]
type = "uniform"
mass = 1.0

[initial.minus]
type = "uniform"
mass = 1.0

[time]
end = 1.0
)";

// The message of the first error reading and setting up the case ("" if none).
std::string error_of(const std::string& text, const TempDir& dir) {
  try {
    const NetworkCase c = read_network_case(TomlDocument(dir.write("net.toml", text)));
    make_network_problem(c);
    return "";
  } catch (const std::exception& e) {
    return e.what();
  }
}

TEST(NetworkCase, AValidCaseReadsAndSetsUp) {
  const TempDir dir;
  EXPECT_EQ(error_of(kValid, dir), "");
}

TEST(NetworkCase, UnknownLossListsTheValidOnes) {
  const TempDir dir;
  const std::string e = error_of(replace(kValid, "loss = \"square\"", "loss = \"hinge\""), dir);
  EXPECT_NE(e.find("net.toml:6: key 'model.loss': unknown value \"hinge\"; valid: \"square\", \"logistic\""), std::string::npos) << e;
}

TEST(NetworkCase, ExponentialLossIsForPlainNetworksOnly) {
  const TempDir dir;
  const std::string e = error_of(replace(kValid, "loss = \"square\"", "loss = \"exponential\""), dir);
  EXPECT_NE(e.find("net.toml:6: key 'model.loss': the exponential loss has no smoothness bound"), std::string::npos) << e;
}

TEST(NetworkCase, HarmonicPotentialOffTheSphereOrWithDataIsNamed) {
  const TempDir dir;
  const std::string scheme = "[scheme]\npotential = \"harmonic\"\n\n[time]";
  const std::string circle = error_of(replace(kValid, "[time]", scheme), dir);
  EXPECT_NE(circle.find("net.toml:27: key 'scheme.potential': \"harmonic\" needs a sphere mesh"), std::string::npos) << circle;
  const std::string tolerance =
      error_of(replace(kValid, "[time]", "[scheme]\npotential_tolerance = 0.5\n\n[time]"), dir);
  EXPECT_NE(tolerance.find("key 'scheme.potential_tolerance'"), std::string::npos) << tolerance;
}

TEST(NetworkCase, DimensionNotMatchingTheMeshIsNamed) {
  const TempDir dir;
  const std::string e = error_of(replace(kValid, "loss = \"square\"", "loss = \"square\"\ndimension = 3"), dir);
  EXPECT_NE(e.find("key 'model.dimension': d = 3 does not match the mesh: a circle mesh is S¹, d = 2"), std::string::npos) << e;
}

TEST(NetworkCase, TeacherNeuronsWithWrongColumnsAreNamed) {
  const TempDir dir;
  const std::string e = error_of(replace(kValid, "angles = [0.3, 1.5]\nweights = [1.0, -0.8]",
                                         "neurons = [[1.0, 0.0, 1.0], [0.5, 1.0, 0.0, 2.0]]"), dir);
  EXPECT_NE(e.find("key 'teacher.neurons': neuron 2 has 4 numbers; on this mesh (d = 2) a neuron is [a, b1, …, b2] (3 numbers)"),
            std::string::npos) << e;
}

TEST(NetworkCase, NonHomogeneousActivationSaysWhy) {
  const TempDir dir;
  const std::string e = error_of(replace(kValid, "loss = \"square\"", "loss = \"square\"\nactivation = \"tanh\""), dir);
  EXPECT_NE(e.find("not positively 1-homogeneous"), std::string::npos) << e;
}

TEST(NetworkCase, LogisticLossWithoutDataSaysWhatToUse) {
  const TempDir dir;
  const std::string e = error_of(replace(kValid, "loss = \"square\"", "loss = \"logistic\""), dir);
  EXPECT_NE(e.find("the logistic loss has no closed-form population kernel"), std::string::npos) << e;
}

TEST(NetworkCase, NegativeMassInAnInitialDensityFileIsNamed) {
  const TempDir dir;
  std::string csv = "cell,density_plus,density_minus\n";
  for (int c = 0; c < 64; ++c) csv += std::to_string(c) + (c == 5 ? ",-0.25,1\n" : ",1,1\n");
  dir.write("init.csv", csv);
  std::string text = replace(kValid, "[initial.plus]\ntype = \"uniform\"\nmass = 1.0\n\n[initial.minus]\ntype = \"uniform\"\nmass = 1.0\n",
                             "[initial]\nfile = \"init.csv\"\n");
  const std::string e = error_of(text, dir);
  EXPECT_NE(e.find("init.csv:7: density_plus = -0.25 is negative"), std::string::npos) << e;
  dir.write("init.csv", replace(csv, "0,1,1\n", "0,1,1\n\n"));  // a blank line moves the row down
  const std::string blank = error_of(text, dir);
  EXPECT_NE(blank.find("init.csv:8: density_plus = -0.25 is negative"), std::string::npos) << blank;
}

TEST(NetworkCase, DataFileWithWrongColumnsIsNamed) {
  const TempDir dir;
  dir.write("data.csv", "x1,x2,y\n1,0,1\n0,1\n");
  const std::string e = error_of(replace(kValid, "type = \"population\"", "type = \"file\"\nfile = \"data.csv\""), dir);
  EXPECT_NE(e.find("data.csv:3: has 2 columns; expected 3 (x1..x2, y)"), std::string::npos) << e;
}

}  // namespace
}  // namespace mf

#include <vtkCellData.h>
#include <vtkDataArray.h>
#include <vtkPointData.h>
#include <vtkPolyData.h>
#include <vtkSmartPointer.h>
#include <vtkUnstructuredGrid.h>
#include <vtkXMLPolyDataReader.h>

#include <sstream>

#include "app/network_grid_run.hpp"
#include "io/pvd_reader.hpp"

namespace mf {
namespace {

// A network run's .pvd opens with VTK's readers as a time series whose frames carry the
// fields of both signs, and the mass concentrates (fewer cells hold 99 % of it).
TEST(NetworkRun, PvdOpensWithVtkReadersAndTheMassConcentrates) {
  const TempDir dir;
  std::string text = kValid;
  text.replace(text.find("end = 1.0"), 9, "end = 10.0\noutputs = 4");
  const std::string file = dir.write("net.toml", text);
  RunOptions o;
  o.output_directory = (dir.path / "run").string();
  o.progress = false;
  std::ostringstream out, err;

  ASSERT_EQ(run_network_case(read_network_case(TomlDocument(file)), o, out, err), 0) << err.str();
  const auto entries = read_pvd((dir.path / "run" / "net.pvd").string());

  ASSERT_EQ(entries.size(), 5u);
  EXPECT_EQ(entries.back().time, 10.0);
  for (const auto& e : entries) {
    auto grid = vtkSmartPointer<vtkUnstructuredGrid>::Take(read_vtu(e.file));
    EXPECT_EQ(grid->GetNumberOfCells(), 64);
    for (const char* name : {"density_plus", "density_minus", "density", "potential", "growth_plus", "growth_minus"})
      EXPECT_NE(grid->GetCellData()->GetArray(name), nullptr) << name;
    EXPECT_EQ(grid->GetCellData()->GetArray("velocity_plus")->GetNumberOfComponents(), 3);
  }
  std::ifstream csv(dir.path / "run" / "diagnostics.csv");
  std::string header, line, first, last;
  std::getline(csv, header);
  std::getline(csv, first);
  while (std::getline(csv, line)) last = line;
  auto column = [](const std::string& row, int k) {
    std::stringstream s(row);
    std::string cell;
    for (int i = 0; i <= k; ++i) std::getline(s, cell, ',');
    return std::stod(cell);
  };
  EXPECT_EQ(header.substr(0, 40), "time,step,loss,penalized_loss,mass_plus,");
  EXPECT_LT(column(last, 2), 0.1 * column(first, 2));  // J falls
  EXPECT_LT(column(last, 8), column(first, 8));        // support_cells shrinks
}

// The teacher as data: a run writes teacher.csv (random teachers too) and teacher.vtp, and
// [teacher] file = that CSV reproduces the run (J to 1e-14: b is renormalized on reading); a
// malformed teacher file is refused with its file and line.
TEST(NetworkRun, WritesItsTeacherAndTheTeacherFileReproducesIt) {
  const TempDir dir;
  std::string text = replace(kValid, "angles = [0.3, 1.5]\nweights = [1.0, -0.8]", "random = 4\nseed = 9");
  text = replace(text, "end = 1.0", "end = 0.5\noutputs = 1\n[output]\nplot = false");
  RunOptions o;
  o.progress = false;
  std::ostringstream out, err;
  o.output_directory = (dir.path / "random").string();
  ASSERT_EQ(run_network_case(read_network_case(TomlDocument(dir.write("random.toml", text))), o, out, err), 0) << err.str();
  const std::string teacher_csv = (dir.path / "random" / "teacher.csv").string();
  const Eigen::MatrixXd rows = read_teacher_csv(teacher_csv, 2);
  ASSERT_EQ(rows.rows(), 4);
  const Measure expected = random_teacher(2, 4, 9);
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(rows(i, 0), expected.weights[i]);
    EXPECT_EQ(rows(i, 1), expected.directions(0, i));
    EXPECT_EQ(rows(i, 2), expected.directions(1, i));
  }
  vtkNew<vtkXMLPolyDataReader> vtp;
  vtp->SetFileName((dir.path / "random" / "teacher.vtp").string().c_str());
  vtp->Update();
  ASSERT_EQ(vtp->GetOutput()->GetNumberOfPoints(), 4);
  EXPECT_EQ(vtp->GetOutput()->GetPointData()->GetArray("weight")->GetTuple1(3), expected.weights[3]);

  const std::string from_file = replace(text, "random = 4\nseed = 9", "file = \"" + teacher_csv + "\"");
  o.output_directory = (dir.path / "file").string();
  ASSERT_EQ(run_network_case(read_network_case(TomlDocument(dir.write("file.toml", from_file))), o, out, err), 0) << err.str();
  const CsvColumns a((dir.path / "random" / "diagnostics.csv").string()), b((dir.path / "file" / "diagnostics.csv").string());
  ASSERT_EQ(a.rows(), b.rows());
  for (std::size_t k = 0; k < a.rows(); ++k) EXPECT_NEAR(a.column("loss")[k], b.column("loss")[k], 1e-14 * a.column("loss")[k]);

  std::ofstream((dir.path / "bad.csv").string()) << "a,b1,b2\n1,0,0\n";
  const std::string bad = replace(text, "random = 4\nseed = 9", "file = \"" + (dir.path / "bad.csv").string() + "\"");
  try {
    read_network_case(TomlDocument(dir.write("bad.toml", bad)));
    ADD_FAILURE() << "a teacher neuron with b = 0 was accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("bad.csv:2: the neuron has b = 0"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace mf
