#!/usr/bin/env bash
# Quick start, step 2: builds measureflow with its tests and runs them (unit tests, the quick
# validation subset, and every example case). Tests run one at a time: they use OpenMP on all
# cores, and two at once oversubscribe the machine.
set -euo pipefail
cd "$(dirname "$0")/.."

cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release
cmake --build build
ctest --test-dir build --output-on-failure
