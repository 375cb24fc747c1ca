#include "app/run_particles.hpp"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <functional>
#include <limits>
#include <numeric>
#include <ostream>
#include <sstream>

#include "app/network_setup.hpp"
#include "io/csv_writer.hpp"
#include "io/vtp_particle_writer.hpp"
#include "mesh/point_locator.hpp"
#include "particles/particle_file.hpp"
#include "time/ode_stepper.hpp"

namespace mf {

namespace fs = std::filesystem;

ConicParticles initial_particles(const NetworkCase& c, const NetworkProblem& problem) {
  if (c.particles.init == "file") return read_particles_csv(c.particles.file, c.dimension);
  const SphereMesh& mesh = *problem.mesh;
  const int nc = mesh.n_cells(), d = c.dimension;
  const Eigen::VectorXd& masses = problem.initial_masses;  // [M⁺; M⁻]
  std::vector<Eigen::VectorXd> theta;
  std::vector<double> mass, sign;
  if (c.particles.init == "centroids") {
    for (int s = 0; s < 2; ++s)
      for (int i = 0; i < nc; ++i)
        if (masses[s * nc + i] > 0.0) {
          theta.push_back(mesh.center[i].head(d));
          mass.push_back(masses[s * nc + i]);
          sign.push_back(s == 0 ? 1.0 : -1.0);
        }
  } else {
    // Directions uniform on the sphere, weighted by the initial density of each sign (read off
    // the cell holding the direction), scaled to each sign's total mass.
    const PointLocator locator(mesh);
    const Eigen::MatrixXd u = sample_inputs(InputDistribution::sphere, d, 2 * c.particles.count, c.particles.seed);
    for (int s = 0; s < 2; ++s) {
      const double total = masses.segment(s * nc, nc).sum();
      if (total <= 0.0) continue;
      std::vector<double> w(c.particles.count);
      for (int k = 0; k < c.particles.count; ++k) {
        Vec3 x = Vec3::Zero();
        x.head(d) = u.col(s * c.particles.count + k);
        const int cell = locator.locate(x);
        w[k] = masses[s * nc + cell] / mesh.area[cell];
      }
      const double sum = std::accumulate(w.begin(), w.end(), 0.0);
      for (int k = 0; k < c.particles.count; ++k) {
        theta.push_back(u.col(s * c.particles.count + k));
        mass.push_back(total * w[k] / sum);
        sign.push_back(s == 0 ? 1.0 : -1.0);
      }
    }
  }
  ConicParticles p;
  const int m = static_cast<int>(theta.size());
  p.theta.resize(d, m);
  p.mass.resize(m);
  p.sign.resize(m);
  for (int j = 0; j < m; ++j) {
    p.theta.col(j) = theta[j];
    p.mass[j] = mass[j];
    p.sign[j] = sign[j];
  }
  return p;
}

namespace {

std::string stepper_description(const ParticleSpec& p) {
  std::ostringstream s;
  if (p.discrete) s << "gd, step " << p.step << ", mass retraction " << to_string(p.retraction);
  else s << to_string(p.stepper);
  return s.str();
}

}  // namespace

int run_particle_case(const NetworkCase& c, const RunOptions& options, std::ostream& out, std::ostream& err) {
  if (c.flow.geometry == FlowGeometry::l2) throw std::runtime_error(c.file + ": the L2 flow has no particle counterpart");
  NetworkProblem problem = make_network_problem(c);
  ConicParticles p = initial_particles(c, problem);
  const std::string name = c.name + "-particles";
  const fs::path dir = run_directory(options.output_directory,
                                     c.output.directory.empty() ? "" : c.output.directory + "-particles", name);
  const std::string case_text = read_case_text(c.file);
  prepare_run_directory(dir, options.overwrite);
  write_case_copy(dir, case_text);
  if (problem.data) write_data_csv(*problem.data, (dir / "data.csv").string());
  fs::create_directories(dir / "particles");

  const Objective& objective = *problem.objective;
  const ConicParticleFlow flow(objective, c.flow, p.sign);
  const int m = p.size(), d = p.dimension();
  CsvWriter csv((dir / "diagnostics.csv").string(),
                {"time", "step", "loss", "penalized_loss", "mass_plus", "mass_minus", "tv_norm", "support_size",
                 "max_abs_potential", "teacher_distance"});
  std::unique_ptr<VtpParticleWriter> vtp;
  if (c.output.vtk) vtp = std::make_unique<VtpParticleWriter>(dir, name);

  out << "measureflow run " << c.file << " --particles\n  particles: " << m << " (" << c.particles.init
      << "), d = " << d << "\n  flow: " << to_string(c.flow.geometry) << ", loss " << to_string(c.loss) << "\n  stepper: "
      << stepper_description(c.particles) << "\n  output: " << dir.string() << "\n";

  Eigen::VectorXd x = p.state();
  OdeStepper stepper(c.particles.stepper, c.particles.abs_tol, c.particles.rel_tol);
  const OdeRhs rhs = [&](const Eigen::VectorXd& y, Eigen::VectorXd& dy, double) { flow.rhs(y, dy); };
  long steps = 0;
  double dt_next = c.particles.dt > 0.0 ? c.particles.dt : 1e-2;
  const AdvanceFunction continuous = [&](double& t, double t_out, const std::function<void(double, long)>& report) {
    const bool met = stepper.advance(rhs, x, t, t_out, dt_next, [&](double now) {
      ++steps;
      if (!x.allFinite()) {
        std::ostringstream s;
        s << "the particle state became NaN/infinite at t = " << now << " (step " << steps << "); "
          << (c.particles.stepper == StepperKind::dopri5 ? "tighten particles.abs_tol / rel_tol" : "reduce particles.dt");
        throw RunError(s.str());
      }
      report(now, steps);
    });
    if (!met)
      throw RunError("dopri5 could not meet its tolerances at t = " + std::to_string(t) +
                     "; loosen particles.abs_tol / rel_tol or use a fixed-step stepper");
  };
  // Discrete steps: step k ends at mean-field time k·η; the output is the last iterate at or
  // before the output time.
  const double eta = c.particles.step;
  const AdvanceFunction discrete = [&](double& t, double t_out, const std::function<void(double, long)>& report) {
    while (static_cast<double>(steps + 1) * eta <= t_out * (1.0 + 1e-12)) {
      const int negative = conic_gradient_step(flow, x, eta, c.particles.retraction);
      ++steps;
      t = static_cast<double>(steps) * eta;
      std::ostringstream s;
      if (negative >= 0)
        s << "particle " << negative + 1 << "'s mass became negative under the linear retraction at step " << steps
          << " (t = " << t << "); reduce particles.step or use mass_retraction = \"exp\"";
      else if (!x.allFinite())
        s << "the particle state became NaN/infinite at step " << steps << " (t = " << t << "); reduce particles.step";
      if (!s.str().empty()) throw RunError(s.str());
      report(t, steps);
    }
  };
  const AdvanceFunction& advance = c.particles.discrete ? discrete : continuous;

  Eigen::VectorXd V, velocity_by_particle;
  Eigen::MatrixXd grad, positions;
  NetworkDiagnostics first, last;
  bool have_first = false;
  int frame = 0;
  const RunLoopResult result = run_output_loop(
      advance, c.output.times, options.progress, err, vtp ? vtp->pvd_path() : dir / "diagnostics.csv", [&](double t) {
        p.set_state(x);
        positions = p.theta.colwise().normalized();
        Measure mu = p.measure();
        mu.directions = positions;
        objective.potential(mu, positions, V, &grad);
        NetworkDiagnostics dg;
        dg.loss = objective.loss(mu);
        dg.penalized_loss = flow.penalized_loss(x);
        for (int j = 0; j < m; ++j) (p.sign[j] > 0 ? dg.mass_plus : dg.mass_minus) += p.mass[j];
        dg.tv_norm = p.mass.sum();
        dg.support_size = support_size(p.mass);
        dg.max_abs_potential = V.cwiseAbs().maxCoeff();
        dg.teacher_distance = objective.teacher() ? objective.distance(mu, *objective.teacher())
                                                  : std::numeric_limits<double>::quiet_NaN();
        last = dg;
        if (!have_first) {
          first = dg;
          have_first = true;
        }
        char csv_name[48];
        std::snprintf(csv_name, sizeof csv_name, "particles_%06d.csv", frame++);
        write_particles_csv(p, (dir / "particles" / csv_name).string());
        csv.row({t, static_cast<double>(steps), dg.loss, dg.penalized_loss, dg.mass_plus, dg.mass_minus, dg.tv_norm,
                 static_cast<double>(dg.support_size), dg.max_abs_potential, dg.teacher_distance});
        if (!vtp) return;
        // velocity −α ∇_S G^s (3 components; the kernel penalty's part is left out of the picture)
        velocity_by_particle.setZero(3 * m);
        if (c.flow.geometry != FlowGeometry::fr)
          for (int j = 0; j < m; ++j)
            for (int r = 0; r < d; ++r) velocity_by_particle[3 * j + r] = -c.flow.alpha * p.sign[j] * grad(r, j);
        vtp->write_frame(t, positions, p.mass, p.sign,
                         {{"potential", 1, V.data()}, {"velocity", 3, velocity_by_particle.data()}});
      });

  std::ofstream summary(dir / "summary.txt");
  summary.precision(10);
  summary << "status: " << result.status << "\ncase: " << c.file << "\nparticles: " << m << " (" << c.particles.init
          << ")\nstepper: " << stepper_description(c.particles) << "\nend_time: " << c.end_time
          << "\nreached_time: " << result.reached_time << "\nsteps: " << steps << "\nwall_seconds: " << result.wall_seconds
          << "\nloss_initial: " << first.loss << "\nloss_final: " << last.loss << "\n";
  out << "  " << short_status(result) << ": t = " << result.reached_time << " after " << steps << " steps in "
      << result.wall_seconds << " s; J " << first.loss << " -> " << last.loss << "\n";
  return result.exit_code;
}

}  // namespace mf
