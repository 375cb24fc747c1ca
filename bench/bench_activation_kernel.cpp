// The population kernel of smooth activations (objective/activation_kernel.hpp), one core:
// k(u, v) and both gradients of one pair by the one-pass moments against the definition (the
// four expectations of value_and_gradient, one at a time through gaussian_pair_expectation), at
// the neurons' scale ‖b‖ = Arg/10; and objective/exp_array.hpp's vector exp on every level this
// CPU runs (Arg: 0 baseline, 1 AVX2, 2 AVX-512); and one population-risk gradient.
//
//   build/bench/bench_activation_kernel --benchmark_repetitions=5 --benchmark_report_aggregates_only=true

#include <benchmark/benchmark.h>

#include <cmath>
#include <random>
#include <vector>

#include "network/population_risk.hpp"
#include "objective/activation_kernel.hpp"
#include "objective/exp_array.hpp"

namespace {

using namespace mf;

Eigen::VectorXd neuron(int d, double scale, double bias, unsigned long seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> g(0.0, 1.0);
  Eigen::VectorXd u(d + 1);
  for (int k = 0; k < d; ++k) u[k] = g(rng);
  u.head(d) *= scale / u.head(d).norm();
  u[d] = bias;
  return u;
}

void BM_SigmoidPairOnePass(benchmark::State& state) {
  const double scale = static_cast<double>(state.range(0)) / 10.0;
  const ActivationKernel kernel(Activation::sigmoid);
  const Eigen::VectorXd u = neuron(100, scale, 0.3, 1), v = neuron(100, scale, -0.2, 2);
  Eigen::VectorXd gu(101), gv(101);
  for (auto _ : state) benchmark::DoNotOptimize(kernel.value_and_gradients(u, v, gu, gv));
}
BENCHMARK(BM_SigmoidPairOnePass)->Arg(10)->Arg(30)->Unit(benchmark::kMicrosecond);

void BM_SigmoidPairDefinition(benchmark::State& state) {
  const double scale = static_cast<double>(state.range(0)) / 10.0;
  const Activation a = Activation::sigmoid;
  const Eigen::VectorXd u = neuron(100, scale, 0.3, 1), v = neuron(100, scale, -0.2, 2);
  const double s1 = u.head(100).norm(), s2 = v.head(100).norm(), rho = u.head(100).dot(v.head(100)) / (s1 * s2);
  const auto f0 = [a](double z) { return activation_value(a, z); };
  const auto f1 = [a](double z) { return activation_derivative(a, z); };
  const auto f2 = [a](double z) { return activation_second_derivative(a, z); };
  const double strip = analytic_strip(a);
  for (auto _ : state) {  // k, E[σ''σ], E[σ'σ'], E[σ'σ] (∇_u only, as value_and_gradient did)
    double sum = gaussian_pair_expectation(f0, f0, u[100], s1, v[100], s2, rho, strip);
    sum += gaussian_pair_expectation(f2, f0, u[100], s1, v[100], s2, rho, strip);
    sum += gaussian_pair_expectation(f1, f1, u[100], s1, v[100], s2, rho, strip);
    sum += gaussian_pair_expectation(f1, f0, u[100], s1, v[100], s2, rho, strip);
    benchmark::DoNotOptimize(sum);
  }
}
BENCHMARK(BM_SigmoidPairDefinition)->Arg(10)->Arg(30)->Unit(benchmark::kMicrosecond);

// One population-risk gradient (network/population_risk.hpp): m students of ‖b‖ = 1.5 against a
// 20-neuron teacher of ‖b‖ = Arg/10, d = 100, random directions, one thread.
void BM_PopulationGradient(benchmark::State& state) {
  const int m = static_cast<int>(state.range(0)), d = 100;
  const double teacher_scale = static_cast<double>(state.range(1)) / 10.0;
  const auto network = [d](int width, double scale, unsigned long seed) {
    PlainNetwork net;
    net.activation = Activation::sigmoid;
    net.bias = true;
    net.a.resize(width);
    net.b.resize(d + 1, width);
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> g(0.0, 1.0);
    for (int j = 0; j < width; ++j) {
      net.a[j] = j % 2 == 0 ? 1.0 : -1.0;
      net.b.col(j) = neuron(d, scale, g(rng), seed * 1000 + static_cast<unsigned long>(j));
    }
    return net;
  };
  const PopulationRisk risk(network(20, teacher_scale, 7), ActivationKernel(Activation::sigmoid));
  const PlainNetwork f = network(m, 1.5, 3);
  NetworkGradient g;
  for (auto _ : state) {
    risk.gradient(f, g);
    benchmark::DoNotOptimize(g.loss);
  }
}
BENCHMARK(BM_PopulationGradient)->Args({80, 10})->Args({320, 10})->Args({320, 20})->Unit(benchmark::kMillisecond);

void BM_ExpArray(benchmark::State& state) {
  const SimdLevel level = static_cast<SimdLevel>(state.range(0));
  if (level > simd_level()) {
    state.SkipWithError("this CPU does not run that level");
    return;
  }
  std::vector<double> x(1225), y(x.size());
  for (std::size_t i = 0; i < x.size(); ++i) x[i] = -20.0 * static_cast<double>(i) / static_cast<double>(x.size());
  for (auto _ : state) {
    exp_array(x.data(), y.data(), x.size(), level);
    benchmark::DoNotOptimize(y.data());
  }
  state.counters["s/exp"] = benchmark::Counter(static_cast<double>(x.size()),
                                                benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_ExpArray)->Arg(0)->Arg(1)->Arg(2);

}  // namespace

BENCHMARK_MAIN();
