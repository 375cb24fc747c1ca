#pragma once
// The two passes of the fused ReLU loss-and-gradient kernel (network_gradient.hpp) written for
// AVX-512, used when the CPU has it (network_gradient::fused::Kernels). Same inputs, same
// outputs and same pattern layout as the portable passes in network_gradient_fused.cpp:
//
//   forward_block:  z = b̃_j·x̃_l in 8 neurons × 24 points register tiles (24 of the 32 zmm
//                   registers hold the sums; per coordinate 3 loads and 8 broadcasts feed 24
//                   FMAs, so the loads never limit the FMA units), f += a_j max(z, 0), and the
//                   activation pattern 1[z > 0] straight from the compare masks.
//   backward_block: gb_j = Σ_{l : z_jl > 0} r_l x̃_l without the dense product. ReLU's
//                   σ'(z) is 0 on about half of the pairs, so the dense product would spend
//                   half its FMAs on zeros: per neuron and block of points, the active points'
//                   row offsets and residuals are compressed into a list (vpcompress, no
//                   branches), and each listed row of x̃ (point-major, L1-resident block) is
//                   added into up to 16 zmm accumulators that hold the neuron's whole gradient
//                   row (D ≤ 128 in one chunk). Where more than half of a block's points are
//                   active, the block's sum Σ_l r_l x̃_l (block_sums, once per step) minus the
//                   inactive points' rows is added instead: each neuron walks the shorter list.
//                   ga_j = b̃_j·gb_j is formed by the caller, as for the portable pass.
//
// Every function here carries the AVX-512 target attribute itself; nothing compiled for
// AVX-512 is shared with (or can be picked by the linker for) the portable code.

#include <cstddef>
#include <cstdint>

namespace mf {
struct PackedBatch;

namespace network_gradient::relu_avx512 {

/// True when the CPU running this executes AVX-512F (checked once, via cpuid).
bool available();

/// Neurons per register tile: the padded width m_pad must be a multiple of it.
inline constexpr int kTileNeurons = 8;

/// f[p] = Σ_j a_j max(b̃_j·x̃_{l0+p}, 0) for p < nb (nb a multiple of 8) over the m_pad
/// neurons of bp (m_pad × D, row-major, padded rows zero), and bit p of
/// pattern[j·stride + (l0 + p0)/8] = 1[z_{j, l0+p0+p} > 0].
void forward_block(const double* bp, const double* a, int m_pad, int D, const PackedBatch& batch, int l0, int nb,
                   double* f, std::uint8_t* pattern, std::size_t stride);

/// Points per block of the backward pass, for rows of D doubles (about 32 KiB of rows).
int backward_block_points(int D);

/// sums[k] = Σ_{l in block} r_l x̃_l[k], k < D, for the block-th block of
/// backward_block_points(D) points: the base of the complement lists in backward_block.
void block_sums(int D, const PackedBatch& batch, const double* r, int block, double* sums);

/// For the neurons [j_begin, j_end): gb[j·D + k] = Σ_l r_l 1[z_jl > 0] x̃_l[k], reading the
/// pattern of forward_block. sums holds block_sums for every block, D doubles each. (The
/// caller forms ga_j = b̃_j·gb_j, as for the portable pass.)
void backward_block(int D, const PackedBatch& batch, const double* r, const double* sums, int j_begin, int j_end,
                    double* gb, const std::uint8_t* pattern, std::size_t stride);

}  // namespace network_gradient::relu_avx512
}  // namespace mf
