// Where 2 threads start to beat 1: every OpenMP kernel family of src/ at a range of sizes, with
// the size thresholds off (base/parallel_threshold.hpp: ForceParallel), so both sides of each
// threshold are measured. Arg: the size (cells, atoms, …: see each benchmark); the team is
// OMP_NUM_THREADS. The thresholds are the sizes from which t(2) < t(1) with a third process keeping
// one core busy; scripts/bench-threads.sh runs this program with OMP_NUM_THREADS=1 and 2 in turn
// (several rounds, under `yes > /dev/null`) and prints t2/t1 per benchmark and size.

#include <benchmark/benchmark.h>
#include <omp.h>

#include <algorithm>
#include <random>
#include <vector>

#include "base/parallel_threshold.hpp"
#include "flows/prescribed_flow.hpp"
#include "grid/transport_operator.hpp"
#include "mesh/mesh_generators.hpp"
#include "network/network_gradient.hpp"
#include "network/population_risk.hpp"
#include "objective/data_set.hpp"
#include "objective/data_sums.hpp"
#include "objective/kernel_penalty.hpp"
#include "objective/kernel_sums.hpp"
#include "objective/measure.hpp"
#include "potential/zonal_potential.hpp"

namespace {

using namespace mf;

const parallel::ForceParallel force_parallel;  // every region on the team, whatever its size

double fastest(const std::vector<double>& v) { return *std::min_element(v.begin(), v.end()); }

void set_threads(benchmark::State& state) { state.counters["threads"] = omp_get_max_threads(); }

const SphereMesh& hexagonal(int level) {
  static std::vector<SphereMesh> meshes;
  static std::vector<int> levels;
  for (std::size_t k = 0; k < levels.size(); ++k)
    if (levels[k] == level) return meshes[k];
  levels.push_back(level);
  meshes.push_back(hexagonal_mesh(level));
  return meshes.back();
}

// Random masses and fluxes (both signs) on a mesh.
struct TransportState {
  Eigen::VectorXd masses, phi, out;
  explicit TransportState(const SphereMesh& m) {
    std::mt19937_64 rng(1);
    std::uniform_real_distribution<double> u(-1.0, 1.0);
    masses.resize(m.n_cells());
    phi.resize(m.n_faces());
    out.resize(m.n_cells());
    for (int c = 0; c < m.n_cells(); ++c) masses[c] = m.area[c] * (1.5 + u(rng));
    for (int f = 0; f < m.n_faces(); ++f) phi[f] = u(rng) * m.face_length[f];
  }
};

void apply(benchmark::State& state, const SphereMesh& m, Reconstruction scheme) {
  set_threads(state);
  const TransportOperator op(m, scheme);
  TransportState s(m);
  for (auto _ : state) {
    op.apply(s.masses.data(), s.phi.data(), s.out.data());
    benchmark::DoNotOptimize(s.out.data());
    benchmark::ClobberMemory();
  }
  state.counters["cells"] = m.n_cells();
}

// Transport right-hand side (TransportOperator::apply), hexagonal level range(0): kTransportCells.
void BM_LimitedApplyHexagonal(benchmark::State& s) {
  apply(s, hexagonal(static_cast<int>(s.range(0))), Reconstruction::limited);
}
void BM_UpwindApplyHexagonal(benchmark::State& s) {
  apply(s, hexagonal(static_cast<int>(s.range(0))), Reconstruction::upwind);
}
// The same on the circle with range(0) arcs.
void BM_LimitedApplyCircle(benchmark::State& s) {
  const SphereMesh m = circle_mesh(static_cast<int>(s.range(0)));
  apply(s, m, Reconstruction::limited);
}

// The stable step (TransportOperator::stable_dt), hexagonal level range(0): kStableDtCells.
void BM_StableDtHexagonal(benchmark::State& state) {
  set_threads(state);
  const SphereMesh& m = hexagonal(static_cast<int>(state.range(0)));
  const TransportOperator op(m, Reconstruction::limited);
  TransportState s(m);
  for (auto _ : state) benchmark::DoNotOptimize(op.stable_dt(s.phi.data()));
  state.counters["cells"] = m.n_cells();
}

// Unsteady prescribed winds (PrescribedFlow::face_fluxes at a new t each time), hexagonal level
// range(0): from the stream function at the vertices (non-divergent Nair–Lauritzen, as
// examples/deformational_flow.toml) and from the velocity at 3 points per face (divergent):
// kWindEvaluations.
void winds(benchmark::State& state, PrescribedFields fields, bool per_face) {
  set_threads(state);
  const SphereMesh& m = hexagonal(static_cast<int>(state.range(0)));
  const PrescribedFlow flow(m, std::move(fields), false);
  const Eigen::VectorXd masses = Eigen::VectorXd::Ones(m.n_cells());
  Eigen::VectorXd phi;
  double t = 0.0;
  for (auto _ : state) {
    t += 1e-3;
    flow.face_fluxes(t, masses, phi);
    benchmark::DoNotOptimize(phi.data());
  }
  state.counters["evaluations"] = per_face ? 3.0 * m.n_faces() : m.n_vertices();
}
void BM_StreamWindsHexagonal(benchmark::State& s) { winds(s, nair_lauritzen_nondivergent(5.0, 2.0), false); }
void BM_VelocityWindsHexagonal(benchmark::State& s) { winds(s, nair_lauritzen_divergent(5.0, 1.0), true); }

Measure random_measure(int d, int m, unsigned long seed) {
  Measure mu = random_teacher(d, m, seed);
  mu.weights = Eigen::VectorXd::Random(m) / m;
  return mu;
}

// Population kernel sums on S² (objective potential at range(0) points of a measure of as many
// atoms, with the gradient; the grid's symmetric self-potential of range(0) atoms): kKernelPairs.
void BM_KernelPotential(benchmark::State& state) {
  set_threads(state);
  const int n = static_cast<int>(state.range(0));
  const Measure mu = random_measure(3, n, 1);
  const Eigen::MatrixXd points = random_teacher(3, n, 2).directions;
  Eigen::VectorXd V;
  Eigen::MatrixXd G;
  for (auto _ : state) {
    kernel_sums::omp::potential(1.0 / 3.0, mu, points, V, &G);
    benchmark::DoNotOptimize(V.data());
  }
  state.counters["pairs"] = static_cast<double>(n) * n;
}
void BM_KernelSelfPotential(benchmark::State& state) {
  set_threads(state);
  const int n = static_cast<int>(state.range(0));
  const Measure mu = random_measure(3, n, 1);
  Eigen::VectorXd V;
  Eigen::MatrixXd G;
  for (auto _ : state) {
    kernel_sums::omp::self_potential(1.0 / 3.0, mu, V, &G);
    benchmark::DoNotOptimize(V.data());
  }
  state.counters["pairs"] = 0.5 * n * (n - 1.0);
}

// Data sums on S² (examples/logistic_data.toml: 2,000 inputs): V and ∇V at range(0) points from
// the residuals: kDataMultiplyAdds (points × inputs × d).
void BM_DataPotential(benchmark::State& state) {
  set_threads(state);
  const int q = static_cast<int>(state.range(0)), n = 2000;
  const Eigen::MatrixXd X = sample_inputs(InputDistribution::sphere, 3, n, 1);
  const Eigen::VectorXd r = Eigen::VectorXd::Random(n);
  const Eigen::MatrixXd points = random_teacher(3, q, 2).directions;
  Eigen::VectorXd V;
  Eigen::MatrixXd G;
  for (auto _ : state) {
    data_sums::omp::potential(X, r, points, V, &G);
    benchmark::DoNotOptimize(V.data());
  }
  state.counters["multiply_adds"] = 3.0 * q * n;
}

// The kernel penalty's first variation and gradient at range(0) atoms of |μ| (what conic
// gradient descent asks for, examples/kernel_merging.toml): kPenaltyPairs.
void BM_KernelPenalty(benchmark::State& state) {
  set_threads(state);
  const int n = static_cast<int>(state.range(0));
  Measure mu = random_measure(3, n, 1);
  mu.weights = mu.weights.cwiseAbs();
  KernelPenalty penalty;
  penalty.lambda = 0.01;
  penalty.width = 0.3;
  Eigen::VectorXd P;
  Eigen::MatrixXd G;
  for (auto _ : state) {
    penalty.first_variation(mu, mu.directions, P, &G);
    benchmark::DoNotOptimize(P.data());
  }
  state.counters["pairs"] = static_cast<double>(n) * n;
}

// A plain ReLU network's fused loss and gradient (examples/network_gd.toml: d = 10 with a bias,
// D = 12), range(0) neurons and 4·range(0) points: kNetworkMultiplyAdds (m·n·D per pass).
void BM_NetworkGradient(benchmark::State& state) {
  set_threads(state);
  const int m = static_cast<int>(state.range(0)), n = 4 * m, d = 10;
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
    network_gradient::fused::compute(net, batch, Loss::square, grad);
    benchmark::DoNotOptimize(grad.a.data());
  }
  state.counters["multiply_adds"] = static_cast<double>(m) * batch.n_padded * batch.D;
}

