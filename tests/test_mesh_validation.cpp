// Invalid user meshes are rejected with the first offending cell named.

#include <gtest/gtest.h>

#include <filesystem>

#include "io/vtu_mesh.hpp"
#include "mesh/mesh_generators.hpp"
#include "test_support.hpp"

namespace mf {
namespace {

struct Octahedron {
  std::vector<Vec3> v = {Vec3::UnitX(), -Vec3::UnitX(), Vec3::UnitY(), -Vec3::UnitY(), Vec3::UnitZ(), -Vec3::UnitZ()};
  std::vector<std::vector<int>> cells = {{0, 2, 4}, {2, 1, 4}, {1, 3, 4}, {3, 0, 4},
                                         {2, 0, 5}, {1, 2, 5}, {3, 1, 5}, {0, 3, 5}};
};

void expect_mesh_error(const std::vector<Vec3>& v, const std::vector<std::vector<int>>& cells, const std::string& needle) {
  try {
    build_sphere_mesh(v, cells, "test");
    FAIL() << "expected a MeshError mentioning '" << needle << "'";
  } catch (const MeshError& e) {
    EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
  }
}

TEST(MeshValidation, AcceptsTheOctahedron) {
  Octahedron o;
  EXPECT_NO_THROW(build_sphere_mesh(o.v, o.cells, "octahedron"));
}

TEST(MeshValidation, RejectsAnOpenMesh) {
  Octahedron o;
  o.cells.pop_back();
  expect_mesh_error(o.v, o.cells, "not closed");
}

TEST(MeshValidation, RejectsInconsistentOrientationNamingTheCell) {
  Octahedron o;
  std::swap(o.cells[3][0], o.cells[3][1]);
  expect_mesh_error(o.v, o.cells, "cell 3");
}

TEST(MeshValidation, RejectsAVertexOffTheSphere) {
  Octahedron o;
  o.v[4] *= 1.0 + 1e-7;
  expect_mesh_error(o.v, o.cells, "off the unit sphere");
}

TEST(MeshValidation, AcceptsAVertexOffTheSphereWithinTolerance) {
  Octahedron o;
  o.v[4] *= 1.0 + 1e-10;
  EXPECT_NO_THROW(build_sphere_mesh(o.v, o.cells, "octahedron"));
}

TEST(MeshValidation, RejectsARepeatedVertex) {
  Octahedron o;
  o.cells[2] = {1, 3, 3};
  expect_mesh_error(o.v, o.cells, "cell 2 lists vertex 3 twice");
}

TEST(MeshValidation, RejectsADegenerateCell) {
  // A quad with a vertex on the edge between two others (straight angle).
  std::vector<Vec3> v = {Vec3::UnitX(), -Vec3::UnitX(), Vec3::UnitY(), -Vec3::UnitY(), Vec3::UnitZ(), -Vec3::UnitZ(),
                         Vec3(1, 1, 0).normalized()};
  std::vector<std::vector<int>> cells = {{0, 6, 2, 4}, {2, 1, 4}, {1, 3, 4}, {3, 0, 4},
                                         {2, 6, 0, 5}, {1, 2, 5}, {3, 1, 5}, {0, 3, 5}};
  expect_mesh_error(v, cells, "cell 0 is degenerate");
}

TEST(MeshValidation, RejectsOverlappingCells) {
  // The octahedron's cells listed twice: a closed, consistently oriented double cover.
  Octahedron o;
  auto cells = o.cells;
  cells.insert(cells.end(), o.cells.begin(), o.cells.end());
  expect_mesh_error(o.v, cells, "cell 8");
}

TEST(MeshValidation, ReadsAWrittenMeshBackIdentically) {
  const TempDir dir;
  const SphereMesh m = hexagonal_mesh(2);
  const std::string path = (dir.path / "hex2.vtu").string();

  write_mesh_vtu(m, path);
  const SphereMesh back = read_mesh_vtu(path);

  ASSERT_EQ(back.n_cells(), m.n_cells());
  for (int c = 0; c < m.n_cells(); ++c) EXPECT_NEAR(back.area[c], m.area[c], 1e-15);
}

TEST(MeshValidation, ReadingAMissingOrForeignFileSaysSo) {
  const TempDir dir;
  EXPECT_THROW(read_mesh_vtu((dir.path / "none.vtu").string()), MeshError);
  const auto junk = dir.path / "junk.vtu";
  std::ofstream(junk) << "not xml";
  try {
    read_mesh_vtu(junk.string());
    FAIL();
  } catch (const MeshError& e) {
    EXPECT_NE(std::string(e.what()).find("junk.vtu"), std::string::npos);
  }
}

// The octahedron as an ASCII .vtu, as a user might write one by hand.
std::string octahedron_vtu(const std::string& piece = R"(<Piece NumberOfPoints="6" NumberOfCells="8">)",
                           const std::string& connectivity = "0 2 4  2 1 4  1 3 4  3 0 4  2 0 5  1 2 5  3 1 5  0 3 5") {
  return R"(<?xml version="1.0"?>
<VTKFile type="UnstructuredGrid" version="1.0" byte_order="LittleEndian" header_type="UInt64">
  <UnstructuredGrid>
    )" + piece + R"(
      <Points>
        <DataArray type="Float64" NumberOfComponents="3" format="ascii">
          1 0 0  -1 0 0  0 1 0  0 -1 0  0 0 1  0 0 -1
        </DataArray>
      </Points>
      <Cells>
        <DataArray type="Int64" Name="connectivity" format="ascii">
          )" + connectivity + R"(
        </DataArray>
        <DataArray type="Int64" Name="offsets" format="ascii">3 6 9 12 15 18 21 24</DataArray>
        <DataArray type="UInt8" Name="types" format="ascii">5 5 5 5 5 5 5 5</DataArray>
      </Cells>
    </Piece>
  </UnstructuredGrid>
</VTKFile>
)";
}

std::string mesh_error_of(const std::string& path) {
  try {
    read_mesh_vtu(path);
    return "";
  } catch (const MeshError& e) {
    return e.what();
  }
}

TEST(MeshFile, ReadsAHandWrittenAsciiMesh) {
  const TempDir dir;

  const SphereMesh m = read_mesh_vtu(dir.write("octahedron.vtu", octahedron_vtu()));

  EXPECT_EQ(m.n_cells(), 8);
  EXPECT_EQ(m.n_vertices(), 6);
}

// 2^32 + 1 narrowed to int is 1, a valid vertex of the cell "2 1 4": it must not pass as one.
TEST(MeshFile, RejectsConnectivityOutsideThePointsNamingTheCell) {
  const TempDir dir;
  const std::string good = "0 2 4  2 1 4  1 3 4  3 0 4  2 0 5  1 2 5  3 1 5  0 3 5";

  const std::string wrapped =
      mesh_error_of(dir.write("wrapped.vtu", octahedron_vtu(R"(<Piece NumberOfPoints="6" NumberOfCells="8">)",
                                                            replace(good, "2 1 4", "2 4294967297 4"))));
  const std::string negative = mesh_error_of(
      dir.write("negative.vtu", octahedron_vtu(R"(<Piece NumberOfPoints="6" NumberOfCells="8">)", replace(good, "3 1 5", "3 -1 5"))));
  const std::string past_end = mesh_error_of(
      dir.write("past_end.vtu", octahedron_vtu(R"(<Piece NumberOfPoints="6" NumberOfCells="8">)", replace(good, "0 3 5", "0 3 6"))));

  EXPECT_NE(wrapped.find("wrapped.vtu: cell 1 refers to point 4294967297 but the file has 6 points (valid: 0 to 5)"),
            std::string::npos)
      << wrapped;
  EXPECT_NE(negative.find("negative.vtu: cell 6 refers to point -1 but"), std::string::npos) << negative;
  EXPECT_NE(past_end.find("past_end.vtu: cell 7 refers to point 6 but"), std::string::npos) << past_end;
}

// A header declaring 10^9 points (48 GB at least) is refused from its text, before VTK
// allocates for it; so are counts that an int cannot index, whatever the memory.
TEST(MeshFile, RefusesHugeDeclaredCountsBeforeReading) {
  const TempDir dir;
  const AvailableMemory memory = available_memory();

  const std::string billion =
      mesh_error_of(dir.write("billion.vtu", octahedron_vtu(R"(<Piece NumberOfPoints="1000000000" NumberOfCells="8">)")));
  const std::string too_many = mesh_error_of(
      dir.write("too_many.vtu", octahedron_vtu(R"(<Piece NumberOfCells="8"
           NumberOfPoints = '3000000000'>)")));
  const std::string not_a_count =
      mesh_error_of(dir.write("not_a_count.vtu", octahedron_vtu(R"(<Piece NumberOfPoints="1e9" NumberOfCells="8">)")));

  EXPECT_NE(too_many.find("too_many.vtu:4: the mesh declares 3000000000 points and 8 cells; a mesh can have at most "
                          "2147483647 (2^31 - 1) points and cells"),
            std::string::npos)
      << too_many;
  EXPECT_NE(not_a_count.find("not_a_count.vtu:4: <Piece> attribute NumberOfPoints is \"1e9\", not a count"),
            std::string::npos)
      << not_a_count;
  if (memory.bytes > 100'000'000'000ULL) GTEST_SKIP() << "this machine could hold 10^9 points";
  EXPECT_NE(billion.find("billion.vtu:4: the mesh declares 1000000000 points and 8 cells; holding them needs at least "
                         "48.0 GB (48 bytes per point, 300 per cell) but "),
            std::string::npos)
      << billion;
  EXPECT_NE(billion.find(" is available (" + memory.source + ")"), std::string::npos) << billion;
}

}  // namespace
}  // namespace mf

namespace mf {
namespace {

void expect_matches(const std::string& file, const SphereMesh& generated) {
  const SphereMesh shipped = read_mesh_vtu(std::string(MEASUREFLOW_SOURCE_DIR) + "/meshes/" + file);
  // The same mesh: the same connectivity, the same vertices (reading renormalizes them, which
  // may change last bits), and then the same geometry.
  ASSERT_EQ(shipped.cell_vertices, generated.cell_vertices) << file;
  ASSERT_EQ(shipped.n_vertices(), generated.n_vertices()) << file;
  for (int v = 0; v < generated.n_vertices(); ++v)
    ASSERT_NEAR((shipped.vertices[v] - generated.vertices[v]).norm(), 0.0, 1e-15) << file << " vertex " << v;
  for (int c = 0; c < generated.n_cells(); ++c) {
    ASSERT_NEAR(shipped.area[c], generated.area[c], 1e-15) << file << " cell " << c;
    // The centroid Σ θ_e n_e cancels its tangential parts (conditioning ~ ε/θ_edge, θ ≈ 0.035
    // at icosahedral level 5): last-bit vertex changes move it by up to ~3e-14.
    ASSERT_NEAR((shipped.center[c] - generated.center[c]).norm(), 0.0, 1e-13) << file << " cell " << c;
  }
}

TEST(ShippedMeshes, MatchTheirGenerators) {
  expect_matches("icosahedral_5.vtu", icosahedral_mesh(5));
  expect_matches("hexagonal_5.vtu", hexagonal_mesh(5));
  expect_matches("cubed_sphere_32.vtu", cubed_sphere_mesh(32));
}

}  // namespace
}  // namespace mf
