// Point location: 10⁶ random points on the sphere located in icosahedral level 6 (81,920
// cells) and the hexagonal level 6 mesh (40,962 cells).
//
//   build/bench/bench_point_locator

#include <benchmark/benchmark.h>

#include <random>

#include "mesh/mesh_generators.hpp"
#include "mesh/point_locator.hpp"

namespace {

std::vector<mf::Vec3> random_points(int n) {
  std::mt19937_64 rng(3);
  std::normal_distribution<double> g(0.0, 1.0);
  std::vector<mf::Vec3> p(n);
  for (auto& x : p) x = mf::Vec3(g(rng), g(rng), g(rng)).normalized();
  return p;
}

void locate_million(benchmark::State& state, const mf::SphereMesh& mesh) {
  const mf::PointLocator locator(mesh);
  const auto points = random_points(1000000);
  for (auto _ : state) {
    long sum = 0;
    for (const auto& p : points) sum += locator.locate(p);
    benchmark::DoNotOptimize(sum);
  }
  state.counters["queries_per_s"] =
      benchmark::Counter(static_cast<double>(points.size()), benchmark::Counter::kIsIterationInvariantRate);
}

void BM_LocateIcosahedral6(benchmark::State& s) {
  static const mf::SphereMesh mesh = mf::icosahedral_mesh(6);
  locate_million(s, mesh);
}
void BM_LocateHexagonal6(benchmark::State& s) {
  static const mf::SphereMesh mesh = mf::hexagonal_mesh(6);
  locate_million(s, mesh);
}

BENCHMARK(BM_LocateIcosahedral6)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_LocateHexagonal6)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
