#!/usr/bin/env bash
# The sanitizer build: AddressSanitizer and UndefinedBehaviorSanitizer on every library, test and
# program, and the debug preconditions (MF_PRECONDITION, src/base/precondition.hpp) on. Configures
# build-sanitize, builds it, runs every unit test and the quick validation subset. Any sanitizer
# report, failed precondition or failed test ends the script with a non-zero status.
#
# Measured on a shared 2-core machine (Intel Xeon, AVX-512): the build about 11-12 min from
# scratch, the unit tests 10-70 s and validate --quick 11-33 min (both depending on the other
# load; the README gives about 55 s for validate --quick in Release).
set -euo pipefail
cd "$(dirname "$0")/.."

# ASan: stop at the first report, with leak checking (on by default on Linux; libgomp's thread
# pool reported no leaks here). UBSan: -fno-sanitize-recover=undefined already aborts at the first
# report; print its stack. Both are also needed at build time: gtest_discover_tests runs the test
# program to list its tests. Callers may override either variable.
export ASAN_OPTIONS="${ASAN_OPTIONS:-halt_on_error=1:detect_leaks=1:check_initialization_order=1:strict_init_order=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

cmake -S . -B build-sanitize -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMEASUREFLOW_SANITIZE=ON \
  -DMEASUREFLOW_BUILD_BENCH=OFF
cmake --build build-sanitize
build-sanitize/tests/measureflow_tests
# The quick validation under the sanitizers, without its longest cases (C3, C4, I1, I2, I4, L2:
# 15–90 s each in Release, many minutes under ASan). Their code paths (grid against particle
# runs, plain network training, sweeps) run here in the unit tests and in the other cases, and
# every case runs in scripts/test.sh's Release quick validation.
for c in A B C1 C2 D G3 L1 L3 L4; do
  build-sanitize/measureflow validate --quick --case "$c" --report "build-sanitize/validation-quick/$c"
done
