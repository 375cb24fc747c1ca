#include "figures/torus_paths.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <numbers>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "base/angles.hpp"
#include "figures/csv_columns.hpp"
#include "figures/gnuplot.hpp"

namespace mf {

namespace fs = std::filesystem;

namespace {

constexpr double kTwoPi = 2.0 * std::numbers::pi;

bool torus_atoms(const fs::path& file) {
  const CsvColumns c(file.string());
  return c.has("theta4") && !c.has("theta5") && c.has("mass") && c.has("sign");
}

struct Frame {
  std::vector<double> t1, t2, mass, sign;
};

Frame read_frame(const fs::path& file) {
  const CsvColumns c(file.string());
  c.require({"theta1", "theta2", "theta3", "theta4", "mass", "sign"});
  const std::vector<double> x1 = c.column("theta1"), y1 = c.column("theta2"), x2 = c.column("theta3"),
                            y2 = c.column("theta4");
  Frame f{{}, {}, c.column("mass"), c.column("sign")};
  for (std::size_t j = 0; j < x1.size(); ++j) {
    f.t1.push_back(angle_in_turn(x1[j], y1[j]));
    f.t2.push_back(angle_in_turn(x2[j], y2[j]));
  }
  return f;
}

/// A panel: a series of frames of atoms on T².
struct Series {
  std::string name;
  std::vector<fs::path> files;
};

bool torus_series(const std::vector<fs::path>& files) {
  try {
    return files.size() >= 2 && torus_atoms(files.front());
  } catch (const std::runtime_error&) {
    return false;  // not a frame of atoms: not this figure's
  }
}

/// The series of a run with at least two frames of atoms on T²: its particles (a particle run),
/// then its method folders in name order (an algorithm run).
std::vector<Series> torus_series_of(const fs::path& run) {
  std::vector<Series> out;
  if (!fs::is_directory(run)) return out;
  std::vector<fs::path> files = series_files(run / "particles", "particles_");
  if (torus_series(files)) out.push_back({"particles", files});
  std::vector<fs::path> folders;
  for (const auto& e : fs::directory_iterator(run))
    if (e.is_directory()) folders.push_back(e.path());
  std::sort(folders.begin(), folders.end());
  for (const fs::path& folder : folders) {
    files = series_files(folder / "atoms", "atoms_");
    if (torus_series(files)) out.push_back({folder.filename().string(), files});
  }
  return out;
}

}  // namespace

bool has_torus_paths(const fs::path& run) { return !torus_series_of(run).empty(); }

void draw_torus_paths(const fs::path& run, const fs::path& png, const std::string& title) {
  const std::vector<Series> methods = torus_series_of(run);
  if (methods.empty())
    throw std::runtime_error(run.string() + ": the paths on the torus need at least two frames of atoms on T² (in "
                                            "particles/ or METHOD/atoms/)");
  fs::create_directories(fs::absolute(png).parent_path());
  const fs::path data = fs::path(png).replace_extension(".csv");
  std::vector<bool> tracked;  // per method: the same atoms in every frame
  std::vector<double> peak;   // per method: the largest mass of the last frame
  {
    std::ofstream out(data);
    out << "method,atom,frame,theta1,theta2,mass,sign\n";
    char line[200];
    for (std::size_t k = 0; k < methods.size(); ++k) {
      std::vector<Frame> frames;
      for (const fs::path& f : methods[k].files) frames.push_back(read_frame(f));
      const std::size_t m = frames.back().mass.size();
      bool same = true;
      for (const Frame& f : frames) same = same && f.mass.size() == m;
      tracked.push_back(same);
      peak.push_back(m ? *std::max_element(frames.back().mass.begin(), frames.back().mass.end()) : 0.0);
      // Tracked atoms: one path per atom, frame by frame; otherwise each frame's atoms as points.
      const std::size_t atoms = same ? m : 0;
      auto row = [&](std::size_t j, std::size_t i, const Frame& f, std::size_t a) {
        std::snprintf(line, sizeof line, "%zu,%zu,%zu,%.10g,%.10g,%.10g,%g\n", k, a, i, f.t1[j], f.t2[j], f.mass[j],
                      f.sign[j]);
        out << line;
      };
      if (same) {
        for (std::size_t j = 0; j < atoms; ++j) {
          for (std::size_t i = 0; i < frames.size(); ++i) {
            if (i > 0 && (std::abs(frames[i].t1[j] - frames[i - 1].t1[j]) > std::numbers::pi ||
                          std::abs(frames[i].t2[j] - frames[i - 1].t2[j]) > std::numbers::pi))
              out << "\n";  // wrapped across a side of the square
            row(j, i, frames[i], j);
          }
          out << "\n";
        }
      } else {
        for (std::size_t i = 0; i < frames.size(); ++i)
          for (std::size_t j = 0; j < frames[i].mass.size(); ++j) row(j, i, frames[i], j);
        out << "\n";
      }
    }
    if (!out) throw std::runtime_error(data.string() + ": cannot write the data of the figure");
  }
  std::ostringstream s;
  const std::string d = gnuplot_quoted(figure_data_path(data, png));
  const int n = static_cast<int>(methods.size());
  s << "  set datafile columnheaders\n  set multiplot layout 1," << n << " title "
    << gnuplot_quoted(title + " — atoms on the torus T²") << "\n  set size ratio -1\n  set xrange [0:" << kTwoPi
    << "]\n  set yrange [0:" << kTwoPi << "]\n  set xlabel 'θ₁'\n  set ylabel 'θ₂'\n  set key below maxrows 3\n";
  for (int k = 0; k < n; ++k) {
    const std::string block = d;
    const std::string mine = "column('method') == " + std::to_string(k) + " && ";
    const double scale = peak[static_cast<std::size_t>(k)] > 0.0 ? 2.2 / std::sqrt(peak[static_cast<std::size_t>(k)]) : 1.0;
    const std::string size = "(0.25 + " + std::to_string(scale) + " * sqrt(column('mass')))";
    s << "  set title " << gnuplot_quoted(methods[static_cast<std::size_t>(k)].name) << "\n  plot ";
    if (tracked[static_cast<std::size_t>(k)]) {
      s << block << " using (" << mine << "column('sign') > 0 ? column('theta1') : NaN):(column('theta2')) with lines lw 0.8 lc rgb "
        << "'#80D55E00' title 'paths (μ⁺)', \\\n       " << block
        << " using (" << mine << "column('sign') < 0 ? column('theta1') : NaN):(column('theta2')) with lines lw 0.8 lc rgb "
        << "'#800072B2' title 'paths (μ⁻)', \\\n       " << block
        << " using (" << mine << "column('frame') == 0 ? column('theta1') : NaN):(column('theta2')) with points pt 7 ps 0.35 lc rgb "
        << "'#999999' title 'start', \\\n       ";
    } else {
      s << block << " using (" << mine.substr(0, mine.size() - 4) << " ? column('theta1') : NaN):(column('theta2')) with points pt 7 ps 0.5 lc rgb '#40999999' "
        << "title 'atoms of every frame', \\\n       ";
    }
    // The last frame: stats gives its number.
    s << block << " using (" << mine << "column('frame') == LAST" << k << " ? column('theta1') : NaN):(column('theta2')):"
      << size << ":(column('sign') > 0 ? 0xD55E00 : 0x0072B2) with points pt 7 ps variable lc rgb variable "
      << "title 'end (area ∝ mass)'";
    if (fs::exists(run / "teacher.csv")) {
      const std::string t = gnuplot_quoted(figure_data_path(run / "teacher.csv", png));
      s << ", \\\n       " << t << " using (atan2(column('b2'), column('b1')) < 0 ? atan2(column('b2'), column('b1')) + "
        << kTwoPi << " : atan2(column('b2'), column('b1'))):(atan2(column('b4'), column('b3')) < 0 ? "
        << "atan2(column('b4'), column('b3')) + " << kTwoPi << " : atan2(column('b4'), column('b3'))) with points pt 8 "
        << "ps 2.2 lw 2 lc rgb 'black' title 'ground truth'";
    }
    s << "\n";
  }
  s << "  unset multiplot\n";
  // LAST<k>: the last frame of each method, from the data (stats before the multiplot).
  std::ostringstream head;
  for (int k = 0; k < n; ++k)
    head << "  stats " << d << " using (column('method') == " << k << " ? column('frame') : NaN) nooutput\n  LAST" << k
         << " = STATS_max\n";
  draw_figure({png, 560 * n + 140, 680, head.str() + s.str()});
}

}  // namespace mf
