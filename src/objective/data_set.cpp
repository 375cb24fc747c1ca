#include "objective/data_set.hpp"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "base/precondition.hpp"
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

void check_labels(const DataSet& data, Loss loss, long first_sample) {
  if (!needs_binary_labels(loss)) return;
  for (int l = 0; l < data.size(); ++l)
    if (data.y[l] != 1.0 && data.y[l] != -1.0)
      throw std::invalid_argument("the " + to_string(loss) + " loss needs labels ±1; sample " + std::to_string(first_sample + l + 1) +
                                  " has y = " + std::to_string(data.y[l]));
}

namespace {

// Inputs share.begin … share.end − 1 of the n a seed draws (every draw is made, only the
// share's are kept).
Eigen::MatrixXd sample_share(InputDistribution dist, int d, unsigned long seed, IndexRange share) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> g(0.0, 1.0);
  Eigen::MatrixXd X(d, share.size());
  Eigen::VectorXd x(d);
  for (long l = 0; l < share.end; ++l) {
    for (int r = 0; r < d; ++r) x[r] = g(rng);
    if (!share.contains(l)) continue;
    if (dist == InputDistribution::sphere) x.normalize();
    X.col(l - share.begin) = x;
  }
  return X;
}

}  // namespace

Eigen::MatrixXd sample_inputs(InputDistribution dist, int d, int n, unsigned long seed) {
  return sample_share(dist, d, seed, IndexRange{0, n});
}

DataSet teacher_data(const Measure& teacher, Loss loss, InputDistribution dist, int n, double noise,
                     unsigned long seed) {
  return teacher_data(teacher, loss, dist, n, noise, seed, IndexRange{0, n});
}

DataSet teacher_data(const Measure& teacher, Loss loss, InputDistribution dist, int n, double noise,
                     unsigned long seed, IndexRange share) {
  return labelled_data([&](const Eigen::MatrixXd& X, Eigen::VectorXd& y) { data_sums::reference::predict(teacher, X, y); },
                       teacher.dimension(), loss, dist, n, noise, seed, share);
}

DataSet labelled_data(const std::function<void(const Eigen::MatrixXd&, Eigen::VectorXd&)>& f, int d, Loss loss,
                      InputDistribution dist, int n, double noise, unsigned long seed, IndexRange share) {
  MF_PRECONDITION(share.begin >= 0 && share.begin <= share.end && share.end <= n,
                  "a share [" + std::to_string(share.begin) + ", " + std::to_string(share.end) + ") of " +
                      std::to_string(n) + " samples");
  DataSet data;
  data.X = sample_share(dist, d, seed, share);
  f(data.X, data.y);
  std::mt19937_64 rng(seed + 0x9e3779b97f4a7c15ULL);
  std::normal_distribution<double> g(0.0, 1.0);
  for (long l = 0; l < share.end; ++l) {
    const double e = noise > 0.0 ? g(rng) : 0.0;
    if (!share.contains(l)) continue;
    const auto i = static_cast<Eigen::Index>(l - share.begin);
    data.y[i] += noise * e;
    if (needs_binary_labels(loss)) data.y[i] = data.y[i] >= 0.0 ? 1.0 : -1.0;
  }
  return data;
}

std::vector<std::string> data_columns(int d) {
  std::vector<std::string> columns = numbered_columns("x", d);
  columns.push_back("y");
  return columns;
}

namespace {

std::string data_layout(int d) { return "x1..x" + std::to_string(d) + ", y"; }

DataSet data_of_rows(const Eigen::MatrixXd& rows, int d) {
  DataSet data;
  data.X = rows.leftCols(d).transpose();
  data.y = rows.col(d);
  return data;
}

}  // namespace

DataSet read_data_csv(const std::string& path, int d) {
  return data_of_rows(read_number_table(path, data_columns(d), data_layout(d)), d);
}

DataSet read_data_csv_part(const std::string& path, int d, int part, int parts) {
  return data_of_rows(read_number_table_part(path, data_columns(d), data_layout(d), part, parts), d);
}

void write_data_csv(const DataSet& data, const std::string& path) {
  const std::vector<std::string> columns = data_columns(data.dimension());
  Eigen::MatrixXd rows(data.size(), data.dimension() + 1);
  rows << data.X.transpose(), data.y;
  write_number_table(path, columns, rows);
}

}  // namespace mf
