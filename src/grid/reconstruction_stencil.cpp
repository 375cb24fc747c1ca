#include "grid/reconstruction_stencil.hpp"

#include <algorithm>
#include <cmath>
#include <Eigen/Dense>
#include <string>
#include <utility>

namespace mf {

const NameTable<StencilKind>& name_table(StencilKind) {
  static const NameTable<StencilKind> table("stencil", {
      {StencilKind::face_neighbours, "face", "the cells across the faces"},
      {StencilKind::vertex_neighbours, "vertex", "every cell sharing a vertex"},
  });
  return table;
}

namespace {

std::vector<std::vector<int>> stencil_cells(const SphereMesh& m, StencilKind kind) {
  std::vector<std::vector<int>> cells(m.n_cells());
  if (kind == StencilKind::face_neighbours || m.manifold == Manifold::circle) {
    for (int c = 0; c < m.n_cells(); ++c)
      for (int e = m.cell_face_offsets[c]; e < m.cell_face_offsets[c + 1]; ++e) {
        const int nb = m.neighbour(c, m.cell_faces[e]);
        if (std::find(cells[c].begin(), cells[c].end(), nb) == cells[c].end()) cells[c].push_back(nb);
      }
    return cells;
  }
  // A vertex and its copies across the sides of the torus are one point.
  const int side = m.manifold == Manifold::torus ? static_cast<int>(std::lround(std::sqrt(m.n_vertices()))) : 0;
  auto point = [&](int v) { return side ? (v % side) % (side - 1) + (side - 1) * ((v / side) % (side - 1)) : v; };
  std::vector<std::vector<int>> vertex_cells(m.n_vertices());
  for (int c = 0; c < m.n_cells(); ++c)
    for (int k = m.cell_offsets[c]; k < m.cell_offsets[c + 1]; ++k) vertex_cells[point(m.cell_vertices[k])].push_back(c);
  for (int c = 0; c < m.n_cells(); ++c) {
    for (int k = m.cell_offsets[c]; k < m.cell_offsets[c + 1]; ++k)
      for (int nb : vertex_cells[point(m.cell_vertices[k])])
        if (nb != c) cells[c].push_back(nb);
    std::sort(cells[c].begin(), cells[c].end());
    cells[c].erase(std::unique(cells[c].begin(), cells[c].end()), cells[c].end());
  }
  return cells;
}

// Orthonormal tangent basis at the centroid (S¹: the counter-clockwise tangent and zero; T²:
// the axes).
std::pair<Vec3, Vec3> local_basis(const SphereMesh& m, int c) {
  const Vec3& x = m.center[c];
  if (m.manifold == Manifold::torus) return {Vec3::UnitX(), Vec3::UnitY()};
  if (m.manifold == Manifold::circle) return {Vec3(-x.y(), x.x(), 0.0), Vec3::Zero()};
  Vec3 east, north;
  tangent_basis(x, east, north);
  return {east, north};
}

// The displacement from p to q in the tangent space at p (the log map; on T² the periodic difference).
Vec3 displacement(const SphereMesh& m, const Vec3& p, const Vec3& q) {
  return m.manifold == Manifold::torus ? torus_difference(p, q) : log_map(p, q);
}

}  // namespace

ReconstructionStencil build_reconstruction_stencil(const SphereMesh& m, StencilKind kind) {
  ReconstructionStencil s;
  const auto cells = stencil_cells(m, kind);
  const int dim = m.manifold_dimension();
  s.offsets.assign(1, 0);
  for (int c = 0; c < m.n_cells(); ++c) {
    const Vec3& x = m.center[c];
    const auto [east, north] = local_basis(m, c);
    // Normal equations in the local tangent basis (1×1 on S¹, 2×2 on S²).
    const int n = static_cast<int>(cells[c].size());
    Eigen::MatrixXd d(n, dim);
    Eigen::VectorXd w(n);
    for (int k = 0; k < n; ++k) {
      const Vec3 dk = displacement(m, x, m.center[cells[c][k]]);
      d(k, 0) = dk.dot(east);
      if (dim == 2) d(k, 1) = dk.dot(north);
      w(k) = 1.0 / dk.squaredNorm();
    }
    const Eigen::MatrixXd normal = d.transpose() * w.asDiagonal() * d;
    Eigen::LDLT<Eigen::MatrixXd> ldlt(normal);
    if (ldlt.info() != Eigen::Success || ldlt.rcond() < 1e-12)
      throw MeshError("cell " + std::to_string(c) + ": its neighbours do not span the tangent plane, so no gradient");
    const Eigen::MatrixXd coef = ldlt.solve(d.transpose() * w.asDiagonal());  // dim × n
    for (int k = 0; k < n; ++k) {
      s.neighbour.push_back(cells[c][k]);
      s.weight.emplace_back(coef(0, k), dim == 2 ? coef(1, k) : 0.0);
    }
    s.offsets.push_back(static_cast<int>(s.neighbour.size()));
  }
  s.face_offset.resize(m.cell_faces.size());
  s.face_slot.assign(m.n_faces(), {-1, -1});
  for (int c = 0; c < m.n_cells(); ++c) {
    const auto [east, north] = local_basis(m, c);
    for (int e = m.cell_face_offsets[c]; e < m.cell_face_offsets[c + 1]; ++e) {
      const int f = m.cell_faces[e];
      const Vec3 d = displacement(m, m.center[c], m.face_midpoint[f]);
      s.face_offset[e] = Vec2(d.dot(east), d.dot(north));
      s.face_slot[f][m.cell_face_sign[e] > 0 ? 0 : 1] = e;
    }
  }
  return s;
}

}  // namespace mf
