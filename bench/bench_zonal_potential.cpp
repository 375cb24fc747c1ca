// The grid potential on S² by the direct sum and by spherical harmonics (issue 12 items 4 and 6):
//   - V and ∇_S V·n of a grid measure on hexagonal levels 2–7 (162 / 642 / 2,562 / 10,242 /
//     40,962 / 163,842 cells; the direct sum to level 6), population kernel, x uniform on S²;
//     args: level, method (0 direct, 1 harmonic), threads;
//   - one WFR right-hand side on the same meshes (transport, growth, potential).
// The harmonic path's set-up (its fits and tiles) is done once, outside the timing.
//
//   build/bench/bench_zonal_potential --benchmark_repetitions=3 --benchmark_report_aggregates_only=true

#include <benchmark/benchmark.h>
#include <omp.h>

#include <map>
#include <memory>

#include "flows/grid_potential.hpp"
#include "flows/initial_fields.hpp"
#include "flows/network_flow.hpp"
#include "grid/grid_solver.hpp"
#include "mesh/mesh_generators.hpp"
#include "potential/zonal_potential.hpp"

namespace {

using namespace mf;

const SphereMesh& mesh(int level) {
  static std::map<int, std::unique_ptr<SphereMesh>> meshes;
  auto& m = meshes[level];
  if (!m) m = std::make_unique<SphereMesh>(hexagonal_mesh(level));
  return *m;
}

const PopulationObjective& objective() {
  static const PopulationObjective obj(3, InputDistribution::sphere, random_teacher(3, 4, 2));
  return obj;
}

GridPotentialOptions options(int method) {
  GridPotentialOptions o;
  o.method = method == 0 ? PotentialMethod::direct : PotentialMethod::harmonic;
  return o;
}

void BM_GridPotential(benchmark::State& state) {
  const int level = static_cast<int>(state.range(0)), method = static_cast<int>(state.range(1));
  omp_set_num_threads(static_cast<int>(state.range(2)));
  const SphereMesh& m = mesh(level);
  const GridPotential gp(m, objective(), options(method));
  const Eigen::VectorXd w = sample_masses(m, von_mises(Vec3(0.3, -0.5, 0.8).normalized(), 3.0, 1.0, 0.2));
  Eigen::VectorXd v, dvdn;
  for (auto _ : state) {
    gp.evaluate(w, v, dvdn);
    benchmark::DoNotOptimize(v.data());
  }
  state.SetLabel(gp.description());
}

void BM_WfrRhs(benchmark::State& state) {
  const int level = static_cast<int>(state.range(0)), method = static_cast<int>(state.range(1));
  omp_set_num_threads(static_cast<int>(state.range(2)));
  const SphereMesh& m = mesh(level);
  const NetworkGridFlow flow(m, objective(), NetworkFlowOptions{}, options(method));
  const GridSolver solver(m, flow, GridSolverOptions{});
  Eigen::VectorXd x(2 * m.n_cells()), dx;
  x << sample_masses(m, von_mises(Vec3::UnitX(), 3.0, 1.0, 0.2)), sample_masses(m, von_mises(Vec3::UnitZ(), 2.0, 1.0, 0.2));
  for (auto _ : state) {
    x[0] *= 1.0 + 1e-12;  // a new state each time: the flow caches its potential per state
    solver.rhs(x, dx, 0.0, true);
    benchmark::DoNotOptimize(dx.data());
  }
}

void levels(benchmark::internal::Benchmark* b) {
  for (int level : {2, 3, 4, 5, 6, 7})
    for (int method : {0, 1})
      if (method == 1 || level <= 6)  // the direct sum at level 7 takes about 45 s a call
        for (int threads : {1, 2}) b->Args({level, method, threads});
  b->Unit(benchmark::kMillisecond)->UseRealTime();
}

}  // namespace

BENCHMARK(BM_GridPotential)->Apply(levels);
BENCHMARK(BM_WfrRhs)->Apply(levels);
BENCHMARK_MAIN();
