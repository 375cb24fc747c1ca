#pragma once
// What the two grid modes (transport, network) share: the scheme's one-line description, the
// grid part of summary.txt, and the stage of a GridSolver advancing cell masses.

#include <Eigen/Core>
#include <iosfwd>
#include <string>

#include "app/run_pipeline.hpp"
#include "grid/grid_solver.hpp"

namespace mf {

/// "limited, ssprk3, cfl = 0.5".
std::string describe_step(const GridSolverOptions& s);
/// mesh, cells, scheme, end_time, reached_time, steps, max_courant.
void write_grid_summary(std::ostream& summary, const StageResult& r, const SphereMesh& mesh,
                        const GridSolverOptions& options, double end_time, const GridSolver& solver);
/// advance() of a grid run: the solver moves `masses` (both outlive the stage).
AdvanceFunction grid_advance(GridSolver& solver, Eigen::VectorXd& masses);

}  // namespace mf
