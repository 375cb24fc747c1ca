#pragma once
// `measureflow reference`: the README's reference tables of every choice a case file makes —
// the kinds of case file, the mesh families and each name table — generated from the tables
// themselves (base/name_table.hpp, mesh/mesh_families.hpp, app/run_modes.hpp), so the README
// cannot fall behind the program. A test checks the README's copy.

#include <string>

namespace mf {

/// The markdown of the reference (without the README's begin/end markers).
std::string reference_markdown();

/// Replaces the text between the markers "<!-- reference:begin -->" and
/// "<!-- reference:end -->" of `file` with reference_markdown(); std::runtime_error naming the
/// file when it has no markers.
void update_reference(const std::string& file);

}  // namespace mf
