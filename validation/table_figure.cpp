#include "table_figure.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "figures/run_figures.hpp"

namespace mf {

namespace fs = std::filesystem;

namespace {

std::string header_name(std::string s) {
  for (char& ch : s)
    if (ch == ',' || ch == '\'' || ch == '"') ch = ';';
  return s;
}

double leading_number(const std::string& cell) {
  char* end = nullptr;
  const double v = std::strtod(cell.c_str(), &end);
  return end == cell.c_str() ? std::nan("") : v;
}

}  // namespace

void table_figure(Report& report, const std::vector<std::vector<std::string>>& rows, const TableFigure& f) {
  const fs::path png = fs::path(report.directory()) / (f.stem + ".png");
  const fs::path csv = fs::path(report.directory()) / (f.stem + ".csv");
  try {
    if (rows.size() < 2) throw std::runtime_error("the table has no rows");
    fs::create_directories(csv.parent_path());
    {
      std::ofstream out(csv);
      for (std::size_t k = 0; k < rows.front().size(); ++k) out << (k ? "," : "") << header_name(rows.front()[k]);
      out << "\n";
      char cell[40];
      for (std::size_t r = 1; r < rows.size(); ++r) {
        for (std::size_t k = 0; k < rows[r].size(); ++k) {
          double v = leading_number(rows[r][k]);
          if (f.absolute && k != 0) v = std::abs(v);
          std::snprintf(cell, sizeof cell, "%.10g", v);
          out << (k ? "," : "") << cell;
        }
        out << "\n";
      }
      if (!out) throw std::runtime_error(csv.string() + ": cannot write the figure's data");
    }
    std::vector<std::pair<std::string, std::string>> curves;
    for (const std::string& y : f.ys) curves.push_back({header_name(y), f.absolute ? "|" + y + "|" : y});
    draw_column_figure(csv, png, f.caption, header_name(f.x), curves, f.log_y, f.log_x, true);
    report.figure(f.stem + ".png", f.caption);
  } catch (const std::runtime_error& e) {
    report.note(std::string("(figure ") + f.stem + ".png not drawn: " + e.what() + ")");
  }
}

}  // namespace mf
