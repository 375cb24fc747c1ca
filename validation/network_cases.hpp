#pragma once
// Validation part B: two-layer networks on the grid.

#include <string>

#include "objective/measure.hpp"

namespace mf {

class Report;

/// The teacher of B4 (and D1 on S¹): atoms at angles 0.3, 1.5, 2.6, 3.9, 5.2 with weights
/// 1.0, −0.8, 0.9, 0.7, −1.1.
Measure circle_teacher();

void validate_b1_kernels(Report& report, const std::string& case_dir, bool quick);
void validate_b2_monotone(Report& report, const std::string& case_dir, bool quick);
void validate_b3_l2_exact(Report& report, const std::string& case_dir, bool quick);
void validate_b4_teacher_circle(Report& report, const std::string& case_dir, bool quick);
void validate_b5_teacher_sphere(Report& report, const std::string& case_dir, bool quick);
void validate_b6_fast_potential(Report& report, const std::string& case_dir, bool quick);

}  // namespace mf
