#pragma once
// A ParaView .pvd collection: the list of (time, frame file) rewritten atomically (write a
// temporary file, rename) after every frame, so an interrupted run stays viewable.

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace mf {

class PvdCollection {
 public:
  explicit PvdCollection(std::filesystem::path path) : path_(std::move(path)) {}
  /// Appends a frame (file relative to the .pvd's folder) and rewrites the collection.
  void add(double time, const std::string& file);
  const std::filesystem::path& path() const { return path_; }
  int size() const { return static_cast<int>(frames_.size()); }

 private:
  std::filesystem::path path_;
  std::vector<std::pair<double, std::string>> frames_;
};

}  // namespace mf
