#include "app/plain_network_run.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <limits>
#include <optional>
#include <ostream>
#include <sstream>

#include "app/integrators.hpp"
#include "distributed/gradient_over_ranks.hpp"
#include "kernels/kernel_max_margin.hpp"
#include "kernels/linearized_network.hpp"
#include "kernels/tangent_kernel.hpp"
#include "kernels/random_features_kernel.hpp"
#include "network/margin.hpp"
#include "distributed/rank_sums.hpp"
#include "io/atomic_file.hpp"
#include "io/number_table.hpp"
#include "io/csv_writer.hpp"
#include "io/input_error.hpp"
#include "model/network_diagnostics.hpp"
#include "app/particle_output.hpp"
#include "network/network_file.hpp"
#include "network/network_training.hpp"
#include "network/population_risk.hpp"
#include "objective/data_sums.hpp"

namespace mf {

namespace fs = std::filesystem;

namespace {

PlainNetwork starting_network(const PlainNetworkCase& c) {
  if (c.init == NetworkInit::file) {
    PlainNetwork net = read_network_csv(c.network_file, c.dimension, c.bias, c.activation);
    if (net.width() != c.width)
      throw CaseError(c.width_location + ": key 'network.width': is " + std::to_string(c.width) + " but " +
                      c.network_file + " holds " + std::to_string(net.width()) +
                      " neurons; set width to the file's count");
    return net;
  }
  PlainNetwork net = initial_network(c.init, c.activation, c.bias, c.dimension, c.width, c.scale, c.seed);
  if (c.zero_output) net.a.setZero();
  return net;
}

// This rank's share of the data set (all of it on one rank): input errors are found here,
// before a file is written.
struct DataShare {
  DataSet data;
  long first = 0, total = 0;  // the share's first sample in the whole set, the set's size
};

DataShare checked_data(const PlainNetworkCase& c, const std::optional<Measure>& teacher) {
  DataShare s;
  if (c.data.type == DataSource::population) {  // no samples: the risk is the kernel's integral
    if (ranks_of_this_run() > 1)
      throw CaseError(c.file + ": the population risk is not split over MPI ranks (it has no data set): run this "
                               "case without mpirun");
    s.data.X.resize(c.dimension, 0);
    return s;
  }
  s.data = make_data_share(c.data, c.loss, c.dimension, teacher, s.first, s.total);  // labels checked there
  if (c.method == TrainingMethod::sgd && c.batch > s.total)
    throw std::runtime_error(c.file + ": training.batch = " + std::to_string(c.batch) + " exceeds the " +
                             std::to_string(s.total) + " samples of the data set");
  return s;
}

// data.csv of a data set split across ranks: rank 0 writes the header and its rows, then each
// rank appends its own, in rank order, to a temporary name that rank 0 renames at the end.
void write_shared_data_csv(const DataSet& share, const std::filesystem::path& path) {
  const std::string temporary = path.string() + ".part";
  together([&] {
    in_rank_order([&] {
      std::ofstream out(temporary, rank_of_this_process() == 0 ? std::ios::trunc : std::ios::app);
      if (rank_of_this_process() == 0) write_number_header(out, data_columns(share.dimension()));
      Eigen::MatrixXd rows(share.size(), share.dimension() + 1);
      rows << share.X.transpose(), share.y;
      write_number_rows(out, rows);
      if (!out.flush()) throw WriteError(temporary + ": cannot write the data set (disk full?)");
    });
    if (rank_of_this_process() == 0) std::filesystem::rename(temporary, path);
  });
}

class PlainNetworkRun : public RunMode {
 public:
  explicit PlainNetworkRun(const PlainNetworkCase& c)
      : c_(c), teacher_(make_teacher(c_.data, c_.dimension)), teacher_net_(make_teacher_network(c_.data, c_.dimension)),
        share_(checked_data(c_, teacher_)), data_(share_.data),
        net_(starting_network(c_)), w0_(net_),
        population_(c_.data.type == DataSource::population
                        ? std::make_optional<PopulationRisk>(*teacher_net_, ActivationKernel(c_.activation))
                        : std::nullopt),
        model_gradient_(population_ ? population_gradient() : scaled_gradient(gradient_over_ranks, c_.scaling)),
        training_gradient_(c_.log_objective ? scaled_gradient(log_objective_gradient(gradient_over_ranks), c_.scaling)
                                            : model_gradient_),
        dt_next_(c_.dt > 0.0 ? c_.dt : 1e-2), lin_dt_next_(dt_next_) {
    if (!net_.a.allFinite() || !net_.b.allFinite())
      throw std::runtime_error(c.file + ": the initial network's weights are not finite");
    if (c_.model == TrainedModel::linearized || c_.compare_linearized) {
      if (ranks_of_this_run() > 1)
        throw CaseError(c_.file + ": the linearized model trains in kernel form over the whole data set on one "
                                  "process: run this case without mpirun");
      lin_ = std::make_unique<LinearizedNetwork>(w0_, c_.scaling, c_.layers, data_, c_.loss);
    }
    if (teacher_ && data_.size() > 0) data_sums::omp::predict(*teacher_, data_.X, teacher_f_);
    if (teacher_net_ && data_.size() > 0) teacher_f_ = teacher_net_->predict(data_.X);
    full_.pack(data_, c.bias);
    full_.normalizer = share_.total;
    // On log J_m: e^{s − y f} with s the least margin, so J_m never underflows as it falls.
    full_.centre_loss_exponent = batch_.centre_loss_exponent = c_.log_objective && needs_binary_labels(c_.loss);
    test_ = make_test_set(c_.data, c_.loss, c_.dimension, teacher_);  // every rank: the same, small
    if (test_.size() > 0) test_batch_.pack(test_, c.bias);
    // The tangent kernel's probe inputs: the first 64 test inputs (training inputs without a test
    // set; 64 draws of the population's x ~ N(0, I_d) without either).
    if (test_.size() == 0 && population_) {
      probe_ = sample_inputs(InputDistribution::gaussian, c_.dimension, 64, c_.data.seed);
    } else {
      const Eigen::MatrixXd& probe_source = test_.size() > 0 ? test_.X : data_.X;
      probe_ = probe_source.leftCols(std::min<Eigen::Index>(64, probe_source.cols()));
    }
    if (c_.random_features_limit) population_->optimal_output(w0_, &random_features_loss_);
    K0_probe_ = tangent_kernel_gram(w0_, c_.scaling, c_.layers, probe_, probe_);
    if (c_.kernel_max_margin) solve_kernel_limit();
    if (lin_ && c.method == TrainingMethod::flow && c.loss != Loss::square) {  // no closed form: integrate c
      lin_stepper_ = std::make_unique<OdeStepper>(c.stepper, c.abs_tol, c.rel_tol);
      lin_state_ = Eigen::VectorXd::Zero(data_.size());
    }
    if (c.method == TrainingMethod::flow && !linearized()) {
      flow_ = std::make_unique<PlainNetworkFlow>(net_, data_, c.loss, share_.total, training_gradient_, c.layers);
      flow_->centre_loss_exponent(full_.centre_loss_exponent);
      stepper_ = std::make_unique<OdeStepper>(c.stepper, c.abs_tol, c.rel_tol);
      state_ = PlainNetworkFlow::state(net_);
    } else if (c.method == TrainingMethod::sgd) {
      sampler_ = std::make_unique<MiniBatchSampler>(static_cast<int>(share_.total), c.batch, c.batch_seed);
    }
  }

