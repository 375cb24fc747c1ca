#include "app/run_modes.hpp"

#include <stdexcept>

#include "app/algorithm_run.hpp"
#include "app/network_grid_run.hpp"
#include "app/network_particle_run.hpp"
#include "app/plain_network_run.hpp"
#include "app/transport_run.hpp"

namespace mf {


const std::vector<CaseKindEntry>& case_kinds() {
  static const std::vector<CaseKindEntry> kinds = {
      {"algorithm", "algorithm", "algorithms on measures (coordinate descent, prox-TV, conic GD) on one objective",
       [](const TomlDocument& doc, bool) { return algorithm_run(read_algorithm_case(doc)); },
       "an [algorithm] case runs on atoms already"},
      {"plain_network", "network", "a plain two-layer network trained by GD, SGD or its gradient flow",
       [](const TomlDocument& doc, bool) { return plain_network_run(read_plain_network_case(doc)); },
       "a [network] case is already a particle run"},
      {"network", "model", "a network's neuron measure on a mesh (W, FR, WFR, L2 flows); --particles: its particles",
       [](const TomlDocument& doc, bool particles) {
         return (particles ? network_particle_run : network_grid_run)(read_network_case(doc));
       },
       ""},
      {"transport", "", "advection and reaction of a density by a prescribed flow on a mesh",
       [](const TomlDocument& doc, bool) { return transport_run(read_transport_case(doc)); },
       "a transport case has no particles"},
  };
  return kinds;
}

const CaseKindEntry& case_kind(const TomlDocument& doc) {
  const TomlSection root = doc.root();
  for (const CaseKindEntry& k : case_kinds())
    if (k.table.empty() || root.has(k.table)) return k;
  return case_kinds().back();
}

std::unique_ptr<RunMode> make_run_mode(const TomlDocument& doc, bool particles) {
  if (doc.root().has("sweep"))
    doc.root().fail("sweep", "this case is a sweep: run it with `measureflow sweep " + doc.file() +
                                 "` (a [sweep] table names keys to vary, README \"Sweeps\")");
  const CaseKindEntry& kind = case_kind(doc);
  if (particles && !kind.no_particles.empty())
    throw std::runtime_error(doc.file() + ": --particles needs a network case on a mesh (with a [model] table); " +
                             kind.no_particles);
  return kind.make(doc, particles);
}

}  // namespace mf
