#include "compare/deposit.hpp"

namespace mf {

Eigen::VectorXd deposit(const PointLocator& locator, int n_cells, const Measure& mu) {
  Eigen::VectorXd m = Eigen::VectorXd::Zero(n_cells);
  for (int j = 0; j < mu.size(); ++j) {
    Vec3 x = Vec3::Zero();
    x.head(mu.dimension()) = mu.directions.col(j).normalized();
    m[locator.locate(x)] += mu.weights[j];
  }
  return m;
}

double cell_tv_distance(const PointLocator& locator, int n_cells, const Measure& a, const Measure& b) {
  return (deposit(locator, n_cells, a) - deposit(locator, n_cells, b)).cwiseAbs().sum();
}

}  // namespace mf
