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

namespace {

// Rows of a table from the stream's position: those starting before byte `stop` (−1: to the
// end). first_line() gives the line number of the stream's first line (called only when a
// message needs it: for a part of a file it counts the lines before it).
template <class FirstLine>
Eigen::MatrixXd read_rows(std::istream& in, const std::string& path, int width, const std::string& layout,
                          std::streamoff stop, const FirstLine& first_line, std::vector<int>* lines, bool need_rows) {
  std::vector<double> values;
  std::string line;
  int rows = 0, read = 0;  // read: lines read so far from the start position
  if (lines) lines->clear();
  auto line_no = [&] { return first_line() + read - 1; };  // of the line just read
  while (true) {
    const std::streamoff at = in.tellg();
    if (at < 0 || (stop >= 0 && at >= stop) || !std::getline(in, line)) break;
    ++read;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    auto fail = [&](const std::string& what) { throw InputError(path + ":" + std::to_string(line_no()) + ": " + what); };
    std::stringstream s(line);
    std::string cell;
    int column = 0;
    while (std::getline(s, cell, ',')) {
      ++column;
      char* end = nullptr;
      const double v = std::strtod(cell.c_str(), &end);
      if (cell.empty() || end == cell.c_str() || *end != '\0' || !std::isfinite(v))
        fail("column " + std::to_string(column) + " is " + quote_excerpt(cell) + ", not a finite number");
      values.push_back(v);
    }
    if (column != width)
      fail("has " + std::to_string(column) + " columns; expected " + std::to_string(width) + " (" + layout + ")");
    ++rows;
    if (lines) lines->push_back(line_no());
  }
  if (rows == 0 && need_rows) throw InputError(path + ":" + std::to_string(line_no()) + ": no rows after the header");
  return Eigen::Map<const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(values.data(), rows,
                                                                                                  width);
}

// Opens the file and checks its header; the stream is left at the first row.
std::ifstream open_table(const std::string& path, const std::vector<std::string>& columns, const std::string& layout) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path + ": cannot read the file");
  auto fail = [&](const std::string& what) { throw InputError(path + ":1: " + what); };
  std::string expected;
  for (const std::string& c : columns) {
    if (!expected.empty()) expected += ',';
    expected += c;
  }
  std::string line;
  if (!std::getline(in, line)) fail("empty file; expected the header " + quote_excerpt(expected) + " (" + layout + ")");
  if (!line.empty() && line.back() == '\r') line.pop_back();
  if (line != expected)
    fail("header is " + quote_excerpt(line) + "; expected " + quote_excerpt(expected) + " (" + layout + "): " +
         first_difference(line, columns));
  return in;
}

}  // namespace

Eigen::MatrixXd read_number_table(const std::string& path, const std::vector<std::string>& columns,
                                  const std::string& layout, std::vector<int>* lines) {
  std::ifstream in = open_table(path, columns, layout);
  return read_rows(in, path, static_cast<int>(columns.size()), layout, -1, [] { return 2; }, lines, true);
}

Eigen::MatrixXd read_number_table_part(const std::string& path, const std::vector<std::string>& columns,
                                       const std::string& layout, int part, int parts) {
  std::ifstream in = open_table(path, columns, layout);
  const std::streamoff first = in.tellg();
  in.seekg(0, std::ios::end);
  const std::streamoff bytes = static_cast<std::streamoff>(in.tellg()) - first;
  const auto bound = [&](int k) { return first + static_cast<std::streamoff>(static_cast<long double>(bytes) * k / parts); };
  const std::streamoff lo = bound(part), hi = bound(part + 1);
  in.seekg(lo > first ? lo - 1 : lo);
  if (lo > first) {  // a row starts at lo only if the byte before it ends a line
    std::string rest;
    if (in.get() != '\n') std::getline(in, rest);
  }
  const std::streamoff start = in.tellg();
  const auto first_line = [&] {  // only for an error message: count the lines before this part
    std::ifstream counter(path, std::ios::binary);
    int line = 1;
    std::string skipped;
    while (counter.tellg() < start && std::getline(counter, skipped)) ++line;
    return line;
  };
  return read_rows(in, path, static_cast<int>(columns.size()), layout, hi, first_line, nullptr, false);
}

void write_number_header(std::ostream& out, const std::vector<std::string>& columns) {
  for (std::size_t c = 0; c < columns.size(); ++c) out << (c ? "," : "") << columns[c];
  out << '\n';
}

void write_number_rows(std::ostream& out, const Eigen::MatrixXd& rows) {
  char buf[32];
  for (int i = 0; i < rows.rows(); ++i)
    for (int c = 0; c < rows.cols(); ++c) {
      std::snprintf(buf, sizeof buf, "%.17g", rows(i, c));
      out << buf << (c + 1 < rows.cols() ? ',' : '\n');
    }
}

void write_number_table(const std::string& path, const std::vector<std::string>& columns, const Eigen::MatrixXd& rows) {
  write_file_atomically(path, [&](std::ostream& out) {
    write_number_header(out, columns);
    write_number_rows(out, rows);
  });
}

}  // namespace mf
