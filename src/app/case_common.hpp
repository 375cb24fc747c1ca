#pragma once
// What every grid case file shares: [mesh], [scheme], [time] and [output]. README.md, "Case
// files", is the reference.

#include <limits>
#include <string>
#include <vector>

#include "flows/grid_potential.hpp"
#include "grid/grid_solver.hpp"
#include "mesh/mesh_families.hpp"
#include "io/toml_reader.hpp"
#include "particles/lifted_points.hpp"

namespace mf {

/// Ranges the case readers share.
namespace ranges {
inline constexpr double kInf = std::numeric_limits<double>::infinity();
inline const Range kPositive{0.0, kInf, true, true};
inline const Range kNonNegative{0.0, kInf, false, true};
inline const Range kAny{-kInf, kInf, true, true};
inline const Range kLongitude{-360.0, 360.0};
inline const Range kLatitude{-90.0, 90.0};
}  // namespace ranges

/// A mesh: a generated family (mesh/mesh_families.hpp) at a size, or a user file.
struct MeshSpec {
  const MeshFamily* family = nullptr;  ///< null: the user mesh `file`
  int size = 0;                        ///< the family's size (its size_key: level or n)
  std::string file;                    ///< a user mesh (.vtu), resolved against the case file's folder

  bool circle() const { return family && family->manifold == Manifold::circle; }
  bool torus() const { return family && family->manifold == Manifold::torus; }
  /// A generated family at a size (std::invalid_argument for an unknown name).
  static MeshSpec generated(std::string_view family, int size);
};

struct OutputSpec {
  std::string directory;       ///< empty: runs/<case file stem>
  std::vector<double> times;   ///< output times (sorted, within [0, end]); 0 and end always included
  bool vtk = true;
  bool plot = true;            ///< the run's own figure <name>.png at the end (gnuplot)
  LiftedScale lifted = LiftedScale::linear;  ///< particle runs: the radius of the lifted picture
};

/// A required file key: its path resolved against the case file's folder; a CaseError when there
/// is no such file.
std::string read_input_file(const TomlSection& s, std::string_view key);
MeshSpec read_mesh(const TomlSection& mesh);
/// [scheme] into the solver options, and (network cases) the potential's keys.
void read_scheme(const TomlSection& scheme, GridSolverOptions& solver, GridPotentialOptions* potential = nullptr);
/// An integrator for a continuous-time flow: `stepper` (already read from s) with s.abs_tol, s.rel_tol (dopri5, default 1e-8) or s.dt (fixed steps, in dt_range).
void read_flow_stepper(const TomlSection& s, StepperKind stepper, const Range& dt_range, StepperKind& kind,
                       double& dt, double& abs_tol, double& rel_tol);
/// Fails on `key` unless end_time is a whole number of steps of `step` (named `step_name`).
void require_whole_steps(const TomlSection& s, std::string_view key, double end_time, double step,
                         const std::string& step_name);
/// time.outputs (a count, default 10: equally spaced; with time.first_output = t₁ in (0, end):
/// t₁ … end in geometric progression) or time.output_times (a strictly increasing list in
/// [0, end]); 0 and end_time are always included.
void read_output_times(const TomlSection& time, double end_time, std::vector<double>& times);
/// [time] (required): stepper, end, cfl or dt, tolerances, output times (0 and end included).
void read_time(const TomlSection& root, GridSolverOptions& solver, double& end_time, std::vector<double>& output_times);
/// output.directory ("" when absent; a path the file system cannot hold is a CaseError).
std::string read_output_directory(const TomlSection& out);
/// [output].
void read_output(const TomlSection& output, OutputSpec& spec);

}  // namespace mf
