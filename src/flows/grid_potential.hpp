#pragma once
// The potential of a grid measure where the grid flows need it: V at the cell centroids (for
// growth) and the normal component ∇_S V·n_f at the face midpoints (for velocities), from the
// analytic gradient (so any mesh works). The grid measure is the atoms at the centroids with
// the given signed weights (cell masses M⁺ − M⁻).
//
// Paths, chosen at construction:
//  - uniform S¹ mesh with a population objective: V and dV/dθ are circular convolutions of the
//    weights with the kernel sampled at the cell spacing (centres) and at half-cell offsets
//    (faces): FFTW, O(N log N), exact at the faces;
//  - otherwise V and ∇_S V at the centroids — population: one symmetric pass over cell pairs
//    (kernel_sums::omp::self_potential, N²/2 kernel evaluations), the teacher's part computed
//    once and exactly (also at faces); data set: on-the-fly sums over the data
//    (data_sums::omp), O(N·n) — and ∇_S V·n at a face the mean of its two cells' gradients
//    (second order, like the scheme; any mesh).
// tests/test_grid_potential.cpp checks each path against the plain sums.

#include <Eigen/Core>
#include <complex>
#include <memory>
#include <vector>

#include "mesh/sphere_mesh.hpp"
#include "objective/objective.hpp"

namespace mf {

/// The grid measure of signed cell weights (atoms at the centroids), in the objective's dimension d
/// (the first d coordinates of the centroids: d = 2 on S¹, 3 on S²).
Measure grid_measure(const SphereMesh& mesh, const Eigen::VectorXd& weights, int d);
/// The columns of a 3 × P set of unit points in the first d coordinates.
Eigen::MatrixXd embed_points(const std::vector<Vec3>& points, int d);

class GridPotential {
 public:
  /// Keeps references to mesh and objective. Throws std::invalid_argument when the objective's
  /// dimension is not the mesh's (d = 2 on S¹, 3 on S²).
  GridPotential(const SphereMesh& mesh, const Objective& objective);
  ~GridPotential();

  /// V at centroids (#cells) and ∇_S V·n at face midpoints (#faces) for weights (#cells).
  void evaluate(const Eigen::VectorXd& weights, Eigen::VectorXd& v_center, Eigen::VectorXd& dvdn_face) const;
  /// V and the full tangent gradient at the centroids (for output; 3 × #cells).
  void evaluate_centers(const Eigen::VectorXd& weights, Eigen::VectorXd& v_center, Eigen::Matrix3Xd& grad_center) const;

  bool uses_fft() const { return fft_ != nullptr; }

 private:
  void centroid_potential(const Eigen::VectorXd& w, Eigen::VectorXd& v, Eigen::MatrixXd& grad) const;
  struct Fft;
  const SphereMesh& mesh_;
  const Objective& objective_;
  const PopulationObjective* population_;  // null for a data set
  int d_;
  Eigen::MatrixXd centers_, faces_;         // d × #cells, d × #faces
  Eigen::VectorXd teacher_v_center_;        // population: −K μ* at centres
  Eigen::VectorXd teacher_dvdn_face_;       // population: −∇(K μ*)·n at faces
  std::unique_ptr<Fft> fft_;
};

}  // namespace mf
