#pragma once
// A ParaView .pvd collection: the list of (time, frame file) rewritten atomically (write a
// temporary file, rename) after every frame, so an interrupted run stays viewable.

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "io/file_registry.hpp"

namespace mf {

class PvdCollection {
 public:
  /// `registry` (may be null) is told of the .pvd before it is first written.
  explicit PvdCollection(std::filesystem::path path, FileRegistry* registry = nullptr)
      : path_(std::move(path)), registry_(registry) {}
  /// Appends a frame (file relative to the .pvd's folder) and rewrites the collection.
  /// Throws WriteError naming the .pvd when it cannot be written.
  void add(double time, const std::string& file);
  const std::filesystem::path& path() const { return path_; }
  int size() const { return static_cast<int>(frames_.size()); }
  /// Where the frames of this collection are recorded (may be null).
  FileRegistry* registry() const { return registry_; }

 private:
  std::filesystem::path path_;
  FileRegistry* registry_;
  std::vector<std::pair<double, std::string>> frames_;
};

}  // namespace mf
