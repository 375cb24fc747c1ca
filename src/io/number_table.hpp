#pragma once
// CSV files of numbers under a fixed header — data sets, network weights, particles: the
// formats other programs read and write to start from the same state (README.md, "CSV
// files"). Numbers are written at full precision (%.17g).

#include <Eigen/Core>
#include <ostream>
#include <string>
#include <vector>

namespace mf {

/// The rows of `path` (rows × columns.size()). Throws InputError (io/input_error.hpp) naming the
/// file, the line and the column for: a file that cannot be read, a header other than the
/// columns joined by commas, a row with another number of cells, a cell that is not a finite
/// number, no rows; a quoted header or cell is cut after 200 characters. `layout` describes
/// the columns in words for those messages (e.g. "x1..x3, y"). `lines`, when given, receives
/// each row's line number (blank lines are skipped), for the caller's own checks of values.
Eigen::MatrixXd read_number_table(const std::string& path, const std::vector<std::string>& columns,
                                  const std::string& layout, std::vector<int>* lines = nullptr);

/// Part `part` of `parts` of a table's rows, read without parsing the others (a rank's share
/// of a data file): the rows that start in bytes [lo, hi) of the S bytes after the header,
/// lo = S·part/parts, hi = S·(part + 1)/parts, so the parts in order are the whole table. The
/// header is checked by every part, rows as by read_number_table (errors name the file's line
/// number, counted only when there is an error); a part may be empty (the caller checks
/// that the parts together have rows).
Eigen::MatrixXd read_number_table_part(const std::string& path, const std::vector<std::string>& columns,
                                       const std::string& layout, int part, int parts);
/// Writes the header and the rows through a temporary file (io/atomic_file.hpp); throws
/// WriteError naming the path if it cannot.
void write_number_table(const std::string& path, const std::vector<std::string>& columns, const Eigen::MatrixXd& rows);

/// The header line and the rows as write_number_table writes them, to a stream (a table
/// written in pieces, e.g. by the ranks of a run in turn).
void write_number_header(std::ostream& out, const std::vector<std::string>& columns);
void write_number_rows(std::ostream& out, const Eigen::MatrixXd& rows);

/// {prefix1, …, prefixN}.
std::vector<std::string> numbered_columns(const std::string& prefix, int count);

}  // namespace mf
