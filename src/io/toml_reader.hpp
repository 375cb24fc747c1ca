#pragma once
// Strict reading of TOML case files. Every key a reader does not consume is an error, as is a
// wrong type or an out-of-range value; every error names the file, the line and the key, and
// what would be valid. Nothing is run or written before a case file reads cleanly.

#include <memory>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "base/name_table.hpp"

namespace mf {

/// A case file that cannot be used: "file:line: key 'a.b': what is wrong; what is valid".
class CaseError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A closed or open interval for a number, printed as e.g. "(0, 1]".
struct Range {
  double lo, hi;
  bool lo_open = false, hi_open = false;
  bool contains(double x) const;
  std::string describe() const;
};

class TomlSection {
 public:
  /// A section backed by `table`, a toml::table (nullptr: an absent section, every read
  /// returns defaults). Opaque here so that toml++ stays inside toml_reader.cpp.
  TomlSection(const void* table, std::string file, std::string path, int line);

  bool present() const { return table_ != nullptr; }
  bool has(std::string_view key) const;
  const std::string& path() const { return path_; }
  const std::string& file() const { return file_; }

  double number(std::string_view key, const Range& range) const;                   ///< required
  double number(std::string_view key, double fallback, const Range& range) const;  ///< optional
  int integer(std::string_view key, int lo, int hi) const;                          ///< required
  int integer(std::string_view key, int fallback, int lo, int hi) const;            ///< optional
  bool boolean(std::string_view key, bool fallback) const;
  std::string string(std::string_view key) const;  ///< required
  std::string string(std::string_view key, const std::string& fallback) const;
  /// A string that must be one of `valid`; `fallback` empty means required.
  std::string choice(std::string_view key, const std::vector<std::string>& valid, const std::string& fallback = "") const;
  /// A choice with a name table (base/name_table.hpp): required, or `fallback` when absent.
  template <Named E>
  E option(std::string_view key) const {
    const NameTable<E>& t = name_table(E{});
    return t.parse(choice(key, t.names()));
  }
  template <Named E>
  E option(std::string_view key, E fallback) const {
    const NameTable<E>& t = name_table(fallback);
    return t.parse(choice(key, t.names(), t.name(fallback)));
  }
  /// A non-empty array of distinct names of a name table (required).
  template <Named E>
  std::vector<E> options(std::string_view key) const {
    const NameTable<E>& t = name_table(E{});
    std::vector<E> values;
    for (const std::string& n : choices(key, t.names())) values.push_back(t.parse(n));
    return values;
  }
  /// A non-empty array of distinct strings, each one of `valid` (required).
  std::vector<std::string> choices(std::string_view key, const std::vector<std::string>& valid) const;
  /// An array of numbers, each in range; min_size elements at least.
  std::vector<double> numbers(std::string_view key, const Range& range, std::size_t min_size = 1) const;
  /// An array of arrays of numbers (e.g. neurons = [[a, b1, b2], …]); rows may differ in
  /// length (the caller checks), every element must be a number.
  std::vector<std::vector<double>> rows(std::string_view key) const;
  /// A sub-table (absent → a section that is not present). Marks the key used.
  TomlSection section(std::string_view key) const;

  /// Line of `key` (or of the section when the key is absent).
  int line_of(std::string_view key) const;
  /// Throws CaseError "file:line: key 'path.key': message".
  [[noreturn]] void fail(std::string_view key, const std::string& message) const;
  /// Throws CaseError for the first key that was never read, listing the keys that were.
  void finish() const;

 private:
  const void* get(std::string_view key) const;  // a toml::node or nullptr
  std::string qualified(std::string_view key) const;
  const void* table_;
  std::string file_, path_;
  int line_;
  mutable std::set<std::string, std::less<>> used_;
};

/// A parsed TOML file; the root section has path "".
class TomlDocument {
 public:
  /// Throws CaseError for a missing/unreadable file or a TOML syntax error (with line/column).
  explicit TomlDocument(const std::string& file);
  ~TomlDocument();
  TomlSection root() const;
  const std::string& file() const { return file_; }

 private:
  std::string file_;
  struct Table;
  std::unique_ptr<Table> table_;
};

}  // namespace mf
