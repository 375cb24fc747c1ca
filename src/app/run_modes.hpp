#pragma once
// The kinds of case file and their run modes, in one table: a case is of the first kind whose
// table it has ([algorithm], [network], [model]; otherwise a transport case). Each kind's
// reader validates the whole file (CaseError naming file, line and key) before its mode is
// built; the mode then runs through the one pipeline (app/run_pipeline.hpp).

#include <memory>
#include <string>
#include <vector>

#include "app/run_pipeline.hpp"
#include "io/toml_reader.hpp"

namespace mf {

struct CaseKindEntry {
  std::string name;   ///< "algorithm", "plain_network", "network", "transport"
  std::string table;  ///< the table that marks it ("" for the default kind)
  std::string doc;    ///< one line for the README's table
  /// Reads the case and builds its mode (`particles`: the particle counterpart, where there is one).
  std::unique_ptr<RunMode> (*make)(const TomlDocument& doc, bool particles);
  std::string no_particles;  ///< why `run --particles` does not apply ("" where it does)
};
const std::vector<CaseKindEntry>& case_kinds();

/// The kind of a case file (the entry of case_kinds()).
const CaseKindEntry& case_kind(const TomlDocument& doc);

/// Reads the case and builds its mode; `particles` asks for the particle counterpart of a
/// network case (std::runtime_error for any other kind, saying why).
std::unique_ptr<RunMode> make_run_mode(const TomlDocument& doc, bool particles);

}  // namespace mf
