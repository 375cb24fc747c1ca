#include "app/grid_run.hpp"

#include <ostream>

namespace mf {

std::string describe_step(const GridSolverOptions& s) {
  std::string d = to_string(s.scheme) + ", " + to_string(s.stepper);
  d += s.dt > 0 ? ", dt = " + std::to_string(s.dt) : ", cfl = " + std::to_string(s.cfl);
  return d;
}

void write_grid_summary(std::ostream& summary, const StageResult& r, const SphereMesh& mesh,
                        const GridSolverOptions& options, double end_time, const GridSolver& solver) {
  summary << "mesh: " << mesh.description << "\ncells: " << mesh.n_cells() << "\nscheme: " << describe_step(options)
          << "\nreaction: " << to_string(solver.reaction_mode()) << "\nend_time: " << end_time << "\nreached_time: " << r.reached_time << "\nsteps: " << solver.steps()
          << "\nmax_courant: " << solver.max_courant() << "\n";
}

AdvanceFunction grid_advance(GridSolver& solver, Eigen::VectorXd& masses) {
  return [&solver, &masses](double& t, double t_out, const ProgressFunction& report) {
    solver.set_step_callback(report);
    try {
      solver.advance(masses, t, t_out);
    } catch (...) {
      solver.set_step_callback(nullptr);
      throw;
    }
    solver.set_step_callback(nullptr);
  };
}

}  // namespace mf
