#pragma once
// The loss and mean-field gradient of a plain network on a batch of data (see
// plain_network.hpp for the formulas), in two implementations computed from the same input:
//
//   reference: the definition, loop by loop (the tests' yardstick);
//   fused:     two blocked passes that never form the m × n matrix of pre-activations —
//              (1) over blocks of points: z = b̃_j·x̃_l in register tiles, f += a σ(z);
//              (2) over blocks of neurons: g_j += Σ_l ℓ'_l σ'(z_jl) x̃_l.
//              For ReLU, pass (1) also records the activation pattern 1[z > 0], one bit per
//              neuron and point (m·n/8 bytes, 1/64 of z), which (2) reads; other activations
//              recompute z in (2). OpenMP splits points in (1) and neurons in (2), so no
//              thread writes another's sums. Two kernel sets (Kernels below):
//                portable: 4 × 8 tiles in (1); in (2) w = ℓ'σ'(z) in a 4 × 240 tile kept in
//                          L1, then 4 × 8 register tiles over coordinates — the dense 4·m·n·d̃
//                          flops for ReLU, 6·m·n·d̃ for sigmoid and tanh;
//                avx512:   ReLU only, relu_kernels_avx512.hpp — 8 × 24 tiles in (1), and (2)
//                          over the active pairs z_jl > 0 only (about half).

#include <string>
#include <vector>

#include "network/aligned_vector.hpp"
#include "network/plain_network.hpp"

namespace mf {

/// A batch of data laid out for the fused kernels: the lifted inputs x̃ padded with zeros to
/// D (a multiple of 4) coordinates and to a multiple of 8 points, once coordinate-major
/// (coordinate k of every point contiguous) and once point-major (the D coordinates of point
/// l contiguous). Padded points have label 0 and take no part in the loss or the gradient.
struct PackedBatch {
  int n = 0;          ///< points
  int n_padded = 0;   ///< a multiple of 8
  int d_lifted = 0;   ///< d̃
  int D = 0;          ///< d̃ rounded up to a multiple of 4
  AlignedVector<double> by_coordinate;  ///< D × n_padded, row-major, 64-byte aligned
  AlignedVector<double> by_point;       ///< n_padded × D, row-major, 64-byte aligned
  std::vector<double> y;              ///< n labels
  /// The n of J_m = (1/n) Σ_l ℓ_l and of its gradient; 0: this batch's n. A rank's share of a
  /// data set split across MPI ranks sets the whole set's size, so the ranks' sums add up to
  /// the whole batch's.
  long normalizer = 0;
  /// Logistic and exponential losses: when set, the kernels take s = min_l y_l f(x_l) over the
  /// batch (logistic: max(0, min_l y_l f(x_l))) and compute e^{s} ℓ and e^{s} ℓ' (objective/loss.hpp), so out.loss is e^{s} J_m, the
  /// gradient e^{s} ∇J_m, and out.loss_exponent_shift = s: the largest term e^{s − y_l f_l} is 1,
  /// so neither J_m nor its gradient under- or overflows however large the margins grow
  /// (training on log J_m, whose gradient ∇J_m/J_m does not depend on s). Unset: s = 0.
  bool centre_loss_exponent = false;

  /// All of data, or the points data.X.col(indices[i]) for i < count when indices is given.
  void pack(const DataSet& data, bool bias, const int* indices = nullptr, int count = -1);
};

namespace network_gradient {

namespace reference {
void compute(const PlainNetwork& net, const DataSet& data, Loss loss, NetworkGradient& out);
}

namespace fused {
/// Which code computes the ReLU passes: the portable ones (baseline x86-64, with an FMA clone
/// picked at load time) or relu_kernels_avx512.hpp's (forward in 8 × 24 zmm tiles, backward
/// over the active pairs only). automatic takes AVX-512 where the CPU has it. Sigmoid and tanh
/// always use the portable passes.
enum class Kernels { automatic, portable, avx512 };

/// portable, and avx512 when this CPU executes it.
std::vector<Kernels> available_kernels();
std::string to_string(Kernels k);

/// net.b must have batch.d_lifted rows. Allocates only O((m + n)·D) of workspace, plus the
/// m·n/8 bytes of ReLU's activation pattern. Kernels::avx512 on a CPU without it throws
/// std::invalid_argument.
void compute(const PlainNetwork& net, const PackedBatch& batch, Loss loss, NetworkGradient& out,
             Kernels kernels = Kernels::automatic);
}

}  // namespace network_gradient
}  // namespace mf
