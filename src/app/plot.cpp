#include "app/plot.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
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

// Writes a gnuplot script whose body is `plots` after the shared preamble, and runs it.
void run_gnuplot(const std::string& png, const std::string& size, const std::string& body) {
  if (!gnuplot_available())
    throw std::runtime_error("gnuplot is not installed; scripts/install-deps.sh installs it (Debian package gnuplot-nox)");
  const std::string script = fs::path(png).replace_extension(".gp").string();
  if (const fs::path parent = fs::path(png).parent_path(); !parent.empty()) fs::create_directories(parent);
  {
    std::ofstream gp(script);
    if (!gp) throw std::runtime_error(script + ": cannot write the gnuplot script");
    gp << "# measureflow plot; redraw with: gnuplot " << fs::path(script).filename().string() << "\n"
       << "set terminal pngcairo size " << size << " font ',11' noenhanced\n"
       << "set output " << quoted(png) << "\n"
       << "set datafile separator ','\nset datafile columnheaders\nset grid\nset key top right\n"
       << body;
  }
  const int status = std::system(("gnuplot " + shell_quoted(script) + " 2>&1").c_str());
  if (status != 0)
    throw std::runtime_error("gnuplot failed on " + script + " (exit status " + std::to_string(status) + ")");
}

}  // namespace

bool gnuplot_available() { return std::system("gnuplot --version > /dev/null 2>&1") == 0; }

std::vector<PlotSeries> find_plot_series(const std::vector<std::string>& paths) {
  std::vector<PlotSeries> series;
  for (const auto& arg : paths) {
    const fs::path p(arg);
    if (fs::is_regular_file(p)) {
      series.push_back({fs::canonical(p).parent_path().filename().string(), p.string()});
    } else if (fs::is_regular_file(p / "iterations.csv")) {
      series.push_back({fs::canonical(p).filename().string(), (p / "iterations.csv").string()});
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
  std::ostringstream body;
  body << "set multiplot layout 1,3 title " << quoted(title) << "\nset xlabel 'iteration'\n";
  const char* panels[][3] = {{"penalized_objective", "F = J + penalties", "set logscale y"},
                             {"objective", "J", "set logscale y"},
                             {"atoms", "number of atoms", "unset logscale y"}};
  for (const auto& panel : panels) {
    body << panel[2] << "\nset title " << quoted(panel[1]) << "\nplot ";
    for (std::size_t i = 0; i < series.size(); ++i)
      body << (i ? ", \\\n     " : "") << quoted(series[i].csv) << " using (column('iteration')):(column('" << panel[0]
           << "')) with lines lw 2 title " << quoted(series[i].label);
    body << "\n";
  }
  body << "unset multiplot\n";
  run_gnuplot(png, "1800,560", body.str());
}

void plot_columns(const std::string& csv, const std::string& png, const std::string& title, const std::string& x,
                  const std::vector<std::pair<std::string, std::string>>& curves, bool log_y) {
  if (curves.empty()) throw std::runtime_error("nothing to plot");
  std::ostringstream body;
  body << (log_y ? "set logscale y\n" : "") << "set title " << quoted(title) << "\nset xlabel " << quoted(x)
       << "\nplot ";
  for (std::size_t i = 0; i < curves.size(); ++i)
    body << (i ? ", \\\n     " : "") << quoted(csv) << " using (column(" << quoted(x) << ")):(column("
         << quoted(curves[i].first) << ")) with linespoints lw 2 title " << quoted(curves[i].second);
  body << "\n";
  run_gnuplot(png, "900,600", body.str());
}

}  // namespace mf
