#include "figures/sweep_figure.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "figures/csv_columns.hpp"
#include "figures/gnuplot.hpp"

namespace mf {

namespace fs = std::filesystem;

bool is_sweep_directory(const fs::path& dir) {
  return fs::is_regular_file(dir / "summary.csv") && fs::is_regular_file(dir / "keys.csv");
}

void draw_sweep_figure(const fs::path& sweep, const std::string& x, const std::string& y, const fs::path& png,
                       const std::string& title) {
  if (!is_sweep_directory(sweep))
    throw std::runtime_error(sweep.string() + ": not a sweep directory (no summary.csv and keys.csv)");
  const CsvColumns keys((sweep / "keys.csv").string()), summary((sweep / "summary.csv").string());
  const std::vector<std::string>& names = keys.text("key");
  const auto at = std::find(names.begin(), names.end(), x);
  if (at == names.end()) {
    std::string have;
    for (const auto& n : names) have += (have.empty() ? "" : ", ") + n;
    throw std::runtime_error(sweep.string() + ": --x " + x + " is not a swept key (the keys: " + have + ")");
  }
  const bool log_x = keys.text("scale")[static_cast<std::size_t>(at - names.begin())] == "log";
  const std::string column = y.rfind("final_", 0) == 0 || y.find(".final_") != std::string::npos ? y : "final_" + y;
  if (!summary.has(column + "_mean")) {
    std::string have;
    for (const auto& n : summary.names())
      if (n.size() > 5 && n.compare(n.size() - 5, 5, "_mean") == 0) have += (have.empty() ? "" : ", ") + n.substr(0, n.size() - 5);
    throw std::runtime_error((sweep / "summary.csv").string() + ": no column " + column + " (the sweep's: " + have + ")");
  }
  std::vector<double> xs;
  try {
    xs = summary.column(x);
  } catch (const std::runtime_error&) {
    throw std::runtime_error(sweep.string() + ": the values of " + x + " are not numbers; plot against a numeric key");
  }
  const std::vector<double> mean = summary.column(column + "_mean"), se = summary.column(column + "_se");
  // One curve per combination of the other keys.
  std::map<std::string, std::vector<std::size_t>> groups;
  std::vector<std::string> order;
  for (std::size_t r = 0; r < summary.rows(); ++r) {
    std::string label;
    for (const std::string& k : names)
      if (k != x) label += (label.empty() ? "" : ", ") + k + " = " + summary.text(k)[r];
    if (!groups.count(label)) order.push_back(label);
    groups[label].push_back(r);
  }
  double lo = INFINITY, hi = 0.0;
  for (double m : mean)
    if (std::isfinite(m)) lo = std::min(lo, m), hi = std::max(hi, m);
  const bool log_y = lo > 0.0 && hi / lo > 30.0;
  const fs::path data = fs::path(png).replace_extension(".csv");
  for (const char* table : {"sweep.csv", "summary.csv", "keys.csv"})
    if (fs::absolute(data).lexically_normal() == fs::absolute(sweep / table).lexically_normal())
      throw std::runtime_error(png.string() + ": its data file would overwrite the sweep's " + table +
                               "; name the figure otherwise");
  fs::create_directories(fs::absolute(png).parent_path());
  {
    std::ofstream out(data);
    char line[128];
    for (const std::string& g : order) {
      out << "x,mean,se\n";
      std::vector<std::size_t> rows = groups[g];
      std::sort(rows.begin(), rows.end(), [&](std::size_t a, std::size_t b) { return xs[a] < xs[b]; });
      for (std::size_t r : rows) {
        std::snprintf(line, sizeof line, "%.10g,%.10g,%.10g\n", xs[r], mean[r], se[r]);
        out << line;
      }
      out << "\n\n";
    }
    if (!out) throw std::runtime_error(data.string() + ": cannot write the figure's data");
  }
  const std::string d = gnuplot_quoted(figure_data_path(data, png));
  std::ostringstream s;
  s << "  set datafile columnheaders\n  set datafile missing 'nan'\n" << (log_x ? "  set logscale x\n" : "")
    << (log_y ? "  set logscale y\n  set format y '%.0e'\n" : "") << "  set title "
    << gnuplot_quoted(title + " — mean over seeds ± standard error") << "\n  set xlabel " << gnuplot_quoted(x)
    << "\n  set ylabel " << gnuplot_quoted(column) << "\n  set key outside right top\n  plot ";
  for (std::size_t k = 0; k < order.size(); ++k)
    s << (k ? ", \\\n       " : "") << d << " index " << k
      << " using (column('x')):(column('mean')):(column('se')) with yerrorlines lw 2 pt 7 lc rgb "
      << gnuplot_quoted(series_colour(static_cast<int>(k))) << " title "
      << gnuplot_quoted(order[k].empty() ? column : order[k]);
  s << "\n";
  draw_figure({png, order.size() > 1 ? 1200 : 900, 600, s.str()});
}

}  // namespace mf
