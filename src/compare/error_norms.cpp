#include "compare/error_norms.hpp"

#include <cmath>

namespace mf {

ErrorNorms error_norms(const Eigen::VectorXd& h, const Eigen::VectorXd& ref, const std::vector<double>& area) {
  const Eigen::Map<const Eigen::VectorXd> a(area.data(), static_cast<Eigen::Index>(area.size()));
  const Eigen::VectorXd diff = h - ref;
  ErrorNorms e;
  e.l1 = diff.cwiseAbs().dot(a) / ref.cwiseAbs().dot(a);
  e.l2 = std::sqrt(diff.cwiseAbs2().dot(a) / ref.cwiseAbs2().dot(a));
  e.linf = diff.cwiseAbs().maxCoeff() / ref.cwiseAbs().maxCoeff();
  e.mass_error = (h.dot(a) - ref.dot(a)) / ref.dot(a);
  e.min_value = h.minCoeff();
  e.max_value = h.maxCoeff();
  const double range = ref.maxCoeff() - ref.minCoeff();
  e.overshoot = (h.maxCoeff() - ref.maxCoeff()) / range;
  e.undershoot = (h.minCoeff() - ref.minCoeff()) / range;
  return e;
}

double observed_order(double error_coarse, double error_fine, double spacing_coarse, double spacing_fine) {
  return std::log(error_coarse / error_fine) / std::log(spacing_coarse / spacing_fine);
}

double fitted_slope(const std::vector<double>& spacing, const std::vector<double>& error) {
  double sx = 0, sy = 0, sxx = 0, sxy = 0;
  const double n = static_cast<double>(spacing.size());
  for (std::size_t i = 0; i < spacing.size(); ++i) {
    const double x = std::log(spacing[i]), y = std::log(error[i]);
    sx += x;
    sy += y;
    sxx += x * x;
    sxy += x * y;
  }
  return (n * sxy - sx * sy) / (n * sxx - sx * sx);
}

}  // namespace mf
