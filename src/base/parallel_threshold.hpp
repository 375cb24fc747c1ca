#pragma once
// When an OpenMP region pays (issue 12, item 5): each region runs on the team only when its work
// is at least its family's threshold, and serially below it (an `if` clause, or a one-thread
// partition). With the cores to itself a 2-thread region pays from a few microseconds of work,
// but a shared machine is the common case: when another process occupies one of the 2 cores,
// the team's thread on that core runs at half speed, so a region gains at most about 1.3x (with
// dynamic chunks, dynamic_chunk below; a static split gains nothing) and pays only when that
// gain exceeds its fork and barriers. The thresholds are where 2 threads start to beat 1 with a
// third process keeping one core busy, measured by bench/bench_threads (scripts/bench-threads.sh:
// OMP_NUM_THREADS=1 and 2 in turn, 3 rounds, the fastest of each; Intel Xeon, 2 cores, passive
// waiting as the program does it, base/omp_wait_policy.hpp). Each comment gives t2/t1 from two
// such campaigns. On a quiet machine the regions below the thresholds give up speed-up (up to 2x
// for the kernel sums) in exchange for never being slower when the machine is shared.
//
// Serial execution computes the same thing as the team: per-point kernels write the same
// values; reductions differ by round-off only, as between thread counts.

#include <atomic>
#include <cstddef>

