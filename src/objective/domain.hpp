#pragma once
// The domain Θ on which a measure's atoms live, as a submanifold of R^D the atoms' coordinates
// are written in (docs/DESIGN.md §1, "Domains"):
//   sphere S^{D−1}   the directions of ReLU networks (and the circle T¹ = S¹ of deconvolution);
//   torus  T^k       the flat torus (R/2πZ)^k of spike deconvolution in k ≥ 2 axes, embedded as
//                    θ ↦ (cos θ₁, sin θ₁, …, cos θ_k, sin θ_k) in R^{2k} — a product of k unit
//                    circles, so the metric induced by R^{2k} is the flat one dθ₁² + … + dθ_k².
// Particle methods step in R^D and come back with retract(); a tangent gradient of the objective
// is tangent to Θ at its point. Both are exact per factor: a column's norm on the sphere, each
// (cos, sin) pair's on the torus.

#include <Eigen/Core>
#include <random>
#include <string>

#include "base/angles.hpp"

namespace mf {

class Domain {
 public:
  static Domain sphere(int D);
  /// T^k, k ≥ 2 (T¹ is sphere(2)).
  static Domain torus(int axes);

  bool is_torus() const { return torus_; }
  /// D, the coordinates of a point.
  int dimension() const { return torus_ ? 2 * axes_ : dimension_; }
  /// The number of angles of a torus point (1 for the circle S¹; 0 for a sphere of D > 2).
  int axes() const { return torus_ ? axes_ : (dimension_ == 2 ? 1 : 0); }
  /// "S^{D−1}" or "T^k", for messages.
  std::string name() const;

  /// Each column onto Θ: normalized (sphere) or each pair normalized (torus). Throws
  /// std::invalid_argument naming the column when a column (a pair) is zero.
  void retract(Eigen::Ref<Eigen::MatrixXd> points) const;
  Eigen::VectorXd retracted(Eigen::VectorXd u) const;
  /// `count` points drawn from Θ's normalized volume.
  Eigen::MatrixXd uniform(int count, std::mt19937_64& rng) const;
  /// The geodesic distance between two points of Θ.
  double distance(const Eigen::VectorXd& u, const Eigen::VectorXd& v) const;

  /// Torus angles in [0, 2π) of a point (k of them) / the point of k angles.
  Eigen::VectorXd angles(const Eigen::VectorXd& u) const;
  Eigen::VectorXd point(const Eigen::VectorXd& angles) const;

  bool operator==(const Domain& other) const = default;

 private:
  Domain(bool torus, int dimension, int axes) : torus_(torus), dimension_(dimension), axes_(axes) {}
  bool torus_;
  int dimension_;
  int axes_;
};

}  // namespace mf
