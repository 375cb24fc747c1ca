// One full-batch GD step of a plain ReLU network with a bias input, float64 (issue 4's
// targets, one core unless said): the fused loss-and-gradient kernels plus the update
// w ← w − η m ∇_w J_m. Args: m, n, d, threads. The GFLOP/s counter counts 4·m·n·d per step
// (the forward and backward products; with the bias input the kernels do 4·m·n·(d + 1)).
//
//   build/bench/bench_network --benchmark_repetitions=5 --benchmark_report_aggregates_only=true

#include <benchmark/benchmark.h>
#include <omp.h>

#include <random>

#include "network/network_training.hpp"

namespace {

using namespace mf;

void BM_GdStepReluBias(benchmark::State& state) {
  const int m = static_cast<int>(state.range(0)), n = static_cast<int>(state.range(1)),
            d = static_cast<int>(state.range(2));
  omp_set_num_threads(static_cast<int>(state.range(3)));
  std::mt19937 rng(1);
  std::normal_distribution<double> g(0.0, 1.0);
  DataSet data;
  data.X = Eigen::MatrixXd::NullaryExpr(d, n, [&] { return g(rng); });
  data.y = Eigen::VectorXd::NullaryExpr(n, [&] { return g(rng); });
  PlainNetwork net;
  net.bias = true;
  net.a = Eigen::VectorXd::NullaryExpr(m, [&] { return g(rng); });
  net.b = Eigen::MatrixXd::NullaryExpr(d + 1, m, [&] { return g(rng) / std::sqrt(d); });
  PackedBatch batch;
  batch.pack(data, true);
  NetworkGradient grad;
  for (auto _ : state) {
    gradient_step(net, batch, Loss::square, 1e-3, grad);
    benchmark::DoNotOptimize(net.a.data());
  }
  state.counters["GFLOP/s"] = benchmark::Counter(4.0 * m * n * d * 1e-9, benchmark::Counter::kIsIterationInvariantRate);
}

BENCHMARK(BM_GdStepReluBias)
    ->ArgNames({"m", "n", "d", "threads"})
    ->Args({1000, 10000, 11, 1})
    ->Args({1000, 10000, 11, 2})
    ->Args({10000, 10000, 11, 1})
    ->Args({10000, 10000, 11, 2})
    ->Args({1000, 1000, 101, 1})
    ->Args({1000, 1000, 101, 2})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
