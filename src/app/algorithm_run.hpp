#pragma once
// `measureflow run` for an algorithm case: each method of the case into its own subdirectory
// of the run directory,
//   <method>/iterations.csv    iteration, penalized_objective, objective, atoms, tv_norm, time
//                              (time: seconds spent in the algorithm's steps so far)
//   <method>/<method>.pvd      the atoms as .vtp frames (points on the sphere; PointData
//                              mass, sign, signed_mass)
//   <method>/atoms_final.csv   the last measure as particles (theta1..thetad,mass,sign)
// and at the top: case.toml, summary.txt, teacher.csv/.vtp with a teacher, and <name>.png
// (+ .svg, .gp) with the three curves of every method (drawn by the pipeline at the end;
// `measureflow plot` redraws any set of runs).

#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include "app/algorithm_case.hpp"
#include "app/run_pipeline.hpp"

namespace mf {

/// The columns of <method>/iterations.csv.
const std::vector<std::string>& iteration_columns();

/// Returns the exit code: 0 complete, 3 when a method stopped (non-finite values, a negative
/// mass); the methods after it still run, and the summary says which stopped and why.
/// The mode of an algorithm case (a stage per method); input errors are thrown here.
std::unique_ptr<RunMode> algorithm_run(const AlgorithmCase& c);
int run_algorithm_case(const AlgorithmCase& c, const RunOptions& options, std::ostream& out, std::ostream& err);

}  // namespace mf
