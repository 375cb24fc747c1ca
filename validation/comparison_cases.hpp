#pragma once
// Validation part C: grid versus particles.

#include <string>

#include "app/convergence_study.hpp"

namespace mf {

class Report;

/// The rates a convergence study's bars read: the grid's smallest rates of D and |J − J_ref| over
/// the study's times (NaN when any is NaN or there is none: a bar on it fails), and the particles'
/// rates of D at the last time.
struct StudyRates {
  double grid_distance, grid_loss, quasi_uniform, random;
};
StudyRates study_rates(const StudyResult& result);

void validate_c1_fisher_rao(Report& report, const std::string& case_dir, bool quick);
void validate_c2_conic_equals_gd(Report& report, const std::string& case_dir, bool quick);
void validate_c3_convergence(Report& report, const std::string& case_dir, bool quick);

}  // namespace mf
