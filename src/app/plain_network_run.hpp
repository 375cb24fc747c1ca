#pragma once
// `measureflow run CASE` for a plain network case ([network] table): trains the network by
// full-batch GD, mini-batch SGD or the gradient flow. The run directory (default runs/<name>)
// holds case.toml; data.csv (the data set); weights/network_NNNNNN.csv, the network at each
// output time (columns a, b1..bd[, bias], loadable with init = "file"); the particle series of
// app/particle_output.hpp (θ_j = b̃_j/‖b̃_j‖ and the lifted points |a_j| b̃_j; PointData mass
// |a_j|‖b̃_j‖/m, sign, signed_mass, a, norm_b); diagnostics.csv; teacher.csv/.vtp; the figures;
// and summary.txt.

#include <iosfwd>
#include <memory>

#include "app/plain_network_case.hpp"
#include "app/run_pipeline.hpp"

namespace mf {

/// The mode of a plain network case; input errors are thrown here.
std::unique_ptr<RunMode> plain_network_run(const PlainNetworkCase& c);
int run_plain_network_case(const PlainNetworkCase& c, const RunOptions& options, std::ostream& out, std::ostream& err);

}  // namespace mf
