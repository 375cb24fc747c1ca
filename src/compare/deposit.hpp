#pragma once
// Atoms deposited onto a mesh: the signed mass of each cell, M_i = Σ_{θ_j ∈ C_i} w_j, and the
// cell-mass total-variation distance Σ_i |M_i − M'_i| between two measures on one (coarse) mesh.

#include <Eigen/Core>

#include "mesh/point_locator.hpp"
#include "objective/measure.hpp"

namespace mf {

/// directions: d × m with d = 2 on a circle mesh, 3 on a sphere mesh.
Eigen::VectorXd deposit(const PointLocator& locator, int n_cells, const Measure& mu);
double cell_tv_distance(const PointLocator& locator, int n_cells, const Measure& a, const Measure& b);

}  // namespace mf