  const std::string& case_file() const override { return c_.file; }
  std::string name() const override { return c_.name; }
  std::string case_directory() const override { return c_.output.directory; }
  void describe(std::ostream& out) const override {
    out << "  network: m = " << net_.width() << ", d = " << c_.dimension << (c_.bias ? " + bias" : "") << ", "
        << to_string(c_.activation) << ", init " << to_string(c_.init) << "\n  data: ";
    if (population_)
      out << "the population x ~ N(0, I_" << c_.dimension << "), its risk through the " << to_string(c_.activation)
          << " kernel (no sampling)";
    else
      out << share_.total << " samples (" << to_string(c_.data.type)
          << (test_.size() > 0 ? ", test set " + std::to_string(test_.size()) : "") << ")";
    out << ", loss " << to_string(c_.loss);
    if (ranks_of_this_run() > 1)
      out << ", split over " << ranks_of_this_run() << " MPI ranks (rank 0: " << data_.size() << " samples)";
    out << "\n  training: " << to_string(c_.method)
        << (c_.layers == TrainedLayers::output ? " of the output layer only" : "")
        << (c_.log_objective ? " on log J_m" : "") << (linearized() ? " of the linearized model" : "")
        << (c_.compare_linearized ? ", the linearized model beside it" : "");
    if (c_.method == TrainingMethod::flow) out << " (" << to_string(c_.stepper) << ")";
    else out << ", step " << c_.step << (c_.schedule == StepSchedule::inverse_sqrt ? "/sqrt(k)" : "")
             << (c_.method == TrainingMethod::sgd ? ", batch " + std::to_string(c_.batch) : "");
    out << "\n";
    if (!c_.scaling.is_plain())
      out << "  scaling: h = (1/" << (c_.scaling.normalization == OutputNormalization::mean_field ? "m" : "sqrt(m)")
          << ") sum_j a_j sigma(b_j.x), trained on R(alpha h)/alpha^2 with alpha = " << c_.scaling.alpha << "\n";
    if (kernel_)
      out << "  limit: the max margin of "
          << (c_.limit_kernel == LimitKernel::features ? "the run's features' kernel k_m"
                                                       : "the infinite-width random-features kernel")
          << ": " << kernel_->margin << " (certified ≥ " << kernel_->lower << "; " << kernel_->support
          << " support points of " << data_.size() << ")\n";
    if (c_.random_features_limit)
      out << "  limit: random features (the output layer solved to optimality on the initial input weights): "
             "risk " << random_features_loss_ << "\n";
  }

