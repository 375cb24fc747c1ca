#pragma once
// The per-cell body of the limited second-order reconstruction, shared by the reference and
// OpenMP kernels: a least-squares gradient in the tangent plane, limited with Barth–Jespersen
// so every face value lies within [min, max] of the cell and its stencil neighbours.

#include <algorithm>

#include "grid/transport_kernels.hpp"

namespace mf::kernels {

/// Writes the limited face values of cell c into face_value[slot] for its face slots.
inline void reconstruct_cell(const TransportInput& in, const double* density, int c, double* face_value) {
  const auto& m = *in.mesh;
  const auto& s = *in.stencil;
  const double rho = density[c];
  double gx = 0.0, gy = 0.0;
  double lo = rho, hi = rho;
  for (int k = s.offsets[c]; k < s.offsets[c + 1]; ++k) {
    const double r = density[s.neighbour[k]];
    gx += s.weight[k].x() * (r - rho);
    gy += s.weight[k].y() * (r - rho);
    lo = std::min(lo, r);
    hi = std::max(hi, r);
  }
  // Barth–Jespersen: the largest φ ∈ [0, 1] with ρ + φ Δ_e ∈ [lo, hi] at every face, Δ_e = ∇ρ·d_e.
  // (hi − ρ)/Δ falls as Δ > 0 grows and (ρ − lo)/(−Δ) as −Δ grows, so only the extreme Δ
  // matter: two divisions per cell, no branch per face.
  const int first = m.cell_face_offsets[c], last = m.cell_face_offsets[c + 1];
  double up = 0.0, down = 0.0;  // max Δ_e, max −Δ_e (0 when no face goes that way)
  for (int e = first; e < last; ++e) {
    const double delta = gx * s.face_offset[e].x() + gy * s.face_offset[e].y();
    up = std::max(up, delta);
    down = std::max(down, -delta);
  }
  double phi = 1.0;
  if (up > 0.0) phi = std::min(phi, (hi - rho) / up);
  if (down > 0.0) phi = std::min(phi, (rho - lo) / down);
  for (int e = first; e < last; ++e) face_value[e] = rho + phi * (gx * s.face_offset[e].x() + gy * s.face_offset[e].y());
}

}  // namespace mf::kernels
