#include "figures/lifted_paths.hpp"

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

// The signs' colours, as in the view scripts' diverging map: μ⁺ warm, μ⁻ cool.
const char* const kPlus = "#D55E00";
const char* const kMinus = "#0072B2";

struct Frames {
  std::vector<fs::path> files;
  bool network = false;  // weights/network_*.csv (a, b…) rather than particles (theta…, mass, sign)
};

Frames frames_of(const fs::path& run) {
  Frames f;
  for (const auto& [folder, prefix, network] : {std::tuple{"particles", "particles_", false},
                                                std::tuple{"weights", "network_", true}}) {
    f.files = series_files(run / folder, prefix);
    f.network = network;
    if (!f.files.empty()) break;
  }
  return f;
}

using Lifted = LiftedFrame;

Lifted lifted_of(const fs::path& file, bool network, bool tanh) {
  const CsvColumns c(file.string());
  Lifted out;
  const std::size_t m = c.rows();
  std::vector<std::vector<double>> coords;  // the direction's coordinates b1.. or theta1..
  const std::string prefix = network ? "b" : "theta";
  for (int k = 1; c.has(prefix + std::to_string(k)); ++k) coords.push_back(c.column(prefix + std::to_string(k)));
  if (network && c.has("bias")) coords.push_back(c.column("bias"));
  if (coords.size() < 2 || coords.size() > 3)
    throw std::runtime_error(file.string() + ": the lifted picture needs directions in R² or R³, this file has " +
                             std::to_string(coords.size()) + " coordinates");
  std::vector<double> radius(m), sign(m);
  if (network) {
    const std::vector<double> a = c.column("a");
    for (std::size_t j = 0; j < m; ++j) {
      double norm = 0.0;
      for (const auto& col : coords) norm += col[j] * col[j];
      radius[j] = std::abs(a[j]) * std::sqrt(norm);  // |a_j| ‖b̃_j‖ = m c_j
      sign[j] = a[j] >= 0.0 ? 1.0 : -1.0;
    }
  } else {
    const std::vector<double> mass = c.column("mass"), s = c.column("sign");
    for (std::size_t j = 0; j < m; ++j) {
      radius[j] = static_cast<double>(m) * mass[j];  // m c_j
      sign[j] = s[j];
    }
  }
  for (std::size_t j = 0; j < m; ++j) {
    double norm = 0.0;
    for (const auto& col : coords) norm += col[j] * col[j];
    norm = std::sqrt(norm);
    const double r = (tanh ? std::tanh(radius[j]) : radius[j]) / (norm > 0.0 ? norm : 1.0);
    out.x.push_back(r * coords[0][j]);
    out.y.push_back(r * coords[1][j]);
    out.sign.push_back(sign[j]);
  }
  return out;
}

// The teacher's neurons as rays along their directions (first two coordinates) out to `extent`,
// by sign: gnuplot arrows ("" without teacher.csv).
std::string teacher_rays(const fs::path& run, double extent) {
  if (!fs::exists(run / "teacher.csv")) return "";
  std::ostringstream s;
  const CsvColumns t((run / "teacher.csv").string());
  // The second coordinate: b2, or the bias of a teacher in one input dimension with a bias input.
  const std::vector<double> a = t.column("a"), b1 = t.column("b1"), b2 = t.column(t.has("b2") ? "b2" : "bias");
  for (std::size_t i = 0; i < a.size(); ++i) {
    const double n = std::hypot(b1[i], b2[i]);
    if (n == 0.0) continue;
    s << "  set arrow from 0,0 to " << extent * b1[i] / n << "," << extent * b2[i] / n << " nohead dt 2 lw 2 lc rgb "
      << gnuplot_quoted(a[i] >= 0 ? kPlus : kMinus) << " front\n";
  }
  return s.str();
}

// Every frame's lifted points; checks the particle count stays the same.
std::vector<Lifted> all_frames(const Frames& f, bool tanh) {
  std::vector<Lifted> frames;
  for (const fs::path& file : f.files) frames.push_back(lifted_of(file, f.network, tanh));
  for (std::size_t k = 0; k < frames.size(); ++k)
    if (frames[k].x.size() != frames.front().x.size())
      throw std::runtime_error(f.files[k].string() + ": " + std::to_string(frames[k].x.size()) + " particles, but " +
                               f.files.front().string() + " has " + std::to_string(frames.front().x.size()));
  return frames;
}

