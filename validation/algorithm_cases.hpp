#pragma once
// Validation part D: algorithms on measures (particles, any d).

#include <string>

namespace mf {

class Report;

void validate_d1_coordinate_descent_mean(Report& report, const std::string& case_dir, bool quick);
void validate_d2_prox_monotone(Report& report, const std::string& case_dir, bool quick);
void validate_d3_six_algorithms(Report& report, const std::string& case_dir, bool quick);
void validate_d4_kernel_merging(Report& report, const std::string& case_dir, bool quick);

}  // namespace mf
