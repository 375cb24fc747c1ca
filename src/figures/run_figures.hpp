#pragma once
// The figure of every kind of run, from its run directory (or its CSV), drawn with gnuplot
// (figures/gnuplot.hpp). The kind is read off the files a run writes:
//   network (grid or particles)  diagnostics.csv with `loss` and `mass_plus`: J and penalized J
//                                (log), masses of μ⁺ and μ⁻, distance to the teacher, support
//   plain network                diagnostics.csv with `gradient_norm`: loss and gradient norm
//                                against the iteration and the time
//   transport                    diagnostics.csv with `mass_drift`: mass drift and error norms
//   algorithm                    method subdirectories with iterations.csv: F, J, atoms
//   compare                      compare.csv: log-log errors against h with fitted slopes
// Several runs of one kind overlay in one figure, run k in series_colour(k), labelled with the
// run directory's name (a grid run and its `-particles` twin is the main use).

#include <filesystem>
#include <string>
#include <vector>

#include "figures/csv_columns.hpp"

namespace mf {

enum class RunKind { network, plain_network, transport, algorithm, compare };
std::string to_string(RunKind kind);

struct RunCurves {
  std::string label;          ///< the legend entry: the run directory's (or method's) name
  std::filesystem::path csv;  ///< diagnostics.csv, iterations.csv or compare.csv
  RunKind kind;
};

/// The curves of one argument of `measureflow plot`: a run directory, or one of the CSVs
/// above; an algorithm run gives one entry per method. Throws std::runtime_error naming the
/// argument when it is none of these (saying what a plottable run holds).
std::vector<RunCurves> find_run_curves(const std::string& path);

/// Draws one figure of all `runs` into png (+ .svg, .gp). Throws std::runtime_error when the
/// runs are of different kinds (naming two of them), a CSV lacks a column the figure needs,
/// or gnuplot fails; then no PNG is written.
void draw_run_figure(const std::vector<RunCurves>& runs, const std::filesystem::path& png, const std::string& title);

/// A line plot of columns of one CSV against its column `x`: `curves` holds (column, legend)
/// pairs (validation figures). Same conventions and errors as draw_run_figure.
void draw_column_figure(const std::filesystem::path& csv, const std::filesystem::path& png, const std::string& title,
                        const std::string& x, const std::vector<std::pair<std::string, std::string>>& curves,
                        bool log_y, bool log_x = false, bool points = false);

/// For compare.csv (read once by the caller): the least-squares line log(error) = log_c +
/// slope·log(spacing) of `method` at time `t` (NaN with fewer than two finite positive errors).
struct PowerFit {
  double slope, log_c;
  double h_min, h_max;  ///< the spacings fitted
};
PowerFit compare_fit(const CsvColumns& compare_csv, const std::string& method, const std::string& error, double t);

}  // namespace mf
