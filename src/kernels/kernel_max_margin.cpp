#include "kernels/kernel_max_margin.hpp"

#include <svm.h>

#include <Eigen/LU>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include "base/precondition.hpp"

namespace mf {

Eigen::VectorXd KernelMaxMargin::predict(const Eigen::VectorXd& y, const Eigen::MatrixXd& K) const {
  MF_PRECONDITION(K.rows() == lambda.size() && y.size() == lambda.size(),
                  "a kernel of " + std::to_string(K.rows()) + " rows for " + std::to_string(lambda.size()) +
                      " training points");
  return K.transpose() * lambda.cwiseProduct(y) / margin;
}

namespace {

// LIBSVM keeps Q in single precision, and λᵀQλ = γ*² is a small difference of entries of Q
// when the classes are close: its λ can be 1e-3 from optimal in γ*. Its support is right or
// nearly so, and Wolfe's minimum-norm-point steps finish the job in double precision: on the
// support S, the least-norm point of the affine hull (the KKT system [Q_SS 1; 1ᵀ 0][λ; −v] =
// [0; 1]); if it leaves the simplex, go from the current point towards it until a weight
// reaches 0 and drop that point; otherwise, if some point has g_j = (Qλ)_j < λᵀQλ (1 − gap/10),
// add the least such one. Stops when none does (then the certified interval is below gap/10)
// or after 10 n steps (the caller checks the interval). Returns g = Qλ.
Eigen::VectorXd polish(const Eigen::MatrixXd& Q, Eigen::VectorXd& lambda, double gap) {
  const Eigen::Index n = Q.rows();
  std::vector<Eigen::Index> S;
  for (Eigen::Index i = 0; i < n; ++i)
    if (lambda[i] > 1e-12 * lambda.maxCoeff()) S.push_back(i);
  for (Eigen::Index i = 0; i < n; ++i)
    if (lambda[i] <= 1e-12 * lambda.maxCoeff()) lambda[i] = 0.0;
  lambda /= lambda.sum();
  Eigen::VectorXd g = Q * lambda;
  for (Eigen::Index step = 0; step < 10 * n; ++step) {
    const auto s = static_cast<Eigen::Index>(S.size());
    Eigen::MatrixXd kkt = Eigen::MatrixXd::Zero(s + 1, s + 1);
    for (Eigen::Index a = 0; a < s; ++a) {
      for (Eigen::Index b = 0; b < s; ++b) kkt(a, b) = Q(S[a], S[b]);
      kkt(a, s) = kkt(s, a) = 1.0;
    }
    Eigen::VectorXd rhs = Eigen::VectorXd::Zero(s + 1);
    rhs[s] = 1.0;
    const Eigen::FullPivLU<Eigen::MatrixXd> lu(kkt);
    if (!lu.isInvertible()) break;
    const Eigen::VectorXd affine = lu.solve(rhs).head(s);
    if (affine.minCoeff() < 0.0) {  // move towards it until the first weight reaches 0
      double t = 1.0;
      Eigen::Index drop = 0;
      for (Eigen::Index a = 0; a < s; ++a)
        if (affine[a] < 0.0) {
          const double ta = lambda[S[a]] / (lambda[S[a]] - affine[a]);
          if (ta < t) t = ta, drop = a;
        }
      for (Eigen::Index a = 0; a < s; ++a) lambda[S[a]] += t * (affine[a] - lambda[S[a]]);
      lambda[S[drop]] = 0.0;
      S.erase(S.begin() + drop);
    } else {
      for (Eigen::Index a = 0; a < s; ++a) lambda[S[a]] = affine[a];
      g = Q * lambda;
      Eigen::Index j = 0;
      g.minCoeff(&j);
      if (g[j] >= lambda.dot(g) * (1.0 - 0.1 * gap) || std::find(S.begin(), S.end(), j) != S.end()) break;
      S.push_back(j);
    }
  }
  return Q * lambda;
}

}  // namespace

KernelMaxMargin kernel_max_margin(const Eigen::MatrixXd& K, const Eigen::VectorXd& y, double gap) {
  const int n = static_cast<int>(K.rows());
  MF_PRECONDITION(K.cols() == n && y.size() == n && n > 0, "a Gram matrix " + std::to_string(K.rows()) + " × " +
                                                              std::to_string(K.cols()) + " for " +
                                                              std::to_string(y.size()) + " labels");
  const Eigen::MatrixXd Q = y.asDiagonal() * K * y.asDiagonal();
  // LIBSVM's precomputed kernel: node 0 holds the point's serial number (1-based), nodes
  // 1 … n its row of Q, and index −1 ends it.
  std::vector<svm_node> nodes(static_cast<std::size_t>(n) * static_cast<std::size_t>(n + 2));
  std::vector<svm_node*> rows(static_cast<std::size_t>(n));
  std::vector<double> labels(static_cast<std::size_t>(n), 1.0);  // one-class: unused
  for (int i = 0; i < n; ++i) {
    svm_node* row = nodes.data() + static_cast<std::size_t>(i) * static_cast<std::size_t>(n + 2);
    row[0] = {0, i + 1.0};
    for (int j = 0; j < n; ++j) row[j + 1] = {j + 1, Q(i, j)};
    row[n + 1] = {-1, 0.0};
    rows[static_cast<std::size_t>(i)] = row;
  }
  svm_problem problem{n, labels.data(), rows.data()};
  svm_parameter param{};
  param.svm_type = ONE_CLASS;
  param.kernel_type = PRECOMPUTED;
  param.nu = 1.0 / n;  // Σ α = νn = 1: the simplex, and α_i ≤ 1 never binds
  param.cache_size = 200;
  param.eps = 1e-10;
  param.shrinking = 1;
  if (const char* e = svm_check_parameter(&problem, &param))
    throw std::logic_error(std::string("kernel_max_margin: LIBSVM refused its parameters: ") + e);
  svm_set_print_string_function([](const char*) {});
  svm_model* model = svm_train(&problem, &param);
  KernelMaxMargin r;
  r.lambda = Eigen::VectorXd::Zero(n);
  std::vector<int> index(static_cast<std::size_t>(model->l));
  svm_get_sv_indices(model, index.data());
  for (int k = 0; k < model->l; ++k) r.lambda[index[static_cast<std::size_t>(k)] - 1] = model->sv_coef[0][k];
  svm_free_and_destroy_model(&model);
  const Eigen::VectorXd Ql = polish(Q, r.lambda, gap);  // also drops LIBSVM's round-off weights and renormalizes
  r.support = static_cast<int>((r.lambda.array() > 0.0).count());
  const double squared = r.lambda.dot(Ql);
  if (!(squared > 1e-14 * Q.diagonal().maxCoeff()))
    throw std::invalid_argument("the two classes cannot be separated by this kernel (the convex hull of the "
                                "points y_i k(x_i, ·) holds 0: no positive margin)");
  r.margin = std::sqrt(squared);
  r.lower = Ql.minCoeff() / r.margin;
  if (r.margin - r.lower > gap * r.margin)
    throw std::runtime_error("kernel_max_margin: the solution is not optimal to " + std::to_string(gap) +
                             " (certified margin in [" + std::to_string(r.lower) + ", " + std::to_string(r.margin) +
                             "])");
  return r;
}

}  // namespace mf
