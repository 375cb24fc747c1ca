#include "figures/circle_paths.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <numbers>
#include <sstream>
#include <stdexcept>

#include "base/angles.hpp"
#include "figures/csv_columns.hpp"
#include "figures/gnuplot.hpp"
#include "figures/lifted_paths.hpp"

namespace mf {

namespace fs = std::filesystem;

namespace {

constexpr double kTwoPi = 2.0 * std::numbers::pi;

bool circle_particles(const fs::path& file) {
  const CsvColumns c(file.string());
  return c.has("theta1") && c.has("theta2") && !c.has("theta3") && c.has("mass");
}

std::vector<fs::path> particle_files(const fs::path& run) { return series_files(run / "particles", "particles_"); }

}  // namespace

bool has_circle_paths(const fs::path& run) {
  const std::vector<fs::path> files = particle_files(run);
  if (files.size() < 2) return false;
  try {
    return circle_particles(files.front());
  } catch (const std::runtime_error&) {
    return false;
  }
}

void draw_circle_paths(const fs::path& run, const fs::path& png, const std::string& title,
                       const std::vector<double>& marked_angles, const std::string& marked_label) {
  const std::vector<fs::path> files = particle_files(run);
  if (files.size() < 2 || !circle_particles(files.front()))
    throw std::runtime_error(run.string() + ": the paths on the circle need at least two frames of particles on S¹ "
                                            "in particles/");
  // The lifted points m c_j θ_j give the angle and the mass: r_j = s_j √(m c_j).
  const std::vector<LiftedFrame> frames = lifted_frames(run, false);
  std::vector<double> times;
  if (fs::exists(run / "diagnostics.csv")) times = CsvColumns((run / "diagnostics.csv").string()).column("time");
  fs::create_directories(fs::absolute(png).parent_path());
  const fs::path data = fs::path(png).replace_extension(".csv");
  double extent = 0.0;
  {
    std::ofstream out(data);
    out << "particle,time,angle,r,sign\n";
    char line[160];
    const std::size_t m = frames.front().x.size();
    for (std::size_t j = 0; j < m; ++j) {
      double previous = -1.0;
      for (std::size_t k = 0; k < frames.size(); ++k) {
        const double x = frames[k].x[j], y = frames[k].y[j], s = frames.back().sign[j];
        const double angle = angle_in_turn(x, y), r = s * std::sqrt(std::hypot(x, y));
        extent = std::max(extent, std::abs(r));
        if (previous >= 0.0 && std::abs(angle - previous) > std::numbers::pi) out << "\n";  // wrapped across 0
        previous = angle;
        std::snprintf(line, sizeof line, "%zu,%.10g,%.10g,%.10g,%g\n", j, k < times.size() ? times[k] : double(k),
                      angle, r, s);
        out << line;
      }
      out << "\n";
    }
    if (!out) throw std::runtime_error(data.string() + ": cannot write the data of the figure");
  }
  extent = extent > 0.0 ? 1.1 * extent : 1.0;
  std::ostringstream s;
  const std::string d = gnuplot_quoted(figure_data_path(data, png));
  s << "  set datafile columnheaders\n  set xrange [0:" << kTwoPi << "]\n  set yrange [" << -extent << ":" << extent
    << "]\n  set title " << gnuplot_quoted(title + " — particle paths, r_j = s_j √(m c_j)")
    << "\n  set key below maxrows 2\n  set xlabel 'angle θ (radians)'\n  set ylabel 'r_j'\n"
    << "  set xzeroaxis lt -1\n";
  for (const double a : marked_angles)
    s << "  set arrow from " << a << ", graph 0 to " << a << ", graph 1 nohead dt 3 lw 1.5 lc rgb '#555555'\n";
  const std::string last = std::to_string(frames.size() - 1);
  s << "  plot " << d << " using (column('sign') > 0 ? column('angle') : NaN):(column('r')) with lines lw 0.8 lc rgb "
    << "'#80D55E00' title 'paths of μ⁺ particles', \\\n       " << d
    << " using (column('sign') < 0 ? column('angle') : NaN):(column('r')) with lines lw 0.8 lc rgb '#800072B2' title "
    << "'paths of μ⁻ particles', \\\n       " << d << " every ::0::0 using (column('angle')):(column('r'))"
    << " with points pt 7 ps 0.35 lc rgb '#999999' title 'start', \\\n       " << d << " every ::" << last << "::"
    << last << " using (column('sign') > 0 ? column('angle') : NaN):(column('r')) with points pt 7 ps 0.8 lc rgb "
    << "'#D55E00' title 'end (μ⁺)', \\\n       " << d << " every ::" << last << "::" << last
    << " using (column('sign') < 0 ? column('angle') : NaN):(column('r')) with points pt 7 ps 0.8 lc rgb '#0072B2' "
    << "title 'end (μ⁻)'";
  if (fs::exists(run / "teacher.csv")) {
    const std::string t = gnuplot_quoted(figure_data_path(run / "teacher.csv", png));
    s << ", \\\n       " << t << " using (atan2(column('b2'), column('b1')) < 0 ? atan2(column('b2'), column('b1')) + "
      << kTwoPi << " : atan2(column('b2'), column('b1'))):(0):(column('a') > 0 ? 0xD55E00 : 0x0072B2) with points "
      << "pt 9 ps 1.8 lc rgb variable title 'teacher atoms (ground truth)'";
  }
  if (!marked_angles.empty() && !marked_label.empty())
    s << ", \\\n       NaN with lines dt 3 lw 1.5 lc rgb '#555555' title " << gnuplot_quoted(marked_label);
  s << "\n";
  draw_figure({png, 1100, 620, s.str()});
}

}  // namespace mf
