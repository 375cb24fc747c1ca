#pragma once
// y_i = e^{x_i} for an array, through glibc's vector math library (libmvec: _ZGVeN8v_exp on
// AVX-512, _ZGVdN4v_exp on AVX2, both within 4 ulp of the correctly rounded value) and std::exp
// on the baseline; the instruction set is base/simd_dispatch.hpp's simd_level(). About 7× the
// scalar std::exp's throughput (bench_network's BM_ExpArray).

#include <cstddef>

#include "base/simd_dispatch.hpp"

namespace mf {

/// x and y may be the same array.
void exp_array(const double* x, double* y, std::size_t n);
/// The same at a given level (tests and benchmarks; std::invalid_argument above simd_level()).
void exp_array(const double* x, double* y, std::size_t n, SimdLevel level);

}  // namespace mf
