#include "io/csv_writer.hpp"

#include <cstdio>
#include <stdexcept>

namespace mf {

CsvWriter::CsvWriter(const std::string& path, const std::vector<std::string>& columns)
    : path_(path), columns_(columns), out_(path) {
  if (!out_) throw std::runtime_error(path + ": cannot write the CSV file");
  for (std::size_t i = 0; i < columns_.size(); ++i) out_ << (i ? "," : "") << columns_[i];
  out_ << "\n" << std::flush;
}

void CsvWriter::row(const std::vector<double>& values) {
  if (values.size() != columns_.size())
    throw std::logic_error(path_ + ": row of " + std::to_string(values.size()) + " values for " +
                           std::to_string(columns_.size()) + " columns");
  char buf[32];
  for (std::size_t i = 0; i < values.size(); ++i) {
    std::snprintf(buf, sizeof buf, "%.17g", values[i]);
    out_ << (i ? "," : "") << buf;
  }
  out_ << "\n" << std::flush;
  if (!out_) throw std::runtime_error(path_ + ": write failed (disk full?)");
}

}  // namespace mf
