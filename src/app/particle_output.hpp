#pragma once
// What a run with particles writes beside its diagnostics (particle and plain network runs):
// two ParaView series of the same particles — <name>.pvd, the directions θ_j on the sphere (the
// grid's picture), and <name>_lifted.pvd, the lifted points m c_j θ_j (particles/lifted_points.hpp)
// — and trajectories.vtp, the lifted paths over the output times. And for any run with a
// teacher, teacher.csv and teacher.vtp (io/teacher_file.hpp).

#include <Eigen/Core>
#include <memory>
#include <string>
#include <vector>

#include "app/run_directory.hpp"
#include "io/trajectory_writer.hpp"
#include "io/vtp_particle_writer.hpp"
#include "objective/measure.hpp"
#include "particles/lifted_points.hpp"

namespace mf {

class ParticleOutput {
 public:
  /// Also writes the series' view script <name>_view.py (figures/paraview_view.hpp); `dimension`:
  /// 2 for particles in the plane, 3 otherwise; `teacher`: whether teacher.vtp is written. On the
  /// torus T² (`domain`) the directions are drawn in the square of angles and the lifted points
  /// are (θ₁, θ₂, m c_j): the mass as height over the square.
  ParticleOutput(RunDirectory& dir, const std::string& name, LiftedScale scale, int dimension, bool teacher,
                 const Domain& domain);
  /// On the sphere of `dimension`.
  ParticleOutput(RunDirectory& dir, const std::string& name, LiftedScale scale, int dimension, bool teacher);
  /// positions: d × m (directions up to scale), mass c_j ≥ 0, sign ±1, and per-particle fields
  /// for both series.
  void write_frame(double time, const Eigen::MatrixXd& positions, const Eigen::VectorXd& mass,
                   const Eigen::VectorXd& sign, const std::vector<PointField>& fields);
  std::filesystem::path pvd_path() const { return directions_.pvd_path(); }

 private:
  LiftedScale scale_;
  Domain domain_;
  VtpParticleWriter directions_, lifted_;
  TrajectoryWriter paths_;
};

/// teacher.csv and teacher.vtp in the run directory.
void write_teacher(RunDirectory& dir, const Measure& teacher);
/// The same, the VTP drawn in its domain's view (drawn_points: the square of angles on T²).
void write_teacher(RunDirectory& dir, const Measure& teacher, const Domain& domain);

}  // namespace mf