// The population risk's gradient of a sigmoid network (PopulationRisk::gradient): m students of
// ‖b‖ ≈ 1 against a 4-neuron teacher in d = 10; the counter is its pairs.
void BM_PopulationGradient(benchmark::State& state) {
  set_threads(state);
  const int m = static_cast<int>(state.range(0)), k = 4, d = 10;
  std::mt19937 rng(2);
  std::normal_distribution<double> g(0.0, 1.0);
  const auto network = [&](int width) {
    PlainNetwork net;
    net.activation = Activation::sigmoid;
    net.bias = true;
    net.a = Eigen::VectorXd::NullaryExpr(width, [&] { return g(rng); });
    net.b = Eigen::MatrixXd::NullaryExpr(d + 1, width, [&] { return g(rng) / std::sqrt(d); });
    return net;
  };
  const PopulationRisk risk(network(k), ActivationKernel(Activation::sigmoid));
  const PlainNetwork f = network(m);
  NetworkGradient grad;
  for (auto _ : state) {
    risk.gradient(f, grad);
    benchmark::DoNotOptimize(grad.a.data());
  }
  state.counters["pairs"] = static_cast<double>(m) * (m + 1) / 2 + static_cast<double>(m) * k;
}

// The S² potential by spherical harmonics (ZonalPotential, tolerance 1e-10) at the centroids of
// hexagonal level range(0): one evaluation, and (Setup) the construction: kSpherePoints.
Eigen::Matrix3Xd centroids(const SphereMesh& m) {
  Eigen::Matrix3Xd x(3, m.n_cells());
  for (int c = 0; c < m.n_cells(); ++c) x.col(c) = m.center[c];
  return x;
}
void BM_SpherePotential(benchmark::State& state) {
  set_threads(state);
  const SphereMesh& m = hexagonal(static_cast<int>(state.range(0)));
  const ZonalPotential zp(centroids(m), 1e-10);
  std::mt19937 rng(3);
  std::uniform_real_distribution<double> u(-1.0, 1.0);
  const Eigen::VectorXd w = Eigen::VectorXd::NullaryExpr(m.n_cells(), [&] { return u(rng); });
  Eigen::VectorXd v;
  Eigen::Matrix3Xd grad;
  for (auto _ : state) {
    zp.evaluate(w, v, grad);
    benchmark::DoNotOptimize(v.data());
  }
  state.counters["points"] = m.n_cells();
}
void BM_SpherePotentialSetup(benchmark::State& state) {
  set_threads(state);
  const SphereMesh& m = hexagonal(static_cast<int>(state.range(0)));
  const Eigen::Matrix3Xd x = centroids(m);
  for (auto _ : state) {
    const ZonalPotential zp(x, 1e-10);
    benchmark::DoNotOptimize(zp.near_pairs());
  }
  state.counters["points"] = m.n_cells();
}

