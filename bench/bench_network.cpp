// One full-batch GD step of a plain ReLU network with a bias input, float64 (issue 4's
// targets, one core unless said): the fused loss-and-gradient kernels plus the update
// w ← w − η m ∇_w J_m. Args: m, n, d, threads, avx512 (1: the AVX-512 kernels, skipped on a
// CPU without them; 0: the portable ones). The GFLOP/s counter counts 4·m·n·d per step (the
// forward and backward products of the dense step; the AVX-512 backward skips the inactive
// ReLU pairs, so it executes fewer).
//
//   build/bench/bench_network --benchmark_repetitions=5 --benchmark_report_aggregates_only=true

#include <benchmark/benchmark.h>
#include <immintrin.h>
#include <omp.h>

#include <algorithm>
#include <random>

#include "network/network_training.hpp"

namespace {

using namespace mf;

bool has_avx512_kernels() {
  const auto k = network_gradient::fused::available_kernels();
  return std::find(k.begin(), k.end(), network_gradient::fused::Kernels::avx512) != k.end();
}

void BM_GdStepReluBias(benchmark::State& state) {
  const int m = static_cast<int>(state.range(0)), n = static_cast<int>(state.range(1)),
            d = static_cast<int>(state.range(2));
  omp_set_num_threads(static_cast<int>(state.range(3)));
  const auto kernels =
      state.range(4) == 1 ? network_gradient::fused::Kernels::avx512 : network_gradient::fused::Kernels::portable;
  if (kernels == network_gradient::fused::Kernels::avx512 && !has_avx512_kernels()) {
    state.SkipWithError("this CPU has no AVX-512F");
    return;
  }
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
  const GradientFunction gradient = [kernels](const PlainNetwork& w, const PackedBatch& b, Loss loss, NetworkGradient& out) {
    network_gradient::fused::compute(w, b, loss, out, kernels);
  };
  for (auto _ : state) {
    gradient_step(net, batch, Loss::square, 1e-3, grad, gradient);
    benchmark::DoNotOptimize(net.a.data());
  }
  state.counters["GFLOP/s"] = benchmark::Counter(4.0 * m * n * d * 1e-9, benchmark::Counter::kIsIterationInvariantRate);
}

BENCHMARK(BM_GdStepReluBias)
    ->ArgNames({"m", "n", "d", "threads", "avx512"})
    ->ArgsProduct({{1000}, {10000}, {11}, {1, 2}, {1, 0}})
    ->ArgsProduct({{10000}, {10000}, {11}, {1, 2}, {1, 0}})
    ->ArgsProduct({{1000}, {1000}, {101}, {1, 2}, {1, 0}})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// The yardstick for the GFLOP/s above: the core's FMA peak, 12 independent chains of 8-wide
// fused multiply-adds (no loads), 16 flops each.
__attribute__((target("avx512f"), noinline)) double fma_chains(long iterations) {
  constexpr int kChains = 12;
  __m512d acc[kChains];
  for (int i = 0; i < kChains; ++i) acc[i] = _mm512_set1_pd(i);
  const __m512d scale = _mm512_set1_pd(1.0 - 1e-9), shift = _mm512_set1_pd(1e-9);
  for (long it = 0; it < iterations; ++it)
#pragma GCC unroll 12
    for (int i = 0; i < kChains; ++i) acc[i] = _mm512_fmadd_pd(acc[i], scale, shift);
  alignas(64) double lanes[8];
  double s = 0.0;
  for (int i = 0; i < kChains; ++i) {
    _mm512_store_pd(lanes, acc[i]);
    for (double v : lanes) s += v;
  }
  return s;
}

void BM_FmaPeakAvx512(benchmark::State& state) {
  if (!has_avx512_kernels()) {
    state.SkipWithError("this CPU has no AVX-512F");
    return;
  }
  long iterations = 10'000'000;
  for (auto _ : state) {
    benchmark::DoNotOptimize(iterations);  // a call the compiler cannot hoist out of the loop
    benchmark::DoNotOptimize(fma_chains(iterations));
  }
  state.counters["GFLOP/s"] = benchmark::Counter(12.0 * 16.0 * static_cast<double>(iterations) * 1e-9,
                                                 benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_FmaPeakAvx512)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
