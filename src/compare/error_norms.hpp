#pragma once
// Error norms of a cell field against a reference (Williamson et al. 1992), with the
// integral I(f) = Σ_i f_i A_i over cells:
//   l1 = I|h − h_T| / I|h_T|,  l2 = √I((h − h_T)²) / √I(h_T²),  linf = max|h − h_T| / max|h_T|,
//   mass error = (I(h) − I(h_T)) / I(h_T),
//   overshoot  = (max h − max h_T) / (max h_T − min h_T),
//   undershoot = (min h − min h_T) / (max h_T − min h_T).

#include <Eigen/Core>
#include <vector>

namespace mf {

struct ErrorNorms {
  double l1 = 0, l2 = 0, linf = 0;
  double mass_error = 0;
  double min_value = 0, max_value = 0;
  double overshoot = 0, undershoot = 0;
};

/// h, reference: densities per cell (#cells); area: #cells.
ErrorNorms error_norms(const Eigen::VectorXd& h, const Eigen::VectorXd& reference, const std::vector<double>& area);

/// Observed order between two resolutions: log(e_coarse / e_fine) / log(h_coarse / h_fine).
double observed_order(double error_coarse, double error_fine, double spacing_coarse, double spacing_fine);

/// Least-squares slope of log(error) against log(spacing): the order fitted over several resolutions.
double fitted_slope(const std::vector<double>& spacing, const std::vector<double>& error);

}  // namespace mf
