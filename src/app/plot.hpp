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
/// tanh_paths: the lifted-paths figure with radii tanh(r).
std::string draw_own_figure(RunDirectory& dir, const std::string& name, std::ostream& out, bool tanh_paths = false);

/// What `measureflow plot` draws.
enum class PlotKind {
  curves,   ///< the runs' diagnostics overlaid (figures/run_figures.hpp)
  profile,  ///< S¹ densities against the angle: a grid run [and its particle twin] (circle_profile)
  paths,    ///< the lifted particle paths of one particle or plain network run (lifted_paths)
  animate,  ///< a GIF over the output times: S¹ densities of a grid run [and its particle twin],
            ///< or the lifted points of a particle or plain network run
  frames,   ///< plain network runs in the plane side by side at each output (regime_frames)
};

/// `measureflow plot RUN… -o PNG [--title T] [--profile | --paths | --animate | --frames]` (--animate
/// writes the GIF beside -o, its extension replaced; --frames NAME_NNN.png and NAME.gif, a row
/// per run labelled by its directory's name). Throws std::runtime_error
/// with the reason when nothing can be drawn; no PNG is left then.
void plot_runs(const std::vector<std::string>& inputs, const std::string& png, const std::string& title,
               PlotKind kind, std::ostream& out);

}  // namespace mf
