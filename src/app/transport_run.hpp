#pragma once
// `measureflow run` for a transport case (prescribed flows): the run directory holds
//   case.toml        the exact case file that ran
//   <name>.pvd       the ParaView time series (rewritten after every frame)
//   <name>_NNNNNN.vtu one frame per output time (CellData density, velocity, growth, exact, error)
//   diagnostics.csv  one row per output time
//   summary.txt      status (running / complete / stopped and why), what ran, final diagnostics

#include <iosfwd>
#include <memory>

#include "app/run_pipeline.hpp"
#include "app/transport_case.hpp"

namespace mf {

/// The mode of a transport case; input errors (CaseError, MeshError) are thrown here.
std::unique_ptr<RunMode> transport_run(const TransportCase& c);
/// run(*transport_run(c), …).
int run_transport_case(const TransportCase& c, const RunOptions& options, std::ostream& out, std::ostream& err);

}  // namespace mf
