#pragma once
// Validation part A: transport and reaction on the sphere (the finite-volume engine).

#include <string>

namespace mf {

class Report;

void validate_a1_pure_reaction(Report& report, const std::string& case_dir, bool quick);
void validate_a2_circle_rotation(Report& report, const std::string& case_dir, bool quick);
void validate_a3_cosine_bell(Report& report, const std::string& case_dir, bool quick);
void validate_a4_nair_lauritzen(Report& report, const std::string& case_dir, bool quick);
void validate_a5_rotation_decay(Report& report, const std::string& case_dir, bool quick);

}  // namespace mf
