#pragma once
// The folder a run writes into, and the owner of every file in it. It
//   - refuses a folder that holds an earlier run unless --overwrite, and then removes exactly
//     the files (and the folders) that run listed in its manifest, nothing else;
//   - lists every file this run writes in the manifest (.measureflow-files, one relative path
//     a line, written before the file itself), so the next --overwrite can do the same;
//   - writes case.toml and summary.txt through temporary names (io/atomic_file.hpp), with
//     summary.txt saying "status: running" from the start until the run ends.
// Every write is checked; a failure throws WriteError naming the file.

#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "io/file_registry.hpp"

namespace mf {

class RunDirectory : public FileRegistry {
 public:
  static constexpr const char* manifest_name = ".measureflow-files";

  /// Checks `dir` (a path too long for the file system, a file in the way, an earlier run
  /// without `overwrite`: std::runtime_error naming the folder and what to do), clears an
  /// earlier run when `overwrite`, creates the folder and checks it is writable. Nothing of
  /// the new run is written yet.
  RunDirectory(std::filesystem::path dir, bool overwrite);

  const std::filesystem::path& path() const { return dir_; }
  /// dir/relative, recorded in the manifest, its parent folders created (and recorded).
  std::filesystem::path file(const std::string& relative);
  /// Records a file inside the folder (FileRegistry: the writers call this).
  void add(const std::filesystem::path& file) override;
  /// Writes dir/relative whole through a temporary name, recorded first.
  void write_text(const std::string& relative, const std::string& content);

 private:
  void record(const std::string& relative);
  std::filesystem::path dir_;
  std::ofstream manifest_;
  std::set<std::string> recorded_;
};

/// Refuses a run-directory path the file system cannot hold (a name over 255 bytes, a path
/// over 4000), naming `what` (e.g. "output.directory" or "-o") and the path (cut to 200
/// characters); std::runtime_error.
void check_path_length(const std::filesystem::path& dir, const std::string& what);

}  // namespace mf
