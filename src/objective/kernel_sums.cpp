#include "objective/kernel_sums.hpp"

#include <omp.h>

#include <algorithm>
#include <vector>

#include "base/parallel_threshold.hpp"
#include "objective/relu_kernel.hpp"
#include "objective/vector_clones.hpp"

namespace mf::kernel_sums {

namespace reference {

void potential(double factor, const Measure& mu, const Eigen::MatrixXd& points, Eigen::VectorXd& V,
               Eigen::MatrixXd* grad) {
  check_measure(mu, static_cast<int>(points.rows()), "the measure (against the points' rows)");
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


// One point x against all m atoms (coordinate-major, atoms + r·m is coordinate r), in blocks:
// v = Σ w κ(x·u), and with the gradient gsum = Σ w κ' u, g_dot = Σ w κ' (x·u).
MF_VECTOR_CLONES void point_sums(const double* x, const double* atoms, const double* w, int m, int d, bool want_grad,
                                 double* t, double* gsum, double& v_out, double& g_dot_out) {
  double v = 0.0, g_dot = 0.0;
  for (int r = 0; r < d; ++r) gsum[r] = 0.0;
  for (int j0 = 0; j0 < m; j0 += kBlock) {
    const int nb = std::min(kBlock, m - j0);
    for (int j = 0; j < nb; ++j) t[j] = 0.0;
    for (int r = 0; r < d; ++r) {
      const double* u = atoms + static_cast<std::size_t>(r) * m + j0;
      const double xr = x[r];
      for (int j = 0; j < nb; ++j) t[j] += xr * u[j];
    }
    const double* wj = w + j0;
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
      const double* u = atoms + static_cast<std::size_t>(r) * m + j0;
      double sum = 0.0;
#pragma omp simd reduction(+ : sum)
      for (int j = 0; j < nb; ++j) sum += t[j] * u[j];
      gsum[r] += sum;
    }
  }
  v_out = v;
  g_dot_out = g_dot;
}

void potential(double factor, const Measure& mu, const Eigen::MatrixXd& points, Eigen::VectorXd& V,
               Eigen::MatrixXd* grad) {
  check_measure(mu, static_cast<int>(points.rows()), "the measure (against the points' rows)");
  const int d = mu.dimension(), m = mu.size(), n_points = static_cast<int>(points.cols());
  // Atoms coordinate by coordinate (m contiguous values per coordinate), weights pre-scaled.
  const Eigen::MatrixXd atoms = mu.directions.transpose();  // m × d, column-major
  const Eigen::VectorXd w = factor * mu.weights;
  V.resize(n_points);
  if (grad) grad->resize(d, n_points);
  const bool want_grad = grad != nullptr;
#pragma omp parallel if (parallel::worth_parallel(static_cast<std::size_t>(n_points) * static_cast<std::size_t>(m), \
                                                  parallel::kKernelPairs))
  {
    std::vector<double> t(kBlock), gsum(d);
#pragma omp for schedule(dynamic, parallel::dynamic_chunk(n_points))
    for (int p = 0; p < n_points; ++p) {
      const double* x = points.col(p).data();
      double v, g_dot;  // g_dot = Σ w κ' t: the normal part removed below
      point_sums(x, atoms.data(), w.data(), m, d, want_grad, t.data(), gsum.data(), v, g_dot);
      V[p] = v;
      if (want_grad)
        for (int r = 0; r < d; ++r) (*grad)(r, p) = gsum[r] - g_dot * x[r];
    }
  }
}

