#include "objective/cluster_data.hpp"

#include <algorithm>
#include <numbers>
#include <numeric>
#include <random>
#include <string>

#include "base/precondition.hpp"

namespace mf {

double cluster_spacing(int k) { return 1.0 / (3.0 * k - 1.0); }

Eigen::VectorXi cluster_labels(int k, unsigned long seed) {
  MF_PRECONDITION(k >= 2, "a grid of k × k clusters needs k ≥ 2, not " + std::to_string(k));
  std::vector<int> order(static_cast<std::size_t>(k * k));
  std::iota(order.begin(), order.end(), 0);
  std::mt19937_64 rng(seed);
  std::shuffle(order.begin(), order.end(), rng);
  Eigen::VectorXi labels = Eigen::VectorXi::Ones(k * k);
  for (int i = 0; i < k * k / 2; ++i) labels[order[static_cast<std::size_t>(i)]] = -1;
  return labels;
}

DataSet cluster_data(int k, int d, int n, unsigned long seed, unsigned long sample_seed, IndexRange share) {
  MF_PRECONDITION(d >= 2 && share.begin >= 0 && share.begin <= share.end && share.end <= n,
                  "cluster data in d = " + std::to_string(d) + ", share [" + std::to_string(share.begin) + ", " +
                      std::to_string(share.end) + ") of " + std::to_string(n));
  const Eigen::VectorXi labels = cluster_labels(k, seed);
  const double delta = cluster_spacing(k);
  std::mt19937_64 rng(sample_seed);
  std::uniform_int_distribution<int> cluster(0, k * k - 1);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  DataSet data;
  data.X.resize(d, share.size());
  data.y.resize(share.size());
  Eigen::VectorXd x(d);
  for (long l = 0; l < share.end; ++l) {
    // Every sample draws the same numbers in the same order, kept or not: a share is a slice.
    const int c = cluster(rng);
    const double angle = 2.0 * std::numbers::pi * unit(rng), radius = delta * unit(rng);
    x[0] = delta * (1.0 + 3.0 * (c % k)) - 0.5 + radius * std::cos(angle);
    x[1] = delta * (1.0 + 3.0 * (c / k)) - 0.5 + radius * std::sin(angle);
    for (int i = 2; i < d; ++i) x[i] = unit(rng) - 0.5;
    if (!share.contains(l)) continue;
    const auto i = static_cast<Eigen::Index>(l - share.begin);
    data.X.col(i) = x;
    data.y[i] = labels[c];
  }
  return data;
}

}  // namespace mf