  void start(RunDirectory& dir) override {
    dir_ = &dir;
    if (population_) {
      // no data set to write: the population is x ~ N(0, I_d)
    } else if (ranks_of_this_run() == 1) {
      write_data_csv(data_, dir.file("data.csv").string());
    } else {
      write_shared_data_csv(data_, broadcast_text(dir.file("data.csv").string()));
    }
    std::vector<std::string> columns{"time",   "step",          "loss", "mass_plus", "mass_minus", "tv_norm",
                                     "teacher_distance", "gradient_norm"};
    if (classifier()) columns.insert(columns.end(), {"margin", "smooth_margin", "best_margin"});
    if (kernel_) columns.push_back("kernel_margin");
    if (c_.random_features_limit) columns.push_back("random_features_loss");  // a constant: sweeps collect it
    if (test_.size() > 0) {
      columns.push_back("test_loss");
      if (classifier()) columns.push_back("test_error");
      if (kernel_) columns.push_back("kernel_agreement");
      if (rank_of_this_process() == 0) write_data_csv(test_, dir.file("test_data.csv").string());
    }
    columns.insert(columns.end(), {"distance_travelled", "kernel_change"});
    if (c_.compare_linearized) {
      columns.insert(columns.end(), {"linearized_loss", "linearization_gap"});
      if (test_.size() > 0) columns.push_back("linearized_test_loss");
    }
    csv_ = std::make_unique<CsvWriter>((dir.path() / "diagnostics.csv").string(), columns, &dir);
    if (teacher_) write_teacher(dir, *teacher_);
    if (teacher_net_) {  // its neurons as the case gave them: a_i, b_i, c_i of f* = Σ a_i σ(b_i·x + c_i)
      PlainNetwork listed = *teacher_net_;
      listed.a /= static_cast<double>(listed.width());
      write_network_csv(listed, dir.file("teacher.csv").string());
    }
    if (c_.output.vtk) vtp_ = std::make_unique<ParticleOutput>(dir, c_.name, c_.output.lifted,
                                                               static_cast<int>(net_.b.rows()), teacher_.has_value());
    readable_ = vtp_ ? vtp_->pvd_path() : dir.path() / "diagnostics.csv";
  }

