#include "app/network_particle_run.hpp"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <functional>
#include <limits>
#include <numeric>
#include <ostream>
#include <random>
#include <sstream>

#include "app/integrators.hpp"
#include "app/network_setup.hpp"
#include "app/particle_output.hpp"
#include "compare/deposit.hpp"
#include "distributed/rank_split_objective.hpp"
#include "distributed/rank_sums.hpp"
#include "io/csv_writer.hpp"
#include "mesh/mesh_embedding.hpp"
#include "mesh/point_locator.hpp"
#include "particles/particle_file.hpp"
#include "time/ode_stepper.hpp"

namespace mf {

namespace fs = std::filesystem;

ConicParticles initial_particles(const NetworkCase& c, const NetworkProblem& problem) {
  const Domain domain = problem.objective->domain();
  if (c.particles.init == ParticleInit::file) return read_particles_csv(c.particles.file, domain);
  const SphereMesh& mesh = *problem.mesh;
  const int nc = mesh.n_cells(), d = c.dimension;
  const Eigen::VectorXd& masses = problem.initial_masses;  // [M⁺; M⁻]
  std::vector<Eigen::VectorXd> theta;
  std::vector<double> mass, sign;
  if (c.particles.init == ParticleInit::centroids) {
    for (int s = 0; s < 2; ++s)
      for (int i = 0; i < nc; ++i)
        if (masses[s * nc + i] > 0.0) {
          theta.push_back(embedded_point(mesh, mesh.center[i], d));
          mass.push_back(masses[s * nc + i]);
          sign.push_back(s == 0 ? 1.0 : -1.0);
        }
  } else {
    // Directions uniform on the sphere (or the torus), weighted by the initial density of each
    // sign (read off the cell holding the direction), scaled to each sign's total mass.
    const PointLocator locator(mesh);
    Eigen::MatrixXd u;
    if (domain.is_torus()) {
      std::mt19937_64 rng(c.particles.seed);
      u = domain.uniform(2 * c.particles.count, rng);
    } else {
      u = sample_inputs(InputDistribution::sphere, d, 2 * c.particles.count, c.particles.seed);
    }
    for (int s = 0; s < 2; ++s) {
      const double total = masses.segment(s * nc, nc).sum();
      if (total <= 0.0) continue;
      std::vector<double> w(c.particles.count);
      for (int k = 0; k < c.particles.count; ++k) {
        const int cell = locator.locate(mesh_point(mesh, u.col(s * c.particles.count + k)));
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

class NetworkParticleRun : public RunMode {
 public:
  explicit NetworkParticleRun(const NetworkCase& c)
      : c_(c), problem_(checked_problem(c_)), p_(initial_particles(c_, problem_)),
        split_(split_over_ranks(*problem_.objective)), objective_(split_ ? *split_ : *problem_.objective),
        flow_(objective_, c_.flow, p_.sign), x_(p_.state()),
        stepper_(c_.particles.stepper, c_.particles.abs_tol, c_.particles.rel_tol), locator_(*problem_.mesh),
        dt_next_(c_.particles.dt > 0.0 ? c_.particles.dt : 1e-2) {
    if (!x_.allFinite()) throw std::runtime_error(c.file + ": the initial particles are not finite");
  }

  const std::string& case_file() const override { return c_.file; }
  std::string name() const override { return c_.name + "-particles"; }
  std::string case_directory() const override {
    return c_.output.directory.empty() ? "" : c_.output.directory + "-particles";
  }
  void describe(std::ostream& out) const override {
    out << "  particles: " << p_.size() << " (" << to_string(c_.particles.init) << "), d = " << p_.dimension()
        << "\n  flow: " << to_string(c_.flow.geometry) << ", loss " << to_string(c_.loss)
        << "\n  stepper: " << stepper_description(c_.particles) << "\n";
    if (split_) out << "  split over " << ranks_of_this_run() << " MPI ranks: each evaluates the potential at its share of the particles\n";
  }

  void start(RunDirectory& dir) override {
    dir_ = &dir;
    if (problem_.data) write_data_csv(*problem_.data, dir.file("data.csv").string());
    csv_ = std::make_unique<CsvWriter>((dir.path() / "diagnostics.csv").string(), network_diagnostic_columns(), &dir);
    if (const Measure* teacher = problem_.objective->teacher()) write_teacher(dir, *teacher, flow_.domain());
    if (c_.output.vtk) vtp_ = std::make_unique<ParticleOutput>(dir, name(), c_.output.lifted, c_.dimension,
                                                               problem_.objective->teacher() != nullptr, flow_.domain());
    readable_ = vtp_ ? vtp_->pvd_path() : dir.path() / "diagnostics.csv";
  }

  RunStage stage(int) override {
    AdvanceFunction advance;
    if (c_.particles.discrete) {
      advance = discrete_advance(
          [this](long k, double t) {
            const int negative = conic_gradient_step(flow_, x_, c_.particles.step, c_.particles.retraction);
            std::ostringstream s;
            if (negative >= 0)
              s << "particle " << negative + 1 << "'s mass became negative under the linear retraction at step " << k
                << " (t = " << t << "); reduce particles.step or use mass_retraction = \"exp\"";
            else if (!x_.allFinite())
              s << "the particle state became NaN/infinite at step " << k << " (t = " << t << "); reduce particles.step";
            if (!s.str().empty()) throw RunError(s.str());
          },
          c_.particles.step, steps_);
    } else {
      const OdeRhs rhs = [this](const Eigen::VectorXd& y, Eigen::VectorXd& dy, double) { flow_.rhs(y, dy); };
      advance = ode_advance(stepper_, rhs, x_, steps_, dt_next_,
                            {"particles.dt", "particles.abs_tol / rel_tol", "the particle state"});
    }
    return {c_.output.times, advance, [this](double t) { observe(t); }, readable_};
  }

  void summarize(const std::vector<StageResult>& results, std::ostream& s) const override {
    s << "particles: " << p_.size() << " (" << to_string(c_.particles.init) << ")\nstepper: " << stepper_description(c_.particles)
      << "\nend_time: " << c_.end_time << "\nreached_time: " << results.front().reached_time << "\nsteps: " << steps_
      << "\n";
    write_network_summary(s, first_, last_);
  }

  bool plot() const override { return c_.output.plot; }
  bool compressed_paths() const override { return c_.output.lifted == LiftedScale::tanh; }
  bool splits_over_ranks() const override { return true; }

  std::string result_line(const std::vector<StageResult>& results) const override {
    return reached_line(results.front(), steps_) + "; J " + number_text(first_.loss) + " -> " +
           number_text(last_.loss);
  }

 private:
  static NetworkProblem checked_problem(const NetworkCase& c) {
    if (c.flow.geometry == FlowGeometry::l2)
      throw std::runtime_error(c.file + ": the L2 flow has no particle counterpart");
    return make_network_problem(c);
  }

  void observe(double t) {
    p_.set_state(x_);
    last_ = flow_.diagnostics(x_, V_, velocity_, rate_);
    // The particles' masses in the cells of the case's mesh holding their directions, per sign:
    // the grid's cell masses, for the columns both runs share.
    const int nc = problem_.mesh->n_cells();
    const Eigen::VectorXd plus = p_.mass.cwiseProduct((p_.sign.array() > 0.0).cast<double>().matrix());
    set_cell_masses(deposit(locator_, nc, Measure{p_.theta, plus}),
                    deposit(locator_, nc, Measure{p_.theta, p_.mass - plus}), last_);
    check_diagnostics(last_, t, steps_);
    if (!have_first_) first_ = last_, have_first_ = true;
    char csv_name[48];
    std::snprintf(csv_name, sizeof csv_name, "particles/particles_%06d.csv", frame_++);
    write_particles_csv(p_, dir_->file(csv_name).string(), flow_.domain());
    csv_->row(network_diagnostic_row(t, steps_, last_));
    if (!vtp_) return;
    // The velocity dθ/dt = −α ∇_S G^s and the rate −2β G^s, kernel penalty included: the same
    // fields the grid run shows.
    const int m = p_.size();
    velocity3_.setZero(3 * m);
    for (int j = 0; j < m; ++j)  // as the mesh's tangents (on T² the square of angles)
      Eigen::Map<Vec3>(velocity3_.data() + 3 * j) = mesh_tangent(*problem_.mesh, p_.theta.col(j), velocity_.col(j));
    vtp_->write_frame(t, p_.theta, p_.mass, p_.sign,
                      {{"potential", 1, V_.data()}, {"velocity", 3, velocity3_.data()}, {"growth", 1, rate_.data()}});
  }

  const NetworkCase c_;  // a copy: the mode may outlive the caller's case
  NetworkProblem problem_;
  ConicParticles p_;
  std::unique_ptr<Objective> split_;  // under mpirun: the potential computed by all ranks together
  const Objective& objective_;
  ConicParticleFlow flow_;
  Eigen::VectorXd x_;
  OdeStepper stepper_;
  PointLocator locator_;
  double dt_next_;
  long steps_ = 0;
  int frame_ = 0;
  RunDirectory* dir_ = nullptr;
  NetworkDiagnostics first_, last_;
  bool have_first_ = false;
  std::unique_ptr<CsvWriter> csv_;
  std::unique_ptr<ParticleOutput> vtp_;
  std::filesystem::path readable_;
  Eigen::VectorXd V_, rate_, velocity3_;
  Eigen::MatrixXd velocity_;
};

}  // namespace

std::unique_ptr<RunMode> network_particle_run(const NetworkCase& c) { return std::make_unique<NetworkParticleRun>(c); }

int run_particle_case(const NetworkCase& c, const RunOptions& options, std::ostream& out, std::ostream& err) {
  return run(*network_particle_run(c), options, out, err);
}

}  // namespace mf
