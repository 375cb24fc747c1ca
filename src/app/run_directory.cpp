#include "app/run_directory.hpp"

#include <algorithm>
#include <stdexcept>
#include <system_error>
#include <vector>

#include "io/atomic_file.hpp"

namespace mf {

namespace fs = std::filesystem;

namespace {

std::string shortened(const std::string& s) {
  return s.size() <= 200 ? s : s.substr(0, 200) + "… (" + std::to_string(s.size()) + " characters)";
}

// A run written before runs kept a manifest: its files by name and extension.
bool legacy_run_file(const fs::directory_entry& e) {
  const auto ext = e.path().extension();
  const std::string name = e.path().filename().string();
  return ext == ".vtu" || ext == ".vtp" || ext == ".pvd" || ext == ".tmp" || ext == ".png" || ext == ".gp" ||
         name == "diagnostics.csv" || name == "data.csv" || name == "summary.txt" || name == "case.toml";
}

void remove_earlier_run(const fs::path& dir) {
  std::ifstream manifest(dir / RunDirectory::manifest_name);
  std::vector<fs::path> folders;
  if (manifest) {
    std::string line;
    while (std::getline(manifest, line)) {
      if (line.empty() || line.find("..") != std::string::npos || fs::path(line).is_absolute()) continue;
      const fs::path p = dir / line;
      std::error_code ec;
      if (line.back() == '/') folders.push_back(p);
      else fs::remove(p, ec), fs::remove(temporary_path(p), ec);
    }
  } else {
    for (const auto& e : fs::directory_iterator(dir)) {
      if (e.is_regular_file() && legacy_run_file(e)) fs::remove(e.path());
      if (e.is_directory()) folders.push_back(e.path());
    }
    // Old runs' sub-folders: particles/, weights/, one per algorithm method.
    for (const fs::path& f : folders)
      for (const auto& e : fs::directory_iterator(f))
        if (e.is_regular_file() && (legacy_run_file(e) || e.path().extension() == ".csv")) fs::remove(e.path());
  }
  // Folders deepest first; only those left empty go (a user's own files stay).
  std::sort(folders.begin(), folders.end(), [](const fs::path& a, const fs::path& b) {
    return a.string().size() > b.string().size();
  });
  for (const fs::path& f : folders) {
    std::error_code ec;
    if (fs::is_directory(f, ec) && fs::is_empty(f, ec)) fs::remove(f, ec);
  }
  fs::remove(dir / RunDirectory::manifest_name);
}

}  // namespace

void check_path_length(const fs::path& dir, const std::string& what) {
  const std::string text = dir.string();
  if (text.size() > 4000)
    throw std::runtime_error(what + " = '" + shortened(text) + "' is longer than the 4000 characters a path may have");
  for (const auto& part : dir)
    if (part.string().size() > 255)
      throw std::runtime_error(what + " = '" + shortened(text) + "' has a folder name of " +
                               std::to_string(part.string().size()) + " characters; the file system allows 255");
}

RunDirectory::RunDirectory(fs::path dir, bool overwrite) : dir_(std::move(dir)) {
  check_path_length(dir_, "the run directory");
  std::error_code ec;
  if (fs::exists(dir_, ec) && !fs::is_directory(dir_, ec))
    throw std::runtime_error("output directory " + dir_.string() + " exists and is not a directory; choose another with -o");
  try {
    if (fs::exists(dir_ / manifest_name) || fs::exists(dir_ / "summary.txt") || fs::exists(dir_ / "case.toml")) {
      if (!overwrite)
        throw std::runtime_error("output directory " + dir_.string() +
                                 " holds an earlier run; pass --overwrite to replace it, or choose another with -o");
      remove_earlier_run(dir_);
    }
  } catch (const fs::filesystem_error& e) {
    throw std::runtime_error("cannot clear the earlier run in " + dir_.string() + ": " + e.code().message());
  }
  fs::create_directories(dir_, ec);
  if (ec) throw std::runtime_error("cannot create output directory " + dir_.string() + ": " + ec.message());
  manifest_.open(dir_ / manifest_name, std::ios::binary | std::ios::trunc);
  if (!manifest_) throw std::runtime_error("output directory " + dir_.string() + " is not writable; choose another with -o");
}

void RunDirectory::record(const std::string& relative) {
  if (!recorded_.insert(relative).second) return;
  manifest_ << relative << '\n' << std::flush;
  if (!manifest_) throw WriteError((dir_ / manifest_name).string() + ": write failed; is the disk full?");
}

void RunDirectory::add(const fs::path& file) {
  const fs::path relative = file.lexically_relative(dir_);
  if (relative.empty() || *relative.begin() == "..")
    throw std::logic_error(file.string() + " is outside the run directory " + dir_.string());
  fs::path folder;
  for (auto it = relative.begin(); std::next(it) != relative.end(); ++it) {
    folder /= *it;
    record(folder.generic_string() + "/");
  }
  record(relative.generic_string());
}

fs::path RunDirectory::file(const std::string& relative) {
  const fs::path p = dir_ / relative;
  add(p);
  std::error_code ec;
  fs::create_directories(p.parent_path(), ec);
  if (ec) throw WriteError(p.parent_path().string() + ": cannot create the folder: " + ec.message());
  return p;
}

void RunDirectory::write_text(const std::string& relative, const std::string& content) {
  write_file_atomically(file(relative), content);
}

}  // namespace mf
