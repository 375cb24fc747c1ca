#include "compare/deposit.hpp"

#include "mesh/mesh_embedding.hpp"

namespace mf {

Eigen::VectorXd deposit(const PointLocator& locator, int n_cells, const Measure& mu) {
  Eigen::VectorXd m = Eigen::VectorXd::Zero(n_cells);
  for (int j = 0; j < mu.size(); ++j) {
    m[locator.locate(mesh_point(locator.mesh(), mu.directions.col(j)))] += mu.weights[j];
  }
  return m;
}

double cell_tv_distance(const PointLocator& locator, int n_cells, const Measure& a, const Measure& b) {
  return (deposit(locator, n_cells, a) - deposit(locator, n_cells, b)).cwiseAbs().sum();
}

}  // namespace mf
