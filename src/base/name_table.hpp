#pragma once
// One name table per choice of the program (a loss, an activation, a flow, a stepper, …): the
// names a case file, the command line and the README use for the values of an enum, defined
// once. Parsing, to_string, the "valid values" of an error message, the CLI's choices and the
// README's reference table (`measureflow reference`) all come from it.
//
// A choice E declares, next to the enum,
//     const NameTable<E>& name_table(E);          // the argument only selects the overload
// and defines it with the entries in the order the documentation lists them. Then
//     to_string(e), parse_name<E>("name"), name_table(E{}).names()
// work for it (found by argument-dependent lookup).

#include <concepts>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mf {

template <class E>
struct NameEntry {
  E value;
  std::string name;  ///< as written in case files and on the command line
  std::string doc;   ///< one line for the reference table
};

template <class E>
class NameTable {
 public:
  /// `what` names the choice in messages ("loss", "activation", …).
  NameTable(std::string what, std::vector<NameEntry<E>> entries) : what_(std::move(what)), entries_(std::move(entries)) {}

  const std::string& what() const { return what_; }
  const std::vector<NameEntry<E>>& entries() const { return entries_; }

  /// The value named `name`; std::invalid_argument "unknown <what> 'x'; valid: …" otherwise.
  E parse(std::string_view name) const {
    for (const auto& e : entries_)
      if (e.name == name) return e.value;
    std::string shown(name.substr(0, 200));
    if (name.size() > 200) shown += "…";
    throw std::invalid_argument("unknown " + what_ + " '" + shown + "'; valid: " + valid_list());
  }
  const std::string& name(E value) const {
    for (const auto& e : entries_)
      if (e.value == value) return e.name;
    throw std::logic_error("a " + what_ + " without a name");  // an entry is missing from the table
  }
  std::vector<std::string> names() const {
    std::vector<std::string> n;
    for (const auto& e : entries_) n.push_back(e.name);
    return n;
  }
  /// "\"a\", \"b\", \"c\"".
  std::string valid_list() const {
    std::string v;
    for (const auto& e : entries_) v += (v.empty() ? "\"" : ", \"") + e.name + "\"";
    return v;
  }
  /// The rows of a markdown table: | `name` | doc |.
  std::string markdown_rows() const {
    std::string rows;
    for (const auto& e : entries_) rows += "| `" + e.name + "` | " + e.doc + " |\n";
    return rows;
  }

 private:
  std::string what_;
  std::vector<NameEntry<E>> entries_;
};

/// An enum with a name table.
template <class E>
concept Named = std::is_enum_v<E> && requires(E e) {
  { name_table(e) } -> std::convertible_to<const NameTable<E>&>;
};

template <Named E>
std::string to_string(E value) {
  return name_table(value).name(value);
}

template <Named E>
E parse_name(std::string_view name) {
  return name_table(E{}).parse(name);
}

}  // namespace mf
