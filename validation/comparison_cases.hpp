#pragma once
// Validation part C: grid versus particles.

#include <string>

namespace mf {

class Report;

void validate_c3_convergence(Report& report, const std::string& case_dir, bool quick);

}  // namespace mf
