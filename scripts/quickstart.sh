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
echo "Figures: runs/teacher_circle/teacher_circle.png and density_profile.png; diagnostics in runs/teacher_circle/diagnostics.csv."
echo "ParaView: cd runs/teacher_circle && pvpython teacher_circle_view.py (or open teacher_circle.pvd)."
