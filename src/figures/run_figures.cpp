#include "figures/run_figures.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <stdexcept>

#include "compare/error_norms.hpp"
#include "figures/csv_columns.hpp"
#include "figures/gnuplot.hpp"

namespace mf {

namespace fs = std::filesystem;

namespace {

RunKind kind_of_diagnostics(const fs::path& csv) {
  const CsvColumns c(csv.string());
  if (c.has("gradient_norm")) return RunKind::plain_network;
  if (c.has("loss") && c.has("mass_plus")) return RunKind::network;
  if (c.has("mass_drift")) return RunKind::transport;
  throw std::runtime_error(csv.string() + ": not a diagnostics.csv measureflow writes (no loss, gradient_norm or "
                                          "mass_drift column)");
}

std::string label_of(const fs::path& dir) { return fs::absolute(dir).lexically_normal().filename().string(); }

// One curve of a panel: `csv` column x against column y.
struct Curve {
  std::string csv, x, y, title, colour;
  bool dashed = false;
  bool points = true;  // a dot at every row (the output times); off for per-iteration curves
};

std::string plot_command(const std::vector<Curve>& curves) {
  std::ostringstream s;
  s << "  plot ";
  for (std::size_t i = 0; i < curves.size(); ++i) {
    const Curve& c = curves[i];
    s << (i ? ", \\\n       " : "") << gnuplot_quoted(c.csv) << " using (column(" << gnuplot_quoted(c.x)
      << ")):(column(" << gnuplot_quoted(c.y) << ")) with " << (c.points ? "linespoints lw 2 pt 7 ps 0.5" : "lines lw 2")
      << " lc rgb " << gnuplot_quoted(c.colour)
      << (c.dashed ? " dt 2" : "") << " title " << gnuplot_quoted(c.title);
  }
  return s.str() + "\n";
}

struct Panel {
  std::string title, xlabel;
  bool log_x = false, log_y = false;
  std::vector<Curve> curves;
  std::string key = "top right";
};

std::string panels_body(const std::string& title, int rows, int cols, const std::vector<Panel>& panels) {
  std::ostringstream s;
  s << "  set datafile columnheaders\n  set multiplot layout " << rows << "," << cols << " title "
    << gnuplot_quoted(title) << "\n";
  for (const Panel& p : panels) {
    s << "  " << (p.log_x ? "set" : "unset") << " logscale x\n  " << (p.log_y ? "set" : "unset") << " logscale y\n"
      << "  set format y " << (p.log_y ? "'%.0e'" : "'%g'") << "\n  set title " << gnuplot_quoted(p.title)
      << "\n  set xlabel " << gnuplot_quoted(p.xlabel) << "\n  set key " << p.key << "\n";
    if (p.curves.empty())
      s << "  set label 1 'no data in these runs' at graph 0.5, 0.5 center\n  unset logscale xy\n"
        << "  plot [0:1][0:1] -1 notitle\n  unset label 1\n";
    else s << plot_command(p.curves);
  }
  return s.str();
}

// The runs' CSVs, read once: checks the columns and says which optional curves have data.
std::vector<CsvColumns> read_all(const std::vector<RunCurves>& runs, const std::vector<std::string>& required) {
  std::vector<CsvColumns> out;
  for (const RunCurves& r : runs) {
    out.emplace_back(r.csv.string());
    out.back().require(required);
    if (out.back().rows() == 0) throw std::runtime_error(r.csv.string() + ": has a header but no rows to plot");
  }
  return out;
}

bool columns_differ(const CsvColumns& c, const std::string& a, const std::string& b) {
  const std::vector<double> x = c.column(a), y = c.column(b);
  for (std::size_t i = 0; i < x.size(); ++i)
    if (std::abs(x[i] - y[i]) > 1e-12 * std::max(std::abs(x[i]), std::abs(y[i]))) return true;
  return false;
}

std::string network_body(const std::vector<RunCurves>& runs, const fs::path& png, const std::string& title) {
  const std::vector<CsvColumns> csv =
      read_all(runs, {"time", "loss", "penalized_loss", "mass_plus", "mass_minus", "teacher_distance"});
  Panel loss{"J (solid) and penalized J (dashed, where a penalty is set)", "t", false, true, {}};
  Panel mass{"mass of μ⁺ (solid) and of μ⁻ (dashed)", "t", false, false, {}, "bottom right"};
  Panel teacher{"distance to the teacher D(μ, μ*) = ‖f_μ − f*‖", "t", false, true, {}};
  Panel support{"support: fewest cells of the case's mesh holding 99 % of |μ|", "t", false, false, {}};
  for (std::size_t k = 0; k < runs.size(); ++k) {
    const std::string data = figure_data_path(runs[k].csv, png), colour = series_colour(static_cast<int>(k));
    const std::string& name = runs[k].label;
    loss.curves.push_back({data, "time", "loss", name, colour});
    if (columns_differ(csv[k], "loss", "penalized_loss"))
      loss.curves.push_back({data, "time", "penalized_loss", name + " (penalized)", colour, true});
    mass.curves.push_back({data, "time", "mass_plus", name + " μ⁺", colour});
    mass.curves.push_back({data, "time", "mass_minus", name + " μ⁻", colour, true});
    if (csv[k].any_finite("teacher_distance")) teacher.curves.push_back({data, "time", "teacher_distance", name, colour});
    if (csv[k].has("support_cells")) support.curves.push_back({data, "time", "support_cells", name, colour});
  }
  return panels_body(title, 2, 2, {loss, mass, teacher, support});
}

std::string plain_network_body(const std::vector<RunCurves>& runs, const fs::path& png, const std::string& title) {
  const std::vector<CsvColumns> csv = read_all(runs, {"time", "step", "loss", "gradient_norm"});
  Panel loss_k{"loss J_m", "iteration", false, true, {}},
      loss_t{"loss J_m (solid) and test loss (dashed, with a test set)", "t = Σ η_k (mean-field time)", false, true, {}};
  Panel grad_k{"gradient norm", "iteration", false, true, {}}, grad_t{"gradient norm", "t = Σ η_k", false, true, {}};
  // Classifiers (logistic, exponential loss): the margins take the iteration-axis gradient panel.
  Panel margin{"normalized margin (solid) and smooth margin (dashed)", "t = Σ η_k", false, false, {}, "bottom right"};
  for (std::size_t k = 0; k < runs.size(); ++k) {
    const std::string data = figure_data_path(runs[k].csv, png), colour = series_colour(static_cast<int>(k));
    loss_k.curves.push_back({data, "step", "loss", runs[k].label, colour});
    loss_t.curves.push_back({data, "time", "loss", runs[k].label, colour});
    if (csv[k].has("test_loss")) loss_t.curves.push_back({data, "time", "test_loss", runs[k].label + " (test)", colour, true});
    grad_k.curves.push_back({data, "step", "gradient_norm", runs[k].label, colour});
    grad_t.curves.push_back({data, "time", "gradient_norm", runs[k].label, colour});
    if (csv[k].has("margin")) {
      margin.curves.push_back({data, "time", "margin", runs[k].label, colour});
      margin.curves.push_back({data, "time", "smooth_margin", runs[k].label + " (smooth)", colour, true});
      if (csv[k].has("kernel_margin"))
        margin.curves.push_back({data, "time", "kernel_margin", "kernel max margin", "#000000", true});
    }
  }
  if (!margin.curves.empty()) return panels_body(title, 2, 2, {loss_k, loss_t, margin, grad_t});
  return panels_body(title, 2, 2, {loss_k, loss_t, grad_k, grad_t});
}

std::string transport_body(const std::vector<RunCurves>& runs, const fs::path& png, const std::string& title) {
  const std::vector<CsvColumns> csv = read_all(runs, {"time", "mass_drift", "min_density", "max_density"});
  Panel drift{"mass drift (ΣM(t) − ΣM(0)) / ΣM(0)", "t", false, false, {}};
  Panel errors{"error norms against the exact solution: l1 (solid), l2 (dashed)", "t", false, true, {}};
  Panel range{"max density (solid) and min density (dashed)", "t", false, false, {}};
  bool any_error = false;
  for (std::size_t k = 0; k < runs.size(); ++k) {
    const std::string data = figure_data_path(runs[k].csv, png), colour = series_colour(static_cast<int>(k));
    drift.curves.push_back({data, "time", "mass_drift", runs[k].label, colour});
    range.curves.push_back({data, "time", "max_density", runs[k].label + " max", colour});
    range.curves.push_back({data, "time", "min_density", runs[k].label + " min", colour, true});
    if (csv[k].has("l1") && csv[k].any_finite("l1")) {
      any_error = true;
      errors.curves.push_back({data, "time", "l1", runs[k].label + " l1", colour});
      errors.curves.push_back({data, "time", "l2", runs[k].label + " l2", colour, true});
    }
  }
  if (!any_error) return panels_body(title, 1, 2, {drift, range});
  return panels_body(title, 1, 3, {drift, errors, range});
}

std::string algorithm_body(const std::vector<RunCurves>& runs, const fs::path& png, const std::string& title) {
  read_all(runs, {"iteration", "penalized_objective", "objective", "atoms"});
  Panel f{"F = J + penalties", "iteration", false, true, {}}, j{"J", "iteration", false, true, {}};
  Panel atoms{"number of atoms", "iteration", false, false, {}};
  for (std::size_t k = 0; k < runs.size(); ++k) {
    const std::string data = figure_data_path(runs[k].csv, png), colour = series_colour(static_cast<int>(k));
    f.curves.push_back({data, "iteration", "penalized_objective", runs[k].label, colour, false, false});
    j.curves.push_back({data, "iteration", "objective", runs[k].label, colour, false, false});
    atoms.curves.push_back({data, "iteration", "atoms", runs[k].label, colour, false, false});
  }
  return panels_body(title, 1, 3, {f, j, atoms});
}

const char* const kCompareErrors[][2] = {{"distance", "predictor distance D(μ, μ_ref)"},
                                         {"loss_difference", "|J − J_ref|"},
                                         {"tv_distance", "cell-mass TV distance (coarse mesh)"}};

std::string compare_body(const std::vector<RunCurves>& runs, const fs::path& png, const std::string& title) {
  if (runs.size() != 1) throw std::runtime_error("a compare figure draws one compare.csv; give one compare run");
  const CsvColumns csv = read_all(runs, {"method", "size", "spacing", "time", "distance", "loss_difference",
                                         "tv_distance"}).front();
  const std::vector<double> time = csv.column("time");
  const double t_end = *std::max_element(time.begin(), time.end());
  std::vector<std::string> methods;
  for (const std::string& m : csv.text("method"))
    if (std::find(methods.begin(), methods.end(), m) == methods.end()) methods.push_back(m);
  const std::string data = figure_data_path(runs.front().csv, png);
  std::ostringstream s;
  s << "  set datafile columnheaders\n  set multiplot layout 1,3 title " << gnuplot_quoted(title + " — t = " + [&] {
    std::ostringstream t;
    t << t_end;
    return t.str();
  }()) << "\n  set samples 1000\n  set logscale xy\n  set format y '%.0e'\n  set key bottom right\n"
    << "  set xlabel 'h (grid: cells^{-1/dim}; particles: m^{-1/dim})'\n";
  for (const auto& error : kCompareErrors) {
    s << "  set title " << gnuplot_quoted(std::string(error[1]) + " — fitted slopes") << "\n  plot ";
    for (std::size_t k = 0; k < methods.size(); ++k) {
      const PowerFit fit = compare_fit(csv, methods[k], error[0], t_end);
      std::ostringstream legend, x;
      legend.precision(3);
      legend << methods[k] << (std::isfinite(fit.slope) ? ": slope " : ": no slope (one size)");
      if (std::isfinite(fit.slope)) legend << fit.slope;
      const std::string colour = gnuplot_quoted(series_colour(static_cast<int>(k)));
      x.precision(17);
      x << "(strcol('method') eq " << gnuplot_quoted(methods[k]) << " && abs(column('time') - " << t_end
        << ") <= 1e-12 * " << std::abs(t_end) << " ? column('spacing') : NaN)";
      s << (k ? ", \\\n       " : "") << gnuplot_quoted(data) << " using " << x.str() << ":(column("
        << gnuplot_quoted(error[0]) << ")) with points pt 7 ps 1.3 lc rgb " << colour << " title "
        << gnuplot_quoted(legend.str());
      if (std::isfinite(fit.slope)) {
        std::ostringstream line;
        line.precision(17);
        line << "(x >= " << fit.h_min * (1 - 1e-9) << " && x <= " << fit.h_max * (1 + 1e-9) << " ? exp(" << fit.log_c
             << ") * x**" << fit.slope << " : NaN)";
        s << ", \\\n       " << line.str() << " with lines lw 2 dt 2 lc rgb " << colour << " notitle";
      }
    }
    s << "\n";
  }
  return s.str();
}

}  // namespace

std::string to_string(RunKind kind) {
  switch (kind) {
    case RunKind::network: return "network";
    case RunKind::plain_network: return "plain network";
    case RunKind::transport: return "transport";
    case RunKind::algorithm: return "algorithm";
    case RunKind::compare: return "compare";
  }
  return "?";
}

std::vector<RunCurves> find_run_curves(const std::string& arg) {
  const fs::path p(arg);
  if (fs::is_regular_file(p)) {
    const std::string name = p.filename().string(), dir = label_of(p.parent_path().empty() ? "." : p.parent_path());
    if (name == "compare.csv") return {{dir, p, RunKind::compare}};
    if (name == "iterations.csv") return {{dir, p, RunKind::algorithm}};
    if (name == "diagnostics.csv") return {{dir, p, kind_of_diagnostics(p)}};
    throw std::runtime_error(arg + ": not a file measureflow plots (diagnostics.csv, iterations.csv or compare.csv)");
  }
  if (!fs::is_directory(p)) throw std::runtime_error(arg + ": no such file or directory");
  if (fs::is_regular_file(p / "compare.csv")) return {{label_of(p), p / "compare.csv", RunKind::compare}};
  if (fs::is_regular_file(p / "diagnostics.csv"))
    return {{label_of(p), p / "diagnostics.csv", kind_of_diagnostics(p / "diagnostics.csv")}};
  if (fs::is_regular_file(p / "iterations.csv")) return {{label_of(p), p / "iterations.csv", RunKind::algorithm}};
  std::vector<fs::path> methods;
  for (const auto& e : fs::directory_iterator(p))
    if (e.is_directory() && fs::is_regular_file(e.path() / "iterations.csv")) methods.push_back(e.path());
  if (methods.empty())
    throw std::runtime_error(arg + ": not a run directory measureflow plots: it holds no diagnostics.csv, compare.csv "
                                   "or iterations.csv (nor method subdirectories with one)");
  std::sort(methods.begin(), methods.end());
  std::vector<RunCurves> out;
  for (const auto& m : methods) out.push_back({m.filename().string(), m / "iterations.csv", RunKind::algorithm});
  return out;
}

void draw_run_figure(const std::vector<RunCurves>& runs, const fs::path& png, const std::string& title) {
  if (runs.empty()) throw std::runtime_error("nothing to plot");
  for (const RunCurves& r : runs)
    if (r.kind != runs.front().kind)
      throw std::runtime_error("cannot overlay a " + to_string(runs.front().kind) + " run (" + runs.front().csv.string() +
                               ") and a " + to_string(r.kind) + " run (" + r.csv.string() + ") in one figure");
  Figure f{png, 1400, 900, ""};
  switch (runs.front().kind) {
    case RunKind::network: f.body = network_body(runs, png, title); break;
    case RunKind::plain_network: f.body = plain_network_body(runs, png, title); break;
    case RunKind::transport:
      f.body = transport_body(runs, png, title);
      f.height = 520;
      f.width = 1600;
      break;
    case RunKind::algorithm:
      f.body = algorithm_body(runs, png, title);
      f.width = 1800;
      f.height = 560;
      break;
    case RunKind::compare:
      f.body = compare_body(runs, png, title);
      f.width = 1800;
      f.height = 600;
      break;
  }
  draw_figure(f);
}

void draw_column_figure(const fs::path& csv, const fs::path& png, const std::string& title, const std::string& x,
                        const std::vector<std::pair<std::string, std::string>>& curves, bool log_y, bool log_x,
                        bool points) {
  if (curves.empty()) throw std::runtime_error("nothing to plot");
  const CsvColumns columns(csv.string());
  columns.require({x});
  Panel p{title, x, log_x, log_y, {}, curves.size() > 6 ? "outside right top" : "top right"};
  for (std::size_t k = 0; k < curves.size(); ++k) {
    columns.require({curves[k].first});
    p.curves.push_back({figure_data_path(csv, png), x, curves[k].first, curves[k].second,
                        series_colour(static_cast<int>(k)), false, points});
  }
  draw_figure({png, curves.size() > 6 ? 1200 : 900, 600, panels_body("", 1, 1, {p})});
}

PowerFit compare_fit(const CsvColumns& csv, const std::string& method, const std::string& error, double t) {
  const std::vector<std::string>& methods = csv.text("method");
  const std::vector<double> time = csv.column("time"), h = csv.column("spacing"), e = csv.column(error);
  std::vector<double> hs, es;
  for (std::size_t i = 0; i < methods.size(); ++i)
    if (methods[i] == method && std::abs(time[i] - t) <= 1e-12 * std::abs(t) && std::isfinite(e[i]) && e[i] > 0) {
      hs.push_back(h[i]);
      es.push_back(e[i]);
    }
  const double nan = std::numeric_limits<double>::quiet_NaN();
  if (hs.size() < 2) return {nan, nan, nan, nan};
  const double slope = fitted_slope(hs, es);
  double log_c = 0.0;  // the intercept of the least-squares line through the means
  for (std::size_t i = 0; i < hs.size(); ++i) log_c += std::log(es[i]) - slope * std::log(hs[i]);
  return {slope, log_c / static_cast<double>(hs.size()), *std::min_element(hs.begin(), hs.end()),
          *std::max_element(hs.begin(), hs.end())};
}

}  // namespace mf
