#include <array>
#include <cstdint>
#include <string>
#include <unordered_map>

#include "mesh/mesh_generators.hpp"

namespace mf {

void icosahedral_triangles(int level, std::vector<Vec3>& v, std::vector<std::array<int, 3>>& t);

SphereMesh hexagonal_mesh(int level) {
  std::vector<Vec3> pv;
  std::vector<std::array<int, 3>> t;
  icosahedral_triangles(level, pv, t);

  // Dual vertices: circumcentres of the triangles, on the outward side.
  std::vector<Vec3> dv(t.size());
  for (std::size_t i = 0; i < t.size(); ++i) {
    const Vec3 &a = pv[t[i][0]], &b = pv[t[i][1]], &c = pv[t[i][2]];
    dv[i] = (b - a).cross(c - a).normalized();
  }
  // Directed edge (v → w), counter-clockwise in triangle tri: walking around v counter-
  // clockwise goes from the triangle (v, a, b) to the one holding the directed edge (v, b).
  std::unordered_map<std::uint64_t, int> edge_triangle;
  edge_triangle.reserve(3 * t.size());
  auto key = [](int a, int b) { return (static_cast<std::uint64_t>(a) << 32) | static_cast<std::uint32_t>(b); };
  std::vector<int> some_triangle(pv.size(), -1);
  for (std::size_t i = 0; i < t.size(); ++i)
    for (int k = 0; k < 3; ++k) {
      edge_triangle[key(t[i][k], t[i][(k + 1) % 3])] = static_cast<int>(i);
      some_triangle[t[i][k]] = static_cast<int>(i);
    }
  std::vector<std::vector<int>> cells(pv.size());
  for (std::size_t v = 0; v < pv.size(); ++v) {
    const int start = some_triangle[v];
    int tri = start;
    do {
      cells[v].push_back(tri);
      const auto& tv = t[tri];
      const int k = tv[0] == static_cast<int>(v) ? 0 : (tv[1] == static_cast<int>(v) ? 1 : 2);
      const int b = tv[(k + 2) % 3];  // (v, a, b) counter-clockwise: the next one holds v → b
      tri = edge_triangle.at(key(static_cast<int>(v), b));
    } while (tri != start && cells[v].size() <= 6);
  }
  return build_sphere_mesh(std::move(dv), cells, "hexagonal level " + std::to_string(level));
}

}  // namespace mf
