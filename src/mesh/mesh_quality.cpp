#include "mesh/mesh_quality.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <ostream>

namespace mf {

MeshQuality mesh_quality(const SphereMesh& m) {
  MeshQuality q;
  q.n_cells = m.n_cells();
  q.n_faces = m.n_faces();
  q.n_vertices = m.n_vertices();
  const auto [amin, amax] = std::minmax_element(m.area.begin(), m.area.end());
  q.min_area = *amin;
  q.max_area = *amax;
  q.area_ratio = q.max_area / q.min_area;
  q.area_sum_error = compensated_sum(m.area) - m.total_measure();
  if (m.manifold != Manifold::circle) {
    const auto [lmin, lmax] = std::minmax_element(m.face_length.begin(), m.face_length.end());
    q.min_edge = *lmin;
    q.max_edge = *lmax;
    q.edge_ratio = q.max_edge / q.min_edge;
    for (int c = 0; c < m.n_cells(); ++c) {
      Vec3 s = Vec3::Zero();
      double perimeter = 0.0;
      for (int e = m.cell_face_offsets[c]; e < m.cell_face_offsets[c + 1]; ++e) {
        const int f = m.cell_faces[e];
        s += m.cell_face_sign[e] * m.face_length[f] * m.face_normal[f];
        perimeter += m.face_length[f];
      }
      const Vec3 tangential = m.manifold == Manifold::torus ? s : Vec3(s - s.dot(m.center[c]) * m.center[c]);
      q.max_normal_closure = std::max(q.max_normal_closure, tangential.norm() / perimeter);
    }
  }
  return q;
}

void print_mesh_quality(std::ostream& out, const SphereMesh& m, const MeshQuality& q) {
  const auto precision = out.precision(6);
  out << "mesh: " << m.description << "\n"
      << "  cells " << q.n_cells << ", faces " << q.n_faces << ", vertices " << q.n_vertices << "\n"
      << "  cell " << (m.manifold == Manifold::circle ? "length" : "area") << " min " << q.min_area << ", max "
      << q.max_area << ", ratio " << q.area_ratio << "\n";
  if (m.manifold != Manifold::circle)
    out << "  edge length min " << q.min_edge << ", max " << q.max_edge << ", ratio " << q.edge_ratio << "\n"
        << "  max normal closure defect " << q.max_normal_closure << "\n";
  out.precision(3);
  out << "  sum of areas - " << (m.manifold == Manifold::circle ? "2pi" : m.manifold == Manifold::torus ? "4pi^2" : "4pi")
      << " = " << std::scientific
      << q.area_sum_error << std::defaultfloat << "\n";
  out.precision(precision);
}

}  // namespace mf
