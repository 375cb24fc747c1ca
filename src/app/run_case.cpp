#include "app/run_case.hpp"

#include <cmath>
#include <fstream>
#include <iterator>
#include <limits>
#include <ostream>

#include "app/run_loop.hpp"
#include "app/transport_setup.hpp"
#include "compare/error_norms.hpp"
#include "io/csv_writer.hpp"
#include "io/vtk_series_writer.hpp"

namespace mf {

namespace fs = std::filesystem;

void prepare_run_directory(const fs::path& dir, bool overwrite) {
  std::error_code ec;
  if (fs::exists(dir, ec) && !fs::is_directory(dir, ec))
    throw std::runtime_error("output directory " + dir.string() + " exists and is not a directory; choose another with -o");
  if (fs::exists(dir / "summary.txt") || fs::exists(dir / "case.toml")) {
    if (!overwrite)
      throw std::runtime_error("output directory " + dir.string() +
                               " holds an earlier run; pass --overwrite to replace it, or choose another with -o");
    for (const auto& entry : fs::directory_iterator(dir)) {
      const auto ext = entry.path().extension();
      const auto name = entry.path().filename();
      if (ext == ".vtu" || ext == ".pvd" || ext == ".tmp" || name == "diagnostics.csv" || name == "summary.txt" ||
          name == "case.toml")
        fs::remove(entry.path());
    }
  }
  fs::create_directories(dir, ec);
  if (ec) throw std::runtime_error("cannot create output directory " + dir.string() + ": " + ec.message());
  const fs::path probe = dir / ".write_test";
  {
    std::ofstream f(probe);
    if (!(f << "ok")) throw std::runtime_error("output directory " + dir.string() + " is not writable; choose another with -o");
  }
  fs::remove(probe);
}


int run_transport_case(const TransportCase& c, const RunOptions& options, std::ostream& out, std::ostream& err) {
  // Everything that can fail on input fails here, before the directory is touched.
  TransportProblem p = make_problem(c);
  const SphereMesh& mesh = *p.mesh;
  const fs::path dir = run_directory(options.output_directory, c.output.directory, c.name);
  const std::string case_text = read_case_text(c.file);  // before: --overwrite may remove it
  prepare_run_directory(dir, options.overwrite);
  write_case_copy(dir, case_text);

  GridSolver solver(mesh, *p.flow, c.solver);
  Eigen::VectorXd masses = sample_masses(mesh, p.initial);
  const double initial_mass = masses.sum();
  const Eigen::Map<const Eigen::VectorXd> area(mesh.area.data(), mesh.n_cells());

  bool has_exact = false;
  for (double t : c.output.times) has_exact = has_exact || (p.exact && p.exact_at(t));
  std::vector<std::string> columns = {"time", "step", "mass", "mass_drift", "min_density", "max_density"};
  if (has_exact) columns.insert(columns.end(), {"l1", "l2", "linf", "mass_error", "overshoot", "undershoot"});
  CsvWriter csv((dir / "diagnostics.csv").string(), columns);
  std::unique_ptr<VtkSeriesWriter> vtk;
  if (c.output.vtk) vtk = std::make_unique<VtkSeriesWriter>(mesh, dir, c.name);

  out << "measureflow run " << c.file << "\n  mesh: " << mesh.description << " (" << mesh.n_cells() << " cells)\n"
      << "  scheme: " << describe_step(c.solver) << "\n  output: " << dir.string() << "\n";

  ErrorNorms last_errors;
  bool have_errors = false;
  Eigen::VectorXd density, exact, error, growth;
  Eigen::MatrixX3d velocity;
  Eigen::MatrixXd velocity_by_cell;  // 3 × #cells: x y z of each cell together
  const RunLoopResult result = run_output_loop(
      solver, masses, c.output.times, options.progress, err, vtk ? vtk->pvd_path() : dir / "diagnostics.csv", [&](double t) {
        density = masses.cwiseQuotient(area);
        std::vector<double> row = {t, static_cast<double>(solver.steps()), masses.sum(),
                                   (masses.sum() - initial_mass) / initial_mass, density.minCoeff(), density.maxCoeff()};
        std::vector<CellField> fields = {{"density", 1, density.data()}};
        if (has_exact) {
          if (p.exact_at(t)) {
            exact.resize(mesh.n_cells());
            for (int i = 0; i < mesh.n_cells(); ++i) exact[i] = p.exact(mesh.center[i], t);
            last_errors = error_norms(density, exact, mesh.area);
            have_errors = true;
            row.insert(row.end(), {last_errors.l1, last_errors.l2, last_errors.linf, last_errors.mass_error,
                                   last_errors.overshoot, last_errors.undershoot});
            error = density - exact;
            fields.push_back({"exact", 1, exact.data()});
            fields.push_back({"error", 1, error.data()});
          } else {
            row.insert(row.end(), 6, std::numeric_limits<double>::quiet_NaN());
          }
        }
        if (p.flow->cell_velocities(t, masses, velocity)) {
          velocity_by_cell = velocity.transpose();
          fields.push_back({"velocity", 3, velocity_by_cell.data()});
        }
        if (p.flow->has_reaction()) {
          p.flow->growth_rates(t, masses, growth);
          fields.push_back({"growth", 1, growth.data()});
        }
        csv.row(row);
        if (vtk) vtk->write_frame(t, fields);
      });

  std::ofstream summary(dir / "summary.txt");
  summary.precision(10);
  write_summary_head(summary, result, c.file, mesh, c.solver, c.end_time, solver);
  summary << "mass_drift: " << (masses.sum() - initial_mass) / initial_mass << "\n";
  if (have_errors)
    summary << "l1: " << last_errors.l1 << "\nl2: " << last_errors.l2 << "\nlinf: " << last_errors.linf
            << "\nmass_error: " << last_errors.mass_error << "\n";
  out << "  " << short_status(result) << ": t = " << result.reached_time << " after " << solver.steps() << " steps in "
      << result.wall_seconds << " s";
  if (have_errors) out << "; l2 error " << last_errors.l2 << " at the last exact time";
  out << "\n";
  return result.exit_code;
}

std::string describe_step(const GridSolverOptions& s) {
  std::string d = to_string(s.scheme) + ", " + to_string(s.stepper);
  d += s.dt > 0 ? ", dt = " + std::to_string(s.dt) : ", cfl = " + std::to_string(s.cfl);
  return d;
}

std::string short_status(const RunLoopResult& r) { return r.exit_code == 0 ? "complete" : "stopped"; }

void write_summary_head(std::ostream& summary, const RunLoopResult& r, const std::string& file, const SphereMesh& mesh,
                        const GridSolverOptions& options, double end_time, const GridSolver& solver) {
  summary << "status: " << r.status << "\ncase: " << file << "\nmesh: " << mesh.description << "\ncells: "
          << mesh.n_cells() << "\nscheme: " << describe_step(options) << "\nend_time: " << end_time
          << "\nreached_time: " << r.reached_time << "\nsteps: " << solver.steps()
          << "\nmax_courant: " << solver.max_courant() << "\nwall_seconds: " << r.wall_seconds << "\n";
}

}  // namespace mf