  RunStage stage(int) override {
    AdvanceFunction advance;
    if (linearized()) {
      if (c_.method == TrainingMethod::flow) {
        advance = [this](double& t, double t_out, const ProgressFunction& report) {
          advance_linearized_flow(t, t_out, report);
          t = t_out;
        };
      } else {
        const auto iteration = [this](long k, double t) {
          lin_->gd_step(scheduled_step(c_.schedule, c_.step, k));
          check_linearized(k, t);
        };
        if (c_.schedule == StepSchedule::constant) advance = discrete_advance(iteration, c_.step, iterations_);
        else advance = scheduled_advance(
                 iteration, [this](long k) { return scheduled_step(c_.schedule, c_.step, k); }, iterations_, time_);
      }
      return {c_.times, advance, [this](double t) { observe(t); }, readable_};
    }
    if (flow_) {
      const OdeRhs rhs = [this](const Eigen::VectorXd& y, Eigen::VectorXd& dy, double) { flow_->rhs(y, dy); };
      const AdvanceFunction integrate =
          ode_advance(*stepper_, rhs, state_, iterations_, dt_next_,
                      {"training.dt", "training.abs_tol / rel_tol", "the network's weights"});
      advance = [this, integrate](double& t, double t_out, const ProgressFunction& report) {
        const double t_start = t;
        integrate(t, t_out, report);
        PlainNetworkFlow::set_state(net_, state_);
        if (lin_) {  // the linearized model beside the network, to the same time
          double t_lin = t_start;
          advance_linearized_flow(t_lin, t, nullptr);
        }
      };
    } else {
      const auto iteration = [this](long k, double t) {
            if (sampler_) {  // the same batch on every rank; each packs the samples it holds
              const std::vector<int>& pick = sampler_->next();
              mine_.clear();
              for (int l : pick)
                if (share_.first <= l && l < share_.first + data_.size()) mine_.push_back(l - static_cast<int>(share_.first));
              batch_.pack(data_, c_.bias, mine_.data(), static_cast<int>(mine_.size()));
              batch_.normalizer = static_cast<long>(pick.size());
            }
            // The implicit-bias scripts' step for the 1-homogeneous output layer: × max(1, ‖a‖/√m).
            const double scaling =
                c_.norm_scaled_step ? std::max(1.0, net_.a.norm() / std::sqrt(static_cast<double>(net_.width()))) : 1.0;
            // Full-batch GD of a classifier: the margin of the weights this step starts from
            // (its predictions come with the gradient), for the best margin over iterations.
            const double scale_before =
                classifier() && !sampler_ ? margin_scale(scaled_network(net_, c_.scaling), c_.layers) : 0.0;
            gradient_step(net_, sampler_ ? batch_ : full_, c_.loss, scheduled_step(c_.schedule, c_.step, k) * scaling,
                          g_, training_gradient_, c_.layers);
            if (lin_) {  // the linearized model beside the network, the same step
              lin_->gd_step(scheduled_step(c_.schedule, c_.step, k));
              check_linearized(k, t);
            }
            if (scale_before > 0.0) {
              const Eigen::ArrayXd z = data_.y.array() * g_.prediction.array();
              best_margin_ = std::max(best_margin_, min_over_ranks(z.size() > 0 ? z.minCoeff() : HUGE_VAL) / scale_before);
            }
            if (!std::isfinite(g_.loss) || !net_.a.allFinite() || !net_.b.allFinite()) {
              std::ostringstream s;
              s << "the network's weights or loss became NaN/infinite at iteration " << k << " (t = " << t
                << "); reduce training.step";
              throw RunError(s.str());
            }
          };
      if (c_.schedule == StepSchedule::constant) advance = discrete_advance(iteration, c_.step, iterations_);
      else advance = scheduled_advance(
               iteration, [this](long k) { return scheduled_step(c_.schedule, c_.step, k); }, iterations_, time_);
    }
    return {c_.times, advance, [this](double t) { observe(t); }, readable_};
  }

