#pragma once
// Figures of runs (figures/run_figures.hpp) as the program uses them: the figure a run draws of
// itself at its end, and `measureflow plot`.

#include <iosfwd>
#include <string>
#include <vector>

#include "app/run_directory.hpp"

namespace mf {

/// The run's own figure dir/<name>.png (+ .svg, .gp, recorded in the manifest) from the CSV
/// the run wrote. Returns what summary.txt says of it: the PNG's path, or "not drawn: why"
/// (gnuplot missing or failing does not fail the run; the data are complete either way).
std::string draw_own_figure(RunDirectory& dir, const std::string& name, std::ostream& out);

/// `measureflow plot RUN… -o PNG [--title T]`: one figure of all the runs (of one kind).
/// Throws std::runtime_error with the reason when nothing can be drawn; no PNG is left then.
void plot_runs(const std::vector<std::string>& inputs, const std::string& png, const std::string& title,
               std::ostream& out);

}  // namespace mf
