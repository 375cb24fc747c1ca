#pragma once
// Validation part G: global convergence of over-parameterized particle descent on measures
// (Chizat & Bach 2018; Chizat 2022). G3: sparse spike deconvolution on the circle by conic particle
// gradient descent, its limit against the BLASSO minimizer of an independent solver
// (blasso_reference.hpp). The case files are in validation/G*_…/, run through `measureflow run`'s
// code into the report directory.

#include <string>

namespace mf {

class Report;

void validate_g3_deconvolution_1d(Report& report, const std::string& case_dir, bool quick);

}  // namespace mf
