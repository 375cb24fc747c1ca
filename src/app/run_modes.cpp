#include "app/run_modes.hpp"

#include <stdexcept>

#include "app/algorithm_run.hpp"
#include "app/network_grid_run.hpp"
#include "app/network_particle_run.hpp"
#include "app/plain_network_run.hpp"
#include "app/transport_run.hpp"

namespace mf {

namespace {

// Cases are held by the mode they make (the modes keep references to them).
template <class Case>
class Owning : public RunMode {
 public:
  template <class Make>
  Owning(Case c, Make make) : case_(std::move(c)), mode_(make(case_)) {}
  const std::string& case_file() const override { return mode_->case_file(); }
  std::string name() const override { return mode_->name(); }
  std::string case_directory() const override { return mode_->case_directory(); }
  void describe(std::ostream& out) const override { mode_->describe(out); }
  void start(RunDirectory& dir) override { mode_->start(dir); }
  int n_stages() const override { return mode_->n_stages(); }
  RunStage stage(int k) override { return mode_->stage(k); }
  void end_stage(int k, const StageResult& r, std::ostream& out) override { mode_->end_stage(k, r, out); }
  void summarize(const std::vector<StageResult>& r, std::ostream& s) const override { mode_->summarize(r, s); }
  std::string result_line(const std::vector<StageResult>& r) const override { return mode_->result_line(r); }

 private:
  Case case_;
  std::unique_ptr<RunMode> mode_;
};

template <class Case, class Make>
std::unique_ptr<RunMode> owning(Case c, Make make) {
  return std::make_unique<Owning<Case>>(std::move(c), make);
}

}  // namespace

const std::vector<CaseKindEntry>& case_kinds() {
  static const std::vector<CaseKindEntry> kinds = {
      {"algorithm", "algorithm", "algorithms on measures (coordinate descent, prox-TV, conic GD) on one objective",
       [](const TomlDocument& doc, bool) { return owning(read_algorithm_case(doc), algorithm_run); },
       "an [algorithm] case runs on atoms already"},
      {"plain_network", "network", "a plain two-layer network trained by GD, SGD or its gradient flow",
       [](const TomlDocument& doc, bool) { return owning(read_plain_network_case(doc), plain_network_run); },
       "a [network] case is already a particle run"},
      {"network", "model", "a network's neuron measure on a mesh (W, FR, WFR, L2 flows); --particles: its particles",
       [](const TomlDocument& doc, bool particles) {
         return owning(read_network_case(doc), particles ? network_particle_run : network_grid_run);
       },
       ""},
      {"transport", "", "advection and reaction of a density by a prescribed flow on a mesh",
       [](const TomlDocument& doc, bool) { return owning(read_transport_case(doc), transport_run); },
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
  const CaseKindEntry& kind = case_kind(doc);
  if (particles && !kind.no_particles.empty())
    throw std::runtime_error(doc.file() + ": --particles needs a network case on a mesh (with a [model] table); " +
                             kind.no_particles);
  return kind.make(doc, particles);
}

}  // namespace mf
