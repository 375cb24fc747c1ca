#include "comparison_cases.hpp"

#include <cmath>

#include <sstream>

#include "app/convergence_study.hpp"
#include "io/toml_reader.hpp"
#include "report.hpp"

namespace mf {

void validate_c3_convergence(Report& report, const std::string& dir, bool quick) {
  report.section("C3 grid versus particles (S¹, WFR)",
                 "The B4 teacher–student case to T = 5, by `measureflow compare` (app/convergence_study). Reference: "
                 "quasi-uniform particles, 4096 per sign (quick: 1024), which carry no spatial discretization error. "
                 "D(μ, μ_ref) = ‖f_μ − f_ref‖ (exact, through the kernel), |J − J_ref|, and the cell-mass TV distance on "
                 "64 arcs, at t = 1, 2.5, 5; rates are least-squares slopes of log D against log h (h = 2π/n, or 2π/m).");
  NetworkCase c = read_network_case(TomlDocument(dir + "/B4_teacher_circle/case.toml"));
  c.end_time = 5.0;
  c.output.times = {0.0, 1.0, 2.5, 5.0};
  StudyOptions o;
  o.grid_sizes = quick ? std::vector<int>{64, 128, 256} : std::vector<int>{64, 128, 256, 512, 1024};
  o.particle_sizes = o.grid_sizes;
  o.reference_size = quick ? 1024 : 4096;
  o.coarse_size = 64;
  std::ostringstream quiet;
  const StudyResult r = run_convergence_study(c, o, quiet);
  report.note(study_markdown(r));
  auto rate_at_end = [&](const std::string& method) {
    for (const auto& [m, rates] : r.distance_rates)
      if (m == method) return rates.back();
    return std::nan("");
  };
  const double grid = rate_at_end("grid"), quasi = rate_at_end("particles (quasi-uniform)"),
               random = rate_at_end("particles (random)");
  report.check("C3", "grid: rate of D at t = 5 (errors fall as h → 0)", grid, ">=", 0.5);
  report.check("C3", "random particles: rate of D at t = 5 (≈ m^{-1/2})", random, ">=", 0.3);
  report.check("C3", "quasi-uniform particles: rate of D at t = 5 minus the random particles' (faster)", quasi - random,
               ">=", 0.2);
}

}  // namespace mf