namespace mf::parallel {

/// Transport right-hand side (TransportOperator::apply, limited or upwind), in cells. The scatter
/// splits the cells statically between the threads (an ownership partition, race-free without
/// atomics), so the thread sharing a core sets the pace: hexagonal level 5 (10,242 cells) 1.15,
/// 1.44; level 7 (163,842) 1.08, 1.13; level 8 (655,362) 1.02, 1.06 (upwind 1.24, 1.28); circle
/// 2^20 cells 0.98, 1.12; 2^22 cells 0.94, 0.91.
inline constexpr std::size_t kTransportCells = std::size_t{1} << 22;
/// The stable step (TransportOperator::stable_dt), in cells: hexagonal level 5 (10,242) 1.01,
/// 1.13; level 6 (40,962) 0.97, 0.97; level 7 (163,842) 0.90, 0.89; level 8 0.71, 0.84.
inline constexpr std::size_t kStableDtCells = 100'000;
/// Unsteady prescribed winds (PrescribedFlow), in evaluations of the wind: the stream function
/// at the vertices, hexagonal level 7 (327,680) 1.12, 1.23, level 8 (1,310,720) 0.91, 0.94; the
/// velocity at 3 points per face, level 6 (368,640) 1.04, 1.12, level 7 (1,474,560) 0.72, 0.83.
inline constexpr std::size_t kWindEvaluations = 1'000'000;
/// Population kernel sums on S² (kernel_sums::omp), in kernel evaluations (point-atom pairs):
/// the potential with its gradient at n points of n atoms, 1448² (2.1e6) 0.96, 1.00, 2048²
/// (4.2e6) 0.99, 0.85, 2896² (8.4e6) 0.83, 0.78; the grid's symmetric self-potential, m(m-1)/2
/// pairs, m = 2048 (2.1e6) 0.95, 0.99, m = 2896 (4.2e6) 0.74, 0.93, m = 4096 (8.4e6) 0.71, 0.85.
inline constexpr std::size_t kKernelPairs = 4'000'000;
/// Data sums (data_sums::omp: predictions and the potential), in multiply-adds (points × inputs
/// × d): V and ∇V at q points from 2,000 inputs on S², q = 1024 (6.1e6) 1.00, 1.00, q = 2048
/// (1.2e7) 1.00, 0.97, q = 4096 (2.5e7) 0.88, 0.92.
inline constexpr std::size_t kDataMultiplyAdds = 20'000'000;
/// The kernel penalty's first variation (KernelPenalty::first_variation), in point-atom pairs:
/// n points of n atoms on S² with the gradient, 256² (6.6e4) 1.03, 1.02, 512² (2.6e5) 0.87, 0.90,
/// 1024² (1.0e6) 0.89, 0.88.
inline constexpr std::size_t kPenaltyPairs = 250'000;
/// A plain network's fused loss and gradient (network_gradient::fused), in multiply-adds per pass
/// (neurons × points × D, padded): m neurons, 4m points, d = 10 with a bias (D = 12), m = 1448
/// (1.0e8) 1.00, 1.02, m = 2048 (2.0e8) 0.95, 1.01, m = 2896 (4.0e8) 0.89, m = 4096 (8.1e8) 0.86.
inline constexpr std::size_t kNetworkMultiplyAdds = 300'000'000;

/// The population risk's gradient of a smooth-activation network (PopulationRisk::gradient: each
/// neuron's expansion, then the pairs), in pairs of neurons, m(m + 1)/2 + m·m*: m students
/// against 4 teacher neurons in d = 10 (AMD EPYC, 2 cores), m = 32 (1.2e3 pairs) 1.15, m = 128
/// (8.8e3) 1.06, m = 256 (3.4e4) 0.94, m = 512 (1.3e5) 0.85 (one campaign).
inline constexpr std::size_t kActivationKernelPairs = 32'000;

/// The S² potential by spherical harmonics (ZonalPotential: the near rows, the interpolation
/// from its non-uniform FFTs' grids, the near pairs' set-up), in points (cells; AMD EPYC, 2
/// cores, both regions with dynamic chunks, BM_SpherePotential): hexagonal level 2 (162) 1.11,
/// level 3 (642) 1.17, level 4 (2562) 1.07, 0.87, 1.03, level 5 (10,242) 0.91, 0.93, 1.02,
/// level 6 (40,962) 1.16, 1.03, 1.03 (three campaigns, noise about ±15%); the set-up, levels 2–5,
/// 1.02, 0.99, 1.03, 0.91. Never a clear loss from level 5 on when the machine is shared, and on
/// a quiet one (BUSY=0) level 5 0.67, level 6 0.72: the one family kept on the team at parity.
/// With only the near rows on the team, level 5 and 6 gave 0.99, 0.99 (busy) and 0.77, 1.06
/// (quiet); with only the interpolation 1.29, 1.08 (busy).
inline constexpr std::size_t kSpherePoints = 4'000;

namespace detail {
inline std::atomic<int> forced{0};  // live ForceParallel guards
}

/// Whether a region of `work` units (in its threshold's units) runs on the team.
inline bool worth_parallel(std::size_t work, std::size_t threshold) {
  return work >= threshold || detail::forced.load(std::memory_order_relaxed) > 0;
}

/// The chunk of schedule(dynamic, chunk) for a loop of n independent iterations: about 64
/// chunks. With one core shared with another process, one thread of the team runs at about half
/// speed; a static split waits for its half, so 2 threads never win, while dynamic chunks let the
/// other thread take more of them. Measured (one core busy, libgomp's default waiting, one run
/// each): the kernel potential at 2048² pairs t2/t1 1.59 static, 0.83 dynamic; at 4096² 1.10, 0.70.
inline int dynamic_chunk(int n) { return n / 64 > 1 ? n / 64 : 1; }

/// For tests and benchmarks: while one lives, every region runs on the team whatever its size
/// (the tests compare the threaded kernels with the reference ones on small inputs; the
/// benchmarks measure both sides of a threshold).
class ForceParallel {
 public:
  ForceParallel() { detail::forced.fetch_add(1, std::memory_order_relaxed); }
  ~ForceParallel() { detail::forced.fetch_sub(1, std::memory_order_relaxed); }
  ForceParallel(const ForceParallel&) = delete;
  ForceParallel& operator=(const ForceParallel&) = delete;
};

}  // namespace mf::parallel
