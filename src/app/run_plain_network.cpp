#include "app/run_plain_network.hpp"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <limits>
#include <ostream>
#include <sstream>

#include "io/csv_writer.hpp"
#include "io/vtp_particle_writer.hpp"
#include "network/network_file.hpp"
#include "network/network_training.hpp"
#include "objective/data_sums.hpp"

namespace mf {

namespace fs = std::filesystem;

namespace {

PlainNetwork starting_network(const PlainNetworkCase& c) {
  if (c.init == "file") return read_network_csv(c.network_file, c.dimension, c.bias, c.activation);
  return initial_network(parse_network_init(c.init), c.activation, c.bias, c.dimension, c.width, c.scale, c.seed);
}

[[noreturn]] void blew_up(const PlainNetworkCase& c, long iteration, double t) {
  std::ostringstream s;
  s << "the network's weights or loss became NaN/infinite at iteration " << iteration << " (t = " << t << "); "
    << (c.method == TrainingMethod::flow
            ? (c.stepper == StepperKind::dopri5 ? "tighten training.abs_tol / rel_tol" : "reduce training.dt")
            : "reduce training.step");
  throw RunError(s.str());
}

}  // namespace

int run_plain_network_case(const PlainNetworkCase& c, const RunOptions& options, std::ostream& out, std::ostream& err) {
  // Everything that can fail on input fails here, before a file is written.
  const std::optional<Measure> teacher = make_teacher(c.data, c.dimension);
  const DataSet data = make_data_set(c.data, c.loss, c.dimension, teacher);
  if (c.loss == Loss::logistic)
    for (int l = 0; l < data.size(); ++l)
      if (data.y[l] != 1.0 && data.y[l] != -1.0)
        throw std::runtime_error(c.data.file + ": label " + std::to_string(data.y[l]) + " of sample " +
                                 std::to_string(l + 1) + " is not ±1, which the logistic loss needs");
  if (c.method == TrainingMethod::sgd && c.batch > data.size())
    throw std::runtime_error(c.file + ": training.batch = " + std::to_string(c.batch) + " exceeds the " +
                             std::to_string(data.size()) + " samples of the data set");
  PlainNetwork net = starting_network(c);
  const int m = net.width(), dl = static_cast<int>(net.b.rows());

  const fs::path dir = run_directory(options.output_directory, c.output.directory, c.name);
  const std::string case_text = read_case_text(c.file);
  prepare_run_directory(dir, options.overwrite);
  write_case_copy(dir, case_text);
  write_data_csv(data, (dir / "data.csv").string());
  fs::create_directories(dir / "weights");

  Eigen::VectorXd teacher_f;
  if (teacher) data_sums::omp::predict(*teacher, data.X, teacher_f);
  PackedBatch full;
  full.pack(data, c.bias);

  CsvWriter csv((dir / "diagnostics.csv").string(), {"time", "step", "loss", "mass_plus", "mass_minus", "tv_norm",
                                                     "teacher_distance", "gradient_norm"});
  std::unique_ptr<VtpParticleWriter> vtp;
  if (c.output.vtk) vtp = std::make_unique<VtpParticleWriter>(dir, c.name);

  out << "measureflow run " << c.file << "\n  network: m = " << m << ", d = " << c.dimension
      << (c.bias ? " + bias" : "") << ", " << to_string(c.activation) << ", init " << c.init << "\n  data: "
      << data.size() << " samples (" << c.data.type << "), loss " << to_string(c.loss) << "\n  training: "
      << to_string(c.method);
  if (c.method == TrainingMethod::flow) out << " (" << to_string(c.stepper) << ")";
  else out << ", step " << c.step << (c.method == TrainingMethod::sgd ? ", batch " + std::to_string(c.batch) : "");
  out << "\n  output: " << dir.string() << "\n";

  long iterations = 0;
  NetworkGradient g;
  AdvanceFunction advance;
  std::unique_ptr<MiniBatchSampler> sampler;
  PackedBatch batch;
  std::unique_ptr<PlainNetworkFlow> flow;
  std::unique_ptr<OdeStepper> stepper;
  Eigen::VectorXd state;
  double dt_next = c.dt > 0.0 ? c.dt : 1e-2;
  if (c.method == TrainingMethod::flow) {
    flow = std::make_unique<PlainNetworkFlow>(net, data, c.loss);
    stepper = std::make_unique<OdeStepper>(c.stepper, c.abs_tol, c.rel_tol);
    state = PlainNetworkFlow::state(net);
    advance = [&](double& t, double t_out, const std::function<void(double, long)>& report) {
      const OdeRhs rhs = [&](const Eigen::VectorXd& y, Eigen::VectorXd& dy, double) { flow->rhs(y, dy); };
      const bool met = stepper->advance(rhs, state, t, t_out, dt_next, [&](double now) {
        ++iterations;
        if (!state.allFinite()) blew_up(c, iterations, now);
        report(now, iterations);
      });
      PlainNetworkFlow::set_state(net, state);
      if (!met)
        throw RunError("dopri5 could not meet its tolerances at t = " + std::to_string(t) +
                       "; loosen training.abs_tol / rel_tol or use a fixed-step stepper");
    };
  } else {
    if (c.method == TrainingMethod::sgd) sampler = std::make_unique<MiniBatchSampler>(data.size(), c.batch, c.batch_seed);
    advance = [&](double& t, double t_out, const std::function<void(double, long)>& report) {
      // Iteration k ends at mean-field time k·η; the output is the last iterate at or before t_out.
      while (static_cast<double>(iterations + 1) * c.step <= t_out * (1.0 + 1e-12)) {
        if (sampler) {
          const std::vector<int>& pick = sampler->next();
          batch.pack(data, c.bias, pick.data(), static_cast<int>(pick.size()));
        }
        gradient_step(net, sampler ? batch : full, c.loss, c.step, g);
        ++iterations;
        t = static_cast<double>(iterations) * c.step;
        if (!std::isfinite(g.loss) || !net.a.allFinite() || !net.b.allFinite()) blew_up(c, iterations, t);
        report(t, iterations);
      }
    };
  }

  double loss_first = std::numeric_limits<double>::quiet_NaN(), loss_last = loss_first;
  int frame = 0;
  Eigen::VectorXd lift, mass, sign, norm_b;
  const RunLoopResult result = run_output_loop(
      advance, c.times, options.progress, err, vtp ? vtp->pvd_path() : dir / "diagnostics.csv", [&](double t) {
        network_gradient::fused::compute(net, full, c.loss, g);  // full-batch loss and gradient at t
        if (frame == 0) loss_first = g.loss;
        loss_last = g.loss;
        norm_b = net.b.colwise().norm().transpose();
        lift = net.a.cwiseAbs().cwiseProduct(norm_b);
        mass = lift / m;
        sign = net.a.unaryExpr([](double v) { return v >= 0.0 ? 1.0 : -1.0; });
        double plus = 0.0, minus = 0.0;
        for (int j = 0; j < m; ++j) (net.a[j] >= 0.0 ? plus : minus) += mass[j];
        const double distance =
            teacher ? std::sqrt((g.prediction - teacher_f).squaredNorm() / data.size()) : std::numeric_limits<double>::quiet_NaN();
        const double gradient_norm = std::sqrt((g.a.squaredNorm() + g.b.squaredNorm()) / m);
        csv.row({t, static_cast<double>(iterations), g.loss, plus, minus, plus + minus, distance, gradient_norm});
        char name[48];
        std::snprintf(name, sizeof name, "network_%06d.csv", frame++);
        write_network_csv(net, (dir / "weights" / name).string());
        if (vtp)
          vtp->write_frame(t, net.b, mass, sign, {{"a", 1, net.a.data()}, {"norm_b", 1, norm_b.data()}}, &lift);
      });

  std::ofstream summary(dir / "summary.txt");
  summary.precision(10);
  summary << "status: " << result.status << "\ncase: " << c.file << "\nnetwork: m = " << m << ", d~ = " << dl << ", "
          << to_string(c.activation) << "\ntraining: " << to_string(c.method) << "\nend_time: " << c.end_time
          << "\nreached_time: " << result.reached_time << "\niterations: " << iterations
          << "\nwall_seconds: " << result.wall_seconds << "\nloss_initial: " << loss_first
          << "\nloss_final: " << loss_last << "\n";
  out << "  " << short_status(result) << ": t = " << result.reached_time << " after " << iterations << " "
      << (c.method == TrainingMethod::flow ? "steps" : "iterations") << " in " << result.wall_seconds << " s; J "
      << loss_first << " -> " << loss_last << "\n";
  return result.exit_code;
}

}  // namespace mf
