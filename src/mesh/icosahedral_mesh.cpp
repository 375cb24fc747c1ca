#include <array>
#include <cmath>
#include <cstdint>
#include <string>
#include <unordered_map>

#include "mesh/mesh_generators.hpp"

namespace mf {

namespace {

// The 12 icosahedron vertices (0, ±1, ±φ) cyclically permuted, normalized; its 20 faces are
// the vertex triples at mutual distance 2 (before normalization).
void icosahedron(std::vector<Vec3>& v, std::vector<std::array<int, 3>>& t) {
  const double phi = 0.5 * (1.0 + std::sqrt(5.0));
  v.clear();
  for (double s1 : {-1.0, 1.0})
    for (double s2 : {-1.0, 1.0}) {
      v.emplace_back(0.0, s1, s2 * phi);
      v.emplace_back(s1, s2 * phi, 0.0);
      v.emplace_back(s2 * phi, 0.0, s1);
    }
  t.clear();
  auto adjacent = [&](int i, int j) { return std::abs((v[i] - v[j]).norm() - 2.0) < 1e-9; };
  for (int i = 0; i < 12; ++i)
    for (int j = i + 1; j < 12; ++j)
      for (int k = j + 1; k < 12; ++k)
        if (adjacent(i, j) && adjacent(j, k) && adjacent(i, k)) {
          // Counter-clockwise seen from outside.
          if (v[i].dot(v[j].cross(v[k])) > 0.0) t.push_back({i, j, k});
          else t.push_back({i, k, j});
        }
  for (auto& p : v) p.normalize();
}

}  // namespace

void icosahedral_triangles(int level, std::vector<Vec3>& v, std::vector<std::array<int, 3>>& t) {
  if (level < 0 || level > 10)
    throw MeshError("icosahedral mesh: level " + std::to_string(level) + " is out of range 0..10");
  icosahedron(v, t);
  for (int l = 0; l < level; ++l) {
    std::unordered_map<std::uint64_t, int> midpoint;
    midpoint.reserve(t.size() * 2);
    auto mid = [&](int a, int b) {
      const std::uint64_t key = (static_cast<std::uint64_t>(std::min(a, b)) << 32) | static_cast<std::uint32_t>(std::max(a, b));
      auto [it, inserted] = midpoint.try_emplace(key, static_cast<int>(v.size()));
      if (inserted) v.push_back((v[a] + v[b]).normalized());
      return it->second;
    };
    std::vector<std::array<int, 3>> refined;
    refined.reserve(4 * t.size());
    for (const auto& [a, b, c] : t) {
      const int ab = mid(a, b), bc = mid(b, c), ca = mid(c, a);
      refined.push_back({a, ab, ca});
      refined.push_back({ab, b, bc});
      refined.push_back({ca, bc, c});
      refined.push_back({ab, bc, ca});
    }
    t = std::move(refined);
  }
}

SphereMesh icosahedral_mesh(int level) {
  std::vector<Vec3> v;
  std::vector<std::array<int, 3>> t;
  icosahedral_triangles(level, v, t);
  std::vector<std::vector<int>> cells(t.size());
  for (std::size_t i = 0; i < t.size(); ++i) cells[i] = {t[i][0], t[i][1], t[i][2]};
  return build_sphere_mesh(std::move(v), cells, "icosahedral level " + std::to_string(level));
}

}  // namespace mf
