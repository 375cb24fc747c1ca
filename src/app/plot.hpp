#pragma once
// PNG plots of algorithm runs with gnuplot (installed by scripts/install-deps.sh): three panels
// against the iteration — the penalized objective F and the objective J on log scales, and the
// number of atoms — one curve per run. The gnuplot script is written next to the PNG (same
// name, .gp) so a figure can be restyled and redrawn; the data stay in the runs' CSVs.

#include <string>
#include <utility>
#include <vector>

namespace mf {

struct PlotSeries {
  std::string label;  ///< the legend entry
  std::string csv;    ///< an iterations.csv (columns iteration, penalized_objective, objective, atoms, …)
};

/// Whether `gnuplot` can be run.
bool gnuplot_available();

/// The series of the arguments of `measureflow plot`: each an iterations.csv, a directory
/// holding one (labelled with the directory's name), or a run directory whose method
/// subdirectories hold them. Throws std::runtime_error naming an argument that has none.
std::vector<PlotSeries> find_plot_series(const std::vector<std::string>& paths);

/// Writes png (and png with .gp for .png) and runs gnuplot. Throws std::runtime_error when
/// gnuplot is missing (saying how to install it) or fails (with its exit status).
void plot_iteration_curves(const std::vector<PlotSeries>& series, const std::string& png, const std::string& title);

/// A line plot of columns of one CSV (with a header) against its column `x`: `curves` holds
/// (column, legend) pairs. Same script-beside-the-PNG convention and errors as above.
void plot_columns(const std::string& csv, const std::string& png, const std::string& title, const std::string& x,
                  const std::vector<std::pair<std::string, std::string>>& curves, bool log_y);

}  // namespace mf
