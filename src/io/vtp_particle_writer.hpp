#pragma once
// ParaView output of particles: one .vtp per frame — the points θ_j on the sphere (the same
// picture as the grid's mesh) and, as a second block of points, the lifted points c_j θ_j —
// with PointData mass, sign and any named per-particle field, FieldData TIME; and the .pvd
// collection rewritten after every frame.

#include <Eigen/Core>
#include <filesystem>
#include <string>
#include <vector>

#include "io/pvd_collection.hpp"

namespace mf {

/// A named per-particle array: #particles × components values, components of a particle together.
struct PointField {
  std::string name;
  int components = 1;
  const double* data = nullptr;
};

class VtpParticleWriter {
 public:
  /// Frames go to directory/basename_NNNNNN.vtp, the collection to directory/basename.pvd;
  /// each file is announced to `registry` (may be null) before it is written.
  VtpParticleWriter(std::filesystem::path directory, std::string basename, FileRegistry* registry = nullptr);
  /// positions: d × m, drawn as θ = position/‖position‖ (d = 2 or 3 embedded in R³; for d > 3
  /// the first three coordinates of θ, a projection); the lifted points lift_j·θ_j (lift:
  /// the mass when null) are written as the second half of the points, with PointData
  /// "lifted" = 1 there (0 on the sphere).
  void write_frame(double time, const Eigen::MatrixXd& positions, const Eigen::VectorXd& mass,
                   const Eigen::VectorXd& sign, const std::vector<PointField>& fields,
                   const Eigen::VectorXd* lift = nullptr);
  std::filesystem::path pvd_path() const { return pvd_.path(); }

 private:
  std::filesystem::path directory_;
  std::string basename_;
  PvdCollection pvd_;
};

}  // namespace mf
