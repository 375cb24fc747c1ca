// The algorithms on measures on validation D3's problem: d = 10, population kernel (x ~ N(0, I)),
// teacher of 5 random neurons (seed 3), λ_TV = 0.01; fixed-support and conic methods from 500
// atoms. One benchmark iteration is a whole run of 3000 iterations of one method. Args: method
// (the index in MeasureMethod), threads.
//
//   build/bench/bench_algorithms --benchmark_repetitions=3 --benchmark_report_aggregates_only=true

#include <benchmark/benchmark.h>
#include <omp.h>

#include "algorithms/measure_algorithm.hpp"

namespace {

using namespace mf;

void BM_ThreeThousandIterations(benchmark::State& state) {
  const auto method = static_cast<MeasureMethod>(state.range(0));
  omp_set_num_threads(static_cast<int>(state.range(1)));
  state.SetLabel(to_string(method));
  const PopulationObjective obj(10, InputDistribution::gaussian, random_teacher(10, 5, 3));
  Measure start{Eigen::MatrixXd(10, 0), Eigen::VectorXd(0)};
  if (starts_from_atoms(method)) {
    start = random_teacher(10, 500, 2);
    for (int j = 0; j < 500; ++j) start.weights[j] = (j % 2 ? -1.0 : 1.0) / 500;
  }
  MeasureAlgorithmOptions o;
  o.method = method;
  o.smoothness = obj.smoothness();
  o.tv = 0.01;
  o.conic_step = 0.1;
  for (auto _ : state) {
    MeasureAlgorithm alg(obj, o, start);
    for (int k = 0; k < 3000; ++k) alg.step();
    benchmark::DoNotOptimize(alg.penalized_objective());
  }
}

}  // namespace

BENCHMARK(BM_ThreeThousandIterations)
    ->ArgsProduct({{0, 1, 2, 3, 4}, {1}})
    ->Args({5, 1})
    ->Args({5, 2})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

BENCHMARK_MAIN();
