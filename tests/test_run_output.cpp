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

#include "app/transport_run.hpp"
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

TEST(RunOutput, OverwriteRemovesExactlyThePreviousRunsFiles) {
  const TempDir dir;
  const std::string file = dir.write("rot.toml", kCase);
  const auto out = dir.path / "run";
  ASSERT_EQ(run(file, out.string(), false), 0);  // frames at 0, 0.125, 0.25, 0.5
  ASSERT_TRUE(std::filesystem::exists(out / "rot_000003.vtu"));
  std::ofstream(out / "my_notes.txt") << "a user's own file";
  std::string fewer = kCase;
  fewer.replace(fewer.find("output_times = [0.125, 0.25]"), 28, "outputs = 1");
  const std::string file2 = dir.write("rot2.toml", fewer);

  ASSERT_EQ(run(file2, out.string(), true), 0);  // frames at 0 and 0.5 only, basename rot2

  EXPECT_FALSE(std::filesystem::exists(out / "rot_000000.vtu"));
  EXPECT_FALSE(std::filesystem::exists(out / "rot_000003.vtu"));
  EXPECT_FALSE(std::filesystem::exists(out / "rot.pvd"));
  EXPECT_TRUE(std::filesystem::exists(out / "rot2_000001.vtu"));
  EXPECT_FALSE(std::filesystem::exists(out / "rot2_000002.vtu"));
  EXPECT_TRUE(std::filesystem::exists(out / "my_notes.txt"));  // not the run's: kept
  const std::string manifest = slurp(out / RunDirectory::manifest_name);
  EXPECT_NE(manifest.find("rot2.pvd\n"), std::string::npos) << manifest;
  EXPECT_EQ(manifest.find("rot.pvd\n"), std::string::npos) << manifest;
  EXPECT_EQ(manifest.find("my_notes"), std::string::npos) << manifest;
}

TEST(RunOutput, ACollapsingStepStopsTheRunNamingTheKey) {
  const TempDir dir;
  std::string text = kCase;
  text.replace(text.find("speed = 2.0"), 11, "speed = 1e300");
  const std::string file = dir.write("rot.toml", text);
  const auto out = dir.path / "run";
  std::string err;

  EXPECT_EQ(run(file, out.string(), false, &err), 3);

  EXPECT_NE(err.find("the time step collapsed"), std::string::npos) << err;
  EXPECT_NE(err.find("flow.speed"), std::string::npos) << err;
  EXPECT_NE(slurp(out / "summary.txt").find("status: stopped: the time step collapsed"), std::string::npos);
  EXPECT_EQ(read_pvd((out / "rot.pvd").string()).size(), 1u);  // the frame at t = 0 stays readable
}

TEST(RunOutput, ANonFiniteInitialStateIsRefusedBeforeAnythingIsWritten) {
  const TempDir dir;
  std::string text = kCase;
  const std::string bell = "type = \"cosine_bell\"\nradius = 0.6";
  text.replace(text.find(bell), bell.size(), "type = \"constant\"\nvalue = 1e308");
  const std::string file = dir.write("rot.toml", text);
  const auto out = dir.path / "run";

  try {
    run(file, out.string(), false);
    FAIL() << "expected a refusal";
  } catch (const CaseError& e) {
    EXPECT_NE(std::string(e.what()).find("[initial]"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(std::filesystem::exists(out));
}

TEST(RunOutput, SummarySaysRunningWhileTheRunIsOn) {
  const TempDir dir;
  const std::string file = dir.write("rot.toml", kCase);
  const auto out = dir.path / "run";
  RunOptions o;
  o.output_directory = out.string();
  o.progress = false;
  std::ostringstream sink;
  auto mode = transport_run(read_transport_case(file));
  // Observe the summary from inside the run: the first frame's observer sees "running".
  struct Spy : RunMode {
    RunMode& inner;
    std::filesystem::path summary;
    std::string seen;
    Spy(RunMode& m, std::filesystem::path s) : inner(m), summary(std::move(s)) {}
    const std::string& case_file() const override { return inner.case_file(); }
    std::string name() const override { return inner.name(); }
    std::string case_directory() const override { return inner.case_directory(); }
    void describe(std::ostream& os) const override { inner.describe(os); }
    void start(RunDirectory& d) override { inner.start(d); }
    RunStage stage(int k) override {
      RunStage s = inner.stage(k);
      auto observe = s.observe;
      s.observe = [this, observe](double t) {
        if (seen.empty()) seen = slurp(summary);
        observe(t);
      };
      return s;
    }
    void summarize(const std::vector<StageResult>& r, std::ostream& os) const override { inner.summarize(r, os); }
    std::string result_line(const std::vector<StageResult>& r) const override { return inner.result_line(r); }
  } spy(*mode, out / "summary.txt");

  ASSERT_EQ(mf::run(spy, o, sink, sink), 0);

  EXPECT_EQ(spy.seen.rfind("status: running\n", 0), 0u) << spy.seen;
  EXPECT_NE(slurp(out / "summary.txt").find("status: complete"), std::string::npos);
}

}  // namespace
}  // namespace mf
