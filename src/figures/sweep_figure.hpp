#pragma once
// A diagnostic of a sweep against a swept key (`measureflow plot SWEEP --x key --y column`):
// the mean over seeds with standard-error bars, from summary.csv; one curve per combination of
// the other keys' values; a log x axis where the key was a log range (keys.csv), a log y axis
// where the means are positive and span more than a factor 30.

#include <filesystem>
#include <string>

namespace mf {

/// `y`: a final_ column of summary.csv, with or without "final_" (e.g. "loss" or "final_loss").
/// Writes png's data file <stem>.csv and draws png (+ .svg, .gp). Throws std::runtime_error
/// naming the key or column that is missing (listing those there are), or a key whose values
/// are not numbers.
void draw_sweep_figure(const std::filesystem::path& sweep, const std::string& x, const std::string& y,
                       const std::filesystem::path& png, const std::string& title);

/// Whether `dir` holds a sweep's tables (summary.csv and keys.csv).
bool is_sweep_directory(const std::filesystem::path& dir);

}  // namespace mf
