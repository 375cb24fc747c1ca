#include "grid/limited_reconstruction.hpp"
#include "grid/transport_kernels.hpp"

namespace mf::kernels::omp {

namespace {

// out_c = −Σ_{faces of c} sign · flux_f, with sign +1 where c is the left cell.
void gather(const SphereMesh& m, const double* face_flux, double* out) {
  const int* offsets = m.cell_face_offsets.data();
  const int* faces = m.cell_faces.data();
  const signed char* sign = m.cell_face_sign.data();
#pragma omp parallel for schedule(static)
  for (int c = 0; c < m.n_cells(); ++c) {
    double s = 0.0;
    for (int e = offsets[c]; e < offsets[c + 1]; ++e) s -= sign[e] * face_flux[faces[e]];
    out[c] = s;
  }
}

}  // namespace

void upwind_divergence(const TransportInput& in, const double* masses, const double* phi, double* out,
                       double* face_flux) {
  const auto& m = *in.mesh;
  const auto* cells = m.face_cells.data();
  const double* inv_area = in.inv_area;
#pragma omp parallel for schedule(static)
  for (int f = 0; f < m.n_faces(); ++f) {
    const auto [l, r] = cells[f];
    face_flux[f] = upwind_face_flux(phi[f], masses[l] * inv_area[l], masses[r] * inv_area[r]);
  }
  gather(m, face_flux, out);
}

void limited_face_values(const TransportInput& in, const double* density, double* face_value) {
#pragma omp parallel for schedule(static)
  for (int c = 0; c < in.mesh->n_cells(); ++c) reconstruct_cell(in, density, c, face_value);
}

void limited_divergence(const TransportInput& in, const double* face_value, const double* phi, double* out,
                        double* face_flux) {
  const auto& m = *in.mesh;
  const auto* slot = in.stencil->face_slot.data();
#pragma omp parallel for schedule(static)
  for (int f = 0; f < m.n_faces(); ++f)
    face_flux[f] = upwind_face_flux(phi[f], face_value[slot[f][0]], face_value[slot[f][1]]);
  gather(m, face_flux, out);
}

}  // namespace mf::kernels::omp
