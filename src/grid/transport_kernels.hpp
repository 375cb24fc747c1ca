#pragma once
// Kernels of the finite-volume transport operator, in two variants computing the same thing:
//   reference:: plain serial loops (scatter of face fluxes to both cells), the specification;
//   omp::       OpenMP loops (face fluxes in a parallel face pass, then a race-free gather per
//               cell), the production path.
// Tests check the variants agree on the same input (tests/test_transport_kernels.cpp).
//
// Units: masses M_i = ∫_{C_i} ρ dA; phi_f = ∫_f u·n dl (volume flux, left → right);
// out_i = dM_i/dt = −Σ_f ±phi_f ρ_f with ρ_f the (reconstructed) upwind density.

#include "grid/reconstruction_stencil.hpp"
#include "mesh/sphere_mesh.hpp"

namespace mf::kernels {

/// What the kernels read; all pointers are arrays owned by the caller.
struct TransportInput {
  const SphereMesh* mesh;
  const ReconstructionStencil* stencil;  ///< limited scheme only
  const double* inv_area;                ///< #cells 1/A_i
};

namespace reference {
void upwind_divergence(const TransportInput& in, const double* masses, const double* phi, double* out);
/// Face values of the limited reconstruction, one per cell-face CSR slot. `density` #cells.
void limited_face_values(const TransportInput& in, const double* density, double* face_value);
void limited_divergence(const TransportInput& in, const double* face_value, const double* phi, double* out);
}  // namespace reference

namespace omp {
/// `face_flux` is #faces work space.
void upwind_divergence(const TransportInput& in, const double* masses, const double* phi, double* out,
                       double* face_flux);
void limited_face_values(const TransportInput& in, const double* density, double* face_value);
void limited_divergence(const TransportInput& in, const double* face_value, const double* phi, double* out,
                        double* face_flux);
}  // namespace omp

}  // namespace mf::kernels
