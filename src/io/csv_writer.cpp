#include "io/csv_writer.hpp"

#include <cstdio>
#include <filesystem>
#include <stdexcept>

#include "io/atomic_file.hpp"

namespace mf {

CsvWriter::CsvWriter(const std::string& path, const std::vector<std::string>& columns, FileRegistry* registry)
    : path_(path), columns_(columns) {
  if (registry) registry->add(path);
  out_.open(path, std::ios::binary | std::ios::trunc);
  if (!out_) throw WriteError(path + ": cannot create the CSV file");
  std::string header;
  for (std::size_t i = 0; i < columns_.size(); ++i) header += (i ? "," : "") + columns_[i];
  write_line(header);
}

void CsvWriter::row(const std::vector<double>& values) {
  if (values.size() != columns_.size())
    throw std::logic_error(path_ + ": row of " + std::to_string(values.size()) + " values for " +
                           std::to_string(columns_.size()) + " columns");
  std::string line;
  char buf[32];
  for (std::size_t i = 0; i < values.size(); ++i) {
    std::snprintf(buf, sizeof buf, "%.17g", values[i]);
    if (i) line += ',';
    line += buf;
  }
  write_line(line);
}

void CsvWriter::write_line(const std::string& line) {
  out_ << line << '\n' << std::flush;
  if (!out_) {
    out_.close();
    std::error_code ignored;
    std::filesystem::resize_file(path_, good_size_, ignored);  // drop a partly written row
    throw WriteError(path_ + ": write failed; is the disk full? The rows before stay readable");
  }
  good_size_ += line.size() + 1;
}

}  // namespace mf
