// One right-hand-side evaluation of finite-volume transport on icosahedral level 7
// (327,680 cells, 491,520 edges), in edge fluxes per second; 1 and 2 OpenMP threads, and the
// serial reference kernels for comparison.
//
//   build/bench/bench_transport                     (all)
//   build/bench/bench_transport --benchmark_filter=Upwind

#include <benchmark/benchmark.h>
#include <omp.h>

#include <random>

#include "grid/transport_operator.hpp"
#include "mesh/mesh_generators.hpp"

namespace {

const mf::SphereMesh& level7() {
  static const mf::SphereMesh mesh = mf::icosahedral_mesh(7);
  return mesh;
}

void transport_rhs(benchmark::State& state, mf::Reconstruction scheme, mf::KernelVariant variant) {
  const mf::SphereMesh& m = level7();
  const int threads = static_cast<int>(state.range(0));
  omp_set_num_threads(threads);
  const mf::TransportOperator op(m, scheme, mf::StencilKind::face_neighbours, variant);
  std::mt19937_64 rng(1);
  std::uniform_real_distribution<double> u(-1.0, 1.0);
  Eigen::VectorXd masses(m.n_cells()), phi(m.n_faces()), out(m.n_cells());
  for (int c = 0; c < m.n_cells(); ++c) masses[c] = m.area[c] * (1.5 + u(rng));
  for (int f = 0; f < m.n_faces(); ++f) phi[f] = u(rng) * m.face_length[f];

  for (auto _ : state) {
    op.apply(masses.data(), phi.data(), out.data());
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  state.counters["edge_fluxes_per_s"] =
      benchmark::Counter(static_cast<double>(m.n_faces()), benchmark::Counter::kIsIterationInvariantRate);
  state.counters["threads"] = threads;
}

void BM_UpwindRhsLevel7(benchmark::State& s) { transport_rhs(s, mf::Reconstruction::upwind, mf::KernelVariant::omp); }
void BM_LimitedRhsLevel7(benchmark::State& s) { transport_rhs(s, mf::Reconstruction::limited, mf::KernelVariant::omp); }
void BM_UpwindRhsLevel7Reference(benchmark::State& s) {
  transport_rhs(s, mf::Reconstruction::upwind, mf::KernelVariant::reference);
}
void BM_LimitedRhsLevel7Reference(benchmark::State& s) {
  transport_rhs(s, mf::Reconstruction::limited, mf::KernelVariant::reference);
}

BENCHMARK(BM_UpwindRhsLevel7)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_LimitedRhsLevel7)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_UpwindRhsLevel7Reference)->Arg(1)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_LimitedRhsLevel7Reference)->Arg(1)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
