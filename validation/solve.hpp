#pragma once
// In-memory solve of a transport case for validation: no files, errors at the end time.

#include <string>
#include <vector>

#include "app/transport_case.hpp"
#include "compare/error_norms.hpp"

namespace mf {

class Report;

struct SolveResult {
  int cells = 0;
  double spacing = 0;      ///< mean cell size: √(4π/N) on S², 2π/N on S¹
  ErrorNorms errors;       ///< at the end time against the exact solution
  double mass_drift = 0;   ///< (ΣM(T) − ΣM(0)) / ΣM(0)
  double min_density = 0;  ///< smallest density at the end
  double min_density_run = 0;  ///< smallest density seen at any step
  long steps = 0;
  double seconds = 0;
};

/// Runs c to its end time; throws if the case has no exact solution at the end.
SolveResult solve_transport(const TransportCase& c);

/// Runs each case of a convergence study, adds a table (level label, cells, h, l1, l2, linf,
/// mass error, min, orders of l1 and l2 against the previous row) and returns the results.
std::vector<SolveResult> convergence_study(Report& report, const std::vector<std::string>& labels,
                                           const std::vector<TransportCase>& cases, const std::string& figure = "");

/// Least-squares slope of log(error) against log(spacing) over the given results.
double fitted_order(const std::vector<SolveResult>& results, double ErrorNorms::*norm);

}  // namespace mf
