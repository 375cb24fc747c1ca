#!/usr/bin/env bash
# Redraws the figures the README's "Figures" section shows (docs/figures/*.png) from fresh runs
# of the examples, with the commands the README gives. Needs a build (build/measureflow) and
# scripts/install-deps.sh's packages (gnuplot; xvfb and python3-vtk9 for the ParaView views).
# Takes about half a minute on the 2-core machine.
set -euo pipefail
cd "$(dirname "$0")/.."
mf=build/measureflow
out=docs/figures
runs=$(mktemp -d)
trap 'rm -rf "$runs"' EXIT
mkdir -p "$out"
run() { "$mf" run "$@" --overwrite --no-progress > /dev/null; }

run examples/teacher_circle.toml -o "$runs/teacher_circle"
run examples/teacher_circle.toml --particles -o "$runs/teacher_circle-particles"
"$mf" plot "$runs/teacher_circle" "$runs/teacher_circle-particles" -o "$out/teacher_circle.png" \
  --title "teacher_circle: grid (512 arcs) and 2000 random particles"
"$mf" plot --profile "$runs/teacher_circle" "$runs/teacher_circle-particles" -o "$out/teacher_circle_profile.png" \
  --title "teacher_circle: ρ⁺ and ρ⁻ on the grid, particle masses binned on its arcs"
"$mf" plot --paths "$runs/teacher_circle-particles" -o "$out/teacher_circle_lifted_paths.png" \
  --title "teacher_circle, 2000 particles"
"$mf" compare examples/teacher_circle.toml --grids 64 128 256 --particles 64 128 256 --reference 1024 \
  -o "$runs/compare" > /dev/null 2>&1
"$mf" plot "$runs/compare" -o "$out/teacher_circle_compare.png" --title "teacher_circle: grid versus particles"
run examples/teacher_sphere.toml -o "$runs/teacher_sphere"
(cd "$runs/teacher_sphere" && xvfb-run -a /usr/bin/python3 teacher_sphere_view.py --render "$OLDPWD/$out/teacher_sphere_view.png" > /dev/null)
(cd "$runs/teacher_circle" && xvfb-run -a /usr/bin/python3 teacher_circle_view.py --render "$OLDPWD/$out/teacher_circle_view.png" > /dev/null)
run examples/network_gd.toml -o "$runs/network_gd"
cp "$runs/network_gd/network_gd.png" "$out/network_gd.png"
run examples/measure_algorithms.toml -o "$runs/measure_algorithms"
cp "$runs/measure_algorithms/measure_algorithms.png" "$out/measure_algorithms.png"
rm -f "$out"/*.svg "$out"/*.gp "$out"/*.csv
ls -l "$out"
