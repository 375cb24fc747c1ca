#include "app/transport_run.hpp"

#include <cmath>
#include <limits>
#include <ostream>

#include "app/grid_run.hpp"
#include "app/transport_setup.hpp"
#include "compare/error_norms.hpp"
#include "figures/paraview_view.hpp"
#include "io/csv_writer.hpp"
#include "io/vtk_series_writer.hpp"

namespace mf {

namespace {

class TransportRun : public RunMode {
 public:
  explicit TransportRun(const TransportCase& c)
      : c_(c), p_(make_problem(c_)), mesh_(*p_.mesh), solver_(mesh_, *p_.flow, c_.solver),
        masses_(sample_masses(mesh_, p_.initial)), initial_mass_(masses_.sum()) {
    if (!masses_.allFinite() || !std::isfinite(initial_mass_))
      throw CaseError(c.file + ": table [initial]: the initial masses overflow (their total is " +
                      std::to_string(initial_mass_) + "); give the density's values (value, height, background) " +
                      "a size whose total over the sphere is finite, e.g. below 1e300");
    for (double t : c.output.times) has_exact_ = has_exact_ || (p_.exact && p_.exact_at(t));
  }

  const std::string& case_file() const override { return c_.file; }
  std::string name() const override { return c_.name; }
  std::string case_directory() const override { return c_.output.directory; }
  void describe(std::ostream& out) const override {
    out << "  mesh: " << mesh_.description << " (" << mesh_.n_cells() << " cells)\n"
        << "  scheme: " << describe_step(c_.solver) << "\n";
  }

  void start(RunDirectory& dir) override {
    std::vector<std::string> columns = {"time", "step", "mass", "mass_drift", "min_density", "max_density"};
    if (has_exact_) columns.insert(columns.end(), {"l1", "l2", "linf", "mass_error", "overshoot", "undershoot"});
    csv_ = std::make_unique<CsvWriter>((dir.path() / "diagnostics.csv").string(), columns, &dir);
    if (c_.output.vtk) {
      vtk_ = std::make_unique<VtkSeriesWriter>(mesh_, dir.path(), c_.name, &dir);
      const ViewSpec view{"grid", mesh_.manifold_dimension() + 1, c_.name + ".pvd", "density", {}, "", "", ""};
      dir.write_text(view_script_name(view), view_script(view));
    }
    readable_ = vtk_ ? vtk_->pvd_path() : dir.path() / "diagnostics.csv";
  }

  RunStage stage(int) override {
    return {c_.output.times, grid_advance(solver_, masses_), [this](double t) { observe(t); }, readable_};
  }

  void summarize(const std::vector<StageResult>& results, std::ostream& s) const override {
    write_grid_summary(s, results.front(), mesh_, c_.solver, c_.end_time, solver_);
    s << "mass_drift: " << (masses_.sum() - initial_mass_) / initial_mass_ << "\n";
    if (have_errors_)
      s << "l1: " << errors_.l1 << "\nl2: " << errors_.l2 << "\nlinf: " << errors_.linf
        << "\nmass_error: " << errors_.mass_error << "\n";
  }

  bool plot() const override { return c_.output.plot; }

  std::string result_line(const std::vector<StageResult>& results) const override {
    std::string line = reached_line(results.front(), solver_.steps());
    if (have_errors_) line += "; l2 error " + std::to_string(errors_.l2) + " at the last exact time";
    return line;
  }

 private:
  void observe(double t) {
    const int nc = mesh_.n_cells();
    const Eigen::Map<const Eigen::VectorXd> area(mesh_.area.data(), nc);
    density_ = masses_.cwiseQuotient(area);
    std::vector<double> row = {t, static_cast<double>(solver_.steps()), masses_.sum(),
                               (masses_.sum() - initial_mass_) / initial_mass_, density_.minCoeff(),
                               density_.maxCoeff()};
    std::vector<CellField> fields = {{"density", 1, density_.data()}};
    if (has_exact_) {
      if (p_.exact_at(t)) {
        exact_.resize(nc);
        for (int i = 0; i < nc; ++i) exact_[i] = p_.exact(mesh_.center[i], t);
        errors_ = error_norms(density_, exact_, mesh_.area);
        have_errors_ = true;
        row.insert(row.end(), {errors_.l1, errors_.l2, errors_.linf, errors_.mass_error, errors_.overshoot,
                               errors_.undershoot});
        error_ = density_ - exact_;
        fields.push_back({"exact", 1, exact_.data()});
        fields.push_back({"error", 1, error_.data()});
      } else {
        row.insert(row.end(), 6, std::numeric_limits<double>::quiet_NaN());
      }
    }
    if (p_.flow->cell_velocities(t, masses_, velocity_)) {
      velocity_by_cell_ = velocity_.transpose();
      fields.push_back({"velocity", 3, velocity_by_cell_.data()});
    }
    if (p_.flow->has_reaction()) {
      p_.flow->growth_rates(t, masses_, growth_);
      fields.push_back({"growth", 1, growth_.data()});
    }
    csv_->row(row);
    if (vtk_) vtk_->write_frame(t, fields);
  }

  const TransportCase c_;  // a copy: the mode may outlive the caller's case
  TransportProblem p_;
  const SphereMesh& mesh_;
  GridSolver solver_;
  Eigen::VectorXd masses_;
  double initial_mass_;
  bool has_exact_ = false, have_errors_ = false;
  ErrorNorms errors_;
  std::unique_ptr<CsvWriter> csv_;
  std::unique_ptr<VtkSeriesWriter> vtk_;
  std::filesystem::path readable_;
  Eigen::VectorXd density_, exact_, error_, growth_;
  Eigen::MatrixX3d velocity_;
  Eigen::MatrixXd velocity_by_cell_;  // 3 × #cells: x y z of each cell together
};

}  // namespace

std::unique_ptr<RunMode> transport_run(const TransportCase& c) { return std::make_unique<TransportRun>(c); }

int run_transport_case(const TransportCase& c, const RunOptions& options, std::ostream& out, std::ostream& err) {
  return run(*transport_run(c), options, out, err);
}

}  // namespace mf
