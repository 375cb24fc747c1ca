#include "objective/data_sums.hpp"
#include "base/parallel_threshold.hpp"
#include "objective/vector_clones.hpp"

#include <algorithm>
#include <vector>

namespace mf::data_sums {

namespace {
// Debug check of potential's arguments: one loss derivative per input, points in the inputs' R^d.
void check_potential_input([[maybe_unused]] const Eigen::MatrixXd& X, [[maybe_unused]] const Eigen::VectorXd& r,
                           [[maybe_unused]] const Eigen::MatrixXd& points) {
  MF_PRECONDITION(X.cols() > 0, "the potential of an empty data set (1/n)");
  MF_PRECONDITION(r.size() == X.cols(), std::to_string(r.size()) + " loss derivatives for " +
                                            std::to_string(X.cols()) + " inputs");
  MF_PRECONDITION(points.rows() == X.rows(), "points of dimension " + std::to_string(points.rows()) +
                                                 ", inputs of dimension " + std::to_string(X.rows()));
}
}  // namespace

namespace reference {

void predict(const Measure& mu, const Eigen::MatrixXd& X, Eigen::VectorXd& f) {
  check_measure(mu, static_cast<int>(X.rows()), "the measure (against the inputs' rows)");
  f.setZero(X.cols());
  for (int l = 0; l < X.cols(); ++l)
    for (int j = 0; j < mu.size(); ++j) f[l] += mu.weights[j] * std::max(0.0, mu.directions.col(j).dot(X.col(l)));
}

void potential(const Eigen::MatrixXd& X, const Eigen::VectorXd& r, const Eigen::MatrixXd& points, Eigen::VectorXd& V,
               Eigen::MatrixXd* grad) {
  check_potential_input(X, r, points);
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


// One output point y against all n inputs z_l (coordinate-major: Zt + r·n is coordinate r):
// acc = Σ_l c_l σ(y·z_l) and, when g is not null, g = Σ_l c_l 1[y·z_l > 0] z_l.
MF_VECTOR_CLONES void relu_point(const double* y, const double* Zt, const double* c, int n, int d, double* s, double* g,
                                 double& acc_out) {
  double acc = 0.0;
  if (g)
    for (int r = 0; r < d; ++r) g[r] = 0.0;
  for (int l0 = 0; l0 < n; l0 += kBlock) {
    const int nb = std::min(kBlock, n - l0);
    for (int l = 0; l < nb; ++l) s[l] = 0.0;
    for (int r = 0; r < d; ++r) {
      const double* z = Zt + static_cast<std::size_t>(r) * n + l0;
      const double yr = y[r];
      for (int l = 0; l < nb; ++l) s[l] += yr * z[l];
    }
    const double* cl = c + l0;
    // Selects written as s > 0 ? … : 0 with unconditional loads, which GCC turns into
    // max/blends; omp simd lets the reduction be reordered, nothing else changes.
#pragma omp simd reduction(+ : acc)
    for (int l = 0; l < nb; ++l) {
      const double sl = s[l];
      acc += cl[l] * (sl > 0.0 ? sl : 0.0);
    }
    if (!g) continue;
    for (int l = 0; l < nb; ++l) {
      const double cv = cl[l];
      s[l] = s[l] > 0.0 ? cv : 0.0;
    }
    for (int r = 0; r < d; ++r) {
      const double* z = Zt + static_cast<std::size_t>(r) * n + l0;
      double sum = 0.0;
#pragma omp simd reduction(+ : sum)
      for (int l = 0; l < nb; ++l) sum += s[l] * z[l];
      g[r] += sum;
    }
  }
  acc_out = acc;
}

// Four points y_0..y_3 (D = 2 or 3 coordinates each) against all n inputs in one pass: every
// input loaded serves four points (register tiling; one point per pass is bound by the
// bandwidth of re-reading the inputs). acc[p] = Σ c σ(y_p·z); g (4 × D, when not null) = Σ c 1[y_p·z > 0] z.
template <int D>
MF_VECTOR_CLONES void relu_points4(const double* const* y, const double* Zt, const double* c, int n, double* acc,
                                   double* g) {
  double a0 = 0, a1 = 0, a2 = 0, a3 = 0;
  double yv[4][D];
  for (int p = 0; p < 4; ++p)
    for (int r = 0; r < D; ++r) yv[p][r] = y[p][r];
  const double* z[D];
  for (int r = 0; r < D; ++r) z[r] = Zt + static_cast<std::size_t>(r) * n;
  if (!g) {
#pragma omp simd reduction(+ : a0, a1, a2, a3)
    for (int l = 0; l < n; ++l) {
      double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (int r = 0; r < D; ++r) {
        const double zr = z[r][l];
        s0 += yv[0][r] * zr;
        s1 += yv[1][r] * zr;
        s2 += yv[2][r] * zr;
        s3 += yv[3][r] * zr;
      }
      const double cl = c[l];
      a0 += cl * (s0 > 0.0 ? s0 : 0.0);
      a1 += cl * (s1 > 0.0 ? s1 : 0.0);
      a2 += cl * (s2 > 0.0 ? s2 : 0.0);
      a3 += cl * (s3 > 0.0 ? s3 : 0.0);
    }
  } else {
    double gs[4][D] = {};
    for (int r = 0; r < D; ++r) {  // one coordinate of the gradient at a time keeps it vectorizable
      double g0 = 0, g1 = 0, g2 = 0, g3 = 0;
#pragma omp simd reduction(+ : g0, g1, g2, g3)
      for (int l = 0; l < n; ++l) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        for (int k = 0; k < D; ++k) {
          const double zk = z[k][l];
          s0 += yv[0][k] * zk;
          s1 += yv[1][k] * zk;
          s2 += yv[2][k] * zk;
          s3 += yv[3][k] * zk;
        }
        const double cz = c[l] * z[r][l];
        g0 += s0 > 0.0 ? cz : 0.0;
        g1 += s1 > 0.0 ? cz : 0.0;
        g2 += s2 > 0.0 ? cz : 0.0;
        g3 += s3 > 0.0 ? cz : 0.0;
      }
      gs[0][r] = g0;
      gs[1][r] = g1;
      gs[2][r] = g2;
      gs[3][r] = g3;
    }
    for (int p = 0; p < 4; ++p)
      for (int r = 0; r < D; ++r) g[p * D + r] = gs[p][r];
    return relu_points4<D>(y, Zt, c, n, acc, nullptr);
  }
  acc[0] = a0;
  acc[1] = a1;
  acc[2] = a2;
  acc[3] = a3;
}

// out[q] = Σ_l c_l σ(y_q·z_l) over columns z_l of Z (d × n), and optionally the (ambient)
// gradient Σ_l c_l 1[y_q·z_l > 0] z_l.
void relu_sums(const Eigen::MatrixXd& Z, const Eigen::VectorXd& c, const Eigen::MatrixXd& Y, Eigen::VectorXd& out,
               Eigen::MatrixXd* ambient_grad) {
  const int d = static_cast<int>(Z.rows()), n = static_cast<int>(Z.cols()), q_count = static_cast<int>(Y.cols());
  const Eigen::MatrixXd Zt = Z.transpose();  // n × d: coordinate-major
  out.resize(q_count);
  if (ambient_grad) ambient_grad->resize(d, q_count);
  // d = 2, 3 (the grids): four points per pass; other d, and the last few points: one at a time.
  const int tiled = (d == 2 || d == 3) ? q_count / 4 * 4 : 0;
  const std::size_t work = static_cast<std::size_t>(q_count) * static_cast<std::size_t>(n) * static_cast<std::size_t>(d);
#pragma omp parallel if (parallel::worth_parallel(work, parallel::kDataMultiplyAdds))
  {
    std::vector<double> s(kBlock);
    double acc[4], g[12];
#pragma omp for schedule(dynamic, parallel::dynamic_chunk(tiled / 4))  // iterations of 4 points
    for (int q = 0; q < tiled; q += 4) {
      const double* y[4] = {Y.col(q).data(), Y.col(q + 1).data(), Y.col(q + 2).data(), Y.col(q + 3).data()};
      if (d == 3) relu_points4<3>(y, Zt.data(), c.data(), n, acc, ambient_grad ? g : nullptr);
      else relu_points4<2>(y, Zt.data(), c.data(), n, acc, ambient_grad ? g : nullptr);
      for (int p = 0; p < 4; ++p) {
        out[q + p] = acc[p];
        if (ambient_grad)
          for (int r = 0; r < d; ++r) (*ambient_grad)(r, q + p) = g[p * d + r];
      }
    }
#pragma omp for schedule(dynamic, parallel::dynamic_chunk(q_count - tiled))
    for (int q = tiled; q < q_count; ++q)
      relu_point(Y.col(q).data(), Zt.data(), c.data(), n, d, s.data(),
                 ambient_grad ? ambient_grad->col(q).data() : nullptr, out[q]);
  }
}

}  // namespace

void predict(const Measure& mu, const Eigen::MatrixXd& X, Eigen::VectorXd& f) {
  check_measure(mu, static_cast<int>(X.rows()), "the measure (against the inputs' rows)");
  relu_sums(mu.directions, mu.weights, X, f, nullptr);
}

void potential(const Eigen::MatrixXd& X, const Eigen::VectorXd& r, const Eigen::MatrixXd& points, Eigen::VectorXd& V,
               Eigen::MatrixXd* grad) {
  check_potential_input(X, r, points);
  const Eigen::VectorXd c = r / static_cast<double>(X.cols());
  relu_sums(X, c, points, V, grad);
  if (grad)  // tangential part: g − (p·g) p
    for (int p = 0; p < points.cols(); ++p) grad->col(p) -= points.col(p).dot(grad->col(p)) * points.col(p);
}

}  // namespace omp
}  // namespace mf::data_sums
