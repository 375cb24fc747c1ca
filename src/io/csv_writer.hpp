#pragma once
// CSV time series: one header line, one row per output time, numbers at full precision
// (%.17g), flushed after every row so an interrupted run keeps what it wrote.

#include <fstream>
#include <string>
#include <vector>

namespace mf {

class CsvWriter {
 public:
  /// Creates (truncates) `path` and writes the header. Throws std::runtime_error naming the path.
  CsvWriter(const std::string& path, const std::vector<std::string>& columns);
  /// One row; must have as many values as columns.
  void row(const std::vector<double>& values);
  const std::vector<std::string>& columns() const { return columns_; }

 private:
  std::string path_;
  std::vector<std::string> columns_;
  std::ofstream out_;
};

}  // namespace mf
