#pragma once
// The density of a grid run on the torus T² as maps of the square of angles: the signed density
// ρ⁺ − ρ⁻ (or the one density of an L2 run) at the first, a middle and the last output time, one
// panel each on one colour scale, the teacher's atoms (the ground-truth spikes) as triangles.
// Read from the run's .pvd of .vtu frames (cells the n × n squares of the torus mesh) and
// teacher.csv.

#include <filesystem>
#include <string>

namespace mf {

/// Whether `run` is a grid run on the torus (a .pvd of .vtu frames whose cells are squares of the
/// plane z = 0 inside [0, 2π]²).
bool has_torus_density(const std::filesystem::path& run);

/// Writes png's data file <stem>.csv (blocks per time: theta1, theta2, density; a blank line
/// between rows of cells) and draws png (+ .svg, .gp). Throws std::runtime_error naming what is
/// missing or unreadable, or when gnuplot fails.
void draw_torus_density(const std::filesystem::path& run, const std::filesystem::path& png, const std::string& title);

}  // namespace mf
