#pragma once
// The teacher as data, in every run directory that has one (README.md, "CSV files"):
//   teacher.csv  a,b1,…,bd — one neuron a σ(b·x) per line with ‖b‖ = 1, so a is the weight of
//                its atom a δ_b of μ*; the format of [teacher] neurons rows, loadable with
//                [teacher] file = "teacher.csv" (random teachers are written too, so a seeded
//                teacher can be reused and compared without its generator);
//   teacher.vtp  one vertex per neuron at its direction (first three coordinates; z = 0 in
//                d = 2), PointData `weight` (signed), for ParaView beside the series.

#include <Eigen/Core>
#include <string>

#include "io/file_registry.hpp"

namespace mf {

/// directions: d × k (unit columns), weights: k.
void write_teacher_csv(const Eigen::MatrixXd& directions, const Eigen::VectorXd& weights, const std::string& path);
void write_teacher_vtp(const Eigen::MatrixXd& directions, const Eigen::VectorXd& weights, const std::string& path,
                       FileRegistry* registry = nullptr);

/// k × (1 + d) rows [a, b1, …, bd] of a teacher CSV for inputs in R^d. Throws InputError naming
/// the file and line: a header other than a,b1,…,bd, non-numbers, a neuron with b = 0.
Eigen::MatrixXd read_teacher_csv(const std::string& path, int d);

}  // namespace mf
