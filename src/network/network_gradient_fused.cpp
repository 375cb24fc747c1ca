#include <algorithm>
#include <iterator>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>

#include "base/parallel_threshold.hpp"
#include "base/precondition.hpp"
#include "network/network_gradient.hpp"
#include "network/relu_kernels_avx512.hpp"
#include "objective/vector_clones.hpp"

namespace mf {

void PackedBatch::pack(const DataSet& data, bool bias, const int* indices, int count) {
  const int d = data.dimension();
  MF_PRECONDITION(data.y.size() == data.X.cols(), std::to_string(data.y.size()) + " labels for " +
                                                      std::to_string(data.X.cols()) + " inputs");
  MF_PRECONDITION(!indices || (count >= 0 && std::all_of(indices, indices + count, [&](int l) {
                    return l >= 0 && l < data.size();
                  })),
                  "a batch of " + std::to_string(count) + " indices, not all in [0, " + std::to_string(data.size()) +
                      ")");
  n = indices ? count : data.size();
  normalizer = 0;
  d_lifted = d + (bias ? 1 : 0);
  D = (d_lifted + 3) / 4 * 4;
  n_padded = (n + 7) / 8 * 8;
  const auto np = static_cast<std::size_t>(n_padded), dp = static_cast<std::size_t>(D);
  by_coordinate.assign(dp * np, 0.0);
  by_point.assign(np * dp, 0.0);
  y.resize(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) {
    const int l = indices ? indices[i] : i;
    const auto ii = static_cast<std::size_t>(i);
    for (int k = 0; k < d_lifted; ++k) {
      const double v = k < d ? data.X(k, l) : 1.0;
      by_coordinate[static_cast<std::size_t>(k) * np + ii] = v;
      by_point[ii * dp + static_cast<std::size_t>(k)] = v;
    }
    y[ii] = data.y[l];
  }
}

namespace network_gradient::fused {

namespace {

// The loss's exponent shift (PackedBatch::centre_loss_exponent) from the least margin y f:
// itself for the exponential loss; for the logistic one at least 0 (a misclassified point's
// loss is about −y f, linear, and needs no rescaling).
double centred_shift(const PackedBatch& batch, Loss loss, int n, double least) {
  if (!batch.centre_loss_exponent || n == 0 || loss == Loss::square) return 0.0;
  return loss == Loss::exponential ? least : std::max(least, 0.0);
}

// GCC vector extensions: 4 doubles, one AVX register in the FMA clone (two SSE2 registers in
// the baseline one). Vectors never cross a function boundary by value (that would change the
// ABI between the clones).
using v4d = double __attribute__((vector_size(32)));

constexpr int kTileNeurons = 4;   // register tiles: 4 neurons × 8 points (forward) or
constexpr int kTilePoints = 8;    //                 4 neurons × 8 coordinates (backward),
constexpr int kPointVectors = 2;  // 8 accumulators each: AVX2's 16 registers hold them,
constexpr int kChunkVectors = 2;  // their operands and a broadcast without spilling
constexpr int kBlockPoints = 240;  // the w tile: 4 × 240 doubles = 7.5 KiB, resident in L1
constexpr int kBlockNeurons = 32;

[[gnu::always_inline]] inline void load(v4d& v, const double* p) { std::memcpy(&v, p, sizeof v); }
[[gnu::always_inline]] inline void store(double* p, const v4d& v) { std::memcpy(p, &v, sizeof v); }
[[gnu::always_inline]] inline double horizontal_sum(const v4d& v) { return (v[0] + v[1]) + (v[2] + v[3]); }

// s = σ(z) and ds = σ'(z), lane by lane (ReLU by selects, the others by their scalar formulas).
template <Activation A>
[[gnu::always_inline]] inline void activate(const v4d& z, v4d& s, v4d& ds) {
  if constexpr (A == Activation::relu) {
    const v4d zero = {0.0, 0.0, 0.0, 0.0}, one = {1.0, 1.0, 1.0, 1.0};
    const auto positive = z > zero;
    s = positive ? z : zero;
    ds = positive ? one : zero;
  } else {
    v4d value = z, slope = z;  // whole vectors first (GCC cannot see that the lanes below cover them)
    for (int i = 0; i < 4; ++i) {
      value[i] = activation_value(A, z[i]);
      slope[i] = activation_derivative(A, z[i]);
    }
    s = value;
    ds = slope;
  }
}

// z[j][v] = b̃_j·x̃ for the 4 neurons at bt (D coordinates each, contiguous) and the 8 points
// starting at xr (coordinate-major, row stride ld), lanes over points.
[[gnu::always_inline]] inline void pre_activation_tile(const double* bt, int D, const double* xr, std::size_t ld,
                                                       v4d (&z)[kTileNeurons][kPointVectors]) {
  for (int j = 0; j < kTileNeurons; ++j)
    for (int v = 0; v < kPointVectors; ++v) z[j][v] = v4d{0.0, 0.0, 0.0, 0.0};
  for (int k = 0; k < D; ++k) {
    const double* xk = xr + static_cast<std::size_t>(k) * ld;
    v4d x[kPointVectors];
    for (int v = 0; v < kPointVectors; ++v) load(x[v], xk + 4 * v);
#pragma GCC unroll 4
    for (int j = 0; j < kTileNeurons; ++j) {
      const double bjk = bt[j * D + k];
      for (int v = 0; v < kPointVectors; ++v) z[j][v] += bjk * x[v];
    }
  }
}

// g[j·D + k0 + c] += Σ_p w[j·nb + p] x̃_p[k0 + c] for c < 4·KV: the 4 neurons' weighted sums of
// nb points (point-major rows of D at xp), one chunk of coordinates.
template <int KV>
[[gnu::always_inline]] inline void accumulate_chunk(const double* w, int nb, const double* xp, int D, int k0,
                                                    double* g) {
  v4d acc[kTileNeurons][KV];
  for (int j = 0; j < kTileNeurons; ++j)
    for (int v = 0; v < KV; ++v) acc[j][v] = v4d{0.0, 0.0, 0.0, 0.0};
  for (int p = 0; p < nb; ++p) {
    v4d x[KV];
    for (int v = 0; v < KV; ++v) load(x[v], xp + p * D + k0 + 4 * v);
#pragma GCC unroll 4
    for (int j = 0; j < kTileNeurons; ++j) {
      const double wj = w[j * nb + p];
      for (int v = 0; v < KV; ++v) acc[j][v] += wj * x[v];
    }
  }
  for (int j = 0; j < kTileNeurons; ++j)
    for (int v = 0; v < KV; ++v) {
      v4d s;
      load(s, g + j * D + k0 + 4 * v);
      s += acc[j][v];
      store(g + j * D + k0 + 4 * v, s);
    }
}

// f[p] = Σ_j a_j σ(b̃_j·x̃_{l0+p}) for p < nb (a multiple of 8), over all m_pad neurons.
// For ReLU, also the activation pattern: bit p of pattern[j·stride + (l0 + p0)/8] is
// 1[z_{j, l0+p0+p} > 0] (one byte per neuron and 8 points).
template <Activation A>
MF_VECTOR_CLONES void forward_block(const double* bp, const double* a, int m_pad, int D, const PackedBatch& batch,
                                    int l0, int nb, double* f, std::uint8_t* pattern, std::size_t stride) {
  std::fill(f, f + nb, 0.0);
  const auto ld = static_cast<std::size_t>(batch.n_padded);
  v4d z[kTileNeurons][kPointVectors];
  for (int j0 = 0; j0 < m_pad; j0 += kTileNeurons)
    for (int p0 = 0; p0 < nb; p0 += kTilePoints) {
      pre_activation_tile(bp + j0 * D, D, batch.by_coordinate.data() + l0 + p0, ld, z);
      if constexpr (A == Activation::relu)
        for (int j = 0; j < kTileNeurons; ++j) {
          unsigned bits = 0;
          for (int v = 0; v < kPointVectors; ++v)
            for (int i = 0; i < 4; ++i) bits |= (z[j][v][i] > 0.0 ? 1u : 0u) << (4 * v + i);
          pattern[static_cast<std::size_t>(j0 + j) * stride + static_cast<std::size_t>((l0 + p0) / 8)] =
              static_cast<std::uint8_t>(bits);
        }
      for (int v = 0; v < kPointVectors; ++v) {
        v4d fv, s, ds;
        load(fv, f + p0 + 4 * v);
        for (int j = 0; j < kTileNeurons; ++j) {
          activate<A>(z[j][v], s, ds);
          fv += a[j0 + j] * s;
        }
        store(f + p0 + 4 * v, fv);
      }
    }
}

// Four lanes of 1.0 / 0.0 for each 4-bit piece of an activation pattern.
alignas(32) constexpr double kPatternLanes[16][4] = {
    {0, 0, 0, 0}, {1, 0, 0, 0}, {0, 1, 0, 0}, {1, 1, 0, 0}, {0, 0, 1, 0}, {1, 0, 1, 0}, {0, 1, 1, 0}, {1, 1, 1, 0},
    {0, 0, 0, 1}, {1, 0, 0, 1}, {0, 1, 0, 1}, {1, 1, 0, 1}, {0, 0, 1, 1}, {1, 0, 1, 1}, {0, 1, 1, 1}, {1, 1, 1, 1}};

// For the neurons [j_begin, j_end) (multiples of 4): gb[j·D + k] = Σ_l r_l σ'(z_jl) x̃_l[k] over
// all points, and for sigmoid and tanh ga[j] = Σ_l r_l σ(z_jl). ReLU reads σ' from the forward
// pass's activation pattern instead of recomputing z; its ga comes from gb
// (relu_output_gradient_from_inner).
template <Activation A>
MF_VECTOR_CLONES void backward_block(const double* bp, int D, const PackedBatch& batch, const double* r, int j_begin,
                                     int j_end, double* ga, double* gb, const std::uint8_t* pattern,
                                     std::size_t stride) {
  alignas(32) double w[kTileNeurons * kBlockPoints];
  std::fill(ga + j_begin, ga + j_end, 0.0);
  std::fill(gb + static_cast<std::ptrdiff_t>(j_begin) * D, gb + static_cast<std::ptrdiff_t>(j_end) * D, 0.0);
  const auto ld = static_cast<std::size_t>(batch.n_padded);
  v4d z[kTileNeurons][kPointVectors];
  for (int l0 = 0; l0 < batch.n_padded; l0 += kBlockPoints) {
    const int nb = std::min(kBlockPoints, batch.n_padded - l0);
    const double* xp = batch.by_point.data() + static_cast<std::size_t>(l0) * static_cast<std::size_t>(D);
    for (int j0 = j_begin; j0 < j_end; j0 += kTileNeurons) {
      v4d sa[kTileNeurons];
      for (int j = 0; j < kTileNeurons; ++j) sa[j] = v4d{0.0, 0.0, 0.0, 0.0};
      for (int p0 = 0; p0 < nb; p0 += kTilePoints) {
        if constexpr (A == Activation::relu) {
          for (int j = 0; j < kTileNeurons; ++j) {
            const unsigned bits =
                pattern[static_cast<std::size_t>(j0 + j) * stride + static_cast<std::size_t>((l0 + p0) / 8)];
            for (int v = 0; v < kPointVectors; ++v) {
              v4d rv, lanes;
              load(rv, r + l0 + p0 + 4 * v);
              load(lanes, kPatternLanes[(bits >> (4 * v)) & 15u]);
              store(w + j * nb + p0 + 4 * v, rv * lanes);
            }
          }
          continue;
        }
        pre_activation_tile(bp + j0 * D, D, batch.by_coordinate.data() + l0 + p0, ld, z);
        for (int v = 0; v < kPointVectors; ++v) {
          v4d rv, s, ds;
          load(rv, r + l0 + p0 + 4 * v);
          for (int j = 0; j < kTileNeurons; ++j) {
            activate<A>(z[j][v], s, ds);
            sa[j] += rv * s;
            store(w + j * nb + p0 + 4 * v, rv * ds);
          }
        }
      }
      if constexpr (A != Activation::relu)  // ReLU's ga comes from gb afterwards
        for (int j = 0; j < kTileNeurons; ++j) ga[j0 + j] += horizontal_sum(sa[j]);
      double* g = gb + j0 * D;
      int k0 = 0;
      for (; k0 + 4 * kChunkVectors <= D; k0 += 4 * kChunkVectors) accumulate_chunk<kChunkVectors>(w, nb, xp, D, k0, g);
      if (k0 < D) accumulate_chunk<1>(w, nb, xp, D, k0, g);
    }
  }
}

// ReLU's ga_j = Σ_l r_l σ(z_jl) = b̃_j·gb_j (σ(z) = σ'(z) z), for the neurons [j_begin, j_end)
// after either set of backward passes.
void relu_output_gradient_from_inner(const double* bp, const double* gb, int D, int j_begin, int j_end, double* ga) {
  for (int j = j_begin; j < j_end; ++j) {
    double s = 0.0;
    for (int k = 0; k < D; ++k) s += bp[j * D + k] * gb[j * D + k];
    ga[j] = s;
  }
}

template <Activation A>
void compute_for(const PlainNetwork& net, const PackedBatch& batch, Loss loss, NetworkGradient& out,
                 bool relu_avx512_kernels) {
  const bool avx512 = A == Activation::relu && relu_avx512_kernels;  // they compute ReLU's passes only
  const int m = net.width(), D = batch.D, n = batch.n, dl = batch.d_lifted;
  const int tile = avx512 ? relu_avx512::kTileNeurons : kTileNeurons;
  const int m_pad = (m + tile - 1) / tile * tile;
  // The network, padded: neuron j's D coordinates contiguous; padded neurons have a = 0, b̃ = 0.
  std::vector<double> bp(static_cast<std::size_t>(m_pad) * static_cast<std::size_t>(D), 0.0),
      a(static_cast<std::size_t>(m_pad), 0.0);
  for (int j = 0; j < m; ++j) {
    a[static_cast<std::size_t>(j)] = net.a[j];
    for (int k = 0; k < dl; ++k) bp[static_cast<std::size_t>(j * D + k)] = net.b(k, j);
  }
  std::vector<double> f(static_cast<std::size_t>(batch.n_padded)), r(static_cast<std::size_t>(batch.n_padded), 0.0);
  std::vector<double> ga(static_cast<std::size_t>(m_pad)), gb(bp.size());
  // ReLU's activation pattern, one bit per neuron and point (m·n/8 bytes, 1/64 of the
  // pre-activations): the backward pass reads it instead of recomputing b̃_j·x̃_l.
  const std::size_t stride = static_cast<std::size_t>(batch.n_padded / 8);
  std::vector<std::uint8_t> pattern(A == Activation::relu ? static_cast<std::size_t>(m_pad) * stride : 0);
  const int point_blocks = (batch.n_padded + kBlockPoints - 1) / kBlockPoints;
  // The AVX-512 backward's per-block sums Σ_l r_l x̃_l (relu_kernels_avx512.hpp).
  const int sum_block_points = avx512 ? relu_avx512::backward_block_points(D) : 1;
  const int sum_blocks = avx512 ? (batch.n_padded + sum_block_points - 1) / sum_block_points : 0;
  std::vector<double> sums(static_cast<std::size_t>(sum_blocks) * static_cast<std::size_t>(D));
  const int neuron_blocks = (m_pad + kBlockNeurons - 1) / kBlockNeurons;
  const double inv_m = 1.0 / m, inv_n = 1.0 / static_cast<double>(batch.normalizer > 0 ? batch.normalizer : n);
  double total = 0.0, least = HUGE_VAL;  // least: min y f, the loss's exponent shift when centred
  // m·n·D multiply-adds per pass (forward, backward).
  const std::size_t work = static_cast<std::size_t>(m_pad) * static_cast<std::size_t>(batch.n_padded) *
                           static_cast<std::size_t>(D);
#pragma omp parallel if (parallel::worth_parallel(work, parallel::kNetworkMultiplyAdds))
  {
    // Blocks are independent: dynamic, so a thread sharing its core with another process takes
    // fewer of them. The loss sum stays static (its round-off does not depend on the timing).
#pragma omp for schedule(dynamic)
    for (int blk = 0; blk < point_blocks; ++blk) {
      const int l0 = blk * kBlockPoints;
      const int nb = std::min(kBlockPoints, batch.n_padded - l0);
      if (avx512)
        relu_avx512::forward_block(bp.data(), a.data(), m_pad, D, batch, l0, nb, f.data() + l0, pattern.data(), stride);
      else
        forward_block<A>(bp.data(), a.data(), m_pad, D, batch, l0, nb, f.data() + l0, pattern.data(), stride);
    }
    if (batch.centre_loss_exponent) {
#pragma omp for schedule(static) reduction(min : least)
      for (int l = 0; l < n; ++l)
        least = std::min(least, batch.y[static_cast<std::size_t>(l)] * f[static_cast<std::size_t>(l)] * inv_m);
    }
    const double shift = centred_shift(batch, loss, n, least);
#pragma omp for schedule(static) reduction(+ : total)
    for (int l = 0; l < n; ++l) {
      const double fl = f[static_cast<std::size_t>(l)] * inv_m, yl = batch.y[static_cast<std::size_t>(l)];
      total += loss_value(loss, yl, fl, shift);
      r[static_cast<std::size_t>(l)] = loss_derivative(loss, yl, fl, shift) * inv_n;
    }
#pragma omp for schedule(dynamic)
    for (int blk = 0; blk < sum_blocks; ++blk)
      relu_avx512::block_sums(D, batch, r.data(), blk, sums.data() + static_cast<std::ptrdiff_t>(blk) * D);
#pragma omp for schedule(dynamic)
    for (int blk = 0; blk < neuron_blocks; ++blk) {
      const int j0 = blk * kBlockNeurons;
      const int j1 = std::min(m_pad, j0 + kBlockNeurons);
      if (avx512)
        relu_avx512::backward_block(D, batch, r.data(), sums.data(), j0, j1, gb.data(), pattern.data(), stride);
      else
        backward_block<A>(bp.data(), D, batch, r.data(), j0, j1, ga.data(), gb.data(), pattern.data(), stride);
      if constexpr (A == Activation::relu) relu_output_gradient_from_inner(bp.data(), gb.data(), D, j0, j1, ga.data());
    }
  }
  out.loss = total * inv_n;
  out.loss_exponent_shift = centred_shift(batch, loss, n, least);
  out.prediction = Eigen::Map<const Eigen::VectorXd>(f.data(), n) * inv_m;
  out.a.resize(m);
  out.b.resize(dl, m);
  for (int j = 0; j < m; ++j) {
    out.a[j] = ga[static_cast<std::size_t>(j)];
    for (int k = 0; k < dl; ++k) out.b(k, j) = net.a[j] * gb[static_cast<std::size_t>(j * D + k)];
  }
}

}  // namespace

namespace {
// Debug check: the batch is laid out as pack() does it, and the network matches it (the kernels
// read D coordinates per neuron and point, and divide by m and n).
void check_shapes([[maybe_unused]] const PlainNetwork& net, [[maybe_unused]] const PackedBatch& batch) {
  MF_PRECONDITION(net.width() > 0 && net.a.size() == net.b.cols(),
                  std::to_string(net.a.size()) + " output weights for " + std::to_string(net.b.cols()) + " neurons");
  MF_PRECONDITION(net.b.rows() == batch.d_lifted, "the network has " + std::to_string(net.b.rows()) +
                                                      " input weights per neuron, the batch " +
                                                      std::to_string(batch.d_lifted) + " lifted coordinates");
  const auto size = static_cast<std::size_t>(batch.D) * static_cast<std::size_t>(batch.n_padded);
  MF_PRECONDITION(batch.n > 0 && batch.n_padded % 8 == 0 && batch.n_padded >= batch.n && batch.n_padded < batch.n + 8 &&
                      batch.D % 4 == 0 && batch.D >= batch.d_lifted && batch.D < batch.d_lifted + 4 &&
                      batch.by_coordinate.size() == size && batch.by_point.size() == size &&
                      batch.y.size() == static_cast<std::size_t>(batch.n),
                  "the batch (n = " + std::to_string(batch.n) + ", n_padded = " + std::to_string(batch.n_padded) +
                      ", D = " + std::to_string(batch.D) + ") is not laid out as PackedBatch::pack does it");
}
}  // namespace

std::vector<Kernels> available_kernels() {
  std::vector<Kernels> k{Kernels::portable};
  if (relu_avx512::available()) k.push_back(Kernels::avx512);
  return k;
}

std::string to_string(Kernels k) {
  switch (k) {
    case Kernels::automatic: return "automatic";
    case Kernels::portable: return "portable";
    case Kernels::avx512: return "avx512";
  }
  return "?";
}

namespace {

// The kernels instantiated for every activation of all_activations (objective/activation.hpp).
template <std::size_t K = 0>
void dispatch(const PlainNetwork& net, const PackedBatch& batch, Loss loss, NetworkGradient& out, bool avx512) {
  if constexpr (K < std::size(all_activations)) {
    constexpr Activation A = all_activations[K];
    if (net.activation == A) return compute_for<A>(net, batch, loss, out, A == Activation::relu && avx512);
    return dispatch<K + 1>(net, batch, loss, out, avx512);
  } else {
    throw std::logic_error("network_gradient::fused: an activation missing from all_activations");
  }
}

}  // namespace

void compute(const PlainNetwork& net, const PackedBatch& batch, Loss loss, NetworkGradient& out, Kernels kernels) {
  if (kernels == Kernels::avx512 && !relu_avx512::available())
    throw std::invalid_argument("network_gradient::fused::compute: the avx512 kernels were asked for, but this CPU "
                                "has no AVX-512F (use Kernels::portable or Kernels::automatic)");
  check_shapes(net, batch);
  // The AVX-512 kernels are ReLU's; the other activations always take the portable passes.
  const bool avx512 = net.activation == Activation::relu && kernels != Kernels::portable && relu_avx512::available();
  dispatch(net, batch, loss, out, avx512);
}

}  // namespace network_gradient::fused
}  // namespace mf
