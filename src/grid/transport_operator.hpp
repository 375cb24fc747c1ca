#pragma once
// The finite-volume transport operator on cell masses: dM_i/dt = −Σ_{f ∋ i} ±Φ_f ρ_f,
// with Φ_f = ∫_f u·n dl the volume flux through face f (left → right) and ρ_f the upwind
// density at the face: the cell average (first order) or a limited linear reconstruction
// (second order). Flux form: the sum of dM/dt over cells is zero to round-off.

#include <Eigen/Core>
#include <string>
#include <vector>

#include "base/name_table.hpp"
#include "grid/reconstruction_stencil.hpp"
#include "grid/transport_kernels.hpp"
#include "mesh/sphere_mesh.hpp"

namespace mf {

enum class Reconstruction { upwind, limited };
const NameTable<Reconstruction>& name_table(Reconstruction);
enum class KernelVariant { reference, omp };


/// Courant number limit with an SSP stepper (forward Euler, SSPRK3). Upwind: 1, where masses
/// provably stay ≥ 0. Limited: 1/2; the limiter keeps face values within the neighbours'
/// range, which bounds the solution, but exact positivity at 1/2 is not proven on every mesh
/// (validation measures minima ≥ −5e-9 of the peak on the cosine bell).
inline double courant_limit(Reconstruction r) { return r == Reconstruction::upwind ? 1.0 : 0.5; }

class TransportOperator {
 public:
  /// Keeps a reference to `mesh`, which must outlive the operator.
  TransportOperator(const SphereMesh& mesh, Reconstruction scheme,
                    StencilKind stencil = StencilKind::face_neighbours,
                    KernelVariant variant = KernelVariant::omp);

  /// out = dM/dt for one species. masses: #cells; phi: #faces; out: #cells (overwritten).
  /// Not thread-safe (uses internal work space).
  void apply(const double* masses, const double* phi, double* out) const;

  /// The largest dt for which a forward-Euler upwind step keeps every mass ≥ 0:
  ///   1 / max_i (Σ_{faces of i with outflow} |Φ_f| / A_i + decay_i)   (+∞ when all are 0),
  /// with decay (#cells, ≥ 0, may be null) the rate at which a reaction removes mass from cell i.
  /// The Courant number of a step is dt / stable_dt.
  double stable_dt(const double* phi, const double* decay = nullptr) const;

  double courant_limit() const { return mf::courant_limit(scheme_); }

  Reconstruction scheme() const { return scheme_; }

 private:
  const SphereMesh& mesh_;
  Reconstruction scheme_;
  KernelVariant variant_;
  ReconstructionStencil stencil_;
  Eigen::VectorXd inv_area_;
  mutable kernels::ThreadPartition partition_;      // for omp_get_max_threads(), or 1 below parallel::kTransportCells
  mutable Eigen::VectorXd density_, face_value_, parked_;  // ρ = M/A; per-slot face values; per-face parked fluxes
};

}  // namespace mf
