#include "particles/lifted_points.hpp"

#include <cmath>

namespace mf {

const NameTable<LiftedScale>& name_table(LiftedScale) {
  static const NameTable<LiftedScale> table("lifted scale", {
      {LiftedScale::linear, "linear", "the lifted point |a_j| b_j = m c_j θ_j"},
      {LiftedScale::tanh, "tanh", "radius compressed to tanh(m c_j): large neurons stay in the picture"},
  });
  return table;
}

Eigen::Matrix3Xd drawn_directions(const Eigen::MatrixXd& positions) {
  const Eigen::Index m = positions.cols(), d = positions.rows();
  Eigen::Matrix3Xd out = Eigen::Matrix3Xd::Zero(3, m);
  for (Eigen::Index j = 0; j < m; ++j) {
    const double norm = positions.col(j).norm();
    for (Eigen::Index r = 0; r < d && r < 3; ++r) out(r, j) = norm > 0.0 ? positions(r, j) / norm : 0.0;
  }
  return out;
}

Eigen::Matrix3Xd drawn_points(const Domain& domain, const Eigen::MatrixXd& positions) {
  if (!domain.is_torus()) return drawn_directions(positions);
  Eigen::Matrix3Xd out = Eigen::Matrix3Xd::Zero(3, positions.cols());
  for (Eigen::Index j = 0; j < positions.cols(); ++j) out.topRows(2).col(j) = domain.angles(positions.col(j)).head(2);
  return out;
}

namespace {
/// The drawn radius of atom j: m c_j, or tanh(m c_j).
double lifted_radius(const Eigen::VectorXd& mass, Eigen::Index j, LiftedScale scale) {
  const double r = static_cast<double>(mass.size()) * mass[j];
  return scale == LiftedScale::tanh ? std::tanh(r) : r;
}
}  // namespace

Eigen::Matrix3Xd lifted_points(const Eigen::MatrixXd& positions, const Eigen::VectorXd& mass, LiftedScale scale) {
  Eigen::Matrix3Xd out = drawn_directions(positions);
  for (Eigen::Index j = 0; j < out.cols(); ++j) out.col(j) *= lifted_radius(mass, j, scale);
  return out;
}

Eigen::Matrix3Xd lifted_points(const Domain& domain, const Eigen::MatrixXd& positions, const Eigen::VectorXd& mass,
                               LiftedScale scale) {
  if (!domain.is_torus()) return lifted_points(positions, mass, scale);
  Eigen::Matrix3Xd out = drawn_points(domain, positions);
  for (Eigen::Index j = 0; j < out.cols(); ++j) out(2, j) = lifted_radius(mass, j, scale);
  return out;
}

}  // namespace mf