  void summarize(const std::vector<StageResult>& results, std::ostream& s) const override {
    s << "network: m = " << net_.width() << ", d~ = " << net_.b.rows() << ", " << to_string(c_.activation)
      << "\ntraining: " << to_string(c_.method) << "\nlayers: " << to_string(c_.layers) << "\nend_time: " << c_.end_time
      << "\nreached_time: " << results.front().reached_time << "\niterations: " << iterations_
      << "\nloss_initial: " << loss_first_ << "\nloss_final: " << loss_last_ << "\n";
    if (classifier())
      s << "margin_final: " << margins_last_.normalized << "\nsmooth_margin_final: " << margins_last_.smooth
        << "\nbest_margin: " << best_margin_ << "\n";
    if (test_.size() > 0) {
      s << "test_samples: " << test_.size() << "\ntest_loss_final: " << g_test_.loss << "\n";
      if (classifier()) s << "test_error_final: " << test_error_last_ << "\n";
    }
    s << "distance_travelled_final: " << distance_travelled_last_ << "\nkernel_change_final: " << kernel_change_last_
      << "\n";
    if (c_.random_features_limit) s << "random_features_loss: " << random_features_loss_ << "\n";
    if (c_.compare_linearized)
      s << "linearized_loss_final: " << lin_->loss() << "\nlinearization_gap_final: " << gap_last_
        << "\nlinearization_gap_max: " << gap_max_ << "\n";
    if (kernel_) {
      s << "kernel_margin: " << kernel_->margin << "\nkernel_margin_lower: " << kernel_->lower
        << "\nkernel_support: " << kernel_->support << "\n";
      if (test_.size() > 0)
        s << "kernel_test_error: " << classification_error(test_.y, kernel_test_f_)
          << "\nkernel_agreement_final: " << agreement_last_ << "\n";
    }
  }

  bool plot() const override { return c_.output.plot; }
  bool compressed_paths() const override { return c_.output.lifted == LiftedScale::tanh; }
  bool splits_over_ranks() const override { return true; }

  std::string result_line(const std::vector<StageResult>& results) const override {
    return reached_line(results.front(), iterations_, c_.method == TrainingMethod::flow ? "steps" : "iterations") +
           "; J " + number_text(loss_first_) + " -> " + number_text(loss_last_);
  }

 private:
  bool classifier() const { return needs_binary_labels(c_.loss); }

  // The population risk's loss and mean-field gradient at a network (the batch is empty).
  GradientFunction population_gradient() const {
    return [this](const PlainNetwork& net, const PackedBatch&, Loss, NetworkGradient& out) {
      try {
        population_->gradient(net, out);
      } catch (const std::domain_error& e) {
        throw RunError(std::string(e.what()) + " after iteration " + std::to_string(iterations_) +
                       ": the weights grow too fast; reduce training.step");
      }
    };
  }
  bool linearized() const { return c_.model == TrainedModel::linearized; }

  // The linearized model's flow from t to t_out: exact for the square loss, else its own stepper.
  void advance_linearized_flow(double& t, double t_out, const ProgressFunction& report) {
    if (!lin_stepper_) {
      lin_->set_coefficients(lin_->square_loss_flow(t_out));
      t = t_out;
      return;
    }
    const OdeRhs rhs = [this](const Eigen::VectorXd& y, Eigen::VectorXd& dy, double) { lin_->rhs(y, dy); };
    long& steps = linearized() ? iterations_ : lin_steps_;
    ode_advance(*lin_stepper_, rhs, lin_state_, steps, lin_dt_next_,
                {"training.dt", "training.abs_tol / rel_tol", "the linearized model's coefficients"})(
        t, t_out, report ? report : ProgressFunction([](double, long) {}));
    lin_->set_coefficients(lin_state_);
  }

  void check_linearized(long k, double t) const {
    if (std::isfinite(lin_->coefficients().sum()) && std::isfinite(lin_->loss())) return;
    std::ostringstream s;
    s << "the linearized model's coefficients or loss became NaN/infinite at iteration " << k << " (t = " << t
      << "); reduce training.step";
    throw RunError(s.str());
  }

  // The linearized model's weights w₀ + Dh(w₀)ᵀ c, loss, predictions and gradient −m ∇F̄_α as
  // the network's (net_, g_).
  void observe_linearized() {
    net_ = lin_->weights();
    g_.loss = lin_->loss();
    g_.loss_exponent_shift = 0.0;
    g_.prediction = lin_->prediction();
    Eigen::VectorXd dc;
    lin_->rhs(lin_->coefficients(), dc);
    const PlainNetwork velocity = lin_->displacement(dc);
    g_.a = -velocity.a;
    g_.b = -velocity.b;
  }