// One tile pair (rows i0..i1, columns j0..j1; on the diagonal only j > i) of the symmetric
// pass: each κ(u_i·u_j) is added for i and for j. Accumulators: vt (m), gtt (m: Σ w κ' t) and
// gt (m × d, coordinate-major: Σ w κ' u).
MF_VECTOR_CLONES void tile_pair(const double* atoms, const double* w, int m, int d, int i0, int i1, int j0, int j1,
                                bool diagonal, bool want_grad, double* t, double* kap, double* dk, double* vt,
                                double* gtt, double* gt) {
  const int nb = j1 - j0;
  for (int i = i0; i < i1; ++i) {
    const int jstart = diagonal ? i + 1 - j0 : 0;
    if (jstart >= nb) continue;
    for (int j = jstart; j < nb; ++j) t[j] = 0.0;
    for (int r = 0; r < d; ++r) {
      const double* u = atoms + static_cast<std::size_t>(r) * m + j0;
      const double xr = atoms[static_cast<std::size_t>(r) * m + i];
      for (int j = jstart; j < nb; ++j) t[j] += xr * u[j];
    }
    const double wi = w[i];
    const double* wj = w + j0;
    double vi = 0.0, gti = 0.0;
    double* vj = vt + j0;
#pragma omp simd reduction(+ : vi, gti)
    for (int j = jstart; j < nb; ++j) {
      double k, kd;
      relu_kappa_fast(t[j], k, kd);
      vi += wj[j] * k;  // κ(u_i·u_j) for i …
      vj[j] += wi * k;  // … and for j
      kap[j] = wj[j] * kd;
      dk[j] = wi * kd;
      gti += kap[j] * t[j];
    }
    vt[i] += vi;
    if (!want_grad) continue;
    gtt[i] += gti;
    double* gttj = gtt + j0;
#pragma omp simd
    for (int j = jstart; j < nb; ++j) gttj[j] += dk[j] * t[j];
    for (int r = 0; r < d; ++r) {
      const double* u = atoms + static_cast<std::size_t>(r) * m + j0;
      double* gj = gt + static_cast<std::size_t>(r) * m + j0;
      const double xr = atoms[static_cast<std::size_t>(r) * m + i];
      double sum = 0.0;
#pragma omp simd reduction(+ : sum)
      for (int j = jstart; j < nb; ++j) {
        sum += kap[j] * u[j];  // Σ_j w_j κ' u_j at i
        gj[j] += dk[j] * xr;   // w_i κ' u_i at j
      }
      gt[static_cast<std::size_t>(r) * m + i] += sum;
    }
  }
}

void self_potential(double factor, const Measure& mu, Eigen::VectorXd& V, Eigen::MatrixXd* grad) {
  check_measure(mu, mu.dimension(), "the measure");
  const int d = mu.dimension(), m = mu.size();
  const Eigen::MatrixXd atoms = mu.directions.transpose();  // m × d, coordinate-major
  const Eigen::VectorXd w = factor * mu.weights;
  const int tiles = (m + kBlock - 1) / kBlock;
  const int pairs = tiles * (tiles + 1) / 2;  // tile pairs (I ≤ J)
  const bool want_grad = grad != nullptr;
  // κ(u_i·u_j) for the m(m−1)/2 pairs i < j.
  const std::size_t work = static_cast<std::size_t>(m) * static_cast<std::size_t>(m - 1) / 2;
  const int threads = parallel::worth_parallel(work, parallel::kKernelPairs) ? omp_get_max_threads() : 1;
  // Per-thread accumulators: V (m) and, for the gradient, Σ w κ' u (d × m) and Σ w κ' t (m).
  std::vector<Eigen::VectorXd> v_acc(threads), gt_acc(threads);
  std::vector<Eigen::MatrixXd> g_acc(threads);
#pragma omp parallel num_threads(threads) if (threads > 1)
  {
    const int me = omp_get_thread_num();
    Eigen::VectorXd& vt = v_acc[me];
    Eigen::VectorXd& gtt = gt_acc[me];
    Eigen::MatrixXd& gt = g_acc[me];
    vt.setZero(m);
    if (want_grad) {
      gt.setZero(m, d);
      gtt.setZero(m);
    }
    std::vector<double> kap(kBlock), dk(kBlock), t(kBlock);
#pragma omp for schedule(dynamic, 1)
    for (int pair = 0; pair < pairs; ++pair) {
      int I = 0, rest = pair;  // the pair-th (I, J) with I ≤ J, row by row
      while (rest >= tiles - I) {
        rest -= tiles - I;
        ++I;
      }
      const int J = I + rest;
      const int i0 = I * kBlock, i1 = std::min(m, i0 + kBlock);
      const int j0 = J * kBlock, j1 = std::min(m, j0 + kBlock);
      tile_pair(atoms.data(), w.data(), m, d, i0, i1, j0, j1, I == J, want_grad, t.data(), kap.data(), dk.data(),
                vt.data(), gtt.data(), want_grad ? gt.data() : nullptr);
    }
  }
  // Sum the threads' parts; add the diagonal κ(1) w_i; remove the normal part of the gradient.
  V = factor * mu.weights * relu_kappa(1.0);
  for (int k = 0; k < threads; ++k) V += v_acc[k];
  if (want_grad) {
    grad->setZero(d, m);
    Eigen::VectorXd normal = Eigen::VectorXd::Zero(m);
    for (int k = 0; k < threads; ++k) {
      *grad += g_acc[k].transpose();
      normal += gt_acc[k];
    }
    for (int i = 0; i < m; ++i) grad->col(i) -= normal[i] * mu.directions.col(i);
  }
}

}  // namespace omp
}  // namespace mf::kernel_sums
