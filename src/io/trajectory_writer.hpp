#pragma once
// Particle paths for ParaView: trajectories.vtp holds one polyline per particle through the
// points it was drawn at over the output times so far (PointData `time`, CellData `sign`; after
// the first frame only, one vertex per particle),
// rewritten whole after every frame, so a run that stops keeps the paths up to its last frame.

#include <Eigen/Core>
#include <filesystem>
#include <vector>

#include "io/file_registry.hpp"

namespace mf {

class TrajectoryWriter {
 public:
  TrajectoryWriter(std::filesystem::path path, FileRegistry* registry = nullptr);
  /// points: 3 × m (the same m particles every frame; std::invalid_argument otherwise).
  void add_frame(double time, const Eigen::Matrix3Xd& points, const Eigen::VectorXd& sign);
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
  FileRegistry* registry_;
  std::vector<double> times_;
  std::vector<Eigen::Matrix3Xd> frames_;
  Eigen::VectorXd sign_;
};

}  // namespace mf
