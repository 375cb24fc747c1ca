// A full-batch GD step of a plain ReLU network (bias input) with the data set split across MPI
// ranks, as `mpirun -np P measureflow run` computes it: each rank runs the fused kernels on its
// share of the n points, then the loss and gradient — m(d̃ + 1) + 1 doubles, d̃ = d + 1 — are
// summed in rank order (a reduce to rank 0 and a broadcast, distributed/rank_sums.hpp), and
// every rank applies the same update. Run it on 1 rank and under mpirun:
//
//   build/bench/bench_distributed
//   mpirun -np 2 build/bench/bench_distributed     # as root: OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
//
// Every rank runs the same fixed number of iterations (the sum is a collective call: ranks
// must stay in step), so the benchmarks set Iterations instead of Google Benchmark's adaptive
// count; rank 0 reports. BM_DistributedGdStep args: m, n, d, OpenMP threads per rank;
// BM_GradientSum: only the sum of the m(d̃ + 1) + 1 doubles (the communication of one step).
// Counters: ranks, sum_MB (the summed vector's size), GFLOP/s (4·m·n·d per step, all ranks).

#include <benchmark/benchmark.h>
#include <omp.h>

#include <cmath>
#include <random>

#include "distributed/gradient_over_ranks.hpp"
#include "distributed/mpi_session.hpp"
#include "distributed/rank_sums.hpp"
#include "network/network_training.hpp"

namespace {

using namespace mf;

// The rank's share of a random data set of n points in d dimensions, and a network of width m
// (the same network on every rank: seeded alike).
struct Problem {
  PlainNetwork net;
  PackedBatch share;
};

Problem make_problem(int m, int n, int d) {
  const RankShare mine = rank_share(n, rank_of_this_process(), ranks_of_this_run());
  std::mt19937 rng(1 + static_cast<unsigned>(rank_of_this_process()));
  std::normal_distribution<double> g(0.0, 1.0);
  DataSet data;
  data.X = Eigen::MatrixXd::NullaryExpr(d, mine.size(), [&] { return g(rng); });
  data.y = Eigen::VectorXd::NullaryExpr(mine.size(), [&] { return g(rng); });
  Problem p;
  std::mt19937 same(7);
  p.net.bias = true;
  p.net.a = Eigen::VectorXd::NullaryExpr(m, [&] { return g(same); });
  p.net.b = Eigen::MatrixXd::NullaryExpr(d + 1, m, [&] { return g(same) / std::sqrt(d); });
  p.share.pack(data, true);
  p.share.normalizer = n;
  return p;
}

double summed_megabytes(int m, int d) { return 8.0 * (static_cast<double>(m) * (d + 2) + 1.0) * 1e-6; }

void BM_DistributedGdStep(benchmark::State& state) {
  const int m = static_cast<int>(state.range(0)), n = static_cast<int>(state.range(1)),
            d = static_cast<int>(state.range(2));
  omp_set_num_threads(static_cast<int>(state.range(3)));
  Problem p = make_problem(m, n, d);
  NetworkGradient grad;
  rank_barrier();
  for (auto _ : state) {
    gradient_step(p.net, p.share, Loss::square, 1e-3, grad, gradient_over_ranks);
    benchmark::DoNotOptimize(p.net.a.data());
  }
  state.counters["ranks"] = ranks_of_this_run();
  state.counters["sum_MB"] = summed_megabytes(m, d);
  state.counters["GFLOP/s"] = benchmark::Counter(4.0 * m * static_cast<double>(n) * d * 1e-9,
                                                 benchmark::Counter::kIsIterationInvariantRate);
}

BENCHMARK(BM_DistributedGdStep)
    ->ArgNames({"m", "n", "d", "threads"})
    ->Args({10000, 100000, 101, 1})
    ->Args({10000, 100000, 101, 2})  // on one rank: two threads against two ranks of one
    ->Iterations(3)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
// The network benchmark's three shapes (bench_network.cpp), one thread per rank.
BENCHMARK(BM_DistributedGdStep)
    ->ArgNames({"m", "n", "d", "threads"})
    ->Args({1000, 10000, 11, 1})
    ->Args({10000, 10000, 11, 1})
    ->Args({1000, 1000, 101, 1})
    ->Iterations(40)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

void BM_GradientSum(benchmark::State& state) {
  const int m = static_cast<int>(state.range(0)), d = static_cast<int>(state.range(1));
  const long count = static_cast<long>(m) * (d + 2) + 1;
  std::vector<double> v(static_cast<std::size_t>(count), 1.0);
  rank_barrier();
  for (auto _ : state) {
    sum_over_ranks(v.data(), count);
    benchmark::DoNotOptimize(v.data());
  }
  state.counters["ranks"] = ranks_of_this_run();
  state.counters["sum_MB"] = summed_megabytes(m, d);
}
BENCHMARK(BM_GradientSum)
    ->ArgNames({"m", "d"})
    ->Args({1000, 11})
    ->Args({10000, 11})
    ->Args({1000, 101})
    ->Args({10000, 101})
    ->Iterations(200)
    ->Unit(benchmark::kMicrosecond)
    ->UseRealTime();

}  // namespace

int main(int argc, char** argv) {
  mf::start_mpi_if_launched(argc, argv);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  if (mf::rank_of_this_process() == 0) {
    benchmark::RunSpecifiedBenchmarks();
  } else {
    // The other ranks run the same benchmarks in step with rank 0 and report nothing.
    struct Silent : benchmark::BenchmarkReporter {
      bool ReportContext(const Context&) override { return true; }
      void ReportRuns(const std::vector<Run>&) override {}
    } silent;
    benchmark::RunSpecifiedBenchmarks(&silent);
  }
  benchmark::Shutdown();
  return 0;
}
