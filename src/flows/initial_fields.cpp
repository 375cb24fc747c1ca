#include "flows/initial_fields.hpp"

#include <cmath>
#include <numbers>

namespace mf {

DensityField cosine_bell(const Vec3& center, double radius, double h0, double background) {
  const Vec3 c = center.normalized();
  return [=](const Vec3& x) {
    const double r = great_circle_distance(x, c);
    return background + (r < radius ? 0.5 * h0 * (1.0 + std::cos(std::numbers::pi * r / radius)) : 0.0);
  };
}

DensityField gaussian_hills(const std::vector<Vec3>& centers, double height, double width) {
  return [=](const Vec3& x) {
    double h = 0.0;
    for (const Vec3& c : centers) h += height * std::exp(-width * (x - c).squaredNorm());
    return h;
  };
}

DensityField von_mises(const Vec3& center, double kappa, double height, double background) {
  const Vec3 c = center.normalized();
  return [=](const Vec3& x) { return background + height * std::exp(kappa * (x.dot(c) - 1.0)); };
}

Eigen::VectorXd sample_at_centers(const SphereMesh& mesh, const DensityField& rho) {
  Eigen::VectorXd v(mesh.n_cells());
  for (int c = 0; c < mesh.n_cells(); ++c) v[c] = rho(mesh.center[c]);
  return v;
}

Eigen::VectorXd sample_masses(const SphereMesh& mesh, const DensityField& rho) {
  Eigen::VectorXd m = sample_at_centers(mesh, rho);
  for (int c = 0; c < mesh.n_cells(); ++c) m[c] *= mesh.area[c];
  return m;
}

}  // namespace mf
