#include "figures/neuron_paths.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "figures/csv_columns.hpp"
#include "figures/gnuplot.hpp"

namespace mf {

namespace fs = std::filesystem;

namespace {

std::vector<fs::path> network_files(const fs::path& run) { return series_files(run / "weights", "network_"); }

/// The two input coordinates' columns of a network or teacher CSV ("" when it has not exactly two).
std::pair<std::string, std::string> plane_of(const CsvColumns& c) {
  if (c.has("b1") && c.has("bias") && !c.has("b2")) return {"b1", "bias"};
  if (c.has("b1") && c.has("b2") && !c.has("b3") && !c.has("bias")) return {"b1", "b2"};
  return {"", ""};
}

}  // namespace

bool has_neuron_paths(const fs::path& run) {
  const std::vector<fs::path> files = network_files(run);
  if (files.size() < 2) return false;
  try {
    return !plane_of(CsvColumns(files.front().string())).first.empty();
  } catch (const std::runtime_error&) {
    return false;
  }
}

void draw_neuron_paths(const fs::path& run, const fs::path& png, const std::string& title) {
  const std::vector<fs::path> files = network_files(run);
  if (files.size() < 2)
    throw std::runtime_error(run.string() + ": the neuron paths need at least two frames in weights/");
  std::vector<CsvColumns> frames;
  for (const fs::path& f : files) frames.emplace_back(f.string());
  const auto [xs, ys] = plane_of(frames.front());
  if (xs.empty())
    throw std::runtime_error(files.front().string() + ": the neuron paths need two input coordinates (b1 and bias, or "
                                                      "b1 and b2)");
  const std::size_t m = frames.front().rows();
  for (std::size_t k = 0; k < frames.size(); ++k)
    if (frames[k].rows() != m)
      throw std::runtime_error(files[k].string() + ": " + std::to_string(frames[k].rows()) + " neurons, but " +
                               files.front().string() + " has " + std::to_string(m));
  std::vector<double> times;
  if (fs::exists(run / "diagnostics.csv")) times = CsvColumns((run / "diagnostics.csv").string()).column("time");
  fs::create_directories(fs::absolute(png).parent_path());
  const fs::path data = fs::path(png).replace_extension(".csv");
  double a_max = 0.0;
  {
    std::vector<std::vector<double>> x, y, a;
    for (const CsvColumns& f : frames) {
      x.push_back(f.column(xs));
      y.push_back(f.column(ys));
      a.push_back(f.column("a"));
      for (double v : a.back()) a_max = std::max(a_max, std::abs(v));
    }
    std::ofstream out(data);
    out << "neuron,time,x,y,a\n";
    char line[160];
    for (std::size_t j = 0; j < m; ++j) {
      for (std::size_t k = 0; k < frames.size(); ++k) {
        std::snprintf(line, sizeof line, "%zu,%.10g,%.10g,%.10g,%.10g\n", j, k < times.size() ? times[k] : double(k),
                      x[k][j], y[k][j], a[k][j]);
        out << line;
      }
      out << "\n";
    }
    if (!out) throw std::runtime_error(data.string() + ": cannot write the data of the figure");
  }
  if (!(a_max > 0.0)) a_max = 1.0;
  std::ostringstream s;
  const std::string d = gnuplot_quoted(figure_data_path(data, png));
  const std::string last = std::to_string(frames.size() - 1);
  s << "  set datafile columnheaders\n  set title " << gnuplot_quoted(title + " — neuron paths (b_j, c_j), colour a_j")
    << "\n  set key below\n  set xlabel " << gnuplot_quoted(xs == "b1" && ys == "bias" ? "input weight b" : "b1")
    << "\n  set ylabel " << gnuplot_quoted(ys == "bias" ? "bias c" : "b2")
    << "\n  set palette defined (-1 '#0072B2', 0 '#CCCCCC', 1 '#D55E00')\n  set cbrange [" << -a_max << ":" << a_max
    << "]\n  set cblabel 'output weight a_j'\n";
  s << "  plot " << d << " using (column('x')):(column('y')):(column('a')) with lines lw 0.8 lc palette title "
    << "'paths (colour: a_j)', \\\n       " << d << " every ::0::0 using (column('x')):(column('y')) with points pt 7 "
    << "ps 0.35 lc rgb '#999999' title 'start', \\\n       " << d << " every ::" << last << "::" << last
    << " using (column('x')):(column('y')):(column('a')) with points pt 7 ps 0.7 lc palette title 'end'";
  if (fs::exists(run / "teacher.csv")) {
    const CsvColumns t((run / "teacher.csv").string());
    const auto [tx, ty] = plane_of(t);
    if (tx == xs && ty == ys)
      s << ", \\\n       " << gnuplot_quoted(figure_data_path(run / "teacher.csv", png)) << " using (column('" << tx
        << "')):(column('" << ty << "')) with points pt 3 ps 2.5 lw 2 lc rgb 'black' title 'teacher neurons'";
  }
  s << "\n";
  draw_figure({png, 1000, 820, s.str()});
}

}  // namespace mf
