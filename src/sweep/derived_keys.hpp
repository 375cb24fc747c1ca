#pragma once
// Derived sweep keys: [sweep.derived] "training.step" = "min(10, 0.1 / network.scale^2)" sets a
// key of every member from an expression in the member's numeric keys — the swept values, the
// case's other numbers and the derived keys above it — for settings that move together, such as
// a step that keeps the time scale as an initialization scale or a width is swept. Expressions
// are muparser's (https://beltoforion.de/en/muparser): + − * / ^, parentheses, min, max, sqrt,
// exp, ln, log10, abs, rint, a ? b : c, and the constants _pi, _e.

#include <string>
#include <utility>
#include <vector>

#include "io/toml_edit.hpp"

namespace mf {

/// The (key, TOML literal) settings of `derived` for the member whose case text (the swept keys
/// already set) is `member_text`, evaluated in order, each seeing the ones before it. A key the
/// case holds as an integer gets an integer literal (a value that is not whole is an error),
/// any other a float literal. `point` names the member's swept values in messages. Throws
/// CaseError naming the derived key's file and line, its expression, the point and what is wrong
/// (an unknown name, a syntax error, a value that is not finite or not whole).
std::vector<std::pair<std::string, std::string>> derived_settings(const std::vector<DerivedKey>& derived,
                                                                  const std::string& member_text,
                                                                  const std::string& point);

}  // namespace mf
