#pragma once
// Validation part C: grid versus particles.

#include <string>

namespace mf {

class Report;

void validate_c1_fisher_rao(Report& report, const std::string& case_dir, bool quick);
void validate_c2_conic_equals_gd(Report& report, const std::string& case_dir, bool quick);
void validate_c3_convergence(Report& report, const std::string& case_dir, bool quick);

}  // namespace mf
