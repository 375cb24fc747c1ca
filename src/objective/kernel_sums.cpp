#include "objective/kernel_sums.hpp"

#include <algorithm>
#include <vector>

#include "objective/relu_kernel.hpp"

namespace mf::kernel_sums {

namespace reference {

void potential(double factor, const Measure& mu, const Eigen::MatrixXd& points, Eigen::VectorXd& V,
               Eigen::MatrixXd* grad) {
  const int n_points = static_cast<int>(points.cols());
  V.setZero(n_points);
  if (grad) grad->setZero(points.rows(), n_points);
  for (int p = 0; p < n_points; ++p)
    for (int j = 0; j < mu.size(); ++j) {
      const double t = clamp_cosine(points.col(p).dot(mu.directions.col(j)));
      V[p] += factor * mu.weights[j] * relu_kappa(t);
      if (grad)
        grad->col(p) += factor * mu.weights[j] * relu_kappa_derivative(t) * (mu.directions.col(j) - t * points.col(p));
    }
}

}  // namespace reference

namespace omp {

namespace {
constexpr int kBlock = 256;  // atoms per block: d × 256 doubles stay in L1
}

void potential(double factor, const Measure& mu, const Eigen::MatrixXd& points, Eigen::VectorXd& V,
               Eigen::MatrixXd* grad) {
  const int d = mu.dimension(), m = mu.size(), n_points = static_cast<int>(points.cols());
  // Atoms coordinate by coordinate (m contiguous values per coordinate), weights pre-scaled.
  const Eigen::MatrixXd atoms = mu.directions.transpose();  // m × d, column-major
  const Eigen::VectorXd w = factor * mu.weights;
  V.resize(n_points);
  if (grad) grad->resize(d, n_points);
  const bool want_grad = grad != nullptr;
#pragma omp parallel
  {
    std::vector<double> t(kBlock), gsum(d);
#pragma omp for schedule(static)
    for (int p = 0; p < n_points; ++p) {
      const double* x = points.col(p).data();
      double v = 0.0, g_dot = 0.0;  // g_dot = Σ w κ' t: the normal part removed at the end
      std::fill(gsum.begin(), gsum.end(), 0.0);
      for (int j0 = 0; j0 < m; j0 += kBlock) {
        const int nb = std::min(kBlock, m - j0);
        for (int j = 0; j < nb; ++j) t[j] = 0.0;
        for (int r = 0; r < d; ++r) {
          const double* u = atoms.col(r).data() + j0;
          const double xr = x[r];
          for (int j = 0; j < nb; ++j) t[j] += xr * u[j];
        }
        const double* wj = w.data() + j0;
        // omp simd: the reductions may be reordered (vectorized), nothing else changes.
        if (!want_grad) {
#pragma omp simd reduction(+ : v)
          for (int j = 0; j < nb; ++j) {
            double kappa, dkappa;
            relu_kappa_fast(t[j], kappa, dkappa);
            v += wj[j] * kappa;
          }
          continue;
        }
        // κ, and w κ' kept in t[] for the gradient pass.
#pragma omp simd reduction(+ : v, g_dot)
        for (int j = 0; j < nb; ++j) {
          double kappa, dkappa;
          relu_kappa_fast(t[j], kappa, dkappa);
          v += wj[j] * kappa;
          g_dot += wj[j] * dkappa * t[j];
          t[j] = wj[j] * dkappa;
        }
        for (int r = 0; r < d; ++r) {
          const double* u = atoms.col(r).data() + j0;
          double s = 0.0;
#pragma omp simd reduction(+ : s)
          for (int j = 0; j < nb; ++j) s += t[j] * u[j];
          gsum[r] += s;
        }
      }
      V[p] = v;
      if (want_grad)
        for (int r = 0; r < d; ++r) (*grad)(r, p) = gsum[r] - g_dot * x[r];
    }
  }
}

}  // namespace omp
}  // namespace mf::kernel_sums
