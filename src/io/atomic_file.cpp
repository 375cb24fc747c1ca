#include "io/atomic_file.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <system_error>

namespace mf {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void fail(const fs::path& tmp, const fs::path& path, const std::string& what) {
  std::error_code ignored;
  fs::remove(tmp, ignored);
  throw WriteError(path.string() + ": " + what);
}

std::string errno_text() { return errno != 0 ? std::string(" (") + std::strerror(errno) + ")" : std::string(); }

}  // namespace

fs::path temporary_path(const fs::path& path) { return fs::path(path.string() + ".tmp"); }

void write_file_atomically(const fs::path& path, const std::function<void(std::ostream&)>& body) {
  const fs::path tmp = temporary_path(path);
  errno = 0;
  std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
  if (!out) fail(tmp, path, "cannot create the file" + errno_text());
  body(out);
  out.flush();
  if (!out) fail(tmp, path, "write failed" + errno_text() + "; is the disk full?");
  out.close();
  if (out.fail()) fail(tmp, path, "closing the file failed" + errno_text() + "; is the disk full?");
  commit_temporary(tmp, path, false);
}

void write_file_atomically(const fs::path& path, const std::string& content) {
  write_file_atomically(path, [&](std::ostream& out) { out << content; });
}

void commit_temporary(const fs::path& tmp, const fs::path& path, bool nonempty) {
  std::error_code ec;
  if (nonempty && (fs::file_size(tmp, ec) == 0 || ec)) fail(tmp, path, "the written file is empty; is the disk full?");
  fs::rename(tmp, path, ec);
  if (ec) fail(tmp, path, "cannot rename " + tmp.filename().string() + " to it: " + ec.message());
}

}  // namespace mf
