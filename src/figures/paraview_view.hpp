#pragma once
// The view script written beside every series, <name>_view.py: the template
// src/figures/paraview_view.py (embedded at build time) with the run's values in its VIEW
// dict. `pvpython <name>_view.py` or `paraview --script=<name>_view.py` builds the ParaView
// view (the signed measure on a diverging map locked to ±max over the whole series, μ⁺ and
// μ⁻ in linked views, tubes on S¹, teacher markers, the particles' lifted view);
// `python3 <name>_view.py --render OUT.png` draws the same view with plain VTK.

#include <string>
#include <vector>

namespace mf {

/// What a run's view script shows. File names are relative to the run directory (UTF-8); ""
/// stands for a file the run does not have.
struct ViewSpec {
  std::string kind;                   ///< "grid" (cells on the mesh) or "particles"
  int dimension = 2;                  ///< 2: S¹ (the unit circle in the z = 0 plane), 3: S²
  std::string series;                 ///< "<name>.pvd"
  std::string signed_array;           ///< grid: "density" (ρ⁺ − ρ⁻, CellData); particles: "signed_mass" (s_j c_j, PointData)
  std::vector<std::string> channels;  ///< grid W/FR/WFR: {"density_plus", "density_minus"} (CellData, ≥ 0); else empty
  std::string teacher;                ///< "teacher.vtp" (PointData weight) or ""
  std::string lifted;                 ///< particles: "<name>_lifted.pvd" or ""
  std::string trajectories;           ///< particles: "trajectories.vtp" or ""
};

/// The text of the view script for `spec`, to be written as dir/view_script_name(spec) beside
/// the series (pure: no file access). The series need not exist yet: the script reads it when
/// it runs.
/// @throws std::invalid_argument naming the field: kind not "grid"/"particles", dimension not
///   2 or 3, series empty or not a .pvd, signed_array empty, an empty channel name, channels
///   on a particle run, lifted (not a .pvd) or trajectories on a grid run.
std::string view_script(const ViewSpec& spec);

/// "<name>_view.py" for series "<dir>/<name>.pvd": the script's file name, without directory
/// (it goes in the run directory, where the series' names are relative to).
/// @throws std::invalid_argument as view_script.
std::string view_script_name(const ViewSpec& spec);

}  // namespace mf
