#include "objective/data_set.hpp"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "io/number_table.hpp"
#include "objective/data_sums.hpp"

namespace mf {

const NameTable<InputDistribution>& name_table(InputDistribution) {
  static const NameTable<InputDistribution> table("input distribution", {
      {InputDistribution::sphere, "sphere", "x uniform on the unit sphere S^{d−1} (kernel factor 1/d)"},
      {InputDistribution::gaussian, "gaussian", "x ~ N(0, I_d) (kernel factor 1)"},
  });
  return table;
}

void check_labels(const DataSet& data, Loss loss) {
  if (!needs_binary_labels(loss)) return;
  for (int l = 0; l < data.size(); ++l)
    if (data.y[l] != 1.0 && data.y[l] != -1.0)
      throw std::invalid_argument("the " + to_string(loss) + " loss needs labels ±1; sample " + std::to_string(l + 1) +
                                  " has y = " + std::to_string(data.y[l]));
}

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
    if (needs_binary_labels(loss)) data.y[l] = data.y[l] >= 0.0 ? 1.0 : -1.0;
  }
  return data;
}

DataSet read_data_csv(const std::string& path, int d) {
  std::vector<std::string> columns = numbered_columns("x", d);
  columns.push_back("y");
  const Eigen::MatrixXd rows = read_number_table(path, columns, "x1..x" + std::to_string(d) + ", y");
  DataSet data;
  data.X = rows.leftCols(d).transpose();
  data.y = rows.col(d);
  return data;
}

void write_data_csv(const DataSet& data, const std::string& path) {
  std::vector<std::string> columns = numbered_columns("x", data.dimension());
  columns.push_back("y");
  Eigen::MatrixXd rows(data.size(), data.dimension() + 1);
  rows << data.X.transpose(), data.y;
  write_number_table(path, columns, rows);
}

}  // namespace mf
