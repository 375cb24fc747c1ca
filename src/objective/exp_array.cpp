#include "objective/exp_array.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define MF_HAVE_MVEC 1
// glibc's libmvec, by its vector-ABI names (x86_64 vector function ABI: 'e' AVX-512, 'd' AVX2).
extern "C" MF_TARGET_AVX512 __m512d _ZGVeN8v_exp(__m512d);
extern "C" MF_TARGET_AVX2 __m256d _ZGVdN4v_exp(__m256d);
#else
#define MF_HAVE_MVEC 0
#endif

namespace mf {

namespace {

void exp_baseline(const double* x, double* y, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) y[i] = std::exp(x[i]);
}

#if MF_HAVE_MVEC
MF_TARGET_AVX512 void exp_avx512(const double* x, double* y, std::size_t n) {
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) _mm512_storeu_pd(y + i, _ZGVeN8v_exp(_mm512_loadu_pd(x + i)));
  if (i < n) {  // the tail through a masked load and store
    const __mmask8 mask = static_cast<__mmask8>((1u << (n - i)) - 1u);
    _mm512_mask_storeu_pd(y + i, mask, _ZGVeN8v_exp(_mm512_maskz_loadu_pd(mask, x + i)));
  }
}

MF_TARGET_AVX2 void exp_avx2(const double* x, double* y, std::size_t n) {
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) _mm256_storeu_pd(y + i, _ZGVdN4v_exp(_mm256_loadu_pd(x + i)));
  for (; i < n; ++i) y[i] = std::exp(x[i]);
}
#endif

}  // namespace

void exp_array(const double* x, double* y, std::size_t n, SimdLevel level) {
  if (level > simd_level())
    throw std::invalid_argument(std::string("exp_array: the ") + (level == SimdLevel::avx512 ? "AVX-512" : "AVX2") +
                                " path is above this CPU's (or MEASUREFLOW_SIMD's) level");
#if MF_HAVE_MVEC
  switch (level) {
    case SimdLevel::avx512: return exp_avx512(x, y, n);
    case SimdLevel::avx2: return exp_avx2(x, y, n);
    case SimdLevel::baseline: break;
  }
#endif
  exp_baseline(x, y, n);
}

void exp_array(const double* x, double* y, std::size_t n) { exp_array(x, y, n, simd_level()); }

}  // namespace mf
