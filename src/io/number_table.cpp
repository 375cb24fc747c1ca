#include "io/number_table.hpp"

#include "io/atomic_file.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "io/input_error.hpp"

namespace mf {

namespace {

// The 1-based position of the first comma-separated name where `header` and `expected`
// differ, with both names quoted ("" past the end of a list): "column 3 is 'x3 ', expected 'x3'".
std::string first_difference(const std::string& header, const std::vector<std::string>& expected) {
  std::vector<std::string> names;
  std::stringstream s(header);
  for (std::string name; std::getline(s, name, ',');) names.push_back(name);
  if (!header.empty() && header.back() == ',') names.emplace_back();
  for (std::size_t k = 0; k < std::max(names.size(), expected.size()); ++k) {
    const std::string got = k < names.size() ? names[k] : "", want = k < expected.size() ? expected[k] : "";
    if (got == want) continue;
    return "column " + std::to_string(k + 1) + (k < names.size() ? " is " + quote_excerpt(got) : " is missing") +
           (k < expected.size() ? ", expected " + quote_excerpt(want) : ", expected no more columns");
  }
  return "";
}

}  // namespace

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
  if (!in) throw InputError(path + ": cannot read the file");
  auto fail = [&](int line_no, const std::string& what) {
    throw InputError(path + ":" + std::to_string(line_no) + ": " + what);
  };
  std::string expected;
  for (const std::string& c : columns) {
    if (!expected.empty()) expected += ',';
    expected += c;
  }
  const int width = static_cast<int>(columns.size());
  std::string line;
  if (!std::getline(in, line)) fail(1, "empty file; expected the header " + quote_excerpt(expected) + " (" + layout + ")");
  if (!line.empty() && line.back() == '\r') line.pop_back();
  if (line != expected)
    fail(1, "header is " + quote_excerpt(line) + "; expected " + quote_excerpt(expected) + " (" + layout + "): " +
                first_difference(line, columns));
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
        fail(line_no, "column " + std::to_string(column) + " is " + quote_excerpt(cell) + ", not a finite number");
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
  write_file_atomically(path, [&](std::ostream& out) {
    for (std::size_t c = 0; c < columns.size(); ++c) out << (c ? "," : "") << columns[c];
    out << '\n';
    char buf[32];
    for (int i = 0; i < rows.rows(); ++i)
      for (int c = 0; c < rows.cols(); ++c) {
        std::snprintf(buf, sizeof buf, "%.17g", rows(i, c));
        out << buf << (c + 1 < rows.cols() ? ',' : '\n');
      }
  });
}

}  // namespace mf
