#pragma once
// `measureflow validate`: runs the validation cases of docs/VALIDATION.md that exist so
// far (part A: the finite-volume engine), prints their tables, checks every bar, and writes
// report.md and report.csv. Each case folder holds its case file and a README with the
// reference and the bars.

#include <iosfwd>
#include <string>

namespace mf {

struct ValidationOptions {
  bool quick = false;              ///< coarse levels only (the test suite runs this)
  std::string only;                ///< run only cases whose name starts with this
  std::string case_directory;      ///< folder holding A1_…, A2_…, …
  std::string report_directory = "validation-report";
};

/// Returns the number of bars missed (0: all passed). Throws on unreadable case files.
int run_validation(const ValidationOptions& options, std::ostream& out);

}  // namespace mf
