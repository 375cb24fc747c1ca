#pragma once
// The paths of a plain network's neurons in their input-weight plane (Chizat & Bach 2018, the
// sigmoid network's particle picture: θ_j = (b_j, c_j) ∈ R² for one input and a bias), each path
// coloured by the neuron's output weight a_j at each output (a diverging palette: blue negative,
// grey 0, vermillion positive), the start as grey dots, the end as dots in the palette, and the
// teacher's neurons (teacher.csv, when present) as black stars. Unlike the lifted picture |a_j| b̃_j,
// which suits 1-homogeneous ReLU, this keeps b̃_j itself: the picture for sigmoid and tanh networks.
// Read from a run directory: weights/network_*.csv with two input coordinates (b1 and bias, or
// b1 and b2), diagnostics.csv for the times.

#include <filesystem>
#include <string>

namespace mf {

/// Whether `run` holds at least two network frames with two input coordinates.
bool has_neuron_paths(const std::filesystem::path& run);

/// Writes png's data file <stem>.csv (neuron, time, x, y, a; a blank line between neurons) and
/// draws png (+ .svg, .gp). Throws std::runtime_error naming what is missing or unreadable, or when
/// gnuplot fails.
void draw_neuron_paths(const std::filesystem::path& run, const std::filesystem::path& png, const std::string& title);

}  // namespace mf
