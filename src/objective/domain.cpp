#include "objective/domain.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>

namespace mf {

Domain Domain::sphere(int D) {
  if (D < 2) throw std::invalid_argument("a sphere S^{D−1} needs D ≥ 2 coordinates, not " + std::to_string(D));
  return Domain(false, D, 0);
}

Domain Domain::torus(int axes) {
  if (axes < 2) throw std::invalid_argument("a torus T^k has k ≥ 2 axes (T¹ is the circle S¹), not " + std::to_string(axes));
  return Domain(true, 2 * axes, axes);
}

std::string Domain::name() const {
  std::string n = torus_ ? "T" : "S";  // += : GCC 12 warns falsely (-Wrestrict) on "lit" + std::string
  n += std::to_string(torus_ ? axes_ : dimension_ - 1);
  return n;
}

void Domain::retract(Eigen::Ref<Eigen::MatrixXd> points) const {
  for (Eigen::Index j = 0; j < points.cols(); ++j) {
    if (!torus_) {
      const double r = points.col(j).norm();
      if (!(r > 0.0)) throw std::invalid_argument("point " + std::to_string(j + 1) + " is zero: it has no direction on " + name());
      points.col(j) /= r;
      continue;
    }
    for (int a = 0; a < axes_; ++a) {
      auto pair = points.col(j).segment(2 * a, 2);
      const double r = pair.norm();
      if (!(r > 0.0))
        throw std::invalid_argument("point " + std::to_string(j + 1) + " has a zero pair for angle " + std::to_string(a + 1) +
                                    " of " + name());
      pair /= r;
    }
  }
}

Eigen::VectorXd Domain::retracted(Eigen::VectorXd u) const {
  retract(u);
  return u;
}

Eigen::MatrixXd Domain::uniform(int count, std::mt19937_64& rng) const {
  Eigen::MatrixXd P(dimension(), count);
  if (torus_) {
    std::uniform_real_distribution<double> angle(0.0, 2.0 * std::numbers::pi);
    for (int j = 0; j < count; ++j)
      for (int a = 0; a < axes_; ++a) {
        const double t = angle(rng);
        P(2 * a, j) = std::cos(t);
        P(2 * a + 1, j) = std::sin(t);
      }
    return P;
  }
  std::normal_distribution<double> gauss(0.0, 1.0);
  for (int j = 0; j < count; ++j) {
    do {
      for (int r = 0; r < dimension_; ++r) P(r, j) = gauss(rng);
    } while (!(P.col(j).squaredNorm() > 0.0));
    P.col(j).normalize();
  }
  return P;
}

double Domain::distance(const Eigen::VectorXd& u, const Eigen::VectorXd& v) const {
  if (!torus_) return std::acos(std::clamp(u.dot(v), -1.0, 1.0));
  double s = 0.0;
  for (int a = 0; a < axes_; ++a) {
    // The angle between the two unit pairs, in [0, π]: atan2 of their cross and dot products.
    const double c = u[2 * a] * v[2 * a] + u[2 * a + 1] * v[2 * a + 1];
    const double x = u[2 * a] * v[2 * a + 1] - u[2 * a + 1] * v[2 * a];
    const double t = std::atan2(std::abs(x), c);
    s += t * t;
  }
  return std::sqrt(s);
}

Eigen::VectorXd Domain::angles(const Eigen::VectorXd& u) const {
  const int k = axes();
  if (k == 0) throw std::invalid_argument("a point of " + name() + " has no angles");
  Eigen::VectorXd t(k);
  for (int a = 0; a < k; ++a) t[a] = angle_in_turn(u[2 * a], u[2 * a + 1]);
  return t;
}

Eigen::VectorXd Domain::point(const Eigen::VectorXd& angles) const {
  const int k = axes();
  if (k == 0 || angles.size() != k)
    throw std::invalid_argument("a point of " + name() + " has " + std::to_string(k) + " angles, not " +
                                std::to_string(angles.size()));
  Eigen::VectorXd u(2 * k);
  for (int a = 0; a < k; ++a) u.segment(2 * a, 2) << std::cos(angles[a]), std::sin(angles[a]);
  return u;
}

}  // namespace mf