  // The kernel limit of output-layer training: the hard-margin classifier of the random-features
  // kernel of the initialization, on the training set, and its predictions on the test set.
  void solve_kernel_limit() {
    if (ranks_of_this_run() > 1)
      throw CaseError(c_.file + ": [limit] kernel_max_margin solves a problem over the whole data set on one "
                                "process: run this case without mpirun");
    // Gram matrices between the training points and Z: the run's features (the input weights
    // at the start, which output-layer training keeps) or the closed form.
    const auto gram = [this](const Eigen::MatrixXd& Z) -> Eigen::MatrixXd {
      if (c_.limit_kernel == LimitKernel::features) return random_features_gram(net_, data_.X, Z);
      const double feature_scale = relu_feature_scale(c_.init, c_.scale, static_cast<int>(net_.b.rows()));
      return relu_random_features_gram(data_.X, Z, c_.bias, feature_scale);
    };
    try {
      kernel_ = kernel_max_margin(gram(data_.X), data_.y);
    } catch (const std::invalid_argument& e) {
      throw InputError(c_.file + ": [limit] kernel_max_margin: " + e.what());
    }
    if (test_.size() > 0) kernel_test_f_ = kernel_->predict(data_.y, gram(test_.X));
  }

  // The fraction of test points where the network and the kernel classifier agree in sign.
  double kernel_agreement() const {
    long same = 0;
    for (int l = 0; l < test_.size(); ++l) same += (g_test_.prediction[l] > 0.0) == (kernel_test_f_[l] > 0.0) ? 1 : 0;
    return static_cast<double>(same) / test_.size();
  }

  // The margins over the whole data set (every rank's share): the least y f and the sum of
  // e^{−(y f − least)} taken over ranks.
  Margins network_margins(const PlainNetwork& model) const {
    const Eigen::ArrayXd z = data_.y.array() * g_.prediction.array();
    const double least = min_over_ranks(z.size() > 0 ? z.minCoeff() : HUGE_VAL);
    const double shifted = sum_over_ranks((-(z - least)).exp().sum());
    return margins_from_sums(least, shifted, share_.total, margin_scale(model, c_.layers));
  }

