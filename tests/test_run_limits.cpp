// Bounded runs: inputs that are legal but extreme, or sizes that cannot fit, are refused with a
// message naming the key (before anything is written), or stop the run with exit code 3 and a
// message naming what to change — never an endless run or std::bad_alloc.

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "app/network_grid_run.hpp"
#include "app/plain_network_run.hpp"
#include "io/toml_reader.hpp"
#include "mesh/mesh_families.hpp"
#include "model/network_diagnostics.hpp"
#include "test_support.hpp"

namespace mf {
namespace {

const char* kNetwork = R"([mesh]
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
outputs = 2
)";

const char* kPlain = R"([network]
dimension = 3
width = 10
init = "cone"

[data]
type = "teacher"
samples = 50

[teacher]
random = 2

[training]
method = "gd"
step = 0.1

[time]
end = 1.0
outputs = 2
)";

std::string read_error(const std::string& file, bool plain) {
  try {
    if (plain) read_plain_network_case(TomlDocument(file));
    else read_network_case(TomlDocument(file));
  } catch (const CaseError& e) {
    return e.what();
  }
  return "";
}

TEST(RunLimits, AMeshThatCannotFitInMemoryIsRefusedNamingItsKey) {
  const TempDir dir;
  const MeshFamily& circle = mesh_family("circle");
  const double need = circle.bytes_per_cell * circle.max_size;
  if (need <= available_memory_bytes()) GTEST_SKIP() << "this machine could hold the largest circle mesh";

  const std::string e = read_error(dir.write("big.toml", replace(kNetwork, "n = 64", "n = 16777216")), false);

  EXPECT_NE(e.find("big.toml:3: key 'mesh.n'"), std::string::npos) << e;
  EXPECT_NE(e.find("16777216 cells, which need about"), std::string::npos) << e;
  EXPECT_NE(e.find("GiB available"), std::string::npos) << e;
}

TEST(RunLimits, ADataSetThatCannotFitInMemoryIsRefusedNamingItsKey) {
  const TempDir dir;
  const std::string text = replace(replace(kPlain, "dimension = 3", "dimension = 100000"), "samples = 50",
                                   "samples = 100000000");  // 8·10^13 bytes of inputs alone

  const std::string e = read_error(dir.write("big.toml", text), true);

  EXPECT_NE(e.find("key 'data.samples': 100000000 samples in d = 100000 need about"), std::string::npos) << e;
}

TEST(RunLimits, AnOutputDirectoryTooLongForTheFileSystemIsACaseError) {
  const TempDir dir;
  const std::string text = std::string(kNetwork) + "\n[output]\ndirectory = \"runs/" + std::string(300, 'x') + "\"\n";

  const std::string e = read_error(dir.write("long.toml", text), false);

  EXPECT_NE(e.find("key 'output.directory'"), std::string::npos) << e;
  EXPECT_NE(e.find("folder name of 300 characters; the file system allows 255"), std::string::npos) << e;
  EXPECT_LT(e.size(), 600u) << e;  // the path is quoted in part
}

TEST(RunLimits, AWidthThatDisagreesWithTheInitFileIsACaseError) {
  const TempDir dir;
  dir.write("net.csv", "a,b1,b2,b3\n1,0.5,0.5,0.5\n-1,0.5,-0.5,0.5\n");
  const std::string text = replace(kPlain, "init = \"cone\"", "init = \"file\"\nfile = \"net.csv\"");
  RunOptions o;
  o.output_directory = (dir.path / "r").string();
  std::ostringstream out, err;

  try {
    run_plain_network_case(read_plain_network_case(TomlDocument(dir.write("w.toml", text))), o, out, err);
    FAIL() << "expected a refusal";
  } catch (const CaseError& e) {
    EXPECT_NE(std::string(e.what()).find("w.toml:3: key 'network.width': is 10 but"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("holds 2 neurons"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(std::filesystem::exists(dir.path / "r"));
}

TEST(RunLimits, ExtremeInputsStopTheGridRunWhenItsStepCollapses) {
  const TempDir dir;
  // Inputs of size 1e100: V ~ 1e200, so the CFL step is ~1e-200 and the run would never end.
  dir.write("huge.csv", "x1,x2,y\n1e100,0,1\n0,1e100,-1\n-1e100,1e100,1\n");
  const std::string text =
      replace(replace(kNetwork, "type = \"population\"", "type = \"file\"\nfile = \"huge.csv\""), "[teacher]\n"
              "angles = [0.3, 1.5]\nweights = [1.0, -0.8]\n", "");
  RunOptions o;
  o.output_directory = (dir.path / "r").string();
  o.progress = false;
  std::ostringstream out, err;

  EXPECT_EQ(run_network_case(read_network_case(TomlDocument(dir.write("huge.toml", text))), o, out, err), 3);

  EXPECT_NE(err.str().find("the time step collapsed"), std::string::npos) << err.str();
  EXPECT_NE(err.str().find("[data]"), std::string::npos) << err.str();
}

TEST(RunLimits, AnInfiniteObjectiveAtAnOutputStopsTheRunWithExitThree) {
  const TempDir dir;
  // Inputs of size 1e200 and μ = μ⁺ only: f ~ 1e200, so J ~ 1e400 overflows at t = 0, in the
  // observer, before any row.
  dir.write("huge.csv", "x1,x2,y\n1e200,0,1\n0,1e200,-1\n");
  std::string text = replace(kNetwork, "[initial.minus]\ntype = \"uniform\"\nmass = 1.0", "[initial.minus]\ntype = \"zero\"");
  text = replace(text, "type = \"population\"", "type = \"file\"\nfile = \"huge.csv\"");
  text = replace(text, "[teacher]\nangles = [0.3, 1.5]\nweights = [1.0, -0.8]\n", "");
  RunOptions o;
  o.output_directory = (dir.path / "r").string();
  o.progress = false;
  std::ostringstream out, err;

  EXPECT_EQ(run_network_case(read_network_case(TomlDocument(dir.write("inf.toml", text))), o, out, err), 3);

  EXPECT_NE(err.str().find("the objective became infinite at t = 0"), std::string::npos) << err.str();
  std::ifstream csv(dir.path / "r" / "diagnostics.csv");
  std::string header, row;
  std::getline(csv, header);
  EXPECT_FALSE(std::getline(csv, row)) << "a row was written: " << row;
  std::ifstream summary(dir.path / "r" / "summary.txt");
  std::string status;
  std::getline(summary, status);
  EXPECT_EQ(status.rfind("status: stopped: the objective became infinite", 0), 0u) << status;
}

TEST(RunLimits, ANonFiniteObjectiveStopsTheRunBeforeItsRowIsWritten) {
  NetworkDiagnostics d;
  d.loss = 0.5;
  d.penalized_loss = 0.5;
  EXPECT_NO_THROW(check_diagnostics(d, 1.0, 10));
  d.loss = std::numeric_limits<double>::quiet_NaN();

  try {
    check_diagnostics(d, 2.5, 20);
    FAIL() << "expected a RunError";
  } catch (const RunError& e) {
    EXPECT_NE(std::string(e.what()).find("the objective became NaN at t = 2.5 (step 20)"), std::string::npos) << e.what();
  }
  d.loss = 0.5;
  d.penalized_loss = std::numeric_limits<double>::infinity();
  EXPECT_THROW(check_diagnostics(d, 3.0, 30), RunError);
}

}  // namespace
}  // namespace mf
