#include "objective/data_set.hpp"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "objective/data_sums.hpp"

namespace mf {

Loss parse_loss(const std::string& name) {
  if (name == "square") return Loss::square;
  if (name == "logistic") return Loss::logistic;
  throw std::invalid_argument("unknown loss '" + name + "'; valid: \"square\", \"logistic\"");
}

std::string to_string(Loss loss) { return loss == Loss::square ? "square" : "logistic"; }

InputDistribution parse_input_distribution(const std::string& name) {
  if (name == "gaussian") return InputDistribution::gaussian;
  if (name == "sphere") return InputDistribution::sphere;
  throw std::invalid_argument("unknown input distribution '" + name + "'; valid: \"gaussian\", \"sphere\"");
}

std::string to_string(InputDistribution d) { return d == InputDistribution::gaussian ? "gaussian" : "sphere"; }

Eigen::MatrixXd sample_inputs(InputDistribution dist, int d, int n, unsigned long seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> g(0.0, 1.0);
  Eigen::MatrixXd X(d, n);
  for (int l = 0; l < n; ++l) {
    for (int r = 0; r < d; ++r) X(r, l) = g(rng);
    if (dist == InputDistribution::sphere) X.col(l).normalize();
  }
  return X;
}

DataSet teacher_data(const Measure& teacher, Loss loss, InputDistribution dist, int n, double noise,
                     unsigned long seed) {
  DataSet data;
  data.X = sample_inputs(dist, teacher.dimension(), n, seed);
  data_sums::reference::predict(teacher, data.X, data.y);
  std::mt19937_64 rng(seed + 0x9e3779b97f4a7c15ULL);
  std::normal_distribution<double> g(0.0, 1.0);
  for (int l = 0; l < n; ++l) {
    if (noise > 0.0) data.y[l] += noise * g(rng);
    if (loss == Loss::logistic) data.y[l] = data.y[l] >= 0.0 ? 1.0 : -1.0;
  }
  return data;
}

DataSet read_data_csv(const std::string& path, int d) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path + ": cannot read the data file");
  std::string line;
  auto fail = [&](int line_no, const std::string& what) {
    throw std::runtime_error(path + ":" + std::to_string(line_no) + ": " + what);
  };
  std::string expected;
  for (int r = 1; r <= d; ++r) {  // appended piecewise: GCC 12 warns falsely on "x" + std::string&&
    expected += 'x';
    expected += std::to_string(r);
    expected += ',';
  }
  expected += "y";
  if (!std::getline(in, line)) fail(1, "empty file; expected the header " + expected);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  if (line != expected)
    fail(1, "header is '" + line + "'; expected '" + expected + "' (d = " + std::to_string(d) + " input columns, then y)");
  std::vector<double> values;
  int line_no = 1, n = 0;
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
        fail(line_no, "column " + std::to_string(column) + " is '" + cell + "', not a finite number");
      values.push_back(v);
    }
    if (column != d + 1)
      fail(line_no, "has " + std::to_string(column) + " columns; expected " + std::to_string(d + 1) + " (x1..x" +
                        std::to_string(d) + ", y)");
    ++n;
  }
  if (n == 0) fail(line_no, "no samples after the header");
  DataSet data;
  data.X.resize(d, n);
  data.y.resize(n);
  for (int l = 0; l < n; ++l) {
    for (int r = 0; r < d; ++r) data.X(r, l) = values[static_cast<std::size_t>(l) * (d + 1) + r];
    data.y[l] = values[static_cast<std::size_t>(l) * (d + 1) + d];
  }
  return data;
}

void write_data_csv(const DataSet& data, const std::string& path) {
  std::ofstream out(path);
  if (!out) throw std::runtime_error(path + ": cannot write the data file");
  for (int r = 1; r <= data.dimension(); ++r) out << "x" << r << ",";
  out << "y\n";
  char buf[32];
  for (int l = 0; l < data.size(); ++l) {
    for (int r = 0; r < data.dimension(); ++r) {
      std::snprintf(buf, sizeof buf, "%.17g,", data.X(r, l));
      out << buf;
    }
    std::snprintf(buf, sizeof buf, "%.17g\n", data.y[l]);
    out << buf;
  }
  if (!out) throw std::runtime_error(path + ": write failed");
}

}  // namespace mf
