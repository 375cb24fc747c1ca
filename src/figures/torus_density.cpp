#include "figures/torus_density.hpp"

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
#include <map>
#include <numbers>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "figures/csv_columns.hpp"
#include "figures/gnuplot.hpp"
#include "io/pvd_reader.hpp"

namespace mf {

namespace fs = std::filesystem;

namespace {

constexpr double kTwoPi = 2.0 * std::numbers::pi;

struct Cell {
  double x, y, density;
};

// The cells of one frame: centre and signed density; throws unless they are squares of the torus.
std::vector<Cell> cells_of(const std::string& vtu) {
  auto grid = vtkSmartPointer<vtkUnstructuredGrid>::Take(read_vtu(vtu));
  vtkDataArray* plus = grid->GetCellData()->GetArray("density_plus");
  vtkDataArray* minus = grid->GetCellData()->GetArray("density_minus");
  if (!plus) plus = grid->GetCellData()->GetArray("density");
  if (!plus) throw std::runtime_error(vtu + ": no CellData density_plus or density");
  std::vector<Cell> cells;
  vtkNew<vtkIdList> ids;
  for (vtkIdType c = 0; c < grid->GetNumberOfCells(); ++c) {
    grid->GetCellPoints(c, ids);
    if (ids->GetNumberOfIds() != 4) throw std::runtime_error(vtu + ": a cell that is not a square (not a torus mesh)");
    double x = 0.0, y = 0.0;
    for (vtkIdType k = 0; k < 4; ++k) {
      double p[3];
      grid->GetPoint(ids->GetId(k), p);
      if (p[2] != 0.0 || p[0] < 0.0 || p[0] > kTwoPi + 1e-9 || p[1] < 0.0 || p[1] > kTwoPi + 1e-9)
        throw std::runtime_error(vtu + ": a cell off the square [0, 2π]² of the plane (not a torus mesh)");
      x += 0.25 * p[0];
      y += 0.25 * p[1];
    }
    cells.push_back({x, y, plus->GetTuple1(c) - (minus ? minus->GetTuple1(c) : 0.0)});
  }
  return cells;
}

}  // namespace

bool has_torus_density(const fs::path& run) {
  try {
    const std::vector<PvdEntry> entries = read_pvd(grid_series(run).string());
    if (entries.empty() || fs::path(entries.front().file).extension() != ".vtu") return false;
    cells_of(entries.front().file);
    return true;
  } catch (const std::runtime_error&) {
    return false;
  }
}

void draw_torus_density(const fs::path& run, const fs::path& png, const std::string& title) {
  const std::vector<PvdEntry> entries = read_pvd(grid_series(run).string());
  if (entries.empty()) throw std::runtime_error(run.string() + ": the grid run has no frames");
  std::vector<std::size_t> chosen = {0, entries.size() / 2, entries.size() - 1};
  chosen.erase(std::unique(chosen.begin(), chosen.end()), chosen.end());
  fs::create_directories(fs::absolute(png).parent_path());
  const fs::path data = fs::path(png).replace_extension(".csv");
  double low = 0.0, high = 0.0;
  {
    std::ofstream out(data);
    char line[128];
    for (std::size_t n : chosen) {
      // Rows of cells by θ₂, then θ₁: the layout gnuplot's `with image` reads.
      std::vector<Cell> cells = cells_of(entries[n].file);
      std::sort(cells.begin(), cells.end(), [](const Cell& a, const Cell& b) { return a.y != b.y ? a.y < b.y : a.x < b.x; });
      out << "theta1,theta2,density\n";
      for (std::size_t k = 0; k < cells.size(); ++k) {
        if (k > 0 && cells[k].y != cells[k - 1].y) out << "\n";
        low = std::min(low, cells[k].density);
        high = std::max(high, cells[k].density);
        std::snprintf(line, sizeof line, "%.10g,%.10g,%.10g\n", cells[k].x, cells[k].y, cells[k].density);
        out << line;
      }
      out << "\n\n";
    }
    if (!out) throw std::runtime_error(data.string() + ": cannot write the data of the figure");
  }
  const double bound = std::max({std::abs(low), std::abs(high), 1e-300});
  std::ostringstream s;
  const std::string d = gnuplot_quoted(figure_data_path(data, png));
  const int n = static_cast<int>(chosen.size());
  s << "  set multiplot layout 1," << n << " title " << gnuplot_quoted(title + " — density on the torus T²")
    << "\n  set size ratio -1\n  set xrange [0:" << kTwoPi << "]\n  set yrange [0:" << kTwoPi
    << "]\n  set xlabel 'θ₁'\n  set ylabel 'θ₂'\n  set key below\n"
    << "  set palette defined (-1 '#0072B2', 0 'white', 1 '#D55E00')\n  set cbrange [" << (low < 0.0 ? -bound : 0.0)
    << ":" << bound << "]\n"
    << (low < 0.0 ? "" : "  set palette defined (0 'white', 1 '#D55E00')\n");
  for (int k = 0; k < n; ++k) {
    char t[64];
    std::snprintf(t, sizeof t, "t = %g", entries[chosen[static_cast<std::size_t>(k)]].time);
    s << "  set title " << gnuplot_quoted(t) << "\n  plot " << d << " index " << k
      << " using 1:2:3 skip 1 with image notitle";
    if (fs::exists(run / "teacher.csv")) {
      const std::string tc = gnuplot_quoted(figure_data_path(run / "teacher.csv", png));
      s << ", \\\n       " << tc << " skip 1 using (atan2($3, $2) < 0 ? atan2($3, $2) + " << kTwoPi
        << " : atan2($3, $2)):(atan2($5, $4) < 0 ? atan2($5, $4) + " << kTwoPi
        << " : atan2($5, $4)) with points pt 8 ps 2 lw 2 lc rgb 'black' title 'ground truth'";
    }
    s << "\n";
  }
  s << "  unset multiplot\n";
  draw_figure({png, 520 * n + 160, 620, s.str()});
}

}  // namespace mf
