// A run's directory: frames and .pvd read back with VTK's XML readers, CSV rows, summary;
// refusal to overwrite, unwritable directories, and an interrupted run staying readable.

#include <gtest/gtest.h>

#include <vtkCellData.h>
#include <vtkDataArray.h>
#include <vtkFieldData.h>
#include <vtkSmartPointer.h>
#include <vtkUnstructuredGrid.h>

#include <fstream>
#include <sstream>

#include "app/run_case.hpp"
#include "io/pvd_reader.hpp"
#include "io/toml_reader.hpp"
#include "test_support.hpp"

namespace mf {
namespace {

const char* kCase = R"([mesh]
type = "icosahedral"
level = 2

[time]
end = 0.5
output_times = [0.125, 0.25]

[initial]
type = "cosine_bell"
radius = 0.6

[flow]
type = "solid_body_rotation"
speed = 2.0
tilt_deg = 30.0
)";

int run(const std::string& case_file, const std::string& out_dir, bool overwrite, std::string* err_text = nullptr) {
  std::ostringstream out, err;
  RunOptions o;
  o.output_directory = out_dir;
  o.overwrite = overwrite;
  o.progress = false;
  const int code = run_transport_case(read_transport_case(case_file), o, out, err);
  if (err_text) *err_text = err.str();
  return code;
}

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(RunOutput, PvdOpensAsATimeSeriesWithVtkReaders) {
  const TempDir dir;
  const std::string file = dir.write("rot.toml", kCase);
  const auto out = dir.path / "run";

  ASSERT_EQ(run(file, out.string(), false), 0);
  const auto entries = read_pvd((out / "rot.pvd").string());

  ASSERT_EQ(entries.size(), 4u);  // 0, 0.125, 0.25, 0.5
  const double times[] = {0.0, 0.125, 0.25, 0.5};
  for (std::size_t k = 0; k < entries.size(); ++k) {
    EXPECT_EQ(entries[k].time, times[k]);
    auto grid = vtkSmartPointer<vtkUnstructuredGrid>::Take(read_vtu(entries[k].file));
    EXPECT_EQ(grid->GetNumberOfCells(), 320);
    vtkDataArray* rho = grid->GetCellData()->GetArray("density");
    ASSERT_NE(rho, nullptr);
    EXPECT_NE(grid->GetCellData()->GetArray("velocity"), nullptr);
    EXPECT_EQ(grid->GetCellData()->GetArray("velocity")->GetNumberOfComponents(), 3);
    EXPECT_NE(grid->GetCellData()->GetArray("exact"), nullptr);
    vtkDataArray* time = grid->GetFieldData()->GetArray("TIME");
    ASSERT_NE(time, nullptr);
    EXPECT_EQ(time->GetTuple1(0), times[k]);
  }
  // Case copy, CSV with a row per output time, complete summary.
  EXPECT_EQ(slurp(out / "case.toml"), kCase);
  const std::string csv = slurp(out / "diagnostics.csv");
  EXPECT_EQ(csv.rfind("time,step,mass,mass_drift,min_density,max_density,l1,l2,linf", 0), 0u) << csv;
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 5);
  EXPECT_NE(slurp(out / "summary.txt").find("status: complete"), std::string::npos);
}

TEST(RunOutput, RefusesToOverwriteAnEarlierRunUnlessAsked) {
  const TempDir dir;
  const std::string file = dir.write("rot.toml", kCase);
  const auto out = (dir.path / "run").string();
  ASSERT_EQ(run(file, out, false), 0);

  try {
    run(file, out, false);
    FAIL() << "expected a refusal";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("holds an earlier run; pass --overwrite"), std::string::npos) << e.what();
  }
  EXPECT_EQ(run(file, out, true), 0);
}

TEST(RunOutput, RerunningARunsOwnCaseFileIntoItsDirectoryWorks) {
  const TempDir dir;
  const std::string file = dir.write("rot.toml", kCase);
  const auto out = dir.path / "run";
  ASSERT_EQ(run(file, out.string(), false), 0);

  EXPECT_EQ(run((out / "case.toml").string(), out.string(), true), 0);

  EXPECT_EQ(slurp(out / "case.toml"), kCase);
}

TEST(RunOutput, UnwritableDirectoryFailsBeforeTheRun) {
  const TempDir dir;
  const std::string file = dir.write("rot.toml", kCase);
  const std::string blocker = dir.write("blocker", "a file, not a directory");
  try {
    run(file, blocker + "/run", false);
    FAIL();
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("cannot create output directory"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(std::filesystem::exists(blocker + "/run"));
}

TEST(RunOutput, AStoppedRunKeepsItsFramesReadableAndSaysWhy) {
  const TempDir dir;
  // A fixed dt far above the Courant limit: the frame at t = 0 is written, then the first step
  // stops the run.
  std::string text = kCase;
  text.replace(text.find("output_times"), 0, "dt = 0.2\n");
  const std::string file = dir.write("rot.toml", text);
  const auto out = dir.path / "run";
  std::string err;

  EXPECT_EQ(run(file, out.string(), false, &err), 3);

  EXPECT_NE(err.find("CFL violation"), std::string::npos) << err;
  const auto entries = read_pvd((out / "rot.pvd").string());
  ASSERT_EQ(entries.size(), 1u);
  auto grid = vtkSmartPointer<vtkUnstructuredGrid>::Take(read_vtu(entries[0].file));
  EXPECT_EQ(grid->GetNumberOfCells(), 320);
  EXPECT_NE(slurp(out / "summary.txt").find("status: stopped: CFL violation"), std::string::npos);
}

}  // namespace
}  // namespace mf
