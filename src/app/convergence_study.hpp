#pragma once
// `measureflow compare`: the grid limit (h → 0) and the particle limit (m → ∞) of one network
// case, side by side. Grids of several sizes and particle runs of several sizes are compared at
// the case's output times with a reference run (quasi-uniform particles, the most accurate
// family: no spatial discretization), by the predictor distance D(μ, μ_ref) (exact, through the
// kernel), |J − J_ref| and the cell-mass TV distance on a coarse mesh; rates are least-squares
// slopes against the size. Writes compare.csv (one row per method, size and time, with the
// wall time), compare.md (the tables with rates) and the rate figure compare.png.

#include <filesystem>
#include <iosfwd>
#include <string>
#include <vector>

#include "app/network_case.hpp"

namespace mf {

struct StudyOptions {
  std::vector<int> grid_sizes;      ///< circle: arcs; sphere: levels; torus: squares per side
  std::vector<int> particle_sizes;  ///< quasi-uniform: arcs / levels of the mesh whose centroids carry particles; random: per sign
  int reference_size = 0;           ///< quasi-uniform reference (same unit as particle_sizes for "centroids")
  bool random_particles = true;     ///< also random particles (count per sign = a circle's arcs, or 10·4^level + 2 on S²)
  std::vector<int> random_sizes;    ///< sizes of the random particles (empty: particle_sizes)
  int random_seeds = 1;             ///< random particles: seeds 1..k; D is the RMS over them, |ΔJ| and TV the means
  int coarse_size = 0;              ///< coarse mesh for the TV distance (arcs / level); 0: the smallest grid size
};

struct StudyRow {
  std::string method;
  int size = 0;
  double spacing = 0;  ///< h of the grid, or m^{−1/dim} for particles
  double time = 0, distance = 0, loss_difference = 0, tv_distance = 0;
  double seconds = 0;  ///< wall time of the run from its set-up to this output time (mean over seeds)
};

struct StudyResult {
  std::vector<StudyRow> rows;
  std::vector<double> times;
  std::vector<double> reference_losses;  ///< J of the reference at each time
  double reference_seconds = 0;          ///< the reference run's wall time to the last time
  /// rate[method][time] of D and of |J − J_ref|: slopes of their logarithms against log h.
  std::vector<std::pair<std::string, std::vector<double>>> distance_rates, loss_rates;
};

StudyResult run_convergence_study(const NetworkCase& c, const StudyOptions& options, std::ostream& log);
/// compare.csv (columns method, size, spacing, time, distance, loss_difference, tv_distance,
/// seconds; one row per method, size and time) and compare.md.
void write_study(const StudyResult& result, const std::filesystem::path& directory);
/// A short table of the last output time and its rates (what `compare` prints).
std::string study_summary(const StudyResult& result);
/// The markdown tables (also what write_study puts into compare.md).
std::string study_markdown(const StudyResult& result);

}  // namespace mf
