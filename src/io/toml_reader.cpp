#include "io/toml_reader.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <sstream>
#include <toml++/toml.h>

#include "io/input_error.hpp"

namespace mf {

bool Range::contains(double x) const {
  if (!std::isfinite(x)) return false;
  const bool above = lo_open ? x > lo : x >= lo;
  const bool below = hi_open ? x < hi : x <= hi;
  return above && below;
}

std::string Range::describe() const {
  std::ostringstream s;
  s << (lo_open ? "(" : "[") << lo << ", " << hi << (hi_open ? ")" : "]");
  return s.str();
}

namespace {

std::string type_name(const toml::node& n) {
  switch (n.type()) {
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "an integer";
    case toml::node_type::floating_point: return "a number";
    case toml::node_type::boolean: return "a boolean";
    case toml::node_type::array: return "an array";
    case toml::node_type::table: return "a table";
    default: return "a date/time";
  }
}

// Levenshtein distance, for "did you mean" hints on misspelt keys.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string join(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "\"" : ", \"") + x + "\"";
  return s;
}

}  // namespace

namespace {
const toml::table* as_table(const void* p) { return static_cast<const toml::table*>(p); }
}  // namespace

TomlSection::TomlSection(const void* table, std::string file, std::string path, int line)
    : table_(table), file_(std::move(file)), path_(std::move(path)), line_(line) {}

const void* TomlSection::get(std::string_view key) const {
  used_.emplace(key);
  return table_ ? as_table(table_)->get(key) : nullptr;
}

bool TomlSection::has(std::string_view key) const { return table_ && as_table(table_)->contains(key); }

