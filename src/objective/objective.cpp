#include "objective/objective.hpp"

#include <Eigen/Eigenvalues>
#include <cmath>
#include <stdexcept>

#include "objective/data_sums.hpp"
#include "objective/kernel_sums.hpp"

namespace mf {

PopulationObjective::PopulationObjective(int d, InputDistribution dist, Measure teacher, SumVariant sums)
    : d_(d), factor_(dist == InputDistribution::gaussian ? 1.0 : 1.0 / d), teacher_(std::move(teacher)), sums_(sums) {
  if (teacher_.dimension() != d)
    throw std::invalid_argument("teacher neurons have dimension " + std::to_string(teacher_.dimension()) +
                                ", the inputs " + std::to_string(d));
  Eigen::VectorXd vt;
  kernel_sums::reference::potential(factor_, teacher_, teacher_.directions, vt, nullptr);
  teacher_energy_ = teacher_.weights.dot(vt);
}

void PopulationObjective::kernel_potential(const Measure& mu, const Eigen::MatrixXd& points, Eigen::VectorXd& V,
                                           Eigen::MatrixXd* grad) const {
  if (sums_ == SumVariant::reference) kernel_sums::reference::potential(factor_, mu, points, V, grad);
  else kernel_sums::omp::potential(factor_, mu, points, V, grad);
}

void PopulationObjective::potential(const Measure& mu, const Eigen::MatrixXd& points, Eigen::VectorXd& V,
                                    Eigen::MatrixXd* grad) const {
  // K μ by the selected sums; the teacher's few atoms always with the exact κ (cheap, and the
  // grid does the same, so grid and particles evaluate identical potentials).
  kernel_potential(mu, points, V, grad);
  Eigen::VectorXd vt;
  Eigen::MatrixXd gt;
  kernel_sums::reference::potential(factor_, teacher_, points, vt, grad ? &gt : nullptr);
  V -= vt;
  if (grad) *grad -= gt;
}

double PopulationObjective::kernel_inner(const Measure& mu, const Measure& nu) const {
  Eigen::VectorXd V;
  kernel_potential(nu, mu.directions, V, nullptr);
  return mu.weights.dot(V);
}

double PopulationObjective::loss(const Measure& mu) const {
  // The student's own term by the selected sums.
  return loss_from_energy(mu, mu.size() > 0 ? kernel_inner(mu, mu) : 0.0);
}

double PopulationObjective::loss_from_energy(const Measure& mu, double own_energy) const {
  // ½ (⟨μ, Kμ⟩ − 2 ⟨μ, Kμ*⟩ + ⟨μ*, Kμ*⟩): every term with the teacher by the exact κ (its few
  // atoms make that cheap), so J(0) is exact.
  Eigen::VectorXd vt;
  kernel_sums::reference::potential(factor_, teacher_, mu.directions, vt, nullptr);
  return 0.5 * std::max(0.0, own_energy - 2.0 * mu.weights.dot(vt) + teacher_energy_);
}

double PopulationObjective::distance(const Measure& mu, const Measure& nu) const {
  if (&nu == &teacher_) return std::sqrt(2.0 * loss(mu));  // D(μ, μ*)² = 2 J(μ)
  const Measure e = difference(mu, nu);
  return std::sqrt(std::max(0.0, kernel_inner(e, e)));
}

DataObjective::DataObjective(DataSet data, Loss loss, std::optional<Measure> teacher, SumVariant sums)
    : data_(std::move(data)), loss_(loss), teacher_(std::move(teacher)), sums_(sums) {
  if (data_.size() == 0) throw std::invalid_argument("the data set is empty");
  check_labels(data_, loss_);
}

Eigen::VectorXd DataObjective::predict(const Measure& mu) const {
  Eigen::VectorXd f;
  if (sums_ == SumVariant::reference) data_sums::reference::predict(mu, data_.X, f);
  else data_sums::omp::predict(mu, data_.X, f);
  return f;
}

double DataObjective::loss(const Measure& mu) const {
  const Eigen::VectorXd f = predict(mu);
  double sum = 0.0;
  for (int l = 0; l < data_.size(); ++l) sum += loss_value(loss_, data_.y[l], f[l]);
  return sum / data_.size();
}

void DataObjective::potential(const Measure& mu, const Eigen::MatrixXd& points, Eigen::VectorXd& V,
                              Eigen::MatrixXd* grad) const {
  potential_at_prediction(predict(mu), points, V, grad);
}

void DataObjective::potential_at_prediction(const Eigen::VectorXd& f, const Eigen::MatrixXd& points,
                                            Eigen::VectorXd& V, Eigen::MatrixXd* grad) const {
  Eigen::VectorXd r(data_.size());
  for (int l = 0; l < data_.size(); ++l) r[l] = loss_derivative(loss_, data_.y[l], f[l]);
  if (sums_ == SumVariant::reference) data_sums::reference::potential(data_.X, r, points, V, grad);
  else data_sums::omp::potential(data_.X, r, points, V, grad);
}

double DataObjective::distance(const Measure& mu, const Measure& nu) const {
  const Eigen::VectorXd diff = predict(difference(mu, nu));
  return std::sqrt(diff.squaredNorm() / data_.size());
}

double DataObjective::smoothness() const {
  // sup_u (1/n) Σ σ(u·x)² ≤ sup_u (1/n) Σ (u·x)² = λ_max((1/n) X Xᵀ): a bound on sup_u k(u, u)
  // (σ(z)² ≤ z²), exact up to the ReLU's halving; the logistic ℓ'' ≤ 1/4.
  const Eigen::MatrixXd second_moment = data_.X * data_.X.transpose() / data_.size();
  const double bound = Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(second_moment, Eigen::EigenvaluesOnly).eigenvalues().maxCoeff();
  return curvature_bound(loss_) * bound;
}

}  // namespace mf
