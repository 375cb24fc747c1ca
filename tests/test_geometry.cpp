// Mesh geometry: exact areas, closed normals, counts, centroids, on every mesh family.

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "mesh/mesh_generators.hpp"
#include "mesh/mesh_quality.hpp"

namespace mf {
namespace {

constexpr double kPi = std::numbers::pi;

TEST(SphericalGeometry, OctantTriangleHasAreaHalfPi) {
  EXPECT_NEAR(spherical_triangle_area(Vec3::UnitX(), Vec3::UnitY(), Vec3::UnitZ()), kPi / 2, 1e-15);
  EXPECT_NEAR(spherical_triangle_area(Vec3::UnitX(), Vec3::UnitZ(), Vec3::UnitY()), -kPi / 2, 1e-15);
}

TEST(SphericalGeometry, TinyTriangleAreaMatchesPlanarArea) {
  const double e = 1e-6;
  const Vec3 a = Vec3(1, 0, 0), b = Vec3(1, e, 0).normalized(), c = Vec3(1, 0, e).normalized();
  EXPECT_NEAR(spherical_triangle_area(a, b, c), 0.5 * e * e, 1e-9 * e * e);
}

TEST(SphericalGeometry, LogMapHasGeodesicLengthAndIsTangent) {
  const Vec3 p = Vec3(1, 2, 3).normalized(), q = Vec3(-1, 0.5, 2).normalized();
  const Vec3 v = log_map(p, q);
  EXPECT_NEAR(v.norm(), great_circle_distance(p, q), 1e-15);
  EXPECT_NEAR(v.dot(p), 0.0, 1e-15);
}

struct MeshCase {
  const char* name;
  SphereMesh (*make)(int);
  int size;
  int expected_cells;
};

class EveryMesh : public ::testing::TestWithParam<MeshCase> {};

TEST_P(EveryMesh, AreasSumToTheSphereAndNormalsClose) {
  const MeshCase& p = GetParam();

  const SphereMesh m = p.make(p.size);
  const MeshQuality q = mesh_quality(m);

  EXPECT_EQ(m.n_cells(), p.expected_cells);
  EXPECT_NEAR(q.area_sum_error, 0.0, 1e-13) << m.description;
  EXPECT_LT(q.max_normal_closure, 1e-13) << m.description;
  for (int c = 0; c < m.n_cells(); ++c) {
    ASSERT_GT(m.area[c], 0.0);
    ASSERT_NEAR(m.center[c].norm(), 1.0, 1e-14);
  }
}

TEST_P(EveryMesh, FacesPointFromLeftToRightAndAreUnitTangents) {
  const SphereMesh m = GetParam().make(GetParam().size);
  for (int f = 0; f < m.n_faces(); ++f) {
    const auto [l, r] = m.face_cells[f];
    ASSERT_NE(l, r);
    ASSERT_NEAR(m.face_normal[f].norm(), 1.0, 1e-14);
    ASSERT_NEAR(m.face_normal[f].dot(m.face_midpoint[f]), 0.0, 1e-14);
    // The right cell lies on the side the normal points to.
    ASSERT_GT((m.center[r] - m.center[l]).dot(m.face_normal[f]), 0.0) << m.description << " face " << f;
  }
}

TEST_P(EveryMesh, EachCellSeesItsFacesWithTheRightSign) {
  const SphereMesh m = GetParam().make(GetParam().size);
  for (int c = 0; c < m.n_cells(); ++c)
    for (int e = m.cell_face_offsets[c]; e < m.cell_face_offsets[c + 1]; ++e) {
      const int f = m.cell_faces[e];
      ASSERT_EQ(m.face_cells[f][m.cell_face_sign[e] > 0 ? 0 : 1], c);
    }
}

INSTANTIATE_TEST_SUITE_P(
    Families, EveryMesh,
    ::testing::Values(MeshCase{"circle16", circle_mesh, 16, 16}, MeshCase{"circle1000", circle_mesh, 1000, 1000},
                      MeshCase{"ico0", icosahedral_mesh, 0, 20}, MeshCase{"ico1", icosahedral_mesh, 1, 80},
                      MeshCase{"ico3", icosahedral_mesh, 3, 1280}, MeshCase{"ico5", icosahedral_mesh, 5, 20480},
                      MeshCase{"hex0", hexagonal_mesh, 0, 12}, MeshCase{"hex2", hexagonal_mesh, 2, 162},
                      MeshCase{"hex5", hexagonal_mesh, 5, 10242}, MeshCase{"cube1", cubed_sphere_mesh, 1, 6},
                      MeshCase{"cube7", cubed_sphere_mesh, 7, 294}, MeshCase{"cube48", cubed_sphere_mesh, 48, 13824}),
    [](const auto& p) { return std::string(p.param.name); });

TEST(HexagonalMesh, HasTwelvePentagonsAndTheRestHexagons) {
  const SphereMesh m = hexagonal_mesh(3);
  int pentagons = 0, hexagons = 0;
  for (int c = 0; c < m.n_cells(); ++c) (m.cell_size(c) == 5 ? pentagons : hexagons) += 1;
  EXPECT_EQ(pentagons, 12);
  EXPECT_EQ(hexagons, m.n_cells() - 12);
  for (int c = 0; c < m.n_cells(); ++c) EXPECT_TRUE(m.cell_size(c) == 5 || m.cell_size(c) == 6);
}

TEST(SphereMesh, CentroidOfAnOctantIsItsSymmetryPoint) {
  // The octahedron: each face's centroid is (±1, ±1, ±1)/√3.
  std::vector<Vec3> v = {Vec3::UnitX(), -Vec3::UnitX(), Vec3::UnitY(), -Vec3::UnitY(), Vec3::UnitZ(), -Vec3::UnitZ()};
  std::vector<std::vector<int>> cells = {{0, 2, 4}, {2, 1, 4}, {1, 3, 4}, {3, 0, 4}, {2, 0, 5}, {1, 2, 5}, {3, 1, 5}, {0, 3, 5}};

  const SphereMesh m = build_sphere_mesh(v, cells, "octahedron");

  EXPECT_NEAR((m.center[0] - Vec3(1, 1, 1).normalized()).norm(), 0.0, 1e-15);
  for (double a : m.area) EXPECT_NEAR(a, kPi / 2, 1e-14);
}

}  // namespace
}  // namespace mf