std::string TomlSection::qualified(std::string_view key) const {
  return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

int TomlSection::line_of(std::string_view key) const {
  if (table_)
    if (const toml::node* n = as_table(table_)->get(key)) return static_cast<int>(n->source().begin.line);
  return line_;
}

void TomlSection::fail(std::string_view key, const std::string& message) const {
  std::string hint;
  if (table_ && !has(key))  // a missing key: is it there misspelt?
    for (auto&& [k, v] : *as_table(table_))
      if (edit_distance(k.str(), key) <= 2)
        hint = " (line " + std::to_string(k.source().begin.line) + " has " + quote_excerpt(k.str()) + ": misspelt?)";
  throw CaseError(file_ + ":" + std::to_string(line_of(key)) + ": key '" + qualified(key) + "': " + message + hint);
}

double TomlSection::number(std::string_view key, const Range& range) const {
  const auto* n = static_cast<const toml::node*>(get(key));
  if (!n) fail(key, "is required (a number in " + range.describe() + ")");
  std::optional<double> v;
  if (n->is_integer()) v = static_cast<double>(n->as_integer()->get());
  else if (n->is_floating_point()) v = n->as_floating_point()->get();
  if (!v) fail(key, "is " + type_name(*n) + "; expected a number in " + range.describe());
  if (!range.contains(*v)) {
    std::ostringstream s;
    s.precision(17);
    s << "value " << *v << " is out of range; valid: " << range.describe();
    fail(key, s.str());
  }
  return *v;
}

double TomlSection::number(std::string_view key, double fallback, const Range& range) const {
  return has(key) ? number(key, range) : (used_.emplace(key), fallback);
}

int TomlSection::integer(std::string_view key, int lo, int hi) const {
  const auto* n = static_cast<const toml::node*>(get(key));
  const std::string valid = "an integer in [" + std::to_string(lo) + ", " + std::to_string(hi) + "]";
  if (!n) fail(key, "is required (" + valid + ")");
  if (!n->is_integer()) fail(key, "is " + type_name(*n) + "; expected " + valid);
  const auto v = n->as_integer()->get();
  if (v < lo || v > hi) fail(key, "value " + std::to_string(v) + " is out of range; valid: " + valid);
  return static_cast<int>(v);
}

int TomlSection::integer(std::string_view key, int fallback, int lo, int hi) const {
  return has(key) ? integer(key, lo, hi) : (used_.emplace(key), fallback);
}

bool TomlSection::boolean(std::string_view key, bool fallback) const {
  const auto* n = static_cast<const toml::node*>(get(key));
  if (!n) return fallback;
  if (!n->is_boolean()) fail(key, "is " + type_name(*n) + "; expected true or false");
  return n->as_boolean()->get();
}

std::string TomlSection::string(std::string_view key) const {
  const auto* n = static_cast<const toml::node*>(get(key));
  if (!n) fail(key, "is required (a string)");
  if (!n->is_string()) fail(key, "is " + type_name(*n) + "; expected a string");
  return n->as_string()->get();
}

std::string TomlSection::string(std::string_view key, const std::string& fallback) const {
  return has(key) ? string(key) : (used_.emplace(key), fallback);
}

std::string TomlSection::choice(std::string_view key, const std::vector<std::string>& valid,
                                const std::string& fallback) const {
  const auto* n = static_cast<const toml::node*>(get(key));
  if (!n) {
    if (fallback.empty()) fail(key, "is required; valid: " + join(valid));
    return fallback;
  }
  if (!n->is_string()) fail(key, "is " + type_name(*n) + "; expected one of " + join(valid));
  const std::string v = n->as_string()->get();
  for (const auto& x : valid)
    if (x == v) return v;
  fail(key, "unknown value " + quote_excerpt(v, '"') + "; valid: " + join(valid));
}

std::vector<std::string> TomlSection::choices(std::string_view key, const std::vector<std::string>& valid) const {
  const auto* n = static_cast<const toml::node*>(get(key));
  if (!n) fail(key, "is required (an array of strings, each one of " + join(valid) + ")");
  const toml::array* a = n->as_array();
  if (!a || a->empty()) fail(key, "expected a non-empty array of strings, each one of " + join(valid));
  std::vector<std::string> out;
  for (std::size_t i = 0; i < a->size(); ++i) {
    const toml::node& e = *a->get(i);
    if (!e.is_string()) fail(key, "element " + std::to_string(i) + " is " + type_name(e) + "; expected one of " + join(valid));
    const std::string v = e.as_string()->get();
    if (std::find(valid.begin(), valid.end(), v) == valid.end())
      fail(key, "element " + std::to_string(i) + ": unknown value " + quote_excerpt(v, '"') + "; valid: " + join(valid));
    if (std::find(out.begin(), out.end(), v) != out.end())
      fail(key, "element " + std::to_string(i) + ": " + quote_excerpt(v, '"') + " is listed twice");
    out.push_back(v);
  }
  return out;
}

std::vector<double> TomlSection::numbers(std::string_view key, const Range& range, std::size_t min_size) const {
  const auto* n = static_cast<const toml::node*>(get(key));
  if (!n) fail(key, "is required (an array of numbers in " + range.describe() + ")");
  const toml::array* a = n->as_array();
  if (!a) fail(key, "is " + type_name(*n) + "; expected an array of numbers in " + range.describe());
  std::vector<double> out;
  for (std::size_t i = 0; i < a->size(); ++i) {
    const toml::node& e = *a->get(i);
    std::optional<double> v;
    if (e.is_integer()) v = static_cast<double>(e.as_integer()->get());
    else if (e.is_floating_point()) v = e.as_floating_point()->get();
    if (!v) fail(key, "element " + std::to_string(i) + " is " + type_name(e) + "; expected a number");
    if (!range.contains(*v)) {
      std::ostringstream s;
      s.precision(17);
      s << "element " << i << " = " << *v << " is out of range; valid: " << range.describe();
      fail(key, s.str());
    }
    out.push_back(*v);
  }
  if (out.size() < min_size) fail(key, "needs at least " + std::to_string(min_size) + " elements");
  return out;
}

std::vector<std::vector<double>> TomlSection::rows(std::string_view key) const {
  const auto* n = static_cast<const toml::node*>(get(key));
  if (!n) fail(key, "is required (an array of arrays of numbers)");
  const toml::array* a = n->as_array();
  if (!a || a->empty()) fail(key, "expected a non-empty array of arrays of numbers, like [[1.0, 0.0, 1.0]]");
  std::vector<std::vector<double>> out;
  for (std::size_t i = 0; i < a->size(); ++i) {
    const toml::array* row = a->get(i)->as_array();
    if (!row) fail(key, "row " + std::to_string(i + 1) + " is " + type_name(*a->get(i)) + "; expected an array of numbers");
    out.emplace_back();
    for (std::size_t k = 0; k < row->size(); ++k) {
      const toml::node& e = *row->get(k);
      if (e.is_integer()) out.back().push_back(static_cast<double>(e.as_integer()->get()));
      else if (e.is_floating_point() && std::isfinite(e.as_floating_point()->get())) out.back().push_back(e.as_floating_point()->get());
      else fail(key, "row " + std::to_string(i + 1) + ", element " + std::to_string(k + 1) + " is not a finite number");
    }
  }
  return out;
}

TomlSection TomlSection::section(std::string_view key) const {
  const auto* n = static_cast<const toml::node*>(get(key));
  const std::string path = qualified(key);
  if (!n) return TomlSection(nullptr, file_, path, line_);
  if (!n->is_table()) fail(key, "is " + type_name(*n) + "; expected a table [" + path + "]");
  return TomlSection(n->as_table(), file_, path, static_cast<int>(n->source().begin.line));
}

void TomlSection::finish() const {
  if (!table_) return;
  for (auto&& [k, v] : *as_table(table_)) {
    if (used_.count(k.str())) continue;
    std::string valid;
    for (const auto& u : used_) valid += (valid.empty() ? "" : ", ") + u;
    throw CaseError(file_ + ":" + std::to_string(k.source().begin.line) + ": key " + quote_excerpt(qualified(k.str())) +
                    " is unknown" + (path_.empty() ? "" : " in [" + path_ + "]") + "; valid keys here: " + valid);
  }
}

struct TomlDocument::Table {
  toml::table table;
};

TomlDocument::TomlDocument(const std::string& file) : file_(file) {
  if (!std::filesystem::is_regular_file(file)) throw CaseError(file + ": no such case file");
  try {
    table_ = std::make_unique<Table>(Table{toml::parse_file(file)});
  } catch (const toml::parse_error& e) {
    throw CaseError(file + ":" + std::to_string(e.source().begin.line) + ":" + std::to_string(e.source().begin.column) +
                    ": TOML syntax error: " + shortened(e.description(), 300));  // it may quote the file
  }
}

TomlDocument::~TomlDocument() = default;

TomlSection TomlDocument::root() const { return TomlSection(&table_->table, file_, "", 1); }

}  // namespace mf
