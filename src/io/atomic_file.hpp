#pragma once
// Checked, all-or-nothing file writes. A file is written under a temporary name beside it
// (`name.tmp`), flushed and closed with every step checked, then renamed over `name`, so a
// reader sees the old file or the whole new one and never a truncated one. A failed write
// (disk full, no permission) removes the temporary file and throws WriteError naming the file.

#include <filesystem>
#include <functional>
#include <iosfwd>
#include <stdexcept>
#include <string>

namespace mf {

/// A file that could not be written: "path: what failed".
class WriteError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The temporary name a file is written under before it is renamed: `path` + ".tmp".
std::filesystem::path temporary_path(const std::filesystem::path& path);

/// Writes `path` through `body` (which streams the content) as described above.
void write_file_atomically(const std::filesystem::path& path, const std::function<void(std::ostream&)>& body);
/// The same for a string.
void write_file_atomically(const std::filesystem::path& path, const std::string& content);

/// Renames a finished temporary file over `path` (after checking it is not empty when
/// `nonempty`); throws WriteError naming `path`, and removes `tmp`, when it cannot.
void commit_temporary(const std::filesystem::path& tmp, const std::filesystem::path& path, bool nonempty = true);

}  // namespace mf
