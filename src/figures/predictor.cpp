#include "figures/predictor.hpp"

#include <sstream>
#include <stdexcept>

#include "figures/gnuplot.hpp"

namespace mf {

namespace fs = std::filesystem;

bool has_predictor(const fs::path& run) { return fs::exists(run / "predictor.csv") && fs::exists(run / "data.csv"); }

std::string predictor_commands(const std::string& grid, const std::string& data, const std::string& title) {
  std::ostringstream s;
  // A map view of the grid (pm3d) with gnuplot's contour of f at 0; the CSV headers skipped.
  s << "  set datafile separator ','\n  unset datafile columnheaders\n"
    << "  stats " << grid << " skip 1 using 3 nooutput\n  scale = (STATS_max > -STATS_min ? STATS_max : -STATS_min)\n"
    << "  if (scale <= 0) { scale = 1 }\n"
    << "  set view map\n  set size ratio -1\n  set autoscale fix\n  unset grid\n"
    << "  set contour base\n  set cntrparam levels discrete 0\n  set cntrlabel onecolor\n  unset clabel\n"
    << "  set palette defined (-1 '#3B4CC0', 0 '#F7F7F7', 1 '#B40426')\n  set palette maxcolors 64\n  set cbrange [-1:1]\n"
    << "  set cblabel 'tanh(4 f / max |f|)'\n  set title " << title
    << "\n  set xlabel 'x_1'\n  set ylabel 'x_2'\n  set key outside top center horizontal\n"
    << "  splot " << grid << " skip 1 using 1:2:(tanh(4 * $3 / scale)) with pm3d nocontours notitle, \\\n"
    << "        " << grid << " skip 1 using 1:2:3 with lines nosurface lw 2 lc rgb 'black' title 'f = 0', \\\n"
    << "        " << data << " skip 1 using 1:($3 > 0 ? $2 : NaN):(0) with points nocontours pt 1 ps 1.2 lw 2 "
    << "lc rgb 'black' title 'y = +1', \\\n"
    << "        " << data << " skip 1 using 1:($3 < 0 ? $2 : NaN):(0) with points nocontours pt 6 ps 1.0 lw 2 "
    << "lc rgb 'black' title 'y = −1'\n";
  return s.str();
}

void draw_predictor(const fs::path& run, const fs::path& png, const std::string& title) {
  if (!has_predictor(run))
    throw std::runtime_error(run.string() + ": the predictor figure needs predictor.csv and data.csv (a plain network "
                                            "run with dimension = 2)");
  const std::string grid = gnuplot_quoted(figure_data_path(run / "predictor.csv", png));
  const std::string data = gnuplot_quoted(figure_data_path(run / "data.csv", png));
  draw_figure({png, 1000, 820, predictor_commands(grid, data, gnuplot_quoted(title + " — predictor f and its zero level set"))});
}

}  // namespace mf
