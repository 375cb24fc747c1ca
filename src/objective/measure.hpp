#pragma once
// A signed measure on S^{d−1} given by atoms: μ = Σ_j w_j δ_{u_j}. A network
// f(x) = (1/m) Σ_j a_j σ(b_j·x) with ReLU is the measure with u_j = b_j/‖b_j‖ and
// w_j = a_j ‖b_j‖ / m (positive 1-homogeneity); a grid measure is the atoms at the cell
// centroids with weights M⁺_i − M⁻_i (midpoint quadrature, second order).

#include <Eigen/Core>
#include <string>
#include <vector>

#include "base/precondition.hpp"

namespace mf {

struct Measure {
  Eigen::MatrixXd directions;  ///< d × m, unit columns
  Eigen::VectorXd weights;     ///< m, signed

  int dimension() const { return static_cast<int>(directions.rows()); }
  int size() const { return static_cast<int>(weights.size()); }
};

/// The measure of neurons (a_i, b_i): weights a_i ‖b_i‖ / scale, directions b_i / ‖b_i‖. `neurons`
/// is k × (1 + d), rows (a, b_1, …, b_d). Throws std::invalid_argument for b_i = 0.
Measure measure_from_neurons(const Eigen::MatrixXd& neurons, double scale = 1.0);

/// k neurons with directions uniform on S^{d−1} and weights ±1 (random signs), from a seed.
Measure random_teacher(int d, int k, unsigned long seed);

/// μ − ν as one measure (atoms of both, ν's weights negated). Same dimension.
Measure difference(const Measure& mu, const Measure& nu);

/// Debug check (nothing in release builds) that mu has one direction per weight and that the
/// directions live in R^d: the sums index directions and weights together. `what` names mu.
inline void check_measure([[maybe_unused]] const Measure& mu, [[maybe_unused]] int d,
                          [[maybe_unused]] const char* what) {
  MF_PRECONDITION(mu.directions.cols() == mu.weights.size(),
                  std::string(what) + " has " + std::to_string(mu.directions.cols()) + " directions and " +
                      std::to_string(mu.weights.size()) + " weights");
  MF_PRECONDITION(mu.dimension() == d, std::string(what) + " has dimension " + std::to_string(mu.dimension()) +
                                           ", not " + std::to_string(d));
}

}  // namespace mf