std::vector<double> times_of(const fs::path& run) {
  if (!fs::exists(run / "diagnostics.csv")) return {};
  return CsvColumns((run / "diagnostics.csv").string()).column("time");
}

}  // namespace

std::vector<LiftedFrame> lifted_frames(const fs::path& run, bool tanh) {
  const Frames f = frames_of(run);
  if (f.files.empty()) throw std::runtime_error(run.string() + ": no frames in particles/ or weights/");
  return all_frames(f, tanh);
}

double lifted_extent(const std::vector<LiftedFrame>& frames) {
  double extent = 0.0;
  for (const Lifted& l : frames)
    for (std::size_t j = 0; j < l.x.size(); ++j) extent = std::max({extent, std::abs(l.x[j]), std::abs(l.y[j])});
  return extent > 0.0 ? 1.08 * extent : 1.0;
}

void write_lifted_blocks(const std::vector<LiftedFrame>& frames, const fs::path& data) {
  std::ofstream out(data);
  char line[128];
  for (const Lifted& l : frames) {  // one gnuplot data set (index) per time, each with its header
    out << "x,y,sign\n";
    for (std::size_t j = 0; j < l.x.size(); ++j) {
      std::snprintf(line, sizeof line, "%.8g,%.8g,%g\n", l.x[j], l.y[j], l.sign[j]);
      out << line;
    }
    out << "\n\n";
  }
  if (!out) throw std::runtime_error(data.string() + ": cannot write the data of the figure");
}

bool has_lifted_paths(const fs::path& run) {
  const Frames f = frames_of(run);
  if (f.files.size() < 2) return false;
  try {
    lifted_of(f.files.front(), f.network, false);
    return true;
  } catch (const std::runtime_error&) {
    return false;
  }
}

namespace {

// One panel of the lifted paths: writes its data file `data` (particle, time, x, y, sign; a blank
// line between particles) and returns the gnuplot commands drawing it into the figure `png`.
std::string lifted_paths_panel(const fs::path& run, const fs::path& data, const fs::path& png, const std::string& title,
                               bool tanh, const std::string& key) {
  const Frames f = frames_of(run);
  if (f.files.size() < 2)
    throw std::runtime_error(run.string() + ": the lifted paths need at least two frames in particles/ or weights/");
  const std::vector<double> times = times_of(run);
  const std::vector<Lifted> frames = all_frames(f, tanh);
  const std::size_t m = frames.front().x.size();
  const double extent = lifted_extent(frames);
  {
    std::ofstream out(data);
    out << "particle,time,x,y,sign\n";
    char line[160];
    for (std::size_t j = 0; j < m; ++j) {
      for (std::size_t k = 0; k < frames.size(); ++k) {
        const double t = k < times.size() ? times[k] : static_cast<double>(k);
        std::snprintf(line, sizeof line, "%zu,%.10g,%.10g,%.10g,%g\n", j, t, frames[k].x[j], frames[k].y[j],
                      frames.back().sign[j]);
        out << line;
      }
      out << "\n";
    }
    if (!out) throw std::runtime_error(data.string() + ": cannot write the data of the figure");
  }
  std::ostringstream s;
  const std::string d = gnuplot_quoted(figure_data_path(data, png));
  s << "  unset arrow\n  set datafile columnheaders\n  set size ratio -1\n  set xrange [" << -extent << ":" << extent
    << "]\n  set yrange [" << -extent << ":" << extent << "]\n  set title "
    << gnuplot_quoted(title + (tanh ? " — lifted points tanh(m c_j) θ_j" : " — lifted points m c_j θ_j = |a_j| b_j"))
    << "\n  set key " << key << "\n  set xlabel 'coordinate 1'\n  set ylabel 'coordinate 2'\n";
  s << teacher_rays(run, extent);
  const std::string teacher = fs::exists(run / "teacher.csv") ?
      ", \\\n       NaN with lines dt 2 lw 2 lc rgb '#555555' title 'teacher directions (dashed)'" : "";
  const std::string last = std::to_string(frames.size() - 1);
  s << "  plot " << d << " using (column('sign') > 0 ? column('x') : NaN):(column('y')) with lines lw 0.6 lc rgb "
    << "'#A0D55E00' title 'paths of μ⁺ neurons', \\\n       " << d
    << " using (column('sign') < 0 ? column('x') : NaN):(column('y')) with lines lw 0.6 lc rgb '#A00072B2' title "
    << "'paths of μ⁻ neurons', \\\n       " << d << " every ::0::0 using (column('x')):(column('y'))"
    << " with points pt 7 ps 0.25 lc rgb '#999999' title 'start', \\\n       " << d << " every ::" << last << "::" << last << " using (column('sign') > 0 ? column('x') : NaN):(column('y')) with points pt 7 ps 0.45 lc rgb "
    << "'#D55E00' notitle, \\\n       " << d << " every ::" << last << "::" << last
    << " using (column('sign') < 0 ? column('x') : NaN):(column('y')) with points pt 7 ps 0.45 lc rgb '#0072B2' "
    << "notitle" << teacher << "\n";
  return s.str();
}

}  // namespace

