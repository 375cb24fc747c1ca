#include "app/run_network.hpp"

#include <fstream>
#include <ostream>

#include "app/network_setup.hpp"
#include "io/csv_writer.hpp"
#include "io/vtk_series_writer.hpp"

namespace mf {

namespace fs = std::filesystem;

int run_network_case(const NetworkCase& c, const RunOptions& options, std::ostream& out, std::ostream& err) {
  NetworkProblem p = make_network_problem(c);  // input errors surface here, before any file
  const SphereMesh& mesh = *p.mesh;
  const fs::path dir = run_directory(options.output_directory, c.output.directory, c.name);
  const std::string case_text = read_case_text(c.file);
  prepare_run_directory(dir, options.overwrite);
  write_case_copy(dir, case_text);
  if (p.data) write_data_csv(*p.data, (dir / "data.csv").string());

  const NetworkGridFlow& flow = *p.flow;
  GridSolver solver(mesh, flow, c.solver);
  Eigen::VectorXd masses = p.initial_masses;
  const bool l2 = c.flow.geometry == FlowGeometry::l2;
  const int nc = mesh.n_cells();
  const Eigen::Map<const Eigen::VectorXd> area(mesh.area.data(), nc);

  CsvWriter csv((dir / "diagnostics.csv").string(),
                {"time", "step", "loss", "penalized_loss", "mass_plus", "mass_minus", "tv_norm", "support_size",
                 "max_abs_potential", "teacher_distance"});
  std::unique_ptr<VtkSeriesWriter> vtk;
  if (c.output.vtk) vtk = std::make_unique<VtkSeriesWriter>(mesh, dir, c.name);

  out << "measureflow run " << c.file << "\n  mesh: " << mesh.description << " (" << nc << " cells), d = "
      << c.dimension << "\n  flow: " << to_string(c.flow.geometry) << ", loss " << to_string(c.loss) << ", data "
      << c.data.type << "\n  scheme: " << describe_step(c.solver) << "\n  output: " << dir.string() << "\n";

  NetworkDiagnostics first, last;
  bool have_first = false;
  Eigen::VectorXd rho_plus, rho_minus, rho, potential;
  std::vector<Eigen::Matrix3Xd> velocity;
  std::vector<Eigen::VectorXd> growth;
  const RunLoopResult result = run_output_loop(
      solver, masses, c.output.times, options.progress, err, vtk ? vtk->pvd_path() : dir / "diagnostics.csv",
      [&](double t) {
        last = flow.diagnostics(masses);
        if (!have_first) {
          first = last;
          have_first = true;
        }
        csv.row({t, static_cast<double>(solver.steps()), last.loss, last.penalized_loss, last.mass_plus, last.mass_minus,
                 last.tv_norm, static_cast<double>(last.support_size), last.max_abs_potential, last.teacher_distance});
        if (!vtk) return;
        flow.cell_fields(masses, potential, velocity, growth);
        std::vector<CellField> fields;
        if (l2) {
          rho = masses.cwiseQuotient(area);
          fields = {{"density", 1, rho.data()}, {"potential", 1, potential.data()}, {"growth", 1, growth[0].data()}};
        } else {
          rho_plus = masses.head(nc).cwiseQuotient(area);
          rho_minus = masses.tail(nc).cwiseQuotient(area);
          rho = rho_plus - rho_minus;
          fields = {{"density_plus", 1, rho_plus.data()},     {"density_minus", 1, rho_minus.data()},
                    {"density", 1, rho.data()},               {"potential", 1, potential.data()},
                    {"velocity_plus", 3, velocity[0].data()}, {"velocity_minus", 3, velocity[1].data()},
                    {"growth_plus", 1, growth[0].data()},     {"growth_minus", 1, growth[1].data()}};
        }
        vtk->write_frame(t, fields);
      });

  std::ofstream summary(dir / "summary.txt");
  summary.precision(10);
  write_summary_head(summary, result, c.file, mesh, c.solver, c.end_time, solver);
  summary << "flow: " << to_string(c.flow.geometry) << "\nloss_initial: " << first.loss << "\nloss_final: " << last.loss
          << "\npenalized_loss_final: " << last.penalized_loss << "\nmass_plus_final: " << last.mass_plus
          << "\nmass_minus_final: " << last.mass_minus << "\nsupport_size_final: " << last.support_size
          << "\nteacher_distance_final: " << last.teacher_distance << "\n";
  out << "  " << short_status(result) << ": t = " << result.reached_time << " after " << solver.steps() << " steps in "
      << result.wall_seconds << " s; J " << first.loss << " -> " << last.loss << "\n";
  return result.exit_code;
}

}  // namespace mf
