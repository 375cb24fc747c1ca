#pragma once
// Validation part L: lazy and mean-field training of wide two-layer networks (Chizat, Oyallon &
// Bach 2019, "On lazy training in differentiable programming"): the training paths of a lazy and
// a non-lazy run (L1), generalization against the initialization scale (L2), the lazy-training
// theorem — the network against its linearization, and the lazy limit against tangent-kernel
// regression (L3) — and the width scaling of the distance travelled and the kernel change (L4).
// The case files are in validation/L*_…/, run through `measureflow run` and `measureflow sweep`'s
// code into the report directory.

#include <string>

namespace mf {

class Report;

void validate_l1_training_paths(Report& report, const std::string& case_dir, bool quick);
void validate_l2_scale_generalization(Report& report, const std::string& case_dir, bool quick);
void validate_l3_lazy_theorem(Report& report, const std::string& case_dir, bool quick);
void validate_l4_width_scaling(Report& report, const std::string& case_dir, bool quick);

}  // namespace mf
