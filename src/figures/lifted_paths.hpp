#pragma once
// The lifted particle picture of Chizat & Bach (2018, Fig. 1–2): each neuron's path in the
// plane of its lifted point |a_j| b_j = m c_j θ_j (particles/lifted_points.hpp) over the output
// times, from the start (grey dots) to the end (dots in the sign's colour: μ⁺ vermillion, μ⁻ blue),
// with the teacher's neurons as dashed rays along their directions. For d = 2 the plane is the
// inputs' plane; for d = 3 (a sphere mesh, or d = 2 with a bias input) its first two coordinates.
// Read from a run directory: particles/particles_*.csv (conic particles) or weights/network_*.csv
// (plain networks), diagnostics.csv for the times and teacher.csv when present.

#include <filesystem>
#include <string>

namespace mf {

/// Whether `run` holds what the picture needs (particle or network frames of dimension ≤ 3).
bool has_lifted_paths(const std::filesystem::path& run);

/// Writes png's data file <stem>.csv (particle, time, x, y, sign; a blank line between
/// particles) and draws png (+ .svg, .gp). `tanh`: radii compressed to tanh(r). Throws
/// std::runtime_error naming what is missing or unreadable, or when gnuplot fails.
void draw_lifted_paths(const std::filesystem::path& run, const std::filesystem::path& png, const std::string& title,
                       bool tanh = false);

/// The lifted points at every output time as an animated GIF (gif: NAME.gif, with NAME.csv —
/// one block per time: x, y, sign — and NAME.gp beside it), the axes fixed over the series.
void draw_lifted_animation(const std::filesystem::path& run, const std::filesystem::path& gif, const std::string& title,
                           bool tanh = false);

}  // namespace mf
