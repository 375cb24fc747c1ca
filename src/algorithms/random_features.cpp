#include "algorithms/random_features.hpp"

#include <Eigen/QR>
#include <stdexcept>

namespace mf {

WeightQuadratic weight_quadratic(const Objective& objective, const Eigen::MatrixXd& directions) {
  if (const DataObjective* data = objective.as_data_set(); data && data->loss_kind() != Loss::square)
    throw std::invalid_argument("random features fit the output weights by least squares: they need the square loss, "
                                "not the " + to_string(data->loss_kind()) + " loss");
  const Eigen::Index m = directions.cols();
  const Measure none{Eigen::MatrixXd(directions.rows(), 0), Eigen::VectorXd(0)};
  Eigen::VectorXd v;
  objective.potential(none, directions, v, nullptr);
  Eigen::MatrixXd H(m, m);
  for (Eigen::Index j = 0; j < m; ++j) {
    const Measure atom{directions.col(j), Eigen::VectorXd::Ones(1)};
    Eigen::VectorXd column;
    objective.potential(atom, directions, column, nullptr);
    H.col(j) = column - v;
  }
  H = 0.5 * (H + H.transpose());  // symmetric up to the sums' round-off
  return {H, v};
}

Measure optimal_output_weights(const Objective& objective, const Eigen::MatrixXd& directions) {
  const WeightQuadratic q = weight_quadratic(objective, directions);
  return Measure{directions, q.H.completeOrthogonalDecomposition().solve(-q.v)};
}

}  // namespace mf
