#!/usr/bin/env bash
# Quick start, step 1: installs what is missing (Debian packages), builds measureflow, and runs
# the main example. Safe to run again: installing and building are incremental.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release
cmake --build build
build/measureflow run examples/teacher_circle.toml --overwrite
echo
echo "Open runs/teacher_circle/teacher_circle.pvd in ParaView; diagnostics are in runs/teacher_circle/diagnostics.csv."
