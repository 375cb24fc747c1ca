#include <omp.h>

#include <stdexcept>

#include "base/parallel_threshold.hpp"
#include "grid/limited_reconstruction.hpp"
#include "grid/transport_kernels.hpp"

namespace mf::kernels {

ThreadPartition make_thread_partition(const SphereMesh& m, int threads) {
  ThreadPartition p;
  p.threads = threads;
  p.cell_begin.resize(threads + 1);
  for (int t = 0; t <= threads; ++t)
    p.cell_begin[t] = static_cast<int>(static_cast<long long>(m.n_cells()) * t / threads);
  std::vector<int> owner(m.n_cells());
  for (int t = 0; t < threads; ++t)
    for (int c = p.cell_begin[t]; c < p.cell_begin[t + 1]; ++c) owner[c] = t;
  p.faces.resize(threads);
  p.incoming.resize(threads);
  for (int f = 0; f < m.n_faces(); ++f) {
    const auto [l, r] = m.face_cells[f];
    p.faces[owner[l]].push_back(f);
    if (owner[r] != owner[l]) p.incoming[owner[r]].push_back(f);
  }
  return p;
}

namespace omp {

namespace {

// Scatters flux(f) over the faces by ownership (see transport_kernels.hpp). FluxOf(f) → flux.
// Every thread of the partition must run: a smaller team (inside another parallel region, or
// under a thread limit) would leave the missing threads' cells unwritten.
template <class FluxOf>
void scatter(const TransportInput& in, double* out, double* parked, FluxOf&& flux_of) {
  const auto& m = *in.mesh;
  const ThreadPartition& p = *in.partition;
  const auto* cells = m.face_cells.data();
  MF_PRECONDITION(parked != nullptr, "the omp kernels need #faces parked work space");
  MF_PRECONDITION(!omp_in_parallel(), "the omp transport kernels must be called outside a parallel region");
  [[maybe_unused]] int team = p.threads;  // the team the region got (checked after it: no throw inside)
#pragma omp parallel num_threads(p.threads) if (p.threads > 1)
  {
    const int t = omp_get_thread_num();
    if constexpr (debug_checks)
      if (t == 0) team = omp_get_num_threads();
    const int begin = p.cell_begin[t], end = p.cell_begin[t + 1];
    for (int c = begin; c < end; ++c) out[c] = 0.0;
    for (const int f : p.faces[t]) {
      const auto [l, r] = cells[f];
      const double flux = flux_of(f, l, r);
      out[l] -= flux;
      if (r >= begin && r < end) out[r] += flux;
      else parked[f] = flux;
    }
#pragma omp barrier
    for (const int f : p.incoming[t]) out[cells[f][1]] += parked[f];
  }
  MF_PRECONDITION(team == p.threads, "the partition has " + std::to_string(p.threads) + " threads, the region ran " +
                                         std::to_string(team) + ": cells were left out");
}

}  // namespace

void upwind_divergence(const TransportInput& in, const double* masses, const double* phi, double* out,
                       double* parked) {
  check_input(in, false, true);
  const double* inv_area = in.inv_area;
  scatter(in, out, parked, [=](int f, int l, int r) {
    const int up = upwind_cell(phi[f], l, r);
    return phi[f] * masses[up] * inv_area[up];
  });
}

void limited_face_values(const TransportInput& in, const double* density, double* face_value) {
  check_input(in, true, true);
#pragma omp parallel for schedule(dynamic, parallel::dynamic_chunk(in.mesh->n_cells())) \
    num_threads(in.partition->threads) if (in.partition->threads > 1)
  for (int c = 0; c < in.mesh->n_cells(); ++c) reconstruct_cell(in, density, c, face_value);
}

void limited_divergence(const TransportInput& in, const double* face_value, const double* phi, double* out,
                        double* parked) {
  check_input(in, true, true);
  const auto* slot = in.stencil->face_slot.data();
  scatter(in, out, parked, [=](int f, int, int) {
    const int s = upwind_cell(phi[f], slot[f][0], slot[f][1]);
    return phi[f] * face_value[s];
  });
}

}  // namespace omp
}  // namespace mf::kernels
