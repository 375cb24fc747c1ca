#include "objective/data_sums.hpp"

#include <algorithm>
#include <vector>

namespace mf::data_sums {

namespace reference {

void predict(const Measure& mu, const Eigen::MatrixXd& X, Eigen::VectorXd& f) {
  f.setZero(X.cols());
  for (int l = 0; l < X.cols(); ++l)
    for (int j = 0; j < mu.size(); ++j) f[l] += mu.weights[j] * std::max(0.0, mu.directions.col(j).dot(X.col(l)));
}

void potential(const Eigen::MatrixXd& X, const Eigen::VectorXd& r, const Eigen::MatrixXd& points, Eigen::VectorXd& V,
               Eigen::MatrixXd* grad) {
  const double inv_n = 1.0 / static_cast<double>(X.cols());
  V.setZero(points.cols());
  if (grad) grad->setZero(points.rows(), points.cols());
  for (int p = 0; p < points.cols(); ++p)
    for (int l = 0; l < X.cols(); ++l) {
      const double s = points.col(p).dot(X.col(l));
      if (s <= 0.0) continue;
      V[p] += inv_n * r[l] * s;
      if (grad) grad->col(p) += inv_n * r[l] * (X.col(l) - s * points.col(p));
    }
}

}  // namespace reference

namespace omp {

namespace {

constexpr int kBlock = 256;

// out[q] = Σ_l c_l σ(y_q·z_l) over columns z_l of Z (d × n), and optionally the (ambient)
// gradient Σ_l c_l 1[y_q·z_l > 0] z_l; blocks of Z stored coordinate-major.
void relu_sums(const Eigen::MatrixXd& Z, const Eigen::VectorXd& c, const Eigen::MatrixXd& Y, Eigen::VectorXd& out,
               Eigen::MatrixXd* ambient_grad) {
  const int d = static_cast<int>(Z.rows()), n = static_cast<int>(Z.cols()), q_count = static_cast<int>(Y.cols());
  const Eigen::MatrixXd Zt = Z.transpose();  // n × d: coordinate-major
  out.resize(q_count);
  if (ambient_grad) ambient_grad->resize(d, q_count);
#pragma omp parallel
  {
    std::vector<double> s(kBlock), g(d);
#pragma omp for schedule(static)
    for (int q = 0; q < q_count; ++q) {
      const double* y = Y.col(q).data();
      double acc = 0.0;
      std::fill(g.begin(), g.end(), 0.0);
      for (int l0 = 0; l0 < n; l0 += kBlock) {
        const int nb = std::min(kBlock, n - l0);
        for (int l = 0; l < nb; ++l) s[l] = 0.0;
        for (int r = 0; r < d; ++r) {
          const double* z = Zt.col(r).data() + l0;
          const double yr = y[r];
          for (int l = 0; l < nb; ++l) s[l] += yr * z[l];
        }
        const double* cl = c.data() + l0;
        // Selects written as s > 0 ? … : 0 with unconditional loads, which GCC turns into
        // maxpd/blends; omp simd lets the reduction be reordered, nothing else changes.
#pragma omp simd reduction(+ : acc)
        for (int l = 0; l < nb; ++l) {
          const double sl = s[l];
          acc += cl[l] * (sl > 0.0 ? sl : 0.0);
        }
        if (ambient_grad) {
          for (int l = 0; l < nb; ++l) {
            const double cv = cl[l];
            s[l] = s[l] > 0.0 ? cv : 0.0;
          }
        }
        if (ambient_grad)
          for (int r = 0; r < d; ++r) {
            const double* z = Zt.col(r).data() + l0;
            double sum = 0.0;
#pragma omp simd reduction(+ : sum)
            for (int l = 0; l < nb; ++l) sum += s[l] * z[l];
            g[r] += sum;
          }
      }
      out[q] = acc;
      if (ambient_grad)
        for (int r = 0; r < d; ++r) (*ambient_grad)(r, q) = g[r];
    }
  }
}

}  // namespace

void predict(const Measure& mu, const Eigen::MatrixXd& X, Eigen::VectorXd& f) {
  relu_sums(mu.directions, mu.weights, X, f, nullptr);
}

void potential(const Eigen::MatrixXd& X, const Eigen::VectorXd& r, const Eigen::MatrixXd& points, Eigen::VectorXd& V,
               Eigen::MatrixXd* grad) {
  const Eigen::VectorXd c = r / static_cast<double>(X.cols());
  relu_sums(X, c, points, V, grad);
  if (grad)  // tangential part: g − (p·g) p
    for (int p = 0; p < points.cols(); ++p) grad->col(p) -= points.col(p).dot(grad->col(p)) * points.col(p);
}

}  // namespace omp
}  // namespace mf::data_sums
