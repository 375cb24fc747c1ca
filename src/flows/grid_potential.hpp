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
//  - otherwise V and ∇_S V at the centroids, and ∇_S V·n at a face the mean of its two cells'
//    gradients (second order, like the scheme; any mesh). Population: `direct`, one symmetric
//    pass over cell pairs (kernel_sums::omp::self_potential, N²/2 evaluations of the fast κ,
//    |Δκ| ≤ 5e-9), or on S² `harmonic`, the near/far split of potential/zonal_potential
//    (spherical harmonics through non-uniform FFTs, about O(N^1.2), |ΔV| ≤ tolerance · ‖μ‖
//    with the exact κ); the teacher's part computed once and exactly (also at faces). Data
//    set: on-the-fly sums over the data (data_sums::omp), O(N·n). Any other objective
//    (deconvolution's closed form): its own potential at the centroids and at the face
//    midpoints, exact at both.
// tests/test_network_flow.cpp checks each path against the plain sums.

#include <Eigen/Core>
#include <complex>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/name_table.hpp"
#include "mesh/sphere_mesh.hpp"
#include "objective/objective.hpp"

namespace mf {

class ZonalPotential;

/// How the grid sums the population kernel over cells on S² ([scheme] potential).
enum class PotentialMethod { automatic, direct, harmonic };
const NameTable<PotentialMethod>& name_table(PotentialMethod);

struct GridPotentialOptions {
  PotentialMethod method = PotentialMethod::automatic;
  double tolerance = 1e-10;  ///< harmonic: the bound on |ΔV| / ‖μ‖ (kernel factor 1)
  /// automatic: harmonic from this many cells on. Measured (AMD EPYC, 1 thread, bench_zonal_potential):
  /// one evaluation, direct / harmonic, 0.05 / 0.17 ms at 162 cells, 0.66 / 0.35 ms at 642, 10.0 /
  /// 1.6 ms at 2562, 145 / 8.2 ms at 10,242; but the harmonic set-up (its fits) takes about 0.2 s,
  /// so whole runs of examples/teacher_sphere.toml to t = 20 take 0.22 / 0.40 s at 642 cells (31
  /// steps) and 2.0 / 0.8 s at 2562 (56 steps).
  static constexpr int kHarmonicFromCells = 2000;
};

/// The grid measure of signed cell weights (atoms at the centroids), in the objective's dimension d
/// (mesh/mesh_embedding.hpp: the first d coordinates of the centroids, d = 2 on S¹, 3 on S²; on the
/// torus T² the points (cos θ₁, sin θ₁, cos θ₂, sin θ₂), d = 4).
Measure grid_measure(const SphereMesh& mesh, const Eigen::VectorXd& weights, int d);
/// The face normals as tangents of the domain at the face midpoints (d × #faces).
Eigen::MatrixXd embedded_face_normals(const SphereMesh& mesh, int d);

class GridPotential {
 public:
  /// Keeps references to mesh and objective. Throws std::invalid_argument when the objective's
  /// dimension is not the mesh's (d = 2 on S¹, 3 on S², 4 on T²), or for `harmonic` off S² or without a
  /// population objective.
  GridPotential(const SphereMesh& mesh, const Objective& objective, GridPotentialOptions options = {});
  ~GridPotential();

  /// V at centroids (#cells) and ∇_S V·n at face midpoints (#faces) for weights (#cells).
  void evaluate(const Eigen::VectorXd& weights, Eigen::VectorXd& v_center, Eigen::VectorXd& dvdn_face) const;
  /// V and the full tangent gradient at the centroids (for output; 3 × #cells): on the harmonic
  /// path by the same transforms (|ΔV| ≤ tolerance · ‖μ‖), else by the exact sums.
  void evaluate_centers(const Eigen::VectorXd& weights, Eigen::VectorXd& v_center, Eigen::Matrix3Xd& grad_center) const;
  /// With a population objective, J's own term ⟨μ, Kμ⟩ from V at the centroids as evaluate gave
  /// it for these weights (Kμ = V + Kμ*); otherwise none.
  std::optional<double> own_energy(const Eigen::VectorXd& weights, const Eigen::VectorXd& v_center) const;
  /// The face midpoints and normals in the objective's coordinates (d × #faces).
  const Eigen::MatrixXd& face_points() const { return faces_; }
  const Eigen::MatrixXd& face_normals() const { return normals_; }

  bool uses_fft() const { return fft_ != nullptr; }
  /// The path in use, for describe/summary lines (e.g. "harmonic: degree 44, near angle 0.4, …").
  std::string description() const;
  /// The harmonic path, or null (direct sums, FFT or a data set).
  const ZonalPotential* harmonic() const { return zonal_.get(); }

 private:
  void centroid_potential(const Eigen::VectorXd& w, Eigen::VectorXd& v, Eigen::MatrixXd& grad) const;
  struct Fft;
  const SphereMesh& mesh_;
  const Objective& objective_;
  const PopulationObjective* population_;  // null for a data set
  int d_;
  Eigen::MatrixXd centers_, faces_;         // d × #cells, d × #faces
  Eigen::MatrixXd normals_;                 // d × #faces: the face normals in the objective's coordinates
  Eigen::VectorXd teacher_v_center_;        // population: −K μ* at centres
  Eigen::VectorXd teacher_dvdn_face_;       // population: −∇(K μ*)·n at faces
  std::unique_ptr<Fft> fft_;
  std::unique_ptr<ZonalPotential> zonal_;
};

}  // namespace mf
