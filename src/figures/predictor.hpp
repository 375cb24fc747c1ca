#pragma once
// The predictor space of a plain network on inputs in the plane (Chizat & Bach 2020, their
// figures of the classifier): f shaded over a square holding the training data (blue −, red +,
// white 0; the shade tanh(4 f / max|f|), so the sign shows where f is small), the decision
// boundary f = 0 in black, and the training points by class (+ and −). Read from a run
// directory: predictor.csv (x1, x2, f on a grid, a blank line between rows: what a plain run
// with dimension = 2 writes at its latest output; predictor/predictor_NNNNNN.csv at each) and data.csv.

#include <filesystem>
#include <string>

namespace mf {

/// Whether `run` holds predictor.csv and data.csv.
bool has_predictor(const std::filesystem::path& run);

/// The gnuplot commands of the picture (one splot): `grid` a predictor CSV and `data` data.csv
/// as the script names them, `title` a gnuplot string expression (quoted literal or sprintf).
std::string predictor_commands(const std::string& grid, const std::string& data, const std::string& title);

/// Draws png (+ .svg, .gp). Throws std::runtime_error naming what is missing, or when gnuplot fails.
void draw_predictor(const std::filesystem::path& run, const std::filesystem::path& png, const std::string& title);

}  // namespace mf
