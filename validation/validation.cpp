#include "validation.hpp"

#include <chrono>
#include <functional>
#include <ostream>
#include <vector>

#include "report.hpp"
#include "algorithm_cases.hpp"
#include "comparison_cases.hpp"
#include "cost_cases.hpp"
#include "global_convergence_cases.hpp"
#include "implicit_bias_cases.hpp"
#include "lazy_training_cases.hpp"
#include "network_cases.hpp"
#include "transport_cases.hpp"

namespace mf {

int run_validation(const ValidationOptions& options, std::ostream& out) {
  Report report(out, options.report_directory);
  const auto start = std::chrono::steady_clock::now();
  const std::vector<std::pair<std::string, std::function<void(Report&, const std::string&, bool)>>> cases = {
      {"A1", validate_a1_pure_reaction}, {"A2", validate_a2_circle_rotation}, {"A3", validate_a3_cosine_bell},
      {"A4", validate_a4_nair_lauritzen}, {"A5", validate_a5_rotation_decay}, {"B1", validate_b1_kernels},
      {"B2", validate_b2_monotone},        {"B3", validate_b3_l2_exact},      {"B4", validate_b4_teacher_circle},
      {"B5", validate_b5_teacher_sphere},  {"B6", validate_b6_fast_potential}, {"C1", validate_c1_fisher_rao},    {"C2", validate_c2_conic_equals_gd},
      {"C3", validate_c3_convergence},     {"C4", validate_c4_cost},     {"D1", validate_d1_coordinate_descent_mean},
      {"D2", validate_d2_prox_monotone},    {"D3", validate_d3_six_algorithms},
      {"D4", validate_d4_kernel_merging},  {"G1", validate_g1_sigmoid_dynamics},
      {"G2", validate_g2_risk_against_width},
      {"G3", validate_g3_deconvolution_1d}, {"G4", validate_g4_deconvolution_2d}, {"G5", validate_g5_grid_torus}, {"G6", validate_g6_frank_wolfe},  {"I1", validate_i1_illustration}, {"I2", validate_i2_kernel_max_margin},
      {"I3", validate_i3_test_error_against_n}, {"I4", validate_i4_margin_against_width},
      {"L1", validate_l1_training_paths}, {"L2", validate_l2_scale_generalization}, {"L3", validate_l3_lazy_theorem},
      {"L4", validate_l4_width_scaling}};
  int ran = 0;
  for (const auto& [name, run] : cases) {
    if (!options.only.empty() && name.rfind(options.only.substr(0, name.size()), 0) != 0) continue;
    run(report, options.case_directory, options.quick);
    ++ran;
  }
  if (ran == 0) {
    out << "no validation case matches '" << options.only << "'; cases: A1 A2 A3 A4 A5 B1 B2 B3 B4 B5 B6 C1 C2 C3 C4 D1 D2 D3 D4 G1 G2 G3 G4 G5 G6 I1 I2 I3 I4 L1 L2 L3 L4\n";
    return 1;
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  report.note("Ran in " + format_number(seconds, 3) + " s" + (options.quick ? " (quick)." : "."));
  report.write(options.report_directory, std::string("measureflow validation report") + (options.quick ? " (quick)" : ""));
  out << "\n" << report.checks() - report.failures() << " of " << report.checks() << " bars met; report in "
      << options.report_directory << "/report.md\n";
  return report.failures();
}

}  // namespace mf
