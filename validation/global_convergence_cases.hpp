#pragma once
// Validation part G: global convergence of over-parameterized particle descent on measures
// (Chizat & Bach 2018; Chizat 2022). G1: the particle dynamics of a sigmoid network. G2: the risk after training against the number of particles,
// particle GD against random features (a sweep). G3: sparse spike deconvolution on the circle by
// conic particle gradient descent, its limit against the BLASSO minimizer of an independent
// solver (blasso_reference.hpp). G6: Frank–Wolfe and sliding Frank–Wolfe on G3's and G2's
// problems. The case files are in validation/G*_…/, run through
// `measureflow run`'s and `measureflow sweep`'s code into the report directory.

#include <string>

namespace mf {

class Report;

void validate_g1_sigmoid_dynamics(Report& report, const std::string& case_dir, bool quick);
void validate_g2_risk_against_width(Report& report, const std::string& case_dir, bool quick);
void validate_g3_deconvolution_1d(Report& report, const std::string& case_dir, bool quick);
void validate_g4_deconvolution_2d(Report& report, const std::string& case_dir, bool quick);
void validate_g5_grid_torus(Report& report, const std::string& case_dir, bool quick);
void validate_g6_frank_wolfe(Report& report, const std::string& case_dir, bool quick);

}  // namespace mf
