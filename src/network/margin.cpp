#include "network/margin.hpp"

#include <cmath>

#include "base/precondition.hpp"

namespace mf {

double margin_scale(const PlainNetwork& net, TrainedLayers layers) {
  const double m = net.width();
  if (layers == TrainedLayers::output) return net.a.norm() / std::sqrt(m);
  return (net.a.squaredNorm() + net.b.squaredNorm()) / m;
}

Margins margins_from_sums(double min_yf, double shifted_sum, long n, double scale) {
  Margins g;
  g.normalized = min_yf / scale;
  g.smooth = (min_yf - std::log(shifted_sum / static_cast<double>(n))) / scale;
  return g;
}

double classification_error(const Eigen::VectorXd& y, const Eigen::VectorXd& f) {
  MF_PRECONDITION(y.size() == f.size() && y.size() > 0, std::to_string(y.size()) + " labels for " +
                                                            std::to_string(f.size()) + " predictions");
  return static_cast<double>((y.array() * f.array() <= 0.0).count()) / static_cast<double>(y.size());
}

Margins margins(const Eigen::VectorXd& y, const Eigen::VectorXd& f, double scale) {
  MF_PRECONDITION(y.size() == f.size() && y.size() > 0, std::to_string(y.size()) + " labels for " +
                                                            std::to_string(f.size()) + " predictions");
  const Eigen::ArrayXd z = y.array() * f.array();
  const double z_min = z.minCoeff();
  return margins_from_sums(z_min, (-(z - z_min)).exp().sum(), y.size(), scale);
}

}  // namespace mf
