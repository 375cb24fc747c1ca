#include "network/population_risk.hpp"

#include <omp.h>

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

#include "base/parallel_threshold.hpp"

namespace mf {

PopulationRisk::PopulationRisk(const PlainNetwork& teacher, const ActivationKernel& kernel)
    : teacher_(teacher), kernel_(kernel) {
  if (!teacher.bias) throw std::invalid_argument("the population risk's kernel takes neurons (b, c) with a bias input");
  if (teacher.activation != kernel.activation())
    throw std::invalid_argument("the teacher's activation (" + to_string(teacher.activation) +
                                ") is not the kernel's (" + to_string(kernel.activation()) + ")");
  const int k = teacher.width();
  for (int i = 0; i < k; ++i)
    for (int j = i; j < k; ++j)
      teacher_term_ += (i == j ? 1.0 : 2.0) * teacher.a[i] * teacher.a[j] * kernel_.value(teacher.b.col(i), teacher.b.col(j));
  teacher_term_ /= static_cast<double>(k) * k;
  for (int i = 0; i < k; ++i)
    teacher_expansions_.push_back(kernel_.expansion(teacher.b(teacher.b.rows() - 1, i), teacher.b.col(i).head(teacher.b.rows() - 1).norm()));
}

void PopulationRisk::check(const PlainNetwork& f) const {
  if (!f.bias) throw std::invalid_argument("the population risk's kernel takes neurons (b, c) with a bias input");
  if (f.activation != kernel_.activation())
    throw std::invalid_argument("the network's activation (" + to_string(f.activation) + ") is not the kernel's (" +
                                to_string(kernel_.activation()) + ")");
  if (f.b.rows() != teacher_.b.rows())
    throw std::invalid_argument("a network of input dimension " + std::to_string(f.input_dimension()) +
                                " against a teacher of input dimension " + std::to_string(teacher_.input_dimension()));
}

double PopulationRisk::value(const PlainNetwork& f) const {
  check(f);
  const int m = f.width(), k = teacher_.width();
  double sum = 0.0;
  for (int i = 0; i < m; ++i) {
    if (f.a[i] == 0.0) continue;
    for (int j = i; j < m; ++j)
      if (f.a[j] != 0.0) sum += (i == j ? 1.0 : 2.0) * f.a[i] * f.a[j] * kernel_.value(f.b.col(i), f.b.col(j)) / (double(m) * m);
    for (int j = 0; j < k; ++j)
      sum -= 2.0 * f.a[i] * teacher_.a[j] * kernel_.value(f.b.col(i), teacher_.b.col(j)) / (double(m) * k);
  }
  return 0.5 * std::max(0.0, sum + teacher_term_);
}

void PopulationRisk::gradient(const PlainNetwork& f, NetworkGradient& out) const {
  check(f);
  const int m = f.width(), k = teacher_.width(), D = static_cast<int>(f.b.rows());
  if (!f.a.allFinite() || !f.b.allFinite()) throw std::domain_error("the network's weights are not finite");
  for (int i = 0; i < m; ++i)  // here, not in the threads below: an exception must not leave them
    if (const double scale = f.b.col(i).head(D - 1).norm(); scale > kLargestScale)
    {
      char text[160];
      std::snprintf(text, sizeof text, "neuron %d has ‖b‖ = %.6g, beyond the population kernel's %g (its quadrature "
                    "grows like ‖b‖²)", i + 1, scale, kLargestScale);
      throw std::domain_error(text);
    }
  Eigen::VectorXd alpha(m + k);
  Eigen::MatrixXd W(D, m + k);
  alpha << f.a / m, -teacher_.a / k;
  W << f.b, teacher_.b;
  const std::size_t pairs = static_cast<std::size_t>(m) * (m + 1) / 2 + static_cast<std::size_t>(m) * k;
  const int threads = parallel::worth_parallel(pairs, parallel::kActivationKernelPairs) ? omp_get_max_threads() : 1;
  // Each neuron's Hermite expansion once (the teacher's were made with the risk), for Mehler's
  // route to the pairs' moments.
  std::vector<const NeuronExpansion*> expansion(static_cast<std::size_t>(m + k));
  std::vector<NeuronExpansion> students(static_cast<std::size_t>(m));
#pragma omp parallel for num_threads(threads) schedule(dynamic, 1)
  for (int i = 0; i < m; ++i) {
    students[static_cast<std::size_t>(i)] = kernel_.expansion(f.b(D - 1, i), f.b.col(i).head(D - 1).norm());
    expansion[static_cast<std::size_t>(i)] = &students[static_cast<std::size_t>(i)];
  }
  for (int j = 0; j < k; ++j) expansion[static_cast<std::size_t>(m + j)] = &teacher_expansions_[static_cast<std::size_t>(j)];
  // Per-thread sums over the pairs (i, j), i a student, j ≥ i: A_j = Σ_i α_i k(w_j, w_i),
  // G_j = Σ_i α_i ∇₁k(w_j, w_i) (students only), and the pairs' share of 2R.
  std::vector<Eigen::VectorXd> A(threads, Eigen::VectorXd::Zero(m));
  std::vector<Eigen::MatrixXd> G(threads, Eigen::MatrixXd::Zero(D, m));
  std::vector<double> twice_risk(threads, 0.0);
#pragma omp parallel num_threads(threads)
  {
    const int t = omp_get_thread_num();
    Eigen::VectorXd gu(D), gv(D);
    double mine = 0.0;  // this thread's share of 2R, stored once (adjacent doubles would share a cache line)
#pragma omp for schedule(dynamic, 1) nowait
    for (int i = 0; i < m; ++i) {  // row i costs m + k − i pairs: dynamic rows balance the triangle
      for (int j = i; j < m + k; ++j) {
        const NeuronExpansion &ei = *expansion[static_cast<std::size_t>(i)], &ej = *expansion[static_cast<std::size_t>(j)];
        // ρ from the scales the expansions hold (neuron_correlation would take both norms again).
        const double rho = ei.s > 0.0 && ej.s > 0.0 ? W.col(i).head(D - 1).dot(W.col(j).head(D - 1)) / (ei.s * ej.s) : 0.0;
        const PairMoments e = kernel_.moments(ei, ej, rho);
        const double kij = kernel_gradients(e, W.col(i), W.col(j), gu, gv);
        mine += (i == j ? 1.0 : 2.0) * alpha[i] * alpha[j] * kij;
        A[t][i] += alpha[j] * kij;
        G[t].col(i) += alpha[j] * gu;
        if (j != i && j < m) {
          A[t][j] += alpha[i] * kij;
          G[t].col(j) += alpha[i] * gv;
        }
      }
    }
    twice_risk[static_cast<std::size_t>(t)] = mine;
  }
  for (int t = 1; t < threads; ++t) {
    A[0] += A[t];
    G[0] += G[t];
    twice_risk[0] += twice_risk[t];
  }
  out.loss = 0.5 * std::max(0.0, twice_risk[0] + teacher_term_);
  out.loss_exponent_shift = 0.0;
  out.prediction.resize(0);
  out.a = A[0];
  out.b = G[0] * f.a.asDiagonal();
}

Eigen::VectorXd PopulationRisk::optimal_output(const PlainNetwork& f, double* risk) const {
  check(f);
  const int m = f.width(), k = teacher_.width();
  Eigen::MatrixXd K(m, m);
  Eigen::VectorXd c = Eigen::VectorXd::Zero(m);
  for (int i = 0; i < m; ++i) {
    for (int j = i; j < m; ++j) K(i, j) = K(j, i) = kernel_.value(f.b.col(i), f.b.col(j));
    for (int j = 0; j < k; ++j) c[i] += teacher_.a[j] / k * kernel_.value(f.b.col(i), teacher_.b.col(j));
  }
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(K);
  const Eigen::VectorXd& lambda = eig.eigenvalues();
  const double cutoff = 1e-13 * std::max(lambda.maxCoeff(), 0.0);
  Eigen::VectorXd coefficients = eig.eigenvectors().transpose() * c;
  for (int i = 0; i < m; ++i) coefficients[i] = lambda[i] > cutoff ? coefficients[i] / lambda[i] : 0.0;
  const Eigen::VectorXd a = m * (eig.eigenvectors() * coefficients);
  if (risk) {
    PlainNetwork optimal = f;
    optimal.a = a;
    *risk = value(optimal);
  }
  return a;
}

double population_risk(const PlainNetwork& f, const PlainNetwork& teacher, const ActivationKernel& kernel) {
  return PopulationRisk(teacher, kernel).value(f);
}

}  // namespace mf
