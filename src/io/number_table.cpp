#include "io/number_table.hpp"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace mf {

std::vector<std::string> numbered_columns(const std::string& prefix, int count) {
  std::vector<std::string> names;
  for (int r = 1; r <= count; ++r) {
    std::string name = prefix;  // appended piecewise: GCC 12 warns falsely on "x" + std::string&&
    name += std::to_string(r);
    names.push_back(name);
  }
  return names;
}

Eigen::MatrixXd read_number_table(const std::string& path, const std::vector<std::string>& columns,
                                  const std::string& layout, std::vector<int>* lines) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path + ": cannot read the file");
  auto fail = [&](int line_no, const std::string& what) {
    throw std::runtime_error(path + ":" + std::to_string(line_no) + ": " + what);
  };
  std::string expected;
  for (const std::string& c : columns) {
    if (!expected.empty()) expected += ',';
    expected += c;
  }
  const int width = static_cast<int>(columns.size());
  std::string line;
  if (!std::getline(in, line)) fail(1, "empty file; expected the header " + expected);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  if (line != expected) fail(1, "header is '" + line + "'; expected '" + expected + "' (" + layout + ")");
  std::vector<double> values;
  int line_no = 1, rows = 0;
  if (lines) lines->clear();
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    std::stringstream s(line);
    std::string cell;
    int column = 0;
    while (std::getline(s, cell, ',')) {
      ++column;
      char* end = nullptr;
      const double v = std::strtod(cell.c_str(), &end);
      if (cell.empty() || end == cell.c_str() || *end != '\0' || !std::isfinite(v))
        fail(line_no, "column " + std::to_string(column) + " is '" + cell + "', not a finite number");
      values.push_back(v);
    }
    if (column != width)
      fail(line_no, "has " + std::to_string(column) + " columns; expected " + std::to_string(width) + " (" + layout + ")");
    ++rows;
    if (lines) lines->push_back(line_no);
  }
  if (rows == 0) fail(line_no, "no rows after the header");
  return Eigen::Map<const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(values.data(), rows,
                                                                                                  width);
}

void write_number_table(const std::string& path, const std::vector<std::string>& columns, const Eigen::MatrixXd& rows) {
  std::ofstream out(path);
  if (!out) throw std::runtime_error(path + ": cannot write the file");
  for (std::size_t c = 0; c < columns.size(); ++c) out << (c ? "," : "") << columns[c];
  out << '\n';
  char buf[32];
  for (int i = 0; i < rows.rows(); ++i)
    for (int c = 0; c < rows.cols(); ++c) {
      std::snprintf(buf, sizeof buf, "%.17g", rows(i, c));
      out << buf << (c + 1 < rows.cols() ? ',' : '\n');
    }
  if (!out) throw std::runtime_error(path + ": write failed");
}

}  // namespace mf
