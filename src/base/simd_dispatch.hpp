#pragma once
// Run-time choice of a kernel's instruction set, for kernels compiled three times (AVX-512,
// AVX2 + FMA, baseline x86-64) from one always-inline body:
//
//   MF_ALWAYS_INLINE void body(...) { ... }
//   MF_TARGET_AVX512 void kernel_avx512(...) { body(...); }
//   MF_TARGET_AVX2 void kernel_avx2(...) { body(...); }
//   void kernel_baseline(...) { body(...); }
//   static const auto kernel = simd_pick(kernel_avx512, kernel_avx2, kernel_baseline);
//
// simd_level() is the best level the CPU supports, or the one MEASUREFLOW_SIMD names
// ("avx512", "avx2", "baseline"; never above what the CPU supports), so the AVX2 path can be
// tested and benchmarked on an AVX-512 machine. (GCC's target_clones picks "arch=" clones by
// exact CPU model and splits "avx2,fma" into two clones, hence this.)

#include <cstdlib>
#include <string_view>

#define MF_ALWAYS_INLINE __attribute__((always_inline)) inline
#define MF_TARGET_AVX512 __attribute__((target("avx512f,avx512vl,avx512dq,avx2,fma")))
#define MF_TARGET_AVX2 __attribute__((target("avx2,fma")))

namespace mf {

enum class SimdLevel { baseline, avx2, avx512 };

inline SimdLevel simd_level() {
  static const SimdLevel level = [] {
    __builtin_cpu_init();
    SimdLevel best = SimdLevel::baseline;
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) best = SimdLevel::avx2;
    if (best == SimdLevel::avx2 && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl") &&
        __builtin_cpu_supports("avx512dq"))
      best = SimdLevel::avx512;
    const char* want = std::getenv("MEASUREFLOW_SIMD");
    if (!want) return best;
    const std::string_view w(want);
    const SimdLevel asked = w == "baseline" ? SimdLevel::baseline : w == "avx2" ? SimdLevel::avx2 : SimdLevel::avx512;
    return asked < best ? asked : best;
  }();
  return level;
}

/// The one of three variants of a kernel for simd_level().
template <class Kernel>
Kernel simd_pick(Kernel avx512, Kernel avx2, Kernel baseline) {
  return simd_level() == SimdLevel::avx512 ? avx512 : simd_level() == SimdLevel::avx2 ? avx2 : baseline;
}

}  // namespace mf
