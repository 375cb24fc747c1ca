#pragma once
// The columns of a CSV file a run wrote (diagnostics.csv, compare.csv, iterations.csv …), read
// by name for figures: one header line, then rows of cells — numbers (`nan` allowed: a value a
// run could not compute at that row, e.g. a teacher distance without a teacher) or words (the
// method column of compare.csv).

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace mf {

/// The CSV files of one output series a run wrote — `folder`/`prefix`NNNNNN.csv (particles/particles_,
/// weights/network_, predictor/predictor_) — in output order; empty when the folder is missing.
std::vector<std::filesystem::path> series_files(const std::filesystem::path& folder, const std::string& prefix);
/// A grid run's ParaView series: its one .pvd whose name is not a lifted series; throws
/// std::runtime_error naming the folder and how many it found otherwise.
std::filesystem::path grid_series(const std::filesystem::path& run);

class CsvColumns {
 public:
  /// Throws std::runtime_error naming the file (and the line) when it cannot be read, has no
  /// header or a row with another number of cells.
  explicit CsvColumns(const std::string& path);

  const std::string& path() const { return path_; }
  const std::vector<std::string>& names() const { return names_; }
  bool has(const std::string& name) const { return index_.count(name) != 0; }
  /// The column's numbers; throws std::runtime_error naming the file, the column and the
  /// columns it has when there is no such column, or the line of a cell that is not a number.
  std::vector<double> column(const std::string& name) const;
  /// The column's cells as written.
  const std::vector<std::string>& text(const std::string& name) const;
  std::size_t rows() const { return lines_.size(); }
  /// Throws unless every name is a column (naming the first missing one and what the file has).
  void require(const std::vector<std::string>& names) const;
  /// Whether the column has a finite value other than `except` (e.g. 0 for an all-zero column).
  bool any_finite(const std::string& name) const;

 private:
  std::string path_;
  std::vector<std::string> names_;
  std::map<std::string, std::size_t> index_;
  std::vector<std::vector<std::string>> cells_;  // by column
  std::vector<int> lines_;                      // the line number of each row
};

}  // namespace mf
