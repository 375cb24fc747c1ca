#pragma once
// ParaView output of particles: one .vtp per frame — one vertex per particle at the point the
// caller draws it (its direction on the sphere, or its lifted point: particles/lifted_points.hpp;
// a run writes the two as two series) — with PointData mass, sign, signed_mass = sign·mass and
// any named per-particle field, FieldData TIME; and the .pvd collection rewritten after every
// frame.

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
  /// points: 3 × m, where particle j is drawn.
  void write_frame(double time, const Eigen::Matrix3Xd& points, const Eigen::VectorXd& mass,
                   const Eigen::VectorXd& sign, const std::vector<PointField>& fields);
  std::filesystem::path pvd_path() const { return pvd_.path(); }

 private:
  std::filesystem::path directory_;
  std::string basename_;
  PvdCollection pvd_;
};

}  // namespace mf
