#include "figures/paraview_view.hpp"

#include <cstdio>
#include <stdexcept>
#include <string_view>

#include "figures/paraview_view_script.hpp"  // generated: the template's text

namespace mf {

namespace {

constexpr std::string_view begin_marker = "    # BEGIN RUN\n";
constexpr std::string_view end_marker = "    # END RUN\n";

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

void check(bool ok, const std::string& message) {
  if (!ok) throw std::invalid_argument("view script: " + message);
}

void validate(const ViewSpec& spec) {
  check(spec.kind == "grid" || spec.kind == "particles",
        "kind '" + spec.kind + "' is not \"grid\" or \"particles\"");
  check(spec.dimension == 2 || spec.dimension == 3,
        "dimension " + std::to_string(spec.dimension) + " is not 2 (S¹) or 3 (S²)");
  check(!spec.series.empty(), "series is empty (expected \"<name>.pvd\")");
  check(ends_with(spec.series, ".pvd") && !ends_with(spec.series, "/.pvd") && spec.series != ".pvd",
        "series '" + spec.series + "' is not a <name>.pvd collection");
  check(!spec.signed_array.empty(), "signed_array is empty (\"density\" or \"signed_mass\")");
  for (const auto& c : spec.channels) check(!c.empty(), "a channel name is empty");
  if (spec.kind == "particles") {
    check(spec.channels.empty(), "channels are for grid runs (a particle run has signed_mass only)");
    check(spec.lifted.empty() || ends_with(spec.lifted, ".pvd"),
          "lifted '" + spec.lifted + "' is not a .pvd collection");
  } else {
    check(spec.lifted.empty() && spec.trajectories.empty(),
          "lifted and trajectories are for particle runs");
  }
}

/// A Python string literal holding `s`: "…" with \\ \" and control characters escaped
/// (UTF-8 text passes as is: Python 3 reads its sources as UTF-8).
std::string python_string(std::string_view s) {
  std::string out = "\"";
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (ch == '\\' || ch == '"') {
      out += '\\';
      out += ch;
    } else if (c < 0x20 || c == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned>(c));
      out += buf;
    } else {
      out += ch;
    }
  }
  return out + "\"";
}

std::string python_list(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + python_string(items[i]);
  return out + "]";
}

/// The lines between the markers: one `"key": value,` per field of the spec.
std::string run_block(const ViewSpec& spec) {
  std::string out;
  const auto line = [&out](std::string_view key, const std::string& value) {
    out += "    \"";
    out += key;
    out += "\": " + value + ",\n";
  };
  line("kind", python_string(spec.kind));
  line("dimension", std::to_string(spec.dimension));
  line("series", python_string(spec.series));
  line("signed_array", python_string(spec.signed_array));
  line("channels", python_list(spec.channels));
  line("teacher", python_string(spec.teacher));
  line("lifted", python_string(spec.lifted));
  line("trajectories", python_string(spec.trajectories));
  return out;
}

}  // namespace

std::string view_script(const ViewSpec& spec) {
  validate(spec);
  const std::string_view text = detail::paraview_view_template;
  const auto begin = text.find(begin_marker);
  const auto end = text.find(end_marker);
  if (begin == std::string_view::npos || end == std::string_view::npos || end < begin)
    throw std::logic_error("src/figures/paraview_view.py lost its '# BEGIN RUN' / '# END RUN' lines");
  const auto block_start = begin + begin_marker.size();
  std::string out(text.substr(0, block_start));
  out += run_block(spec);
  out += text.substr(end);
  return out;
}

std::string view_script_name(const ViewSpec& spec) {
  validate(spec);
  std::string_view name = spec.series;
  if (const auto slash = name.find_last_of('/'); slash != std::string_view::npos) name.remove_prefix(slash + 1);
  name.remove_suffix(4);  // ".pvd"
  return std::string(name) + "_view.py";
}

}  // namespace mf
