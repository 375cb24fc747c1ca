#pragma once
// Helpers shared by the tests.

#include <Eigen/Core>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <unistd.h>
#include <vector>

namespace mf {

/// n independent uniform points on S² (normalized Gaussians), reproducible from the seed.
inline Eigen::Matrix3Xd random_sphere_points(int n, unsigned seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> g;
  Eigen::Matrix3Xd p(3, n);
  for (int i = 0; i < n; ++i) p.col(i) = Eigen::Vector3d(g(rng), g(rng), g(rng)).normalized();
  return p;
}

/// `s` with the first `from` replaced by `to` (a test's variation of a valid case text).
inline std::string replace(std::string s, const std::string& from, const std::string& to) {
  const auto pos = s.find(from);
  if (pos == std::string::npos) throw std::logic_error("test text lacks " + from);
  return s.replace(pos, from.size(), to);
}

/// The numbers of a CSV file a run wrote, below its header line (nan allowed; a diagnostics
/// column without data), row by row; the header goes to `header` when given.
inline std::vector<std::vector<double>> read_csv_numbers(const std::filesystem::path& path,
                                                         std::string* header = nullptr) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path.string() + ": cannot be read");
  std::string line;
  std::getline(in, line);
  if (header) *header = line;
  std::vector<std::vector<double>> rows;
  while (std::getline(in, line)) {
    std::vector<double> row;
    std::stringstream cells(line);
    std::string cell;
    while (std::getline(cells, cell, ',')) row.push_back(std::stod(cell));
    rows.push_back(row);
  }
  return rows;
}

/// A fresh temporary directory, removed with its contents at scope exit.
struct TempDir {
  std::filesystem::path path;
  TempDir() {
    std::random_device rd;
    path = std::filesystem::temp_directory_path() /
           ("measureflow_test_" + std::to_string(getpid()) + "_" + std::to_string(rd()));
    std::filesystem::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  /// Writes `text` to a file in the directory and returns its path.
  std::string write(const std::string& name, const std::string& text) const {
    const auto p = path / name;
    std::ofstream(p) << text;
    return p.string();
  }
};

}  // namespace mf
