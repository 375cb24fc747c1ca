// The potential V of a grid measure (issue 3's targets):
//   - S¹, N = 2^20 cells, by FFT (V at centres and dV/dθ at faces);
//   - S² hexagonal level 5 (10,242 cells), population kernel: V at the centres as the grid
//     computes it (one symmetric pass, 5.2e7 kernel evaluations; args: threads, with gradient),
//     and by the general blocked sum over points (1.05e8 evaluations), 1 and 2 threads;
//   - data set n = 10⁴ on icosahedral level 6 (40,962 cells... as centres of the hexagonal
//     level 6 mesh), V at the centres from given residuals, 1 and 2 threads;
//   - one WFR right-hand side on each mesh.
//
//   build/bench/bench_potential --benchmark_repetitions=5 --benchmark_report_aggregates_only=true

#include <benchmark/benchmark.h>
#include <omp.h>

#include "flows/grid_potential.hpp"
#include "flows/network_flow.hpp"
#include "grid/grid_solver.hpp"
#include "mesh/mesh_embedding.hpp"
#include "mesh/mesh_generators.hpp"
#include "objective/data_sums.hpp"
#include "objective/kernel_sums.hpp"

namespace {

using namespace mf;

Eigen::VectorXd weights(int n) { return Eigen::VectorXd::Random(n) / n; }

void BM_FftPotentialCircle(benchmark::State& state) {
  static const SphereMesh mesh = circle_mesh(1 << 20);
  static const PopulationObjective obj(2, InputDistribution::sphere, random_teacher(2, 5, 1));
  static const GridPotential gp(mesh, obj);
  const Eigen::VectorXd w = weights(mesh.n_cells());
  Eigen::VectorXd v, dvdn;
  for (auto _ : state) {
    gp.evaluate(w, v, dvdn);
    benchmark::DoNotOptimize(v.data());
  }
}

void BM_KernelPotentialHexagonal5(benchmark::State& state) {
  omp_set_num_threads(static_cast<int>(state.range(0)));
  static const SphereMesh mesh = hexagonal_mesh(5);
  const Measure mu = grid_measure(mesh, weights(mesh.n_cells()), 3);
  Eigen::VectorXd v;
  for (auto _ : state) {
    kernel_sums::omp::potential(1.0 / 3.0, mu, mu.directions, v, nullptr);
    benchmark::DoNotOptimize(v.data());
  }
  const double pairs = static_cast<double>(mesh.n_cells()) * mesh.n_cells();
  state.counters["pairs_per_s"] = benchmark::Counter(pairs, benchmark::Counter::kIsIterationInvariantRate);
}

// What the grid flows use: V (and ∇_S V) at the centroids by one symmetric pass.
void BM_KernelSelfPotentialHexagonal5(benchmark::State& state) {
  omp_set_num_threads(static_cast<int>(state.range(0)));
  static const SphereMesh mesh = hexagonal_mesh(5);
  const Measure mu = grid_measure(mesh, weights(mesh.n_cells()), 3);
  Eigen::VectorXd v;
  Eigen::MatrixXd g;
  const bool with_gradient = state.range(1) != 0;
  for (auto _ : state) {
    kernel_sums::omp::self_potential(1.0 / 3.0, mu, v, with_gradient ? &g : nullptr);
    benchmark::DoNotOptimize(v.data());
  }
}

void BM_DataPotentialHexagonal6(benchmark::State& state) {
  omp_set_num_threads(static_cast<int>(state.range(0)));
  static const SphereMesh mesh = hexagonal_mesh(6);
  static const Eigen::MatrixXd X = sample_inputs(InputDistribution::gaussian, 3, 10000, 1);
  const Eigen::VectorXd r = Eigen::VectorXd::Random(X.cols());
  const Eigen::MatrixXd centers = embedded_points(mesh, mesh.center, 3);
  Eigen::VectorXd v;
  for (auto _ : state) {
    data_sums::omp::potential(X, r, centers, v, nullptr);
    benchmark::DoNotOptimize(v.data());
  }
  const double pairs = static_cast<double>(mesh.n_cells()) * static_cast<double>(X.cols());
  state.counters["pairs_per_s"] = benchmark::Counter(pairs, benchmark::Counter::kIsIterationInvariantRate);
}

void wfr_rhs(benchmark::State& state, const SphereMesh& mesh, const Objective& obj) {
  const NetworkGridFlow flow(mesh, obj, NetworkFlowOptions{});
  GridSolver solver(mesh, flow, GridSolverOptions{});
  Eigen::VectorXd masses = Eigen::VectorXd::Constant(2 * mesh.n_cells(), 1.0 / mesh.n_cells());
  Eigen::VectorXd dmdt;
  for (auto _ : state) {
    masses[0] *= 1.0 + 1e-12;  // a new state each time (the flow caches by state)
    solver.rhs(masses, dmdt, 0.0, true);
    benchmark::DoNotOptimize(dmdt.data());
  }
}

void BM_WfrRhsCircle2e20(benchmark::State& state) {
  static const SphereMesh mesh = circle_mesh(1 << 20);
  static const PopulationObjective obj(2, InputDistribution::sphere, random_teacher(2, 5, 1));
  wfr_rhs(state, mesh, obj);
}

void BM_WfrRhsHexagonal5(benchmark::State& state) {
  static const SphereMesh mesh = hexagonal_mesh(5);
  static const PopulationObjective obj(3, InputDistribution::sphere, random_teacher(3, 5, 1));
  wfr_rhs(state, mesh, obj);
}

BENCHMARK(BM_FftPotentialCircle)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_KernelPotentialHexagonal5)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_KernelSelfPotentialHexagonal5)->Args({1, 0})->Args({2, 0})->Args({2, 1})->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_DataPotentialHexagonal6)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_WfrRhsCircle2e20)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_WfrRhsHexagonal5)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

}  // namespace

BENCHMARK_MAIN();