  void observe(double t) {
    const int m = net_.width();
    if (linearized()) {
      observe_linearized();
    } else {
      model_gradient_(net_, full_, c_.loss, g_);  // full-batch loss and gradient at t (of F_α, not log)
      uncentre_loss_exponent(g_);  // J_m itself (training on log J_m centres the exponent)
    }
    const PlainNetwork model = scaled_network(net_, c_.scaling);  // the 1/m network of α h
    if (!std::isfinite(g_.loss)) {
      std::ostringstream s;
      s << "the training loss is " << g_.loss << " at t = " << t << " (iteration " << iterations_
        << "); reduce training.step or check the scale of the data";
      throw RunError(s.str());
    }
    if (frame_ == 0) loss_first_ = g_.loss;
    loss_last_ = g_.loss;
    norm_b_ = net_.b.colwise().norm().transpose();
    lift_ = model.a.cwiseAbs().cwiseProduct(norm_b_);
    mass_ = lift_ / m;
    sign_ = net_.a.unaryExpr([](double v) { return v >= 0.0 ? 1.0 : -1.0; });
    double plus = 0.0, minus = 0.0;
    for (int j = 0; j < m; ++j) (net_.a[j] >= 0.0 ? plus : minus) += mass_[j];
    if (test_.size() > 0) {  // the test loss of α h (the gradient is not used), or of α h̄
      if (linearized()) {
        g_test_.prediction = linearized_predict(w0_, net_, c_.scaling, test_.X);
        g_test_.loss = mean_loss(c_.loss, test_.y, g_test_.prediction);
      } else {
        network_gradient::fused::compute(model, test_batch_, c_.loss, g_test_);
      }
    }
    // ‖f − f*‖ in RMS over the data, or over the population (√(2R), the risk being ½E(f − f*)²).
    const double distance =
        population_ ? std::sqrt(2.0 * g_.loss)
        : teacher_ || teacher_net_
            ? std::sqrt(sum_over_ranks((g_.prediction - teacher_f_).squaredNorm()) / static_cast<double>(share_.total))
            : std::numeric_limits<double>::quiet_NaN();
    const double moved = g_.a.squaredNorm() + (c_.layers == TrainedLayers::both ? g_.b.squaredNorm() : 0.0);
    std::vector<double> row{t, static_cast<double>(iterations_), g_.loss, plus, minus, plus + minus, distance,
                            std::sqrt(moved / m)};
    if (classifier()) {
      margins_last_ = network_margins(model);
      if (std::isfinite(margins_last_.normalized)) best_margin_ = std::max(best_margin_, margins_last_.normalized);
      row.insert(row.end(), {margins_last_.normalized, margins_last_.smooth,
                             std::isfinite(best_margin_) ? best_margin_ : margins_last_.normalized});
    }
    if (kernel_) row.push_back(kernel_->margin);
    if (c_.random_features_limit) row.push_back(random_features_loss_);
    if (test_.size() > 0) {
      row.push_back(g_test_.loss);
      if (classifier()) {
        test_error_last_ = classification_error(test_.y, g_test_.prediction);
        row.push_back(test_error_last_);
      }
      if (kernel_) {
        agreement_last_ = kernel_agreement();
        row.push_back(agreement_last_);
      }
    }
    const double w0_norm = PlainNetworkFlow::state(w0_).norm();
    distance_travelled_last_ = (PlainNetworkFlow::state(net_) - PlainNetworkFlow::state(w0_)).norm() / w0_norm;
    // The linearized model's tangent kernel is K₀ at every time.
    kernel_change_last_ =
        linearized() ? 0.0
                     : (tangent_kernel_gram(net_, c_.scaling, c_.layers, probe_, probe_) - K0_probe_).norm() /
                           K0_probe_.norm();
    row.insert(row.end(), {distance_travelled_last_, kernel_change_last_});
    if (c_.compare_linearized) {
      // ‖α h − α h̄‖ in RMS over the test inputs (the training inputs without a test set).
      const Eigen::VectorXd linearized_test =
          test_.size() > 0 ? linearized_predict(w0_, lin_->weights(), c_.scaling, test_.X) : Eigen::VectorXd();
      const Eigen::VectorXd difference = test_.size() > 0 ? Eigen::VectorXd(g_test_.prediction - linearized_test)
                                                          : Eigen::VectorXd(g_.prediction - lin_->prediction());
      gap_last_ = std::sqrt(difference.squaredNorm() / static_cast<double>(std::max<Eigen::Index>(difference.size(), 1)));
      gap_max_ = std::max(gap_max_, gap_last_);
      row.insert(row.end(), {lin_->loss(), gap_last_});
      if (test_.size() > 0) row.push_back(mean_loss(c_.loss, test_.y, linearized_test));
    }
    csv_->row(row);
    char name[48];
    std::snprintf(name, sizeof name, "weights/network_%06d.csv", frame_);
    write_network_csv(net_, dir_->file(name).string());
    if (vtp_) vtp_->write_frame(t, net_.b, mass_, sign_, {{"a", 1, net_.a.data()}, {"norm_b", 1, norm_b_.data()}});
    if (c_.dimension == 2) write_predictor(frame_);
    ++frame_;
  }

  // Inputs in the plane: f on a 121 × 121 grid over the training data's box (enlarged by 30 %
  // and squared) — x1, x2, f, a blank line between rows (figures/predictor.hpp) — as
  // predictor/predictor_NNNNNN.csv for output `frame` (the frames of figures/regime_frames.hpp)
  // and as predictor.csv, the latest.
  void write_predictor(int frame) {
    constexpr int kGrid = 121;
    if (predictor_points_.size() == 0) {
      double lo = HUGE_VAL, hi = -HUGE_VAL;
      if (data_.size() > 0) lo = data_.X.minCoeff(), hi = data_.X.maxCoeff();
      lo = min_over_ranks(lo);
      hi = -min_over_ranks(-hi);
      if (population_) lo = -3.0, hi = 3.0;  // x ~ N(0, I): ±3 standard deviations
      const double centre = 0.5 * (lo + hi), half = 0.65 * std::max(hi - lo, 1e-12);
      predictor_points_.resize(2, kGrid * kGrid);
      for (int i = 0; i < kGrid; ++i)
        for (int j = 0; j < kGrid; ++j)
          predictor_points_.col(i * kGrid + j) << centre - half + 2.0 * half * i / (kGrid - 1),
              centre - half + 2.0 * half * j / (kGrid - 1);
    }
    if (rank_of_this_process() != 0) return;
    const Eigen::VectorXd f = linearized() ? linearized_predict(w0_, net_, c_.scaling, predictor_points_)
                                           : scaled_network(net_, c_.scaling).predict(predictor_points_);
    std::ostringstream text;
    text << "x1,x2,f\n";
    char line[96];
    for (int i = 0; i < kGrid; ++i) {
      for (int j = 0; j < kGrid; ++j) {
        const int k = i * kGrid + j;
        std::snprintf(line, sizeof line, "%.9g,%.9g,%.9g\n", predictor_points_(0, k), predictor_points_(1, k), f[k]);
        text << line;
      }
      text << "\n";
    }
    char name[48];
    std::snprintf(name, sizeof name, "predictor/predictor_%06d.csv", frame);
    write_file_atomically(dir_->file(name), text.str());
    write_file_atomically(dir_->file("predictor.csv"), text.str());
  }

