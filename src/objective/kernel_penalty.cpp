#include "objective/kernel_penalty.hpp"

#include <cmath>
#include <stdexcept>

#include "base/parallel_threshold.hpp"

namespace mf {

const NameTable<PenaltyKernel>& name_table(PenaltyKernel) {
  static const NameTable<PenaltyKernel> table("penalty kernel", {
      {PenaltyKernel::attractive, "attractive", "κ(s) = 1 − e^{(s−1)/σ²}: pulls same-sign mass together"},
      {PenaltyKernel::repulsive, "repulsive", "κ(s) = e^{(s−1)/σ²}: pushes it apart"},
  });
  return table;
}

double KernelPenalty::kernel(double s) const {
  const double e = std::exp((s - 1.0) / (width * width));
  return kind == PenaltyKernel::attractive ? 1.0 - e : e;
}

double KernelPenalty::kernel_derivative(double s) const {
  const double e = std::exp((s - 1.0) / (width * width)) / (width * width);
  return kind == PenaltyKernel::attractive ? -e : e;
}

double KernelPenalty::value(const Measure& abs_mu) const {
  if (!active()) return 0.0;
  Eigen::VectorXd P;
  first_variation(abs_mu, abs_mu.directions, P, nullptr);
  return 0.5 * abs_mu.weights.dot(P);  // P = 2λ κ*|μ|
}

void KernelPenalty::first_variation(const Measure& abs_mu, const Eigen::MatrixXd& points, Eigen::VectorXd& P,
                                    Eigen::MatrixXd* grad, bool parallel) const {
  const int n_points = static_cast<int>(points.cols()), d = static_cast<int>(points.rows());
  check_measure(abs_mu, d, "|mu| (against the points' rows)");
  P.setZero(n_points);
  if (grad) grad->setZero(d, n_points);
  if (!active()) return;
  const std::size_t work = static_cast<std::size_t>(n_points) * static_cast<std::size_t>(abs_mu.size());
#pragma omp parallel for schedule(dynamic, mf::parallel::dynamic_chunk(n_points)) \
    if (parallel && mf::parallel::worth_parallel(work, mf::parallel::kPenaltyPairs))
  for (int p = 0; p < n_points; ++p) {
    double v = 0.0;
    Eigen::VectorXd g = Eigen::VectorXd::Zero(d);
    for (int j = 0; j < abs_mu.size(); ++j) {
      const double s = points.col(p).dot(abs_mu.directions.col(j));
      v += abs_mu.weights[j] * kernel(s);
      if (grad) g += abs_mu.weights[j] * kernel_derivative(s) * (abs_mu.directions.col(j) - s * points.col(p));
    }
    P[p] = 2.0 * lambda * v;
    if (grad) grad->col(p) = 2.0 * lambda * g;
  }
}

}  // namespace mf
