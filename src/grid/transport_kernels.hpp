#pragma once
// Kernels of the finite-volume transport operator, in two variants computing the same thing:
//   reference:: plain serial loops over faces, each flux scattered to both cells — the
//               specification;
//   omp::       OpenMP, race-free by ownership: cells are split into one contiguous range per
//               thread, a face belongs to the thread owning its left cell; a thread scatters
//               to both cells when it owns both, and otherwise parks the flux for the owner of
//               the right cell, which adds it after a barrier (a few faces per thousand).
// Both select the upwind cell by index without a branch (flux signs are often mixed, and a
// mispredicted branch costs more than the arithmetic). Tests check the variants agree on the
// same input (tests/test_transport_kernels.cpp).
//
// Units: masses M_i = ∫_{C_i} ρ dA; phi_f = ∫_f u·n dl (volume flux, left → right);
// out_i = dM_i/dt = −Σ_f ±phi_f ρ_f with ρ_f the (reconstructed) upwind density.

#include <string>
#include <vector>

#include "base/precondition.hpp"
#include "grid/reconstruction_stencil.hpp"
#include "mesh/sphere_mesh.hpp"

namespace mf::kernels {

/// Ownership of cells and faces by the threads of the omp kernels.
struct ThreadPartition {
  int threads = 0;
  std::vector<int> cell_begin;                ///< threads+1: thread t owns cells [cell_begin[t], cell_begin[t+1])
  std::vector<std::vector<int>> faces;        ///< per thread: faces whose left cell it owns, ascending
  std::vector<std::vector<int>> incoming;     ///< per thread: faces whose right cell it owns and left cell it does not
};
ThreadPartition make_thread_partition(const SphereMesh& mesh, int threads);

/// What the kernels read; all pointers are arrays owned by the caller.
struct TransportInput {
  const SphereMesh* mesh;
  const ReconstructionStencil* stencil;  ///< limited scheme only
  const double* inv_area;                ///< #cells 1/A_i
  const ThreadPartition* partition;      ///< omp kernels only
};

/// Debug check (nothing in release builds) that `in` holds what a kernel reads: a mesh and
/// 1/A_i; with `limited`, a stencil made for this mesh; with `partitioned`, a partition of this
/// mesh's cells. O(#threads).
inline void check_input([[maybe_unused]] const TransportInput& in, [[maybe_unused]] bool limited,
                        [[maybe_unused]] bool partitioned) {
  if constexpr (debug_checks) {
    MF_PRECONDITION(in.mesh != nullptr && in.inv_area != nullptr, "a transport kernel needs the mesh and 1/A");
    if (limited) {
      MF_PRECONDITION(in.stencil != nullptr, "the limited kernels need a reconstruction stencil");
      const ReconstructionStencil& s = *in.stencil;
      MF_PRECONDITION(s.offsets.size() == static_cast<std::size_t>(in.mesh->n_cells()) + 1 &&
                          s.face_slot.size() == static_cast<std::size_t>(in.mesh->n_faces()) &&
                          s.face_offset.size() == in.mesh->cell_faces.size(),
                      "the stencil (" + std::to_string(s.face_slot.size()) + " faces) was not made for this mesh (" +
                          std::to_string(in.mesh->n_faces()) + " faces)");
    }
    if (partitioned) {
      MF_PRECONDITION(in.partition != nullptr, "the omp kernels need a thread partition");
      const ThreadPartition& p = *in.partition;
      MF_PRECONDITION(p.threads >= 1 && p.cell_begin.size() == static_cast<std::size_t>(p.threads) + 1 &&
                          p.faces.size() == static_cast<std::size_t>(p.threads) &&
                          p.incoming.size() == static_cast<std::size_t>(p.threads) &&
                          p.cell_begin.back() == in.mesh->n_cells(),
                      "the thread partition (" + std::to_string(p.threads) + " threads) was not made for this mesh");
    }
  }
}

/// The upwind cell of a face: `left` when phi > 0, else `right`, without a branch.
inline int upwind_cell(double phi, int left, int right) {
  return right ^ ((left ^ right) & -static_cast<int>(phi > 0.0));
}

namespace reference {
void upwind_divergence(const TransportInput& in, const double* masses, const double* phi, double* out);
/// Face values of the limited reconstruction, one per cell-face CSR slot. `density` #cells.
void limited_face_values(const TransportInput& in, const double* density, double* face_value);
void limited_divergence(const TransportInput& in, const double* face_value, const double* phi, double* out);
}  // namespace reference

namespace omp {
/// `parked` is #faces work space. Call from outside a parallel region with a partition made for
/// omp_get_max_threads() threads, or for 1 (TransportOperator's choice below its size threshold,
/// base/parallel_threshold.hpp): the kernels run on the partition's threads, serially for 1.
void upwind_divergence(const TransportInput& in, const double* masses, const double* phi, double* out,
                       double* parked);
void limited_face_values(const TransportInput& in, const double* density, double* face_value);
void limited_divergence(const TransportInput& in, const double* face_value, const double* phi, double* out,
                        double* parked);
}  // namespace omp

}  // namespace mf::kernels
