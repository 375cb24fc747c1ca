#include "app/plot.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace mf {

namespace fs = std::filesystem;

namespace {

// A gnuplot string literal: single quotes, with ' doubled.
std::string quoted(const std::string& s) {
  std::string out = "'";
  for (char ch : s) out += ch == '\'' ? std::string("''") : std::string(1, ch);
  return out + "'";
}

// A shell word: single quotes, with ' as '\''.
std::string shell_quoted(const std::string& s) {
  std::string out = "'";
  for (char ch : s) out += ch == '\'' ? std::string("'\\''") : std::string(1, ch);
  return out + "'";
}

}  // namespace

bool gnuplot_available() { return std::system("gnuplot --version > /dev/null 2>&1") == 0; }

std::vector<PlotSeries> find_plot_series(const std::vector<std::string>& paths) {
  std::vector<PlotSeries> series;
  for (const auto& arg : paths) {
    const fs::path p(arg);
    if (fs::is_regular_file(p)) {
      series.push_back({p.parent_path().filename().string(), p.string()});
    } else if (fs::is_regular_file(p / "iterations.csv")) {
      series.push_back({fs::absolute(p).lexically_normal().filename().string(), (p / "iterations.csv").string()});
      if (series.back().label.empty()) series.back().label = fs::absolute(p).lexically_normal().parent_path().filename().string();
    } else if (fs::is_directory(p)) {
      std::vector<fs::path> found;
      for (const auto& e : fs::directory_iterator(p))
        if (e.is_directory() && fs::is_regular_file(e.path() / "iterations.csv")) found.push_back(e.path());
      if (found.empty())
        throw std::runtime_error(arg + ": holds no iterations.csv, neither itself nor in a method subdirectory");
      std::sort(found.begin(), found.end());
      for (const auto& f : found) series.push_back({f.filename().string(), (f / "iterations.csv").string()});
    } else {
      throw std::runtime_error(arg + ": no such file or directory");
    }
  }
  return series;
}

void plot_iteration_curves(const std::vector<PlotSeries>& series, const std::string& png, const std::string& title) {
  if (series.empty()) throw std::runtime_error("nothing to plot");
  if (!gnuplot_available())
    throw std::runtime_error("gnuplot is not installed; scripts/install-deps.sh installs it (Debian package gnuplot-nox)");
  const std::string script = fs::path(png).replace_extension(".gp").string();
  {
    std::ofstream gp(script);
    if (!gp) throw std::runtime_error(script + ": cannot write the gnuplot script");
    gp << "# measureflow plot: F, J and the number of atoms against the iteration.\n"
       << "set terminal pngcairo size 1800,560 font ',11' noenhanced\n"
       << "set output " << quoted(png) << "\n"
       << "set datafile separator ','\nset datafile columnheaders\n"
       << "set multiplot layout 1,3 title " << quoted(title) << "\n"
       << "set xlabel 'iteration'\nset grid\nset key top right\n";
    const char* panels[][3] = {{"penalized_objective", "F = J + penalties", "set logscale y"},
                               {"objective", "J", "set logscale y"},
                               {"atoms", "number of atoms", "unset logscale y"}};
    for (const auto& panel : panels) {
      gp << panel[2] << "\nset title " << quoted(panel[1]) << "\nplot ";
      for (std::size_t i = 0; i < series.size(); ++i)
        gp << (i ? ", \\\n     " : "") << quoted(series[i].csv) << " using (column('iteration')):(column('" << panel[0]
           << "')) with lines lw 2 title " << quoted(series[i].label);
      gp << "\n";
    }
    gp << "unset multiplot\n";
  }
  const int status = std::system(("gnuplot " + shell_quoted(script) + " 2>&1").c_str());
  if (status != 0)
    throw std::runtime_error("gnuplot failed on " + script + " (exit status " + std::to_string(status) + ")");
}

}  // namespace mf
