// Point location against brute force, on every mesh family.

#include <gtest/gtest.h>

#include <random>

#include "mesh/mesh_generators.hpp"
#include "mesh/point_locator.hpp"

namespace mf {
namespace {

Vec3 random_unit(std::mt19937_64& rng, bool circle) {
  std::normal_distribution<double> n(0.0, 1.0);
  Vec3 p(n(rng), n(rng), circle ? 0.0 : n(rng));
  return p.normalized();
}

void expect_locates(const SphereMesh& m) {
  const PointLocator locator(m);
  std::mt19937_64 rng(7);
  const bool circle = m.manifold == Manifold::circle;
  for (int i = 0; i < 20000; ++i) {
    const Vec3 p = random_unit(rng, circle);
    const int c = locator.locate(p);
    ASSERT_GE(c, 0);
    if (circle) {
      // p lies on the arc between the cell's vertices.
      const Vec3& a = m.vertices[m.cell_vertices[2 * c]];
      const Vec3& b = m.vertices[m.cell_vertices[2 * c + 1]];
      ASSERT_GE(a.x() * p.y() - a.y() * p.x(), -1e-14);
      ASSERT_GE(p.x() * b.y() - p.y() * b.x(), -1e-14);
    } else {
      ASSERT_TRUE(locator.contains(c, p)) << m.description << " point " << i;
    }
  }
  // Cell centroids are located in their own cell.
  for (int c = 0; c < m.n_cells(); ++c) ASSERT_EQ(locator.locate(m.center[c]), c) << m.description;
}

TEST(PointLocator, Icosahedral) { expect_locates(icosahedral_mesh(4)); }
TEST(PointLocator, Hexagonal) { expect_locates(hexagonal_mesh(3)); }
TEST(PointLocator, CubedSphere) { expect_locates(cubed_sphere_mesh(9)); }
TEST(PointLocator, Circle) { expect_locates(circle_mesh(37)); }
TEST(PointLocator, CoarsestMeshes) {
  expect_locates(icosahedral_mesh(0));
  expect_locates(cubed_sphere_mesh(1));
}

}  // namespace
}  // namespace mf
