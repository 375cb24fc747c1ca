#include "app/network_grid_run.hpp"

#include <cmath>
#include <ostream>

#include "app/grid_run.hpp"
#include "app/particle_output.hpp"
#include "figures/paraview_view.hpp"
#include "app/network_setup.hpp"
#include "io/csv_writer.hpp"
#include "io/vtk_series_writer.hpp"

namespace mf {

namespace {

class NetworkGridRun : public RunMode {
 public:
  explicit NetworkGridRun(const NetworkCase& c)
      : c_(c), p_(make_network_problem(c_)), mesh_(*p_.mesh), solver_(mesh_, *p_.flow, c_.solver),
        masses_(p_.initial_masses) {
    if (!masses_.allFinite() || !std::isfinite(masses_.cwiseAbs().sum()))
      throw CaseError(c.file + ": the initial masses of μ⁺ and μ⁻ overflow; give [initial] masses (or the "
                      "densities of the initial file) a finite total, e.g. below 1e300");
  }

  const std::string& case_file() const override { return c_.file; }
  std::string name() const override { return c_.name; }
  std::string case_directory() const override { return c_.output.directory; }
  void describe(std::ostream& out) const override {
    out << "  mesh: " << mesh_.description << " (" << mesh_.n_cells() << " cells), d = " << c_.dimension
        << "\n  flow: " << to_string(c_.flow.geometry) << ", loss " << to_string(c_.loss) << ", data " << to_string(c_.data.type)
        << "\n  scheme: " << describe_step(c_.solver) << "\n  potential: " << p_.flow->potential().description() << "\n";
  }

  void start(RunDirectory& dir) override {
    if (p_.data) write_data_csv(*p_.data, dir.file("data.csv").string());
    if (const Measure* teacher = p_.objective->teacher()) write_teacher(dir, *teacher, p_.objective->domain());
    csv_ = std::make_unique<CsvWriter>((dir.path() / "diagnostics.csv").string(), network_diagnostic_columns(), &dir);
    if (c_.output.vtk) {
      vtk_ = std::make_unique<VtkSeriesWriter>(mesh_, dir.path(), c_.name, &dir);
      // The torus is drawn flat, in the square of angles: the plane's view.
      const int view_dimension = mesh_.manifold == Manifold::torus ? 2 : c_.dimension;
      ViewSpec view{"grid", view_dimension, c_.name + ".pvd", "density", {}, p_.objective->teacher() ? "teacher.vtp" : "", "", ""};
      if (c_.flow.geometry != FlowGeometry::l2) view.channels = {"density_plus", "density_minus"};
      dir.write_text(view_script_name(view), view_script(view));
    }
    readable_ = vtk_ ? vtk_->pvd_path() : dir.path() / "diagnostics.csv";
  }

  RunStage stage(int) override {
    return {c_.output.times, grid_advance(solver_, masses_), [this](double t) { observe(t); }, readable_};
  }

  void summarize(const std::vector<StageResult>& results, std::ostream& s) const override {
    write_grid_summary(s, results.front(), mesh_, c_.solver, c_.end_time, solver_);
    s << "flow: " << to_string(c_.flow.geometry) << "\npotential: " << p_.flow->potential().description() << "\n";
    write_network_summary(s, first_, last_);
  }

  bool plot() const override { return c_.output.plot; }

  std::string result_line(const std::vector<StageResult>& results) const override {
    return reached_line(results.front(), solver_.steps()) + "; J " + number_text(first_.loss) + " -> " +
           number_text(last_.loss);
  }

 private:
  void observe(double t) {
    const NetworkGridFlow& flow = *p_.flow;
    last_ = flow.diagnostics(masses_);
    check_diagnostics(last_, t, solver_.steps());
    if (!have_first_) first_ = last_, have_first_ = true;
    csv_->row(network_diagnostic_row(t, solver_.steps(), last_));
    if (!vtk_) return;
    const int nc = mesh_.n_cells();
    const Eigen::Map<const Eigen::VectorXd> area(mesh_.area.data(), nc);
    flow.cell_fields(masses_, potential_, velocity_, growth_);
    std::vector<CellField> fields;
    if (c_.flow.geometry == FlowGeometry::l2) {
      rho_ = masses_.cwiseQuotient(area);
      fields = {{"density", 1, rho_.data()}, {"potential", 1, potential_.data()}, {"growth", 1, growth_[0].data()}};
    } else {
      rho_plus_ = masses_.head(nc).cwiseQuotient(area);
      rho_minus_ = masses_.tail(nc).cwiseQuotient(area);
      rho_ = rho_plus_ - rho_minus_;
      fields = {{"density_plus", 1, rho_plus_.data()},     {"density_minus", 1, rho_minus_.data()},
                {"density", 1, rho_.data()},               {"potential", 1, potential_.data()},
                {"velocity_plus", 3, velocity_[0].data()}, {"velocity_minus", 3, velocity_[1].data()},
                {"growth_plus", 1, growth_[0].data()},     {"growth_minus", 1, growth_[1].data()}};
    }
    vtk_->write_frame(t, fields);
  }

  const NetworkCase c_;  // a copy: the mode may outlive the caller's case
  NetworkProblem p_;
  const SphereMesh& mesh_;
  GridSolver solver_;
  Eigen::VectorXd masses_;
  NetworkDiagnostics first_, last_;
  bool have_first_ = false;
  std::unique_ptr<CsvWriter> csv_;
  std::unique_ptr<VtkSeriesWriter> vtk_;
  std::filesystem::path readable_;
  Eigen::VectorXd rho_plus_, rho_minus_, rho_, potential_;
  std::vector<Eigen::Matrix3Xd> velocity_;
  std::vector<Eigen::VectorXd> growth_;
};

}  // namespace

std::unique_ptr<RunMode> network_grid_run(const NetworkCase& c) { return std::make_unique<NetworkGridRun>(c); }

int run_network_case(const NetworkCase& c, const RunOptions& options, std::ostream& out, std::ostream& err) {
  return run(*network_grid_run(c), options, out, err);
}

}  // namespace mf
