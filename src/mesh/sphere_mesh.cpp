#include "mesh/sphere_mesh.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numbers>
#include <sstream>
#include <unordered_map>

namespace mf {

namespace {

constexpr double kSphereTolerance = 1e-9;  // |‖v‖ − 1| allowed for user vertices
constexpr double kTotalAreaTolerance = 1e-8;

std::string cell_name(int c) { return "cell " + std::to_string(c); }

double polygon_signed_area(const std::vector<Vec3>& v, const std::vector<int>& cell) {
  double a = 0.0;
  for (std::size_t k = 1; k + 1 < cell.size(); ++k)
    a += spherical_triangle_area(v[cell[0]], v[cell[k]], v[cell[k + 1]]);
  return a;
}

// Strictly convex, counter-clockwise: every vertex lies left of the edge before it.
bool is_strictly_convex(const std::vector<Vec3>& v, const std::vector<int>& cell, std::string& why) {
  const std::size_t n = cell.size();
  for (std::size_t k = 0; k < n; ++k) {
    const Vec3& a = v[cell[k]];
    const Vec3& b = v[cell[(k + 1) % n]];
    const Vec3& c = v[cell[(k + 2) % n]];
    const Vec3 ab = a.cross(b);
    const double len = ab.norm();
    if (len < 1e-14) {
      why = "zero-length edge from vertex " + std::to_string(cell[k]) + " to " +
            std::to_string(cell[(k + 1) % n]);
      return false;
    }
    if (c.dot(ab) / len <= 1e-12) {
      why = "not strictly convex at vertex " + std::to_string(cell[(k + 1) % n]) +
            " (cells must be convex spherical polygons listed counter-clockwise)";
      return false;
    }
  }
  return true;
}

}  // namespace

void debug_check_mesh(const SphereMesh& m) {
  if constexpr (debug_checks) {
    const auto nc = static_cast<std::size_t>(m.n_cells()), nf = static_cast<std::size_t>(m.n_faces());
    MF_PRECONDITION(m.center.size() == nc && m.cell_offsets.size() == nc + 1 && m.cell_face_offsets.size() == nc + 1,
                    "per-cell arrays of " + m.description + " do not all have #cells = " + std::to_string(nc) +
                        " (+1) entries");
    MF_PRECONDITION(m.face_vertices.size() == nf && m.face_length.size() == nf && m.face_midpoint.size() == nf &&
                        m.face_normal.size() == nf,
                    "per-face arrays of " + m.description + " do not all have #faces = " + std::to_string(nf) +
                        " entries");
    MF_PRECONDITION(m.cell_offsets.back() == static_cast<int>(m.cell_vertices.size()) &&
                        m.cell_face_offsets.back() == static_cast<int>(m.cell_faces.size()) &&
                        m.cell_face_sign.size() == m.cell_faces.size(),
                    "CSR arrays of " + m.description + " do not end where their offsets say");
    std::vector<std::array<int, 2>> seen(nf, {0, 0});  // times listed from the left / right cell
    for (int c = 0; c < m.n_cells(); ++c) {
      MF_PRECONDITION(m.cell_face_offsets[c] <= m.cell_face_offsets[c + 1] &&
                          m.cell_offsets[c] <= m.cell_offsets[c + 1],
                      "cell " + std::to_string(c) + ": CSR offsets decrease");
      for (int e = m.cell_face_offsets[c]; e < m.cell_face_offsets[c + 1]; ++e) {
        const int f = m.cell_faces[e], side = m.cell_face_sign[e] > 0 ? 0 : 1;
        MF_PRECONDITION(f >= 0 && f < m.n_faces() && (m.cell_face_sign[e] == 1 || m.cell_face_sign[e] == -1),
                        "cell " + std::to_string(c) + " lists face " + std::to_string(f) + " with sign " +
                            std::to_string(m.cell_face_sign[e]));
        MF_PRECONDITION(m.face_cells[f][side] == c,
                        "cell " + std::to_string(c) + " lists face " + std::to_string(f) + " as its " +
                            (side == 0 ? "left" : "right") + " cell, but the face says otherwise");
        ++seen[f][side];
      }
    }
    for (int f = 0; f < m.n_faces(); ++f) {
      const auto [l, r] = m.face_cells[f];
      MF_PRECONDITION(l >= 0 && l < m.n_cells() && r >= 0 && r < m.n_cells() && l != r,
                      "face " + std::to_string(f) + " has cells " + std::to_string(l) + ", " + std::to_string(r));
      MF_PRECONDITION(seen[f][0] == 1 && seen[f][1] == 1,
                      "face " + std::to_string(f) + " is listed " + std::to_string(seen[f][0]) +
                          " times by its left cell and " + std::to_string(seen[f][1]) +
                          " times by its right cell (once each)");
      if (m.manifold == Manifold::torus)
        MF_PRECONDITION(torus_difference(m.center[l], m.center[r]).dot(m.face_normal[f]) > 0.0,
                        "face " + std::to_string(f) + ": the normal does not point from left cell " +
                            std::to_string(l) + " to right cell " + std::to_string(r));
      if (m.manifold == Manifold::sphere)
        MF_PRECONDITION(m.center[l].dot(m.face_normal[f]) < 0.0 && m.center[r].dot(m.face_normal[f]) > 0.0,
                        "face " + std::to_string(f) + ": the normal does not point from left cell " +
                            std::to_string(l) + " to right cell " + std::to_string(r));
    }
  }
}

double SphereMesh::total_measure() const {
  if (manifold == Manifold::torus) return 4.0 * std::numbers::pi * std::numbers::pi;
  return manifold == Manifold::circle ? 2.0 * std::numbers::pi : 4.0 * std::numbers::pi;
}

Vec3 torus_difference(const Vec3& p, const Vec3& q) {
  const double two_pi = 2.0 * std::numbers::pi;
  Vec3 d = q - p;
  for (int a = 0; a < 2; ++a) {
    d[a] = std::remainder(d[a], two_pi);  // in [−π, π]
    if (d[a] == -std::numbers::pi) d[a] = std::numbers::pi;
  }
  d.z() = 0.0;
  return d;
}

SphereMesh build_torus_mesh(int n, std::string description) {
  if (n < 3) throw MeshError("a torus mesh needs at least 3 × 3 cells, got n = " + std::to_string(n));
  const double h = 2.0 * std::numbers::pi / n;
  SphereMesh m;
  m.manifold = Manifold::torus;
  m.description = std::move(description);
  const int nv = n + 1, nc = n * n;
  auto vertex = [nv](int i, int j) { return i + nv * j; };
  m.vertices.resize(static_cast<std::size_t>(nv) * nv);
  for (int j = 0; j < nv; ++j)
    for (int i = 0; i < nv; ++i) m.vertices[vertex(i, j)] = Vec3(i * h, j * h, 0.0);
  auto wrap = [n](int i) { return (i % n + n) % n; };
  auto cell = [&](int i, int j) { return wrap(i) + n * wrap(j); };
  auto x_face = [&](int i, int j) { return wrap(i) + n * wrap(j); };       // right side of cell (i, j)
  auto y_face = [&](int i, int j) { return nc + wrap(i) + n * wrap(j); };  // top side of cell (i, j)
  m.cell_offsets.resize(nc + 1);
  m.area.assign(nc, h * h);
  m.center.resize(nc);
  m.cell_face_offsets.resize(nc + 1);
  for (int j = 0; j < n; ++j)
    for (int i = 0; i < n; ++i) {
      const int c = cell(i, j);
      m.cell_offsets[c] = 4 * c;
      m.cell_face_offsets[c] = 4 * c;
      // Counter-clockwise from the lower left; the faces in the same order (bottom, right, top, left).
      for (int v : {vertex(i, j), vertex(i + 1, j), vertex(i + 1, j + 1), vertex(i, j + 1)}) m.cell_vertices.push_back(v);
      m.center[c] = Vec3((i + 0.5) * h, (j + 0.5) * h, 0.0);
      m.cell_faces.insert(m.cell_faces.end(), {y_face(i, j - 1), x_face(i, j), y_face(i, j), x_face(i - 1, j)});
      m.cell_face_sign.insert(m.cell_face_sign.end(), {-1, +1, +1, -1});
    }
  m.cell_offsets[nc] = 4 * nc;
  m.cell_face_offsets[nc] = 4 * nc;
  m.face_cells.resize(2 * static_cast<std::size_t>(nc));
  m.face_vertices.resize(2 * static_cast<std::size_t>(nc));
  m.face_length.assign(2 * static_cast<std::size_t>(nc), h);
  m.face_midpoint.resize(2 * static_cast<std::size_t>(nc));
  m.face_normal.resize(2 * static_cast<std::size_t>(nc));
  for (int j = 0; j < n; ++j)
    for (int i = 0; i < n; ++i) {
      const int fx = x_face(i, j), fy = y_face(i, j);
      m.face_cells[fx] = {cell(i, j), cell(i + 1, j)};
      m.face_vertices[fx] = {vertex(i + 1, j), vertex(i + 1, j + 1)};  // the left cell's edge, counter-clockwise
      m.face_midpoint[fx] = Vec3((i + 1 == n ? 0.0 : (i + 1) * h), (j + 0.5) * h, 0.0);
      m.face_normal[fx] = Vec3::UnitX();
      m.face_cells[fy] = {cell(i, j), cell(i, j + 1)};
      m.face_vertices[fy] = {vertex(i + 1, j + 1), vertex(i, j + 1)};
      m.face_midpoint[fy] = Vec3((i + 0.5) * h, (j + 1 == n ? 0.0 : (j + 1) * h), 0.0);
      m.face_normal[fy] = Vec3::UnitY();
    }
  debug_check_mesh(m);
  return m;
}

SphereMesh build_sphere_mesh(std::vector<Vec3> vertices, const std::vector<std::vector<int>>& cells_in,
                             std::string description, bool fix_orientation) {
  SphereMesh m;
  m.manifold = Manifold::sphere;
  m.description = std::move(description);
  const int nv = static_cast<int>(vertices.size());
  const int nc = static_cast<int>(cells_in.size());
  if (nc < 4) throw MeshError("mesh has " + std::to_string(nc) + " cells; a closed sphere mesh needs at least 4");

  std::vector<std::vector<int>> cells = cells_in;
  // Vertices: on the unit sphere within 1e-9, then normalized to round-off.
  std::vector<char> vertex_checked(nv, 0);
  for (int c = 0; c < nc; ++c) {
    const auto& cell = cells[c];
    if (cell.size() < 3)
      throw MeshError(cell_name(c) + " has " + std::to_string(cell.size()) + " vertices; a cell needs at least 3");
    for (std::size_t k = 0; k < cell.size(); ++k) {
      const int i = cell[k];
      if (i < 0 || i >= nv)
        throw MeshError(cell_name(c) + " refers to vertex " + std::to_string(i) + " but the mesh has " +
                        std::to_string(nv) + " vertices");
      for (std::size_t l = k + 1; l < cell.size(); ++l)
        if (cell[l] == i) throw MeshError(cell_name(c) + " lists vertex " + std::to_string(i) + " twice");
      if (!vertex_checked[i]) {
        const double r = vertices[i].norm();
        if (!(std::abs(r - 1.0) <= kSphereTolerance)) {
          std::ostringstream s;
          s.precision(17);
          s << cell_name(c) << ": vertex " << i << " is off the unit sphere (|v| = " << r
            << "; allowed |‖v‖ − 1| ≤ 1e-9)";
          throw MeshError(s.str());
        }
        vertices[i] /= r;
        vertex_checked[i] = 1;
      }
    }
  }

  // Orientation, degeneracy and convexity of each cell.
  m.area.resize(nc);
  for (int c = 0; c < nc; ++c) {
    auto& cell = cells[c];
    double a = polygon_signed_area(vertices, cell);
    if (a < 0.0 && fix_orientation) {
      std::reverse(cell.begin(), cell.end());
      a = -a;
    }
    if (a < 0.0)
      throw MeshError(cell_name(c) + " is listed clockwise seen from outside (signed area " + std::to_string(a) +
                      "); list every cell counter-clockwise");
    if (a < 1e-15) throw MeshError(cell_name(c) + " is degenerate (area " + std::to_string(a) + ")");
    std::string why;
    if (!is_strictly_convex(vertices, cell, why)) throw MeshError(cell_name(c) + " is degenerate: " + why);
    m.area[c] = a;
  }

  // CSR cells.
  m.cell_offsets.assign(1, 0);
  for (const auto& cell : cells) {
    m.cell_vertices.insert(m.cell_vertices.end(), cell.begin(), cell.end());
    m.cell_offsets.push_back(static_cast<int>(m.cell_vertices.size()));
  }

  // Faces from edges: the first cell to list an edge is its left cell.
  std::unordered_map<std::uint64_t, int> edge_to_face;
  edge_to_face.reserve(m.cell_vertices.size());
  m.cell_face_offsets.assign(1, 0);
  for (int c = 0; c < nc; ++c) {
    const auto& cell = cells[c];
    for (std::size_t k = 0; k < cell.size(); ++k) {
      const int a = cell[k], b = cell[(k + 1) % cell.size()];
      const std::uint64_t key = (static_cast<std::uint64_t>(std::min(a, b)) << 32) | static_cast<std::uint32_t>(std::max(a, b));
      auto [it, inserted] = edge_to_face.try_emplace(key, m.n_faces());
      if (inserted) {
        m.face_cells.push_back({c, -1});
        m.face_vertices.push_back({a, b});
        m.cell_faces.push_back(it->second);
        m.cell_face_sign.push_back(+1);
      } else {
        const int f = it->second;
        if (m.face_vertices[f][0] == a)
          throw MeshError(cell_name(c) + " runs along edge " + std::to_string(a) + "→" + std::to_string(b) +
                          " in the same direction as " + cell_name(m.face_cells[f][0]) +
                          ": inconsistent orientation (or overlapping cells)");
        if (m.face_cells[f][1] != -1)
          throw MeshError(cell_name(c) + " shares edge " + std::to_string(a) + "–" + std::to_string(b) +
                          " with two other cells (" + std::to_string(m.face_cells[f][0]) + ", " +
                          std::to_string(m.face_cells[f][1]) + "): the mesh is not a closed surface");
        m.face_cells[f][1] = c;
        m.cell_faces.push_back(f);
        m.cell_face_sign.push_back(-1);
      }
    }
    m.cell_face_offsets.push_back(static_cast<int>(m.cell_faces.size()));
  }
  for (int f = 0; f < m.n_faces(); ++f)
    if (m.face_cells[f][1] == -1)
      throw MeshError(cell_name(m.face_cells[f][0]) + ": edge " + std::to_string(m.face_vertices[f][0]) + "–" +
                      std::to_string(m.face_vertices[f][1]) + " belongs to no other cell: the mesh is not closed");

  // Face geometry.
  const int nf = m.n_faces();
  m.face_length.resize(nf);
  m.face_midpoint.resize(nf);
  m.face_normal.resize(nf);
  for (int f = 0; f < nf; ++f) {
    const Vec3& a = vertices[m.face_vertices[f][0]];
    const Vec3& b = vertices[m.face_vertices[f][1]];
    m.face_length[f] = great_circle_distance(a, b);
    m.face_midpoint[f] = (a + b).normalized();
    m.face_normal[f] = edge_right_normal(a, b);
  }

  // Centroids: ∫_C x dA = ½ Σ_edges θ_ab (a×b)/|a×b| (Stokes), normalized.
  m.center.resize(nc);
  for (int c = 0; c < nc; ++c) {
    Vec3 s = Vec3::Zero();
    const auto& cell = cells[c];
    for (std::size_t k = 0; k < cell.size(); ++k) {
      const Vec3& a = vertices[cell[k]];
      const Vec3& b = vertices[cell[(k + 1) % cell.size()]];
      s += great_circle_distance(a, b) * edge_plane_normal(a, b);
    }
    m.center[c] = s.normalized();
  }

  m.vertices = std::move(vertices);

  // Overlap: a closed, consistently oriented mesh of positive cells covers the sphere an
  // integer number of times; anything but once means overlapping cells.
  const double total = compensated_sum(m.area);
  if (std::abs(total - 4.0 * std::numbers::pi) > kTotalAreaTolerance) {
    std::ostringstream s;
    s.precision(17);
    s << "cells cover a total area of " << total << " instead of 4π = " << 4.0 * std::numbers::pi
      << ": cells overlap";
    // Name the first cell whose centroid lies inside a neighbouring (vertex-sharing) cell.
    std::vector<std::vector<int>> vertex_cells(m.vertices.size());
    for (int c = 0; c < nc; ++c)
      for (int k = m.cell_offsets[c]; k < m.cell_offsets[c + 1]; ++k) vertex_cells[m.cell_vertices[k]].push_back(c);
    for (int c = 0; c < nc; ++c)
      for (int k = m.cell_offsets[c]; k < m.cell_offsets[c + 1]; ++k)
        for (int other : vertex_cells[m.cell_vertices[k]]) {
          if (other == c) continue;
          bool inside = true;
          for (int l = m.cell_offsets[other]; l < m.cell_offsets[other + 1] && inside; ++l) {
            const int l1 = (l + 1 < m.cell_offsets[other + 1]) ? l + 1 : m.cell_offsets[other];
            inside = m.center[c].dot(m.vertices[m.cell_vertices[l]].cross(m.vertices[m.cell_vertices[l1]])) > 0.0;
          }
          if (inside) throw MeshError(cell_name(c) + " overlaps " + cell_name(other) + " (" + s.str() + ")");
        }
    throw MeshError(s.str());
  }
  debug_check_mesh(m);
  return m;
}

SphereMesh build_circle_mesh(const std::vector<double>& angles, std::string description) {
  const int n = static_cast<int>(angles.size());
  if (n < 3) throw MeshError("a circle mesh needs at least 3 arcs, got " + std::to_string(n));
  for (int i = 0; i + 1 < n; ++i)
    if (!(angles[i + 1] > angles[i]))
      throw MeshError("arc " + std::to_string(i) + ": vertex angles must increase strictly");
  const double two_pi = 2.0 * std::numbers::pi;
  if (!(angles[n - 1] - angles[0] < two_pi))
    throw MeshError("arc " + std::to_string(n - 1) + ": vertex angles span 2π or more");

  SphereMesh m;
  m.manifold = Manifold::circle;
  m.description = std::move(description);
  m.vertices.resize(n);
  for (int i = 0; i < n; ++i) m.vertices[i] = Vec3(std::cos(angles[i]), std::sin(angles[i]), 0.0);
  m.cell_offsets.resize(n + 1);
  m.area.resize(n);
  m.center.resize(n);
  for (int c = 0; c < n; ++c) {
    m.cell_offsets[c] = 2 * c;
    m.cell_vertices.push_back(c);
    m.cell_vertices.push_back((c + 1) % n);
    const double a0 = angles[c];
    const double a1 = (c + 1 < n) ? angles[c + 1] : angles[0] + two_pi;
    m.area[c] = a1 - a0;
    const double mid = 0.5 * (a0 + a1);
    m.center[c] = Vec3(std::cos(mid), std::sin(mid), 0.0);
  }
  m.cell_offsets[n] = 2 * n;
  // Face i is the point at vertex i, between arc i−1 (left) and arc i (right); its normal is
  // the counter-clockwise tangent, so positive flux means counter-clockwise motion.
  m.face_cells.resize(n);
  m.face_vertices.resize(n);
  m.face_length.assign(n, 1.0);
  m.face_midpoint = m.vertices;
  m.face_normal.resize(n);
  for (int f = 0; f < n; ++f) {
    m.face_cells[f] = {(f + n - 1) % n, f};
    m.face_vertices[f] = {f, f};
    m.face_normal[f] = Vec3(-m.vertices[f].y(), m.vertices[f].x(), 0.0);
  }
  m.cell_face_offsets.resize(n + 1);
  for (int c = 0; c < n; ++c) {
    m.cell_face_offsets[c] = 2 * c;
    m.cell_faces.push_back(c);  // left end: this arc is the face's right cell
    m.cell_face_sign.push_back(-1);
    m.cell_faces.push_back((c + 1) % n);
    m.cell_face_sign.push_back(+1);
  }
  m.cell_face_offsets[n] = 2 * n;
  debug_check_mesh(m);
  return m;
}

}  // namespace mf
