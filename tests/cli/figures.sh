#!/usr/bin/env bash
# The figures of runs, from outside: every run draws its own figure (PNG + SVG + the gnuplot
# script that redraws it from the run directory), `measureflow plot` overlays a grid run and its
# particle twin, and a plot that cannot be drawn exits non-zero with the reason and leaves no PNG.
# Usage: figures.sh MEASUREFLOW SOURCE_DIR
set -euo pipefail
mf=$1
src=$2
stats="python3 $src/tests/cli/png_stats.py"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

# A figure is whole and not blank: PNG, SVG and script present, more than 1 % of the pixels
# drawn, and the colour of run k of the palette present where asked.
check_figure() {  # stem [colour…]
  local stem=$1; shift
  for ext in png svg gp; do [ -s "$stem.$ext" ] || fail "$stem.$ext missing"; done
  read -r w h drawn colours < <($stats "$stem.png")
  awk -v d="$drawn" 'BEGIN { exit !(d > 0.01) }' || fail "$stem.png is blank ($drawn of the pixels drawn)"
  for c in "$@"; do $stats "$stem.png" --has "$c" > /dev/null || fail "$stem.png lacks colour #$c"; done
  echo "ok: $stem.png ${w}x${h}, ${drawn} drawn, $colours colours"
}

"$mf" run "$src/examples/teacher_circle.toml" -o "$work/grid" --no-progress > "$work/grid.log"
grep -q "figure: .*teacher_circle.png" "$work/grid.log" || fail "the grid run printed no figure line"
grep -q "^figure: .*teacher_circle.png" "$work/grid/summary.txt" || fail "summary.txt names no figure"
check_figure "$work/grid/teacher_circle" 0072B2
"$mf" run "$src/examples/teacher_circle.toml" --particles -o "$work/grid-particles" --no-progress > /dev/null
check_figure "$work/grid-particles/teacher_circle-particles" 0072B2
# The lifted paths (Chizat & Bach's picture): μ⁺ paths vermillion, μ⁻ blue, from the run's own
# particle frames and teacher.csv; its data file lists every particle at every output time.
check_figure "$work/grid-particles/lifted_paths" D55E00 0072B2
rows=$(grep -c '^[0-9]' "$work/grid-particles/lifted_paths.csv")
[ "$rows" -eq $((2000 * 10)) ] || fail "lifted_paths.csv has $rows rows, not 2000 particles x 10 times"
[ -s "$work/grid/teacher.csv" ] && [ -s "$work/grid/teacher.vtp" ] || fail "the grid run wrote no teacher"

# The script redraws the figure from the run directory.
rm "$work/grid/teacher_circle.png" "$work/grid/teacher_circle.svg"
(cd "$work/grid" && gnuplot teacher_circle.gp) || fail "teacher_circle.gp does not redraw from the run directory"
check_figure "$work/grid/teacher_circle" 0072B2

# Grid and particles overlaid: two runs, two colours.
"$mf" plot "$work/grid" "$work/grid-particles" -o "$work/overlay.png" | grep -q "network, 2 runs" ||
  fail "plot did not overlay two network runs"
check_figure "$work/overlay" 0072B2 D55E00

# S¹ densities against the angle: the grid run draws its own; with the particle run, the binned
# particle masses overlay it; --animate writes a GIF with one frame per output time (10 here).
check_figure "$work/grid/density_profile" D55E00 0072B2
"$mf" plot --profile "$work/grid" "$work/grid-particles" -o "$work/profile.png" > /dev/null
check_figure "$work/profile" D55E00 0072B2 E69F00
gif_frames() { python3 -c "import sys; print(open(sys.argv[1], 'rb').read().count(b'\x21\xf9\x04'))" "$1"; }
"$mf" plot --animate "$work/grid" "$work/grid-particles" -o "$work/anim.png" > /dev/null
[ "$(gif_frames "$work/anim.gif")" -eq 10 ] || fail "anim.gif has $(gif_frames "$work/anim.gif") frames, not 10"
"$mf" plot --animate "$work/grid-particles" -o "$work/lifted.png" > /dev/null
[ "$(gif_frames "$work/lifted.gif")" -eq 10 ] || fail "lifted.gif has $(gif_frames "$work/lifted.gif") frames, not 10"
echo "ok: animations of 10 frames"

# What cannot be drawn exits non-zero, says why and leaves no PNG.
expect_refusal() {  # message-pattern png args…
  local pattern=$1 png=$2; shift 2
  if "$mf" plot "$@" -o "$png" > "$work/refusal.log" 2>&1; then fail "plot $* succeeded"; fi
  grep -q "$pattern" "$work/refusal.log" || { cat "$work/refusal.log"; fail "plot $* did not say '$pattern'"; }
  [ ! -e "$png" ] || fail "a refused plot left $png"
  echo "ok: refused ($pattern)"
}
mkdir "$work/empty"
expect_refusal "holds no diagnostics.csv" "$work/r1.png" "$work/empty"
"$mf" run "$src/examples/circle_rotation.toml" -o "$work/transport" --no-progress > /dev/null
check_figure "$work/transport/circle_rotation" 0072B2
expect_refusal "cannot overlay a network run" "$work/r2.png" "$work/grid" "$work/transport"
mkdir "$work/cut"
cut -d, -f1-4 "$work/grid/diagnostics.csv" > "$work/cut/diagnostics.csv"  # no mass columns
expect_refusal "not a diagnostics.csv" "$work/r3.png" "$work/cut"
cut -d, -f1-10 "$work/grid/diagnostics.csv" > "$work/cut/diagnostics.csv"  # no teacher_distance
expect_refusal "has no column 'teacher_distance'" "$work/r4.png" "$work/cut"
expect_refusal "not a grid run on S¹" "$work/r5.png" --profile "$work/grid-particles"
expect_refusal "lifted paths need at least two frames" "$work/r6.png" --paths "$work/grid"
echo PASS
