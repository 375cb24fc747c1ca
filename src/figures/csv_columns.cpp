#include "figures/csv_columns.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace mf {

std::vector<std::filesystem::path> series_files(const std::filesystem::path& folder, const std::string& prefix) {
  std::vector<std::filesystem::path> files;
  if (!std::filesystem::is_directory(folder)) return files;
  for (const auto& e : std::filesystem::directory_iterator(folder)) {
    const std::string name = e.path().filename().string();
    if (name.rfind(prefix, 0) == 0 && e.path().extension() == ".csv") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());  // NNNNNN: lexical order is output order
  return files;
}

std::filesystem::path grid_series(const std::filesystem::path& run) {
  std::vector<std::filesystem::path> found;
  if (std::filesystem::is_directory(run))
    for (const auto& e : std::filesystem::directory_iterator(run))
      if (e.path().extension() == ".pvd" && e.path().stem().string().find("_lifted") == std::string::npos)
        found.push_back(e.path());
  if (found.size() != 1)
    throw std::runtime_error(run.string() + ": a grid run holds one .pvd series; found " + std::to_string(found.size()));
  return found.front();
}

namespace {

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> cells;
  std::string cell;
  std::istringstream s(line);
  while (std::getline(s, cell, ',')) cells.push_back(cell);
  if (!line.empty() && line.back() == ',') cells.emplace_back();
  return cells;
}

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\r' || s.back() == ' ')) s.pop_back();
  std::size_t i = 0;
  while (i < s.size() && s[i] == ' ') ++i;
  return s.substr(i);
}

}  // namespace

CsvColumns::CsvColumns(const std::string& path) : path_(path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path + ": cannot read the file");
  std::string line;
  if (!std::getline(in, line) || trimmed(line).empty()) throw std::runtime_error(path + ": no header line");
  for (const std::string& name : split(trimmed(line))) {
    index_[trimmed(name)] = names_.size();
    names_.push_back(trimmed(name));
  }
  cells_.resize(names_.size());
  int number = 1;
  while (std::getline(in, line)) {
    ++number;
    line = trimmed(line);
    if (line.empty()) continue;
    const std::vector<std::string> cells = split(line);
    if (cells.size() != names_.size())
      throw std::runtime_error(path + ":" + std::to_string(number) + ": " + std::to_string(cells.size()) +
                               " cells, but the header has " + std::to_string(names_.size()) + " columns");
    for (std::size_t k = 0; k < cells.size(); ++k) cells_[k].push_back(trimmed(cells[k]));
    lines_.push_back(number);
  }
}

std::vector<double> CsvColumns::column(const std::string& name) const {
  const std::vector<std::string>& cells = text(name);
  std::vector<double> values(cells.size());
  for (std::size_t i = 0; i < cells.size(); ++i) {
    char* end = nullptr;
    values[i] = std::strtod(cells[i].c_str(), &end);
    if (cells[i].empty() || end != cells[i].c_str() + cells[i].size())
      throw std::runtime_error(path_ + ":" + std::to_string(lines_[i]) + ": column '" + name + "': '" +
                               cells[i].substr(0, 40) + "' is not a number");
  }
  return values;
}

const std::vector<std::string>& CsvColumns::text(const std::string& name) const {
  const auto it = index_.find(name);
  if (it == index_.end()) {
    std::string have;
    for (const auto& n : names_) have += (have.empty() ? "" : ", ") + n;
    throw std::runtime_error(path_ + ": has no column '" + name + "' (its columns: " + have + ")");
  }
  return cells_[it->second];
}

void CsvColumns::require(const std::vector<std::string>& names) const {
  for (const auto& n : names) text(n);
}

bool CsvColumns::any_finite(const std::string& name) const {
  for (double v : column(name))
    if (std::isfinite(v)) return true;
  return false;
}

}  // namespace mf
