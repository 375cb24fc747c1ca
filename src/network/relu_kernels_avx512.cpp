#include "network/relu_kernels_avx512.hpp"

#include <algorithm>
#include <stdexcept>
#include <utility>
#include <vector>

#include "network/network_gradient.hpp"

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define MF_HAVE_AVX512_KERNELS 1
#else
#define MF_HAVE_AVX512_KERNELS 0
#endif

namespace mf::network_gradient::relu_avx512 {

#if MF_HAVE_AVX512_KERNELS

#define MF_AVX512 __attribute__((target("avx512f,popcnt")))
#define MF_AVX512_INLINE __attribute__((target("avx512f,popcnt"), always_inline)) inline

bool available() {
  static const bool yes = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("popcnt");
  return yes;
}

namespace {

constexpr int kTilePoints = 24;  // 3 zmm vectors of points per tile
constexpr int kMaxChunkVectors = 16;  // accumulators of one gradient row chunk (128 coordinates)
// Points per backward block: their rows of x̃ (D doubles each) should stay in L1 while every
// neuron of the thread's block walks its active list over them.
constexpr std::size_t kBackwardBlockBytes = 32 * 1024;

// The 8 × (8·PV) tile of pre-activations at neurons bt (row stride D) and points xr
// (coordinate-major, row stride ld), over the d_lifted non-zero coordinates; then f += a max(z, 0)
// and the pattern bytes.
template <int PV>
MF_AVX512_INLINE void forward_tile(const double* bt, const double* aj, int D, int d_lifted, const double* xr,
                                   std::size_t ld, double* f, std::uint8_t* pattern, std::size_t stride) {
  __m512d z[kTileNeurons][PV];
  for (int j = 0; j < kTileNeurons; ++j)
    for (int v = 0; v < PV; ++v) z[j][v] = _mm512_setzero_pd();
  for (int k = 0; k < d_lifted; ++k) {
    const double* xk = xr + static_cast<std::size_t>(k) * ld;
    __m512d x[PV];
    for (int v = 0; v < PV; ++v) x[v] = _mm512_loadu_pd(xk + 8 * v);
#pragma GCC unroll 8
    for (int j = 0; j < kTileNeurons; ++j) {
      const __m512d b = _mm512_set1_pd(bt[j * D + k]);
      for (int v = 0; v < PV; ++v) z[j][v] = _mm512_fmadd_pd(b, x[v], z[j][v]);
    }
  }
  const __m512d zero = _mm512_setzero_pd();
  for (int v = 0; v < PV; ++v) {
    __m512d fv = _mm512_loadu_pd(f + 8 * v);
    for (int j = 0; j < kTileNeurons; ++j) {
      const __mmask8 active = _mm512_cmp_pd_mask(z[j][v], zero, _CMP_GT_OQ);
      pattern[static_cast<std::size_t>(j) * stride + static_cast<std::size_t>(v)] = static_cast<std::uint8_t>(active);
      fv = _mm512_fmadd_pd(_mm512_set1_pd(aj[j]), _mm512_maskz_mov_pd(active, z[j][v]), fv);
    }
    _mm512_storeu_pd(f + 8 * v, fv);
  }
}

// The points [p0, p0 + 8·PV) of a block against every neuron. Points outer: the tile's columns
// of x̃ (d̃ · 64·PV bytes) stay in L1 while the neurons' rows of b̃ stream through, 8
// sequential rows at a time.
template <int PV>
MF_AVX512_INLINE void forward_tiles(const double* bp, const double* a, int m_pad, int D, const PackedBatch& batch,
                                    const double* x0, int l0, int p0, double* f, std::uint8_t* pattern,
                                    std::size_t stride) {
  const auto ld = static_cast<std::size_t>(batch.n_padded);
  for (int j0 = 0; j0 < m_pad; j0 += kTileNeurons)
    forward_tile<PV>(bp + static_cast<std::ptrdiff_t>(j0) * D, a + j0, D, batch.d_lifted, x0 + p0, ld, f + p0,
                     pattern + static_cast<std::size_t>(j0) * stride + static_cast<std::size_t>((l0 + p0) / 8), stride);
}

// acc (KV vectors, the last one masked by tail) += Σ_i w[i] · row(offset[i]) over cnt listed rows.
template <int KV>
MF_AVX512_INLINE void accumulate_rows(const int* offset, const double* w, int cnt, const double* x, __mmask8 tail,
                                      double* g) {
  __m512d acc[KV];
  for (int v = 0; v < KV; ++v) acc[v] = _mm512_maskz_loadu_pd(v == KV - 1 ? tail : __mmask8(0xFF), g + 8 * v);
  for (int i = 0; i < cnt; ++i) {
    const double* row = x + offset[i];
    const __m512d wi = _mm512_set1_pd(w[i]);
    for (int v = 0; v < KV; ++v)
      acc[v] = _mm512_fmadd_pd(wi, _mm512_maskz_loadu_pd(v == KV - 1 ? tail : __mmask8(0xFF), row + 8 * v), acc[v]);
  }
  for (int v = 0; v < KV; ++v) _mm512_mask_storeu_pd(g + 8 * v, v == KV - 1 ? tail : __mmask8(0xFF), acc[v]);
}

template <int... KV>
MF_AVX512_INLINE void accumulate_chunk(int kv, const int* offset, const double* w, int cnt, const double* x,
                                       __mmask8 tail, double* g, std::integer_sequence<int, KV...>) {
  // One instantiation per chunk length 1..16, picked at run time.
  (void)((kv == KV + 1 ? (accumulate_rows<KV + 1>(offset, w, cnt, x, tail, g), true) : false) || ...);
}

}  // namespace

MF_AVX512 void forward_block(const double* bp, const double* a, int m_pad, int D, const PackedBatch& batch, int l0,
                             int nb, double* f, std::uint8_t* pattern, std::size_t stride) {
  std::fill(f, f + nb, 0.0);
  const double* x0 = batch.by_coordinate.data() + l0;
  int p0 = 0;
  for (; p0 + kTilePoints <= nb; p0 += kTilePoints)
    forward_tiles<3>(bp, a, m_pad, D, batch, x0, l0, p0, f, pattern, stride);
  if (nb - p0 == 16) forward_tiles<2>(bp, a, m_pad, D, batch, x0, l0, p0, f, pattern, stride);
  if (nb - p0 == 8) forward_tiles<1>(bp, a, m_pad, D, batch, x0, l0, p0, f, pattern, stride);
}

int backward_block_points(int D) {
  const auto row_bytes = static_cast<std::size_t>(D) * sizeof(double);
  return std::max(8, static_cast<int>(kBackwardBlockBytes / row_bytes) / 8 * 8);
}

namespace {

// Lane i of a group of 8 points: offset i·D of its row.
MF_AVX512_INLINE __m512i lane_offsets(int D) {
  return _mm512_mullo_epi32(_mm512_set_epi32(15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0),
                            _mm512_set1_epi32(D));
}

// The points of a block (nb of them, residuals r, rows of D doubles) selected by the byte masks
// select[q] (bit i: point 8q + i; with complement, the points not selected), listed as row
// offsets into the block and as r, or −r with complement (16 slots of slack each: every
// compress stores a whole vector); returns how many.
MF_AVX512_INLINE int list_points(const std::uint8_t* select, bool complement, int nb, int D, const double* r,
                                 int* offset, double* w) {
  const __m512i lanes = lane_offsets(D);
  const __m512d sign = _mm512_set1_pd(complement ? -1.0 : 1.0);
  int cnt = 0;
  for (int q = 0; q < nb / 8; ++q) {
    const auto chosen = static_cast<__mmask8>(complement ? ~select[q] : select[q]);
    const __m512i rows = _mm512_add_epi32(lanes, _mm512_set1_epi32(8 * q * D));
    _mm512_storeu_si512(offset + cnt, _mm512_maskz_compress_epi32(chosen, rows));
    _mm512_storeu_pd(w + cnt, _mm512_maskz_compress_pd(chosen, _mm512_mul_pd(sign, _mm512_loadu_pd(r + 8 * q))));
    cnt += __builtin_popcount(chosen);
  }
  return cnt;
}

// g[k] += Σ_i w[i] xp[offset[i] + k] for k < D, in chunks of up to 16 zmm accumulators.
MF_AVX512_INLINE void accumulate_list(const int* offset, const double* w, int cnt, const double* xp, int D,
                                      double* g) {
  const int vectors = (D + 7) / 8;
  const auto tail = static_cast<__mmask8>(D % 8 == 0 ? 0xFF : (1u << (D % 8)) - 1u);
  for (int v0 = 0; v0 < vectors; v0 += kMaxChunkVectors) {
    const int kv = std::min(kMaxChunkVectors, vectors - v0);
    accumulate_chunk(kv, offset, w, cnt, xp + 8 * v0, v0 + kv == vectors ? tail : __mmask8(0xFF), g + 8 * v0,
                     std::make_integer_sequence<int, kMaxChunkVectors>{});
  }
}

}  // namespace

MF_AVX512 void block_sums(int D, const PackedBatch& batch, const double* r, int block, double* sums) {
  const int points = backward_block_points(D), l0 = block * points, nb = std::min(points, batch.n_padded - l0);
  std::vector<int> offset(static_cast<std::size_t>(points) + 16);
  std::vector<double> w(static_cast<std::size_t>(points) + 16);
  const std::vector<std::uint8_t> all(static_cast<std::size_t>(points / 8), std::uint8_t{0xFF});
  const int cnt = list_points(all.data(), false, nb, D, r + l0, offset.data(), w.data());
  std::fill(sums, sums + D, 0.0);
  accumulate_list(offset.data(), w.data(), cnt,
                  batch.by_point.data() + static_cast<std::size_t>(l0) * static_cast<std::size_t>(D), D, sums);
}

MF_AVX512 void backward_block(int D, const PackedBatch& batch, const double* r, const double* sums, int j_begin,
                              int j_end, double* gb, const std::uint8_t* pattern, std::size_t stride) {
  const int points = backward_block_points(D);
  std::vector<int> offset(static_cast<std::size_t>(points) + 16);
  std::vector<double> w(static_cast<std::size_t>(points) + 16);
  std::fill(gb + static_cast<std::ptrdiff_t>(j_begin) * D, gb + static_cast<std::ptrdiff_t>(j_end) * D, 0.0);
  for (int l0 = 0, block = 0; l0 < batch.n_padded; l0 += points, ++block) {
    const int nb = std::min(points, batch.n_padded - l0);
    const double* xp = batch.by_point.data() + static_cast<std::size_t>(l0) * static_cast<std::size_t>(D);
    const double* sum = sums + static_cast<std::ptrdiff_t>(block) * D;
    for (int j = j_begin; j < j_end; ++j) {
      const std::uint8_t* pj = pattern + static_cast<std::size_t>(j) * stride + static_cast<std::size_t>(l0 / 8);
      int active = 0;
      for (int q = 0; q < nb / 8; ++q) active += __builtin_popcount(pj[q]);
      // Σ over the active points, or the block's sum minus the inactive ones: whichever list
      // is shorter.
      const bool complement = 2 * active > nb;
      double* g = gb + static_cast<std::ptrdiff_t>(j) * D;
      if (complement)
        for (int k = 0; k < D; ++k) g[k] += sum[k];
      const int cnt = list_points(pj, complement, nb, D, r + l0, offset.data(), w.data());
      accumulate_list(offset.data(), w.data(), cnt, xp, D, g);
    }
  }
}

#else  // not x86-64 with GCC: never available (fused::compute checks before calling)

bool available() { return false; }
void forward_block(const double*, const double*, int, int, const PackedBatch&, int, int, double*, std::uint8_t*,
                   std::size_t) {
  throw std::logic_error("relu_avx512::forward_block: AVX-512 kernels are not compiled for this target");
}
int backward_block_points(int) { return 8; }
void block_sums(int, const PackedBatch&, const double*, int, double*) {
  throw std::logic_error("relu_avx512::block_sums: AVX-512 kernels are not compiled for this target");
}
void backward_block(int, const PackedBatch&, const double*, const double*, int, int, double*, const std::uint8_t*,
                    std::size_t) {
  throw std::logic_error("relu_avx512::backward_block: AVX-512 kernels are not compiled for this target");
}

#endif

}  // namespace mf::network_gradient::relu_avx512
