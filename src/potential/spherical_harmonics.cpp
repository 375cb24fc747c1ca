#include "potential/spherical_harmonics.hpp"


#include <algorithm>
#include <cmath>
#include <numbers>

#include "base/precondition.hpp"
#include "base/simd_dispatch.hpp"

namespace mf {

SphericalHarmonics::SphericalHarmonics(int degree) : degree_(degree) {
  MF_PRECONDITION(degree >= 0, "a spherical-harmonic degree is ≥ 0");
  const int L = degree;
  offset_.resize(L + 2);
  offset_[0] = 0;
  offset_[1] = L + 1;  // order 0 has cosine columns only
  for (int m = 1; m <= L; ++m) offset_[m + 1] = offset_[m] + 2 * (L + 1 - m);
  seed_.resize(L + 1);
  seed_[0] = 1.0 / std::sqrt(4.0 * std::numbers::pi);
  for (int m = 1; m <= L; ++m) seed_[m] = seed_[m - 1] * std::sqrt((2.0 * m + 1.0) / (2.0 * m));
  a_.assign(size(), 0.0);
  b_.assign(size(), 0.0);
  for (int m = 0; m <= L; ++m)
    for (int l = m + 1; l <= L; ++l) {
      const double ll = l, mm = m;
      a_[cos_index(l, m)] = std::sqrt((4.0 * ll * ll - 1.0) / (ll * ll - mm * mm));
      b_[cos_index(l, m)] = std::sqrt(((ll - 1.0) * (ll - 1.0) - mm * mm) / (4.0 * (ll - 1.0) * (ll - 1.0) - 1.0));
    }
}

void SphericalHarmonics::evaluate(const Eigen::Ref<const Eigen::Matrix3Xd>& points, Eigen::MatrixXd& y) const {
  const Eigen::Index n = points.cols();
  const int L = degree_;
  y.resize(n, size());
  // Per point: re + i·im = (x + i y)^m, and P̃_{ℓ−1}, P̃_ℓ of the current order, in lane arrays.
  std::vector<double> re(n, 1.0), im(n, 0.0), prev(n), cur(n);
  const double root2 = std::numbers::sqrt2;
  for (int m = 0; m <= L; ++m) {
    if (m > 0)
      for (Eigen::Index i = 0; i < n; ++i) {
        const double r = re[i] * points(0, i) - im[i] * points(1, i);
        im[i] = re[i] * points(1, i) + im[i] * points(0, i);
        re[i] = r;
      }
    const double f = m == 0 ? seed_[0] : root2 * seed_[m];
    for (Eigen::Index i = 0; i < n; ++i) {
      prev[i] = 0.0;
      cur[i] = f;
    }
    for (int l = m; l <= L; ++l) {
      if (l > m) {
        const double a = a_[cos_index(l, m)], b = b_[cos_index(l, m)];
        for (Eigen::Index i = 0; i < n; ++i) {
          const double next = a * (points(2, i) * cur[i] - b * prev[i]);
          prev[i] = cur[i];
          cur[i] = next;
        }
      }
      double* c = y.col(cos_index(l, m)).data();
      for (Eigen::Index i = 0; i < n; ++i) c[i] = cur[i] * re[i];
      if (m > 0) {
        double* s = y.col(sin_index(l, m)).data();
        for (Eigen::Index i = 0; i < n; ++i) s[i] = cur[i] * im[i];
      }
    }
  }
}

namespace {

constexpr Eigen::Index kChunk = 256;  // points per chunk: its ten lane arrays (20 KB) stay in L1

// The chunk kernels are compiled for AVX-512, AVX2 + FMA and the baseline and picked at run time
// (base/simd_dispatch.hpp), so one binary is fast on either kind of machine.

struct ChunkLanes {
  std::vector<double> re, im, prev, cur, x, y, z, a, b;  // a, b: 4 × kChunk (weights or sums)
  ChunkLanes() : re(kChunk), im(kChunk), prev(kChunk), cur(kChunk), x(kChunk), y(kChunk), z(kChunk),
                 a(4 * kChunk), b(4 * kChunk) {}
  /// The chunk's coordinates, and (x + i y)^0 = 1.
  void load(const Eigen::Matrix3Xd& points, Eigen::Index first, Eigen::Index n) {
    for (Eigen::Index i = 0; i < n; ++i) {
      x[i] = points(0, first + i);
      y[i] = points(1, first + i);
      z[i] = points(2, first + i);
      re[i] = 1.0;
      im[i] = 0.0;
    }
  }
};

// (re + i im) *= (x + i y): the lanes of (x + i y)^m.
MF_ALWAYS_INLINE void next_power(ChunkLanes& w, Eigen::Index n) {
  for (Eigen::Index i = 0; i < n; ++i) {
    const double r = w.re[i] * w.x[i] - w.im[i] * w.y[i];
    w.im[i] = w.re[i] * w.y[i] + w.im[i] * w.x[i];
    w.re[i] = r;
  }
}

// One step of P̃_ℓ^m = a (z P̃_{ℓ−1}^m − b P̃_{ℓ−2}^m) over the chunk.
MF_ALWAYS_INLINE void recurrence_step(ChunkLanes& w, Eigen::Index n, double a, double b) {
  for (Eigen::Index i = 0; i < n; ++i) {
    const double next = a * (w.z[i] * w.cur[i] - b * w.prev[i]);
    w.prev[i] = w.cur[i];
    w.cur[i] = next;
  }
}

// Analysis of one chunk: for each order m the lanes (x + i y)^m times the weights, then the
// recurrence in ℓ, each step feeding the K sums at once (the harmonics are never stored).
MF_ALWAYS_INLINE void analyse_body(const SphericalHarmonics& sh, const double* seed, const double* ra, const double* rb,
                                   const Eigen::Matrix3Xd& points, const Eigen::MatrixXd& weights, Eigen::Index first,
                                   Eigen::Index n, ChunkLanes& w, Eigen::MatrixXd& out) {
  const int K = static_cast<int>(weights.cols()), L = sh.degree();
  w.load(points, first, n);
  for (int m = 0; m <= L; ++m) {
    if (m > 0) next_power(w, n);
    const double f = m == 0 ? seed[0] : std::numbers::sqrt2 * seed[m];
    for (int k = 0; k < 4; ++k) {
      const double* wk = k < K ? weights.col(k).data() + first : nullptr;
      for (Eigen::Index i = 0; i < n; ++i) {
        const double wi = wk ? f * wk[i] : 0.0;
        w.a[k * kChunk + i] = wi * w.re[i];
        w.b[k * kChunk + i] = wi * w.im[i];
      }
    }
    for (Eigen::Index i = 0; i < n; ++i) {
      w.prev[i] = 0.0;
      w.cur[i] = 1.0;
    }
    const double *a0 = w.a.data(), *a1 = a0 + kChunk, *a2 = a1 + kChunk, *a3 = a2 + kChunk;
    const double *b0 = w.b.data(), *b1 = b0 + kChunk, *b2 = b1 + kChunk, *b3 = b2 + kChunk;
    for (int l = m; l <= L; ++l) {
      if (l > m) recurrence_step(w, n, ra[sh.cos_index(l, m)], rb[sh.cos_index(l, m)]);
      // Eight independent sums (four columns, cosine and sine) in one pass: no FMA chain waits.
      double c0 = 0, c1 = 0, c2 = 0, c3 = 0, s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      const double* p = w.cur.data();
#pragma omp simd reduction(+ : c0, c1, c2, c3, s0, s1, s2, s3)
      for (Eigen::Index i = 0; i < n; ++i) {
        c0 += p[i] * a0[i];
        c1 += p[i] * a1[i];
        c2 += p[i] * a2[i];
        c3 += p[i] * a3[i];
        s0 += p[i] * b0[i];
        s1 += p[i] * b1[i];
        s2 += p[i] * b2[i];
        s3 += p[i] * b3[i];
      }
      const double cs[4] = {c0, c1, c2, c3}, ss[4] = {s0, s1, s2, s3};
      for (int k = 0; k < K; ++k) {
        out(sh.cos_index(l, m), k) += cs[k];
        if (m > 0) out(sh.sin_index(l, m), k) += ss[k];
      }
    }
  }
}

// Synthesis of one chunk: per order m and point, the recurrence in ℓ and the eight sums
// Σ_ℓ P̃_ℓ^m c_ℓm (four columns, cosine and sine) in registers, vectorized across the points;
// then times (x + i y)^m. The order's coefficients are packed first (8 per ℓ, broadcast).
template <int V>
MF_ALWAYS_INLINE void synthesise_body(const SphericalHarmonics& sh, const double* seed, const double* ra,
                                      const double* rb, const Eigen::Matrix3Xd& points,
                                      const Eigen::MatrixXd& coefficients, Eigen::Index first, Eigen::Index n,
                                      ChunkLanes& w, Eigen::MatrixXd& values) {
  const int K = static_cast<int>(coefficients.cols()), L = sh.degree();
  std::vector<double> packed(8 * static_cast<std::size_t>(L + 1)), ar(L + 1), br(L + 1);
  w.load(points, first, n);
  double* v0 = values.col(0).data() + first;
  double* v1 = K > 1 ? values.col(1).data() + first : w.a.data();  // unused columns: scratch
  double* v2 = K > 2 ? values.col(2).data() + first : w.a.data() + kChunk;
  double* v3 = K > 3 ? values.col(3).data() + first : w.a.data() + 2 * kChunk;
  for (int m = 0; m <= L; ++m) {
    if (m > 0) next_power(w, n);
    const double f = m == 0 ? seed[0] : std::numbers::sqrt2 * seed[m];
    const int count = L + 1 - m;
    for (int j = 0; j < count; ++j) {
      const int l = m + j;
      for (int k = 0; k < 4; ++k) {
        packed[8 * j + k] = k < K ? f * coefficients(sh.cos_index(l, m), k) : 0.0;
        packed[8 * j + 4 + k] = k < K && m > 0 ? f * coefficients(sh.sin_index(l, m), k) : 0.0;
      }
      ar[j] = j > 0 ? ra[sh.cos_index(l, m)] : 0.0;
      br[j] = j > 0 ? rb[sh.cos_index(l, m)] : 0.0;
    }
    const double* cp = packed.data();
    // Groups of V points: fixed-length lane loops the compiler keeps in vector registers (V = 8
    // on AVX-512, 16 measured slower: register spills; V = 4 on AVX2, whose 16 registers hold
    // the 8 sums of 4 lanes).
    for (Eigen::Index g = 0; g < n; g += V) {
      const int lanes = static_cast<int>(std::min<Eigen::Index>(V, n - g));
      double z[V], p0[V], p1[V], acc[8][V];
      for (int e = 0; e < V; ++e) {
        z[e] = e < lanes ? w.z[g + e] : 0.0;
        p0[e] = 0.0;
        p1[e] = 1.0;
      }
      for (int k = 0; k < 8; ++k)
        for (int e = 0; e < V; ++e) acc[k][e] = cp[k];
      for (int j = 1; j < count; ++j) {
        const double a = ar[j], b = br[j];
        for (int e = 0; e < V; ++e) {
          const double next = a * (z[e] * p1[e] - b * p0[e]);
          p0[e] = p1[e];
          p1[e] = next;
        }
        const double* q = cp + 8 * j;
        for (int k = 0; k < 8; ++k)
          for (int e = 0; e < V; ++e) acc[k][e] += p1[e] * q[k];
      }
      for (int e = 0; e < lanes; ++e) {
        const double re = w.re[g + e], im = w.im[g + e];
        v0[g + e] += acc[0][e] * re + acc[4][e] * im;
        v1[g + e] += acc[1][e] * re + acc[5][e] * im;
        v2[g + e] += acc[2][e] * re + acc[6][e] * im;
        v3[g + e] += acc[3][e] * re + acc[7][e] * im;
      }
    }
  }
}

#define MF_CHUNK_ARGS                                                                                       \
  const SphericalHarmonics &sh, const double *seed, const double *ra, const double *rb, const Eigen::Matrix3Xd &points, \
      const Eigen::MatrixXd &in, Eigen::Index first, Eigen::Index n, ChunkLanes &w, Eigen::MatrixXd &out
MF_TARGET_AVX512 void analyse_avx512(MF_CHUNK_ARGS) { analyse_body(sh, seed, ra, rb, points, in, first, n, w, out); }
MF_TARGET_AVX2 void analyse_avx2(MF_CHUNK_ARGS) { analyse_body(sh, seed, ra, rb, points, in, first, n, w, out); }
void analyse_baseline(MF_CHUNK_ARGS) { analyse_body(sh, seed, ra, rb, points, in, first, n, w, out); }
MF_TARGET_AVX512 void synthesise_avx512(MF_CHUNK_ARGS) { synthesise_body<8>(sh, seed, ra, rb, points, in, first, n, w, out); }
MF_TARGET_AVX2 void synthesise_avx2(MF_CHUNK_ARGS) { synthesise_body<4>(sh, seed, ra, rb, points, in, first, n, w, out); }
void synthesise_baseline(MF_CHUNK_ARGS) { synthesise_body<8>(sh, seed, ra, rb, points, in, first, n, w, out); }
#undef MF_CHUNK_ARGS

using ChunkKernel = void (*)(const SphericalHarmonics&, const double*, const double*, const double*,
                             const Eigen::Matrix3Xd&, const Eigen::MatrixXd&, Eigen::Index, Eigen::Index, ChunkLanes&,
                             Eigen::MatrixXd&);
ChunkKernel pick(ChunkKernel avx512, ChunkKernel avx2, ChunkKernel baseline) {
  switch (simd_level()) {
    case SimdLevel::avx512: return avx512;
    case SimdLevel::avx2: return avx2;
    default: return baseline;
  }
}

}  // namespace

void SphericalHarmonics::analyse(const Eigen::Matrix3Xd& points, const Eigen::MatrixXd& weights,
                                 Eigen::MatrixXd& coefficients) const {
  MF_PRECONDITION(weights.rows() == points.cols(), "one row of weights per point");
  MF_PRECONDITION(weights.cols() <= 4, "at most 4 weight columns");
  const Eigen::Index n = points.cols(), chunks = (n + kChunk - 1) / kChunk;
  // The chunks form a fixed number of units, each summed into its own partial, and the partials
  // are added in unit order: the result does not depend on the thread count or the schedule.
  // Dynamic scheduling of the units keeps 2 threads from waiting on one slowed by another
  // process on its core.
  const Eigen::Index units = std::min<Eigen::Index>(chunks, 32);
  std::vector<Eigen::MatrixXd> partial(units, Eigen::MatrixXd::Zero(size(), weights.cols()));
#pragma omp parallel if (n >= 4 * kChunk)
  {
    ChunkLanes lanes;
    const ChunkKernel analyse_chunk = pick(analyse_avx512, analyse_avx2, analyse_baseline);
#pragma omp for schedule(dynamic, 1)
    for (Eigen::Index u = 0; u < units; ++u)
      for (Eigen::Index ch = chunks * u / units; ch < chunks * (u + 1) / units; ++ch)
        analyse_chunk(*this, seed_.data(), a_.data(), b_.data(), points, weights, ch * kChunk,
                      std::min<Eigen::Index>(kChunk, n - ch * kChunk), lanes, partial[u]);
  }
  coefficients = partial[0];
  for (Eigen::Index u = 1; u < units; ++u) coefficients += partial[u];
}

void SphericalHarmonics::synthesise(const Eigen::Matrix3Xd& points, const Eigen::MatrixXd& coefficients,
                                    Eigen::MatrixXd& values) const {
  MF_PRECONDITION(coefficients.rows() == size(), "one row of coefficients per harmonic");
  MF_PRECONDITION(coefficients.cols() <= 4, "at most 4 coefficient columns");
  const Eigen::Index n = points.cols(), chunks = (n + kChunk - 1) / kChunk;
  values.setZero(n, coefficients.cols());
#pragma omp parallel if (n >= 4 * kChunk)
  {
    ChunkLanes lanes;
    const ChunkKernel synthesise_chunk = pick(synthesise_avx512, synthesise_avx2, synthesise_baseline);
#pragma omp for schedule(dynamic, 1)
    for (Eigen::Index ch = 0; ch < chunks; ++ch)
      synthesise_chunk(*this, seed_.data(), a_.data(), b_.data(), points, coefficients, ch * kChunk,
                       std::min<Eigen::Index>(kChunk, n - ch * kChunk), lanes, values);
  }
}

}  // namespace mf
