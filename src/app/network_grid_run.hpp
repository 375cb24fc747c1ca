#pragma once
// `measureflow run` for a network case: the run directory holds case.toml, <name>.pvd and
// frames (CellData density_plus, density_minus, density, potential, velocity_plus,
// velocity_minus, growth_plus, growth_minus; L2: density, potential, growth), diagnostics.csv
// (model/network_diagnostics.hpp: time, step, loss, penalized_loss, mass_plus, mass_minus,
// tv_norm, net_tv_norm, support_cells, max_abs_potential, teacher_distance), data.csv when the
// objective has a data set, teacher.csv and teacher.vtp with a teacher, the view script and
// the figures, summary.txt.

#include <iosfwd>
#include <memory>

#include "app/network_case.hpp"
#include "app/run_pipeline.hpp"

namespace mf {

/// The grid mode of a network case; input errors are thrown here.
std::unique_ptr<RunMode> network_grid_run(const NetworkCase& c);
int run_network_case(const NetworkCase& c, const RunOptions& options, std::ostream& out, std::ostream& err);

}  // namespace mf
