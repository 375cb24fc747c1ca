#pragma once
// Validation part B: two-layer networks on the grid.

#include <string>

namespace mf {

class Report;

void validate_b1_kernels(Report& report, const std::string& case_dir, bool quick);
void validate_b2_monotone(Report& report, const std::string& case_dir, bool quick);
void validate_b3_l2_exact(Report& report, const std::string& case_dir, bool quick);
void validate_b4_teacher_circle(Report& report, const std::string& case_dir, bool quick);
void validate_b5_teacher_sphere(Report& report, const std::string& case_dir, bool quick);

}  // namespace mf
