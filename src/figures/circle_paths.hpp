#pragma once
// The particle paths of a run on the circle, unrolled (Chizat 2022, the 1-D deconvolution
// figure): each conic particle's angle θ_j ∈ [0, 2π) across and its signed amplitude
// r_j = s_j √(m c_j) up (mass c_j = r_j²/m, the conic parametrization), from the start (grey) to
// the last output (dots in the sign's colour: μ⁺ vermillion, μ⁻ blue); the teacher's atoms (the
// ground-truth spikes of deconvolution) as triangles on the axis, and optional marked angles (a
// reference minimizer's support) as dotted verticals. A path that crosses θ = 0 is drawn broken.
// Read from a run directory: particles/particles_*.csv with directions in R², diagnostics.csv for
// the times, teacher.csv when present.

#include <filesystem>
#include <string>
#include <vector>

namespace mf {

/// Whether `run` holds at least two frames of conic particles on the circle.
bool has_circle_paths(const std::filesystem::path& run);

/// Writes png's data file <stem>.csv (particle, time, angle, r, sign; a blank line between
/// particles and where a path wraps) and draws png (+ .svg, .gp). Throws std::runtime_error naming
/// what is missing or unreadable, or when gnuplot fails.
void draw_circle_paths(const std::filesystem::path& run, const std::filesystem::path& png, const std::string& title,
                       const std::vector<double>& marked_angles = {}, const std::string& marked_label = "");

}  // namespace mf
