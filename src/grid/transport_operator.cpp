#include "grid/transport_operator.hpp"

#include <cmath>
#include <functional>
#include <algorithm>
#include <limits>
#include <stdexcept>

#include <omp.h>

#include "base/parallel_threshold.hpp"
#include "grid/transport_kernels.hpp"

namespace mf {

namespace {
// Whether [a, a + na) and [b, b + nb) share an element (std::less: a total order on pointers).
[[maybe_unused]] bool overlap(const double* a, Eigen::Index na, const double* b, Eigen::Index nb) {
  return std::less<const double*>{}(a, b + nb) && std::less<const double*>{}(b, a + na);
}
}  // namespace

const NameTable<Reconstruction>& name_table(Reconstruction) {
  static const NameTable<Reconstruction> table("transport scheme", {
      {Reconstruction::limited, "limited", "second order: MUSCL reconstruction with a Barth–Jespersen limiter"},
      {Reconstruction::upwind, "upwind", "first-order upwind"},
  });
  return table;
}

TransportOperator::TransportOperator(const SphereMesh& mesh, Reconstruction scheme, StencilKind stencil,
                                     KernelVariant variant)
    : mesh_(mesh), scheme_(scheme), variant_(variant) {
  debug_check_mesh(mesh);
  inv_area_.resize(mesh.n_cells());
  for (int c = 0; c < mesh.n_cells(); ++c) inv_area_[c] = 1.0 / mesh.area[c];
  parked_.resize(mesh.n_faces());
  if (scheme == Reconstruction::limited) {
    stencil_ = build_reconstruction_stencil(mesh, stencil);
    density_.resize(mesh.n_cells());
    face_value_.resize(static_cast<Eigen::Index>(mesh.cell_faces.size()));
  }
}

void TransportOperator::apply(const double* masses, const double* phi, double* out) const {
  MF_PRECONDITION(masses != nullptr && phi != nullptr && out != nullptr, "apply needs masses, phi and out");
  // out is zeroed before masses and phi are read: it must not share memory with them.
  MF_PRECONDITION(!overlap(out, mesh_.n_cells(), masses, mesh_.n_cells()) &&
                      !overlap(out, mesh_.n_cells(), phi, mesh_.n_faces()),
                  "out (#cells) overlaps masses (#cells) or phi (#faces)");
  // The team, or one thread below the threshold: a one-thread partition scatters every face in
  // order, as the reference kernel does.
  if (variant_ == KernelVariant::omp) {
    const int threads =
        parallel::worth_parallel(static_cast<std::size_t>(mesh_.n_cells()), parallel::kTransportCells)
            ? omp_get_max_threads()
            : 1;
    if (partition_.threads != threads) partition_ = kernels::make_thread_partition(mesh_, threads);
  }
  const kernels::TransportInput in{&mesh_, &stencil_, inv_area_.data(), &partition_};
  if (scheme_ == Reconstruction::upwind) {
    if (variant_ == KernelVariant::reference) kernels::reference::upwind_divergence(in, masses, phi, out);
    else kernels::omp::upwind_divergence(in, masses, phi, out, parked_.data());
    return;
  }
  const Eigen::Index n = mesh_.n_cells();
  density_ = Eigen::Map<const Eigen::VectorXd>(masses, n).cwiseProduct(inv_area_);
  if (variant_ == KernelVariant::reference) {
    kernels::reference::limited_face_values(in, density_.data(), face_value_.data());
    kernels::reference::limited_divergence(in, face_value_.data(), phi, out);
  } else {
    kernels::omp::limited_face_values(in, density_.data(), face_value_.data());
    kernels::omp::limited_divergence(in, face_value_.data(), phi, out, parked_.data());
  }
}

double TransportOperator::stable_dt(const double* phi, const double* decay) const {
  MF_PRECONDITION(phi != nullptr, "stable_dt needs the face fluxes");
  double rate = 0.0;  // the largest rate at which a cell loses mass
  const auto& m = mesh_;
#pragma omp parallel for reduction(max : rate) schedule(dynamic, parallel::dynamic_chunk(m.n_cells())) \
    if (parallel::worth_parallel(static_cast<std::size_t>(m.n_cells()), parallel::kStableDtCells))
  for (int c = 0; c < m.n_cells(); ++c) {
    double outflow = 0.0;
    for (int e = m.cell_face_offsets[c]; e < m.cell_face_offsets[c + 1]; ++e) {
      const double out = m.cell_face_sign[e] * phi[m.cell_faces[e]];
      if (out > 0.0) outflow += out;
    }
    rate = std::max(rate, outflow * inv_area_[c] + (decay ? decay[c] : 0.0));
  }
  return rate > 0.0 ? 1.0 / rate : std::numeric_limits<double>::infinity();
}

}  // namespace mf