#define THREADS_BENCHMARK(name) \
  BENCHMARK(name)->ComputeStatistics("min", fastest)->UseRealTime()->Unit(benchmark::kMicrosecond)

THREADS_BENCHMARK(BM_LimitedApplyHexagonal)->ArgsProduct({{2, 3, 4, 5, 6, 7, 8}});
THREADS_BENCHMARK(BM_UpwindApplyHexagonal)->ArgsProduct({{3, 5, 6, 7, 8}});
THREADS_BENCHMARK(BM_LimitedApplyCircle)->ArgsProduct({{256, 4096, 1 << 16, 1 << 18, 1 << 20, 1 << 22}});
THREADS_BENCHMARK(BM_StableDtHexagonal)->ArgsProduct({{3, 5, 6, 7, 8}});
THREADS_BENCHMARK(BM_StreamWindsHexagonal)->ArgsProduct({{3, 5, 6, 7, 8}});
THREADS_BENCHMARK(BM_VelocityWindsHexagonal)->ArgsProduct({{3, 4, 5, 6, 7}});
THREADS_BENCHMARK(BM_KernelPotential)->ArgsProduct({{64, 256, 512, 1024, 1448, 2048, 2896, 4096}});
THREADS_BENCHMARK(BM_KernelSelfPotential)->ArgsProduct({{256, 512, 1024, 1448, 2048, 2896, 4096}});
THREADS_BENCHMARK(BM_DataPotential)->ArgsProduct({{8, 128, 512, 1024, 1448, 2048, 4096}});
THREADS_BENCHMARK(BM_KernelPenalty)->ArgsProduct({{64, 256, 512, 724, 1024, 1448, 2048}});
THREADS_BENCHMARK(BM_NetworkGradient)->ArgsProduct({{32, 128, 256, 512, 1024, 1448, 2048, 2896, 4096}});
THREADS_BENCHMARK(BM_PopulationGradient)->ArgsProduct({{8, 32, 128, 256, 512}});
THREADS_BENCHMARK(BM_SpherePotential)->ArgsProduct({{2, 3, 4, 5, 6}});
THREADS_BENCHMARK(BM_SpherePotentialSetup)->ArgsProduct({{2, 3, 4, 5}});

}  // namespace

BENCHMARK_MAIN();
