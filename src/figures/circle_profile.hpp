#pragma once
// The densities of a grid run on S¹ against the angle — ρ⁺ and ρ⁻ (or the one density of an L2
// or transport run) at a few output times, one panel each — with, when a particle run of the
// same case is given, its masses binned onto the same cells (mass / arc length): the
// grid-versus-particle overlay. The teacher's atoms are vertical lines at their angles (μ⁺
// vermillion, μ⁻ blue). Read from the grid run's .pvd frames, the particle run's
// particles/particles_*.csv and diagnostics.csv, and teacher.csv.

#include <filesystem>
#include <string>

namespace mf {

/// Whether `run` is a grid run on S¹ (a .pvd of .vtu frames whose cells are arcs).
bool has_circle_profile(const std::filesystem::path& run);

/// Writes png's data file <stem>.csv (one block per time, each with the header time, angle, arc,
/// grid_plus, grid_minus, particles_plus, particles_minus; nan where a run has none) and draws png (+ .svg, .gp). `particles`: "" or a particle run directory
/// whose output times include the grid's chosen ones. Throws std::runtime_error naming what is
/// missing (a frame, a matching particle time) or when gnuplot fails.
void draw_circle_profile(const std::filesystem::path& grid, const std::filesystem::path& particles,
                         const std::filesystem::path& png, const std::string& title);

/// The same densities at every output time as an animated GIF (gif: NAME.gif, with NAME.csv and
/// NAME.gp beside it), the axis fixed over the series.
void draw_circle_animation(const std::filesystem::path& grid, const std::filesystem::path& particles,
                           const std::filesystem::path& gif, const std::string& title);

}  // namespace mf