void draw_lifted_paths(const fs::path& run, const fs::path& png, const std::string& title, bool tanh) {
  fs::create_directories(fs::absolute(png).parent_path());
  const std::string body = lifted_paths_panel(run, fs::path(png).replace_extension(".csv"), png, title, tanh,
                                              "outside right top");
  draw_figure({png, 1000, 820, body});
}

void draw_lifted_paths_side_by_side(const std::vector<std::pair<std::string, fs::path>>& runs, const fs::path& png,
                                    const std::string& title, bool tanh) {
  if (runs.empty()) throw std::runtime_error(png.string() + ": no runs to draw side by side");
  fs::create_directories(fs::absolute(png).parent_path());
  std::ostringstream s;
  s << "  set multiplot layout 1," << runs.size() << " title " << gnuplot_quoted(title) << "\n";
  for (std::size_t k = 0; k < runs.size(); ++k) {
    const fs::path data = fs::path(png).replace_extension("").string() + "_" + std::to_string(k) + ".csv";
    s << lifted_paths_panel(runs[k].second, data, png, runs[k].first, tanh, "below horizontal");
  }
  s << "  unset multiplot\n";
  draw_figure({png, 760 * static_cast<int>(runs.size()), 860, s.str()});
}

void draw_lifted_animation(const fs::path& run, const fs::path& gif, const std::string& title, bool tanh) {
  const Frames f = frames_of(run);
  if (f.files.size() < 2)
    throw std::runtime_error(run.string() + ": an animation needs at least two frames in particles/ or weights/");
  const std::vector<double> times = times_of(run);
  const std::vector<Lifted> frames = all_frames(f, tanh);
  fs::create_directories(fs::absolute(gif).parent_path());
  const fs::path data = fs::path(gif).replace_extension(".csv");
  write_lifted_blocks(frames, data);
  const double extent = lifted_extent(frames);
  const std::string d = gnuplot_quoted(figure_data_path(data, gif));
  std::ostringstream s;
  s << "set datafile columnheaders\nset size ratio -1\nset xrange [" << -extent << ":" << extent << "]\nset yrange ["
    << -extent << ":" << extent << "]\nset key outside right top\n" << teacher_rays(run, extent) << "array times["
    << frames.size() << "]\n";
  for (std::size_t k = 0; k < frames.size(); ++k)
    s << "times[" << k + 1 << "] = " << (k < times.size() ? times[k] : static_cast<double>(k)) << "\n";
  s << "do for [k = 0:" << frames.size() - 1 << "] {\n  set title sprintf("
    << gnuplot_quoted(title + (tanh ? " — tanh(m c_j) θ_j" : " — lifted points m c_j θ_j") + ", t = %g")
    << ", times[k + 1])\n  plot " << d << " index k using (column('sign') > 0 ? column('x') : NaN):(column('y')) "
    << "with points pt 7 ps 0.5 lc rgb '" << kPlus << "' title 'μ⁺', " << d
    << " index k using (column('sign') < 0 ? column('x') : NaN):(column('y')) with points pt 7 ps 0.5 lc rgb '"
    << kMinus << "' title 'μ⁻'\n}\n";
  draw_figure({gif, 760, 640, s.str(), true});
}

}  // namespace mf
