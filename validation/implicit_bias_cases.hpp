#pragma once
// Validation part I: the implicit bias of the exponential loss for wide two-layer ReLU networks
// on separable data (Chizat & Bach 2020, "Implicit bias of gradient descent for wide two-layer
// neural networks trained with the logistic loss"): the two regimes' pictures (I1), output-layer
// training against the kernel max margin (I2), the test error against n (I3) and the margins
// against the width (I4). The case
// files are in validation/I*_…/, run through `measureflow run` and `measureflow sweep`'s code
// into the report directory.

#include <string>

namespace mf {

class Report;

void validate_i1_illustration(Report& report, const std::string& case_dir, bool quick);
void validate_i2_kernel_max_margin(Report& report, const std::string& case_dir, bool quick);
void validate_i3_test_error_against_n(Report& report, const std::string& case_dir, bool quick);
void validate_i4_margin_against_width(Report& report, const std::string& case_dir, bool quick);

}  // namespace mf
