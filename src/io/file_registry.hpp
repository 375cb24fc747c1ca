#pragma once
// Whoever owns the files of a run (app/run_directory.hpp): each writer announces every file
// it is about to create, so the owner can list them and, on --overwrite, remove exactly those.

#include <filesystem>

namespace mf {

class FileRegistry {
 public:
  virtual ~FileRegistry() = default;
  /// Records `file` (absolute, or relative to the working directory) as written by this run.
  /// May throw WriteError when the record itself cannot be written.
  virtual void add(const std::filesystem::path& file) = 0;
};

}  // namespace mf
