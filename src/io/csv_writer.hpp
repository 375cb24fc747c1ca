#pragma once
// CSV time series: one header line, one row per output time, numbers at full precision
// (%.17g), flushed after every row so an interrupted run keeps what it wrote. Every row is
// checked: a row that cannot be written whole (disk full) is cut off again, so the file holds
// only complete rows, and WriteError names the file.

#include <cstdint>
#include <fstream>
#include <string>
#include <vector>

#include "io/file_registry.hpp"

namespace mf {

class CsvWriter {
 public:
  /// Creates (truncates) `path`, announced first to `registry` (may be null), and writes the
  /// header. Throws WriteError naming the path.
  CsvWriter(const std::string& path, const std::vector<std::string>& columns, FileRegistry* registry = nullptr);
  /// One row; must have as many values as columns.
  void row(const std::vector<double>& values);
  const std::vector<std::string>& columns() const { return columns_; }

 private:
  void write_line(const std::string& line);
  std::string path_;
  std::vector<std::string> columns_;
  std::ofstream out_;
  std::uintmax_t good_size_ = 0;  // bytes of complete lines
};

}  // namespace mf
