#pragma once
// `measureflow run CASE --particles`: the conic particle flow of a network case (W, FR, WFR),
// started from the same initial measure as the grid run, with the same objective. The run
// directory (default runs/<name>-particles) holds case.toml, the particle series of
// app/particle_output.hpp (<name>-particles.pvd: θ_j on the sphere; _lifted.pvd: m c_j θ_j;
// trajectories.vtp; PointData mass, sign, signed_mass, potential, velocity, growth),
// particles/particles_NNNNNN.csv, diagnostics.csv with the grid's columns (masses binned into
// the case's mesh cells), data.csv when the run has a data set, teacher.csv/.vtp, the figures
// and summary.txt. Open it beside the grid run's .pvd in ParaView.

#include <iosfwd>
#include <memory>

#include "app/network_case.hpp"
#include "app/run_pipeline.hpp"
#include "particles/conic_particles.hpp"

namespace mf {

struct NetworkProblem;

/// The initial particles of a case: at the centroids with the cell masses, or `count` random
/// directions per sign weighted by the initial density (masses summing to each sign's mass).
ConicParticles initial_particles(const NetworkCase& c, const NetworkProblem& problem);

/// The particle mode of a network case; input errors are thrown here.
std::unique_ptr<RunMode> network_particle_run(const NetworkCase& c);
int run_particle_case(const NetworkCase& c, const RunOptions& options, std::ostream& out, std::ostream& err);

}  // namespace mf
