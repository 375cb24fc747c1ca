#pragma once
// A report table as a figure: the numbers of some columns against one column, drawn into the
// report directory with gnuplot (figures/run_figures.hpp), the table's numbers written beside
// it as <stem>.csv. A cell that does not start with a number ("—", "nan") is nan there; a
// trailing note ("2.5 (not checked)") is dropped. A figure that cannot be drawn (gnuplot
// missing) is a note in the report, not a failed bar.

#include <string>
#include <vector>

#include "report.hpp"

namespace mf {

struct TableFigure {
  std::string stem;                 ///< report-relative, e.g. "A3/convergence" (→ .png, .svg, .gp, .csv)
  std::string caption;
  std::string x;                    ///< the header of the x column
  std::vector<std::string> ys;      ///< headers of the plotted columns
  bool log_x = false, log_y = false;
  bool absolute = false;            ///< plot |value| (signed differences on a log axis)
};

void table_figure(Report& report, const std::vector<std::vector<std::string>>& rows, const TableFigure& figure);

}  // namespace mf
