#pragma once
// The per-cell body of the limited second-order reconstruction, shared by the reference and
// OpenMP kernels: a least-squares gradient in the tangent plane, limited with Barth–Jespersen
// so every face value lies within [min, max] of the cell and its stencil neighbours.

#include <algorithm>

#include "grid/transport_kernels.hpp"

namespace mf::kernels {

inline void reconstruct_cell(const TransportInput& in, const double* density, int c, double* face_value) {
  const auto& m = *in.mesh;
  const auto& s = *in.stencil;
  const double rho = density[c];
  Vec3 grad = Vec3::Zero();
  double lo = rho, hi = rho;
  for (int k = s.offsets[c]; k < s.offsets[c + 1]; ++k) {
    const double r = density[s.neighbour[k]];
    grad += s.weight[k] * (r - rho);
    lo = std::min(lo, r);
    hi = std::max(hi, r);
  }
  // Barth–Jespersen: the largest φ ∈ [0, 1] keeping ρ + φ ∇ρ·d within [lo, hi] at every face.
  double phi = 1.0;
  for (int e = m.cell_face_offsets[c]; e < m.cell_face_offsets[c + 1]; ++e) {
    const double delta = grad.dot(s.face_offset[e]);
    if (delta > 0.0) phi = std::min(phi, (hi - rho) / delta);
    else if (delta < 0.0) phi = std::min(phi, (lo - rho) / delta);
  }
  for (int e = m.cell_face_offsets[c]; e < m.cell_face_offsets[c + 1]; ++e)
    face_value[e] = rho + phi * grad.dot(s.face_offset[e]);
}

/// Upwind flux of face f: phi_f times the value on the side it comes from.
inline double upwind_face_flux(double phi, double left_value, double right_value) {
  return phi > 0.0 ? phi * left_value : phi * right_value;
}

}  // namespace mf::kernels
