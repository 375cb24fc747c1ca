#pragma once
// The objective J(μ) = E ℓ(y, f_μ(x)) of a two-layer ReLU network seen as a measure, with its
// first variation (the potential) V[μ](u) = E[∂_f ℓ(y, f_μ(x)) σ(u·x)], the tangent gradient
// ∇_S V(u) = (I − uuᵀ) E[∂_f ℓ σ'(u·x) x], and the predictor distance
// D(μ, ν) = ‖f_μ − f_ν‖_{L²(ρ)}. The same code serves grid measures (atoms at cell centroids)
// and particles.
//
//   PopulationObjective: square loss, inputs from the population (closed-form kernel), labels
//     from a teacher measure μ*: V[μ] = K(μ − μ*), J = ½ ⟨μ−μ*, K(μ−μ*)⟩, no sampling.
//   DataObjective: a finite data set, square or logistic loss:
//     V(u) = (1/n) Σ_l ∂_f ℓ(y_l, f(x_l)) σ(u·x_l).

#include <Eigen/Core>
#include <memory>
#include <optional>

#include "objective/activation.hpp"
#include "objective/data_set.hpp"
#include "objective/domain.hpp"
#include "objective/measure.hpp"

namespace mf {

enum class SumVariant { reference, omp };

class PopulationObjective;
class DataObjective;

class Objective {
 public:
  virtual ~Objective() = default;
  virtual int dimension() const = 0;
  /// Where the atoms live: the sphere S^{d−1} of network directions, unless the objective says
  /// otherwise (deconvolution on the torus T²).
  virtual Domain domain() const { return Domain::sphere(dimension()); }
  /// The activation of the network the measure stands for: ReLU, the positively 1-homogeneous
  /// one, whose two-layer networks are measures on the sphere.
  Activation activation() const { return Activation::relu; }

  /// The concrete objective, for discretizations with faster sums of their own (the grid's FFT
  /// on S¹, the incremental sums of the algorithms on measures); null when it is another kind.
  virtual const PopulationObjective* as_population() const { return nullptr; }
  virtual const DataObjective* as_data_set() const { return nullptr; }

  /// J(μ).
  virtual double loss(const Measure& mu) const = 0;
  /// V[μ] at the unit columns of `points` (d × P); grad (d × P, tangential) when not null.
  virtual void potential(const Measure& mu, const Eigen::MatrixXd& points, Eigen::VectorXd& V,
                         Eigen::MatrixXd* grad) const = 0;
  /// D(μ, ν) = ‖f_μ − f_ν‖ in L² of the input distribution (population) or of the data (data set).
  virtual double distance(const Measure& mu, const Measure& nu) const = 0;
  /// The teacher measure, when the objective has one (for D(μ, teacher)).
  virtual const Measure* teacher() const = 0;
  /// L = sup_u k(u, u) for a unit u: the smoothness of J with respect to the TV norm for the
  /// square loss (1/2 Gaussian, 1/(2d) sphere; for a data set sup_u (1/n) Σ σ(u·x)² ≤ the
  /// largest eigenvalue of (1/n) Σ x xᵀ; logistic: a quarter of that).
  virtual double smoothness() const = 0;
};

class PopulationObjective : public Objective {
 public:
  PopulationObjective(int d, InputDistribution dist, Measure teacher, SumVariant sums = SumVariant::omp);
  int dimension() const override { return d_; }
  const PopulationObjective* as_population() const override { return this; }
  double loss(const Measure& mu) const override;
  void potential(const Measure& mu, const Eigen::MatrixXd& points, Eigen::VectorXd& V,
                 Eigen::MatrixXd* grad) const override;
  double distance(const Measure& mu, const Measure& nu) const override;
  const Measure* teacher() const override { return &teacher_; }
  double smoothness() const override { return 0.5 * factor_; }

  /// k(u, v) factor: 1 (Gaussian inputs) or 1/d (uniform on the sphere).
  double kernel_factor() const { return factor_; }
  /// K(μ) alone (no teacher) at points: the potential of μ's own prediction.
  void kernel_potential(const Measure& mu, const Eigen::MatrixXd& points, Eigen::VectorXd& V,
                        Eigen::MatrixXd* grad) const;
  /// ⟨μ, K ν⟩.
  double kernel_inner(const Measure& mu, const Measure& nu) const;
  /// J(μ) from its own term ⟨μ, K μ⟩ computed by the caller (the grid, from the potential it
  /// already has); the terms with the teacher exact, as in loss().
  double loss_from_energy(const Measure& mu, double own_energy) const;

 private:
  int d_;
  double factor_;
  Measure teacher_;
  SumVariant sums_;
  double teacher_energy_ = 0.0;  // ⟨μ*, K μ*⟩ with the exact κ
};

class DataObjective : public Objective {
 public:
  DataObjective(DataSet data, Loss loss, std::optional<Measure> teacher, SumVariant sums = SumVariant::omp);
  int dimension() const override { return data_.dimension(); }
  const DataObjective* as_data_set() const override { return this; }
  double loss(const Measure& mu) const override;
  void potential(const Measure& mu, const Eigen::MatrixXd& points, Eigen::VectorXd& V,
                 Eigen::MatrixXd* grad) const override;
  double distance(const Measure& mu, const Measure& nu) const override;
  const Measure* teacher() const override { return teacher_ ? &*teacher_ : nullptr; }
  double smoothness() const override;

  /// f_μ at the data inputs.
  Eigen::VectorXd predict(const Measure& mu) const;
  /// V at points for the predictor values f at the data inputs (potential() is this with
  /// f = predict(μ); a run split across ranks adds its ranks' parts of f first).
  void potential_at_prediction(const Eigen::VectorXd& f, const Eigen::MatrixXd& points, Eigen::VectorXd& V,
                               Eigen::MatrixXd* grad) const;
  const DataSet& data() const { return data_; }
  Loss loss_kind() const { return loss_; }

 private:
  DataSet data_;
  Loss loss_;
  std::optional<Measure> teacher_;
  SumVariant sums_;
};

}  // namespace mf
