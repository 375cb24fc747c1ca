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