  const PlainNetworkCase c_;  // a copy: the mode may outlive the caller's case
  std::optional<Measure> teacher_;
  std::optional<PlainNetwork> teacher_net_;  // a teacher of another activation (sigmoid, tanh, …)
  DataShare share_;
  const DataSet& data_;  // this rank's samples (all of them on one rank)
  std::vector<int> mine_;
  PlainNetwork net_;
  PlainNetwork w0_;  // the initialization (distance travelled, the linearization)
  std::optional<PopulationRisk> population_;  // [data] type = "population": the risk without sampling
  double random_features_loss_ = std::numeric_limits<double>::quiet_NaN();  // [limit] random_features
  GradientFunction model_gradient_;  // of F_α (scaled), summed over ranks
  std::unique_ptr<LinearizedNetwork> lin_;  // the trained model, or the one beside the network
  std::unique_ptr<OdeStepper> lin_stepper_;  // its flow without a closed form
  Eigen::VectorXd lin_state_;
  long lin_steps_ = 0;
  Eigen::MatrixXd probe_, K0_probe_;  // the tangent kernel's probe inputs and its Gram matrix at w₀
  double distance_travelled_last_ = 0.0, kernel_change_last_ = 0.0, gap_last_ = 0.0, gap_max_ = 0.0;
  Eigen::VectorXd teacher_f_;
  PackedBatch full_, batch_;
  GradientFunction training_gradient_;  // of J_m, or of log J_m; summed over ranks
  NetworkGradient g_;
  DataSet test_;  // the test set (all of it on every rank), empty without one
  PackedBatch test_batch_;
  NetworkGradient g_test_;
  double test_error_last_ = 0.0;
  std::optional<KernelMaxMargin> kernel_;  // [limit] kernel_max_margin
  Eigen::VectorXd kernel_test_f_;          // its classifier on the test set
  double agreement_last_ = 0.0;
  std::unique_ptr<MiniBatchSampler> sampler_;
  std::unique_ptr<PlainNetworkFlow> flow_;
  std::unique_ptr<OdeStepper> stepper_;
  Eigen::VectorXd state_;
  double dt_next_, lin_dt_next_;
  long iterations_ = 0;
  double time_ = 0.0;  // t after the last iteration (a decaying step schedule)
  int frame_ = 0;
  Margins margins_last_;
  double best_margin_ = -HUGE_VAL;  // the largest normalized margin of any iterate so far (GD) or output
  Eigen::MatrixXd predictor_points_;  // d = 2: the grid of predictor.csv
  double loss_first_ = std::numeric_limits<double>::quiet_NaN(), loss_last_ = loss_first_;
  RunDirectory* dir_ = nullptr;
  std::unique_ptr<CsvWriter> csv_;
  std::unique_ptr<ParticleOutput> vtp_;
  std::filesystem::path readable_;
  Eigen::VectorXd lift_, mass_, sign_, norm_b_;
};

}  // namespace

std::unique_ptr<RunMode> plain_network_run(const PlainNetworkCase& c) { return std::make_unique<PlainNetworkRun>(c); }

int run_plain_network_case(const PlainNetworkCase& c, const RunOptions& options, std::ostream& out, std::ostream& err) {
  return run(*plain_network_run(c), options, out, err);
}

}  // namespace mf
