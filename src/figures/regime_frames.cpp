#include "figures/regime_frames.hpp"

#include <algorithm>
#include <sstream>
#include <stdexcept>

#include "figures/csv_columns.hpp"
#include "figures/gnuplot.hpp"
#include "figures/lifted_paths.hpp"
#include "figures/predictor.hpp"

namespace mf {

namespace fs = std::filesystem;

namespace {

std::vector<fs::path> predictor_frames(const fs::path& run) { return series_files(run / "predictor", "predictor_"); }

// A gnuplot array literal: name[n] = [v0, v1, …] as assignments (gnuplot 5.4 has no literals).
std::string gnuplot_array(const std::string& name, const std::vector<double>& v) {
  std::ostringstream s;
  s << "  array " << name << "[" << v.size() << "]\n";
  for (std::size_t k = 0; k < v.size(); ++k) s << "  " << name << "[" << k + 1 << "] = " << v[k] << "\n";
  return s.str();
}

}  // namespace

int draw_regime_frames(const std::vector<FramedRun>& runs, const fs::path& png, const std::string& title) {
  if (runs.empty()) throw std::runtime_error("the regime frames need at least one run");
  const fs::path folder = fs::absolute(png).parent_path();
  const std::string stem = png.stem().string();
  fs::create_directories(folder);
  std::size_t frames = 0;
  std::ostringstream arrays, body;
  const int rows = static_cast<int>(runs.size());
  body << "  set multiplot layout " << rows << ",2 title " << gnuplot_quoted(title) << "\n";
  for (int r = 0; r < rows; ++r) {
    const FramedRun& run = runs[static_cast<std::size_t>(r)];
    const std::vector<fs::path> grids = predictor_frames(run.dir);
    if (!fs::exists(run.dir / "data.csv") || !fs::exists(run.dir / "diagnostics.csv") || grids.empty())
      throw std::runtime_error(run.dir.string() + ": the regime frames need a plain network run with dimension = 2 "
                                                  "(data.csv, diagnostics.csv, predictor/predictor_*.csv)");
    const std::vector<LiftedFrame> lifted = lifted_frames(run.dir, true);
    const CsvColumns diagnostics((run.dir / "diagnostics.csv").string());
    const std::vector<double> times = diagnostics.column("time"), steps = diagnostics.column("step");
    if (lifted.size() != grids.size() || times.size() != grids.size())
      throw std::runtime_error(run.dir.string() + ": " + std::to_string(lifted.size()) + " networks in weights/, " +
                               std::to_string(grids.size()) + " grids in predictor/ and " +
                               std::to_string(times.size()) + " rows of diagnostics.csv: not one per output");
    if (r == 0) frames = grids.size();
    if (grids.size() != frames)
      throw std::runtime_error(run.dir.string() + " has " + std::to_string(grids.size()) + " outputs, " +
                               runs.front().dir.string() + " " + std::to_string(frames) +
                               ": side-by-side frames need the same output times (the same [time] table)");
    const fs::path points = folder / (stem + "_" + std::to_string(r) + ".csv");
    write_lifted_blocks(lifted, points);
    const double extent = lifted_extent(lifted);
    std::string t = "t", it = "it";  // built with += : GCC 12 warns falsely (-Wrestrict) on "lit" + std::string
    t += std::to_string(r);
    it += std::to_string(r);
    arrays << gnuplot_array(t, times) << gnuplot_array(it, steps);
    // Frame k's predictor grid, named by sprintf from the folder of the frames.
    const std::string grid_pattern = figure_data_path(run.dir / "predictor", png) + "/predictor_%06d.csv";
    const std::string row_title = "sprintf(" + gnuplot_quoted(run.label + " — t = %.4g, iteration %d") + ", " + t +
                                  "[k + 1], int(" + it + "[k + 1]))";
    const std::string d = gnuplot_quoted(figure_data_path(points, png));
    body << "  set size ratio -1\n  set xrange [" << -extent << ":" << extent << "]\n  set yrange [" << -extent << ":"
         << extent << "]\n  set key outside top center horizontal\n  set xlabel 'coordinate 1'\n"
         << "  set ylabel 'coordinate 2'\n  set title " << row_title << " . ' — neurons tanh(|a_j| ‖b_j‖) b_j/‖b_j‖'\n"
         << "  plot " << d << " index k using (column('sign') > 0 ? column('x') : NaN):(column('y')) with points pt 7 "
         << "ps 0.5 lc rgb '#D55E00' title 'a_j > 0', " << d
         << " index k using (column('sign') < 0 ? column('x') : NaN):(column('y')) with points pt 7 ps 0.5 lc rgb "
         << "'#0072B2' title 'a_j < 0'\n  set autoscale xy\n";
    body << predictor_commands("sprintf(" + gnuplot_quoted(grid_pattern) + ", k)",
                               gnuplot_quoted(figure_data_path(run.dir / "data.csv", png)),
                               row_title + " . ' — predictor f'")
         << "  unset view\n  unset contour\n  unset pm3d\n  unset colorbox\n  set size noratio\n";
  }
  draw_figure({png, 1500, 700 * rows, arrays.str() + body.str(), false, static_cast<int>(frames)});
  return static_cast<int>(frames);
}

}  // namespace mf
