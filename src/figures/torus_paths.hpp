#pragma once
// The atoms' paths of an algorithm run on the torus T² (Chizat 2022, the 2-D deconvolution
// pictures): the flat square [0, 2π)² of angles, each atom's path from its start (grey) to the
// last frame (a dot in its sign's colour, μ⁺ vermillion, μ⁻ blue, its area ∝ its mass), the
// teacher's atoms (the ground-truth spikes) as triangles. A path that crosses a side of the square
// is drawn broken. One panel per series with at least two frames — a particle run's particles,
// an algorithm run's methods; when a method's atoms change in number (Frank–Wolfe adds atoms)
// every frame's atoms are drawn as dots instead of paths. Read from a run directory:
// particles/particles_*.csv or METHOD/atoms/atoms_*.csv with points (cos θ₁, sin θ₁, cos θ₂,
// sin θ₂), teacher.csv when present.

#include <filesystem>
#include <string>

namespace mf {

/// Whether `run` holds at least two frames of atoms on T² (particles/ or a method folder).
bool has_torus_paths(const std::filesystem::path& run);

/// Writes png's data file <stem>.csv (method, atom, frame, theta1, theta2, mass, sign; a blank line
/// between atoms and where a path wraps) and draws png (+ .svg, .gp). Throws std::runtime_error
/// naming what is missing or unreadable, or when gnuplot fails.
void draw_torus_paths(const std::filesystem::path& run, const std::filesystem::path& png, const std::string& title);

}  // namespace mf
