#!/usr/bin/env bash
# Quick start, step 1: installs what is missing (Debian packages), builds measureflow, and runs
# the main example. Safe to run again: installing and building are incremental.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release
cmake --build build
build/measureflow run examples/cosine_bell.toml --overwrite
echo
echo "Open runs/cosine_bell/cosine_bell.pvd in ParaView; diagnostics are in runs/cosine_bell/diagnostics.csv."
