#pragma once
// Scalar fields on the sphere used as initial densities, and cell-average sampling.

#include <Eigen/Core>
#include <functional>
#include <vector>

#include "mesh/sphere_mesh.hpp"

namespace mf {

using DensityField = std::function<double(const Vec3& x)>;

/// Williamson (1992) cosine bell: h0/2 (1 + cos(π r / R)) for r < R, 0 beyond, r the
/// great-circle distance to `center`; plus `background`.
DensityField cosine_bell(const Vec3& center, double radius, double h0, double background);

/// Nair & Lauritzen (2010) Gaussian hills: Σ_i height · exp(−width |x − x_i|²) (chordal distance).
DensityField gaussian_hills(const std::vector<Vec3>& centers, double height, double width);

/// von Mises–Fisher bump: background + height · exp(κ (x·center − 1)).
DensityField von_mises(const Vec3& center, double kappa, double height, double background);

/// Cell masses M_i = ρ(centroid_i) · A_i (second-order accurate cell averages).
Eigen::VectorXd sample_masses(const SphereMesh& mesh, const DensityField& rho);
/// Point values ρ(centroid_i).
Eigen::VectorXd sample_at_centers(const SphereMesh& mesh, const DensityField& rho);

}  // namespace mf
