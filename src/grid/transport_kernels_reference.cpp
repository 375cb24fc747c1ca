#include "grid/limited_reconstruction.hpp"
#include "grid/transport_kernels.hpp"

namespace mf::kernels::reference {

void upwind_divergence(const TransportInput& in, const double* masses, const double* phi, double* out) {
  check_input(in, false, false);
  const auto& m = *in.mesh;
  for (int c = 0; c < m.n_cells(); ++c) out[c] = 0.0;
  for (int f = 0; f < m.n_faces(); ++f) {
    const auto [l, r] = m.face_cells[f];
    const int up = upwind_cell(phi[f], l, r);
    const double flux = phi[f] * masses[up] * in.inv_area[up];
    out[l] -= flux;
    out[r] += flux;
  }
}

void limited_face_values(const TransportInput& in, const double* density, double* face_value) {
  check_input(in, true, false);
  for (int c = 0; c < in.mesh->n_cells(); ++c) reconstruct_cell(in, density, c, face_value);
}

void limited_divergence(const TransportInput& in, const double* face_value, const double* phi, double* out) {
  check_input(in, true, false);
  const auto& m = *in.mesh;
  const auto& slot = in.stencil->face_slot;
  for (int c = 0; c < m.n_cells(); ++c) out[c] = 0.0;
  for (int f = 0; f < m.n_faces(); ++f) {
    const auto [l, r] = m.face_cells[f];
    const double flux = phi[f] * face_value[slot[f][phi[f] > 0.0 ? 0 : 1]];
    out[l] -= flux;
    out[r] += flux;
  }
}

}  // namespace mf::kernels::reference
