#pragma once
// Validation C4: the cost of the grid, quasi-uniform and random particles at equal accuracy.

#include <string>

namespace mf {

class Report;

void validate_c4_cost(Report& report, const std::string& case_dir, bool quick);

}  // namespace mf
