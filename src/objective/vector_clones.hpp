#pragma once
// Function multi-versioning for the hot loops of the potential sums: GCC compiles a function
// marked MF_VECTOR_CLONES twice — for the baseline x86-64 (SSE2) and with FMA (which brings
// 256-bit AVX) — and the loader picks the version the CPU supports (cpuid), so one portable
// binary runs 4-wide fused multiply-adds where it can. (An "arch=haswell" clone is chosen by
// CPU model, not features, and never matched the AMD machines here.)

#if defined(__x86_64__) && defined(__GNUC__)
#define MF_VECTOR_CLONES __attribute__((target_clones("fma", "default")))
#else
#define MF_VECTOR_CLONES
#endif
