#include "figures/circle_profile.hpp"

#include <vtkCellData.h>
#include <vtkDataArray.h>
#include <vtkIdList.h>
#include <vtkNew.h>
#include <vtkSmartPointer.h>
#include <vtkUnstructuredGrid.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "figures/csv_columns.hpp"
#include "figures/gnuplot.hpp"
#include "io/pvd_reader.hpp"

namespace mf {

namespace fs = std::filesystem;

namespace {

constexpr double kTwoPi = 6.283185307179586;

double wrapped(double a) {
  a = std::fmod(a, kTwoPi);
  return a < 0.0 ? a + kTwoPi : a;
}

// The cells of one S¹ frame: start angle, arc length and the densities.
struct Profile {
  std::vector<double> start, arc, plus, minus;  // minus empty for a one-density run
};

Profile profile_of(const std::string& vtu) {
  auto grid = vtkSmartPointer<vtkUnstructuredGrid>::Take(read_vtu(vtu));
  Profile p;
  vtkDataArray* plus = grid->GetCellData()->GetArray("density_plus");
  vtkDataArray* minus = grid->GetCellData()->GetArray("density_minus");
  if (!plus) plus = grid->GetCellData()->GetArray("density");
  if (!plus) throw std::runtime_error(vtu + ": no CellData density_plus or density");
  vtkNew<vtkIdList> ids;
  for (vtkIdType c = 0; c < grid->GetNumberOfCells(); ++c) {
    grid->GetCellPoints(c, ids);
    if (ids->GetNumberOfIds() != 2) throw std::runtime_error(vtu + ": a cell that is not an arc (not a circle mesh)");
    double a[3], b[3];
    grid->GetPoint(ids->GetId(0), a);
    grid->GetPoint(ids->GetId(1), b);
    const double s = wrapped(std::atan2(a[1], a[0])), e = wrapped(std::atan2(b[1], b[0]));
    p.start.push_back(s);
    p.arc.push_back(wrapped(e - s));
    p.plus.push_back(plus->GetTuple1(c));
    if (minus) p.minus.push_back(minus->GetTuple1(c));
  }
  return p;
}

// The particles at time t binned onto the profile's cells: densities per sign.
void bin_particles(const fs::path& run, double t, const Profile& cells, std::vector<double>& plus,
                   std::vector<double>& minus) {
  const std::vector<double> times = CsvColumns((run / "diagnostics.csv").string()).column("time");
  std::size_t k = 0;
  while (k < times.size() && std::abs(times[k] - t) > 1e-9 * std::max(1.0, std::abs(t))) ++k;
  if (k == times.size())
    throw std::runtime_error((run / "diagnostics.csv").string() + ": the particle run has no output at t = " +
                             std::to_string(t) + " (the grid run's time); run both from one case file");
  char name[48];
  std::snprintf(name, sizeof name, "particles/particles_%06zu.csv", k);
  const CsvColumns p((run / name).string());
  const std::vector<double> x = p.column("theta1"), y = p.column("theta2"), mass = p.column("mass"),
                            sign = p.column("sign");
  plus.assign(cells.arc.size(), 0.0);
  minus.assign(cells.arc.size(), 0.0);
  for (std::size_t j = 0; j < x.size(); ++j) {
    const double a = wrapped(std::atan2(y[j], x[j]));
    for (std::size_t i = 0; i < cells.arc.size(); ++i)
      if (wrapped(a - cells.start[i]) < cells.arc[i]) {
        (sign[j] > 0 ? plus : minus)[i] += mass[j] / cells.arc[i];
        break;
      }
  }
}

}  // namespace

bool has_circle_profile(const fs::path& run) {
  try {
    const std::vector<PvdEntry> entries = read_pvd(grid_series(run).string());
    if (entries.empty() || fs::path(entries.front().file).extension() != ".vtu") return false;
    profile_of(entries.front().file);
    return true;
  } catch (const std::runtime_error&) {
    return false;
  }
}

namespace {

// Writes the data of the frames `chosen` (one block per frame, each with its header); returns
// whether the grid has two densities, and the largest density drawn.
bool write_profiles(const std::vector<PvdEntry>& entries, const std::vector<std::size_t>& chosen,
                    const fs::path& particles, const fs::path& data, double& largest) {
  fs::create_directories(fs::absolute(data).parent_path());
  std::ofstream out(data);
  bool two_signs = false;
  largest = 0.0;
  char line[256];
  for (std::size_t n : chosen) {
    out << "time,angle,arc,grid_plus,grid_minus,particles_plus,particles_minus\n";
    const Profile p = profile_of(entries[n].file);
    two_signs = !p.minus.empty();
    std::vector<double> pp, pm;
    if (!particles.empty()) bin_particles(particles, entries[n].time, p, pp, pm);
    for (std::size_t i = 0; i < p.arc.size(); ++i) {
      const double nan = std::nan("");
      largest = std::max({largest, p.plus[i], p.minus.empty() ? 0.0 : p.minus[i]});
      std::snprintf(line, sizeof line, "%.10g,%.10g,%.10g,%.10g,%.10g,%.10g,%.10g\n", entries[n].time,
                    p.start[i] + 0.5 * p.arc[i], p.arc[i], p.plus[i], p.minus.empty() ? nan : p.minus[i],
                    pp.empty() ? nan : pp[i], pm.empty() ? nan : pm[i]);
      out << line;
    }
    out << "\n\n";
  }
  if (!out) throw std::runtime_error(data.string() + ": cannot write the data of the figure");
  return two_signs;
}

// The axes and the teacher's atoms (vertical lines).
std::string profile_preamble(const fs::path& grid) {
  std::ostringstream s;
  s << "  set datafile columnheaders\n  set datafile missing 'nan'\n  set xrange [0:2*pi]\n"
    << "  set xlabel 'angle θ (radians)'\n  set ylabel 'density (mass per radian)'\n  set key outside right top\n";
  if (fs::exists(grid / "teacher.csv")) {
    const CsvColumns t((grid / "teacher.csv").string());
    const std::vector<double> a = t.column("a"), b1 = t.column("b1"), b2 = t.column("b2");
    for (std::size_t i = 0; i < a.size(); ++i)
      s << "  set arrow from " << wrapped(std::atan2(b2[i], b1[i])) << ", graph 0 to "
        << wrapped(std::atan2(b2[i], b1[i])) << ", graph 1 nohead dt 3 lw 1.5 lc rgb "
        << gnuplot_quoted(a[i] >= 0 ? "#D55E00" : "#0072B2") << " back\n";
  }
  return s.str();
}

// The plot command of data set `index`.
std::string profile_plot(const std::string& data, const std::string& index, bool two_signs, bool particles) {
  std::ostringstream s;
  s << "plot ";
  if (two_signs) {
    s << data << index << " using (column('angle')):(column('grid_plus')) with lines lw 2 lc rgb '#D55E00' title "
      << "'grid ρ⁺', \\\n       " << data << index << " using (column('angle')):(column('grid_minus')) with lines lw 2 lc"
      << " rgb '#0072B2' title 'grid ρ⁻'";
  } else {
    s << data << index << " using (column('angle')):(column('grid_plus')) with lines lw 2 lc rgb '#009E73' title "
      << "'grid density'";
  }
  if (particles)
    s << ", \\\n       " << data << index << " using (column('angle')):(column('particles_plus')) with steps lw 1 "
      << "lc rgb '#80E69F00' title 'particles μ⁺ (binned)', \\\n       " << data << index
      << " using (column('angle')):(column('particles_minus')) with steps lw 1 lc rgb '#8056B4E9' title "
      << "'particles μ⁻ (binned)'";
  return s.str() + "\n";
}

std::string time_text(double t) {
  std::ostringstream s;
  s << t;
  return s.str();
}

}  // namespace

void draw_circle_profile(const fs::path& grid, const fs::path& particles, const fs::path& png, const std::string& title) {
  const std::vector<PvdEntry> entries = read_pvd(grid_series(grid).string());
  if (entries.size() < 2) throw std::runtime_error(grid.string() + ": the profile needs at least two frames");
  // Three panels: about a third, two thirds of the way, and the last frame.
  std::vector<std::size_t> chosen;
  for (std::size_t n : {entries.size() / 3, 2 * entries.size() / 3, entries.size() - 1})
    if (n > 0 && std::find(chosen.begin(), chosen.end(), n) == chosen.end()) chosen.push_back(n);
  const fs::path data = fs::path(png).replace_extension(".csv");
  double largest = 0.0;
  const bool two_signs = write_profiles(entries, chosen, particles, data, largest);
  const std::string d = gnuplot_quoted(figure_data_path(data, png));
  const bool teacher = fs::exists(grid / "teacher.csv");
  std::ostringstream s;
  s << profile_preamble(grid) << "  set multiplot layout " << chosen.size() << ",1 title " << gnuplot_quoted(title) << "\n";
  for (std::size_t k = 0; k < chosen.size(); ++k)
    s << "  set title " << gnuplot_quoted("t = " + time_text(entries[chosen[k]].time) +
                                          (teacher ? "   (dotted: the teacher's atoms)" : ""))
      << "\n  " << profile_plot(d, " index " + std::to_string(k), two_signs, !particles.empty());
  draw_figure({png, 1200, 300 * static_cast<int>(chosen.size()) + 80, s.str()});
}

void draw_circle_animation(const fs::path& grid, const fs::path& particles, const fs::path& gif, const std::string& title) {
  const std::vector<PvdEntry> entries = read_pvd(grid_series(grid).string());
  if (entries.size() < 2) throw std::runtime_error(grid.string() + ": an animation needs at least two frames");
  std::vector<std::size_t> all(entries.size());
  for (std::size_t n = 0; n < all.size(); ++n) all[n] = n;
  const fs::path data = fs::path(gif).replace_extension(".csv");
  double largest = 0.0;
  const bool two_signs = write_profiles(entries, all, particles, data, largest);
  const std::string d = gnuplot_quoted(figure_data_path(data, gif));
  std::ostringstream s;
  s << profile_preamble(grid) << "set yrange [0:" << 1.1 * (largest > 0.0 ? largest : 1.0) << "]\n"
    << "array times[" << entries.size() << "]\n";
  for (std::size_t n = 0; n < entries.size(); ++n) s << "times[" << n + 1 << "] = " << entries[n].time << "\n";
  s << "do for [k = 0:" << entries.size() - 1 << "] {\n  set title sprintf(" << gnuplot_quoted(title + " — t = %g")
    << ", times[k + 1])\n  " << profile_plot(d, " index k", two_signs, !particles.empty()) << "}\n";
  draw_figure({gif, 1000, 420, s.str(), true});
}

}  // namespace mf
