#pragma once
// Errors in the user's own input files (data sets, networks, particles, initial densities) and
// the rule for quoting what a user wrote in an error message.

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace mf {

/// A user input file that cannot be used: "file:line: what is wrong; what is valid". Like a
/// bad case file or mesh, it means nothing was run; the program exits with code 2.
class InputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

namespace detail {
// The number of UTF-8 code points of `text` and the byte offset where code point `max_chars`
// + 1 begins (text.size() when there are no more).
inline std::pair<std::size_t, std::size_t> count_and_cut(std::string_view text, std::size_t max_chars) {
  std::size_t chars = 0, cut = text.size();
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;  // a continuation byte
    if (chars == max_chars) cut = i;
    ++chars;
  }
  return {chars, cut};
}
}  // namespace detail

/// `text` between two `mark`s for an error message. Text longer than `max_chars` characters
/// (UTF-8 code points) is cut after `max_chars` of them with "…", and its length is given:
/// 'aaaa…' (10000 characters). A message stays readable whatever a user's file holds.
inline std::string quote_excerpt(std::string_view text, char mark = '\'', std::size_t max_chars = 200) {
  const auto [chars, cut] = detail::count_and_cut(text, max_chars);
  if (chars <= max_chars) return mark + std::string(text) + mark;
  return mark + std::string(text.substr(0, cut)) + "…" + mark + " (" + std::to_string(chars) + " characters)";
}

/// `text` itself when it has at most `max_chars` characters, else its first `max_chars` and
/// "… (N characters)": for a message from a library that may quote a user's text.
inline std::string shortened(std::string_view text, std::size_t max_chars = 200) {
  const auto [chars, cut] = detail::count_and_cut(text, max_chars);
  if (chars <= max_chars) return std::string(text);
  return std::string(text.substr(0, cut)) + "… (" + std::to_string(chars) + " characters)";
}

}  // namespace mf
