#pragma once
// `measureflow run`: a case file to a run directory holding
//   case.toml        the exact case file that ran
//   <name>.pvd       the ParaView time series (rewritten after every frame)
//   <name>_NNNNNN.vtu one frame per output time (CellData density, velocity, growth, exact, error)
//   diagnostics.csv  one row per output time
//   summary.txt      status (complete / stopped and why), what ran, final diagnostics

#include <filesystem>
#include <iosfwd>
#include <string>

#include "app/run_loop.hpp"
#include "app/transport_case.hpp"

namespace mf {

struct RunOptions {
  std::string output_directory;  ///< overrides the case's [output] directory
  bool overwrite = false;        ///< replace an earlier run in the same directory
  bool progress = true;
};

/// Prepares `dir` for a run: creates it, refuses one that holds an earlier run unless
/// `overwrite` (then removes that run's files), and checks it is writable. Throws
/// std::runtime_error naming the directory and what to do.
void prepare_run_directory(const std::filesystem::path& dir, bool overwrite);

/// Runs a case; returns the process exit code (0 complete, 3 stopped by a RunError, whose
/// message has been printed to `err`). Throws CaseError / MeshError / std::runtime_error for
/// problems found before anything is written.
int run_transport_case(const TransportCase& c, const RunOptions& options, std::ostream& out, std::ostream& err);

/// Shared by the run drivers: "upwind, ssprk3, cfl = 0.5"; "complete"/"stopped"; the summary's
/// first lines (status, case, mesh, scheme, times, steps, Courant, wall time).
std::string describe_step(const GridSolverOptions& s);
std::string short_status(const RunLoopResult& r);
void write_summary_head(std::ostream& summary, const RunLoopResult& r, const std::string& file, const SphereMesh& mesh,
                        const GridSolverOptions& options, double end_time, const GridSolver& solver);

}  // namespace mf
