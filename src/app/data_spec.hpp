#pragma once
// The [data] and [teacher] tables of a case: where the inputs and labels come from — the
// population (closed-form ReLU kernel, no sampling), a data set sampled from a teacher with a
// seed, the two-class clusters of the implicit-bias studies, or a CSV file — shared by grid
// network cases and plain network cases; or, on the circle, the signal of spike deconvolution
// (the teacher's atoms are the spikes, objective/deconvolution.hpp).

#include <Eigen/Core>
#include <memory>
#include <optional>
#include <string>

#include "io/toml_reader.hpp"
#include "network/plain_network.hpp"
#include "objective/data_set.hpp"
#include "objective/objective.hpp"

namespace mf {

enum class DataSource { population, teacher, file, clusters, deconvolution };
const NameTable<DataSource>& name_table(DataSource);

struct DataSpec {
  DataSource type = DataSource::population;
  InputDistribution distribution = InputDistribution::sphere;
  int samples = 1000;
  unsigned long seed = 1;
  double noise = 0.0;
  std::string file;  ///< resolved against the case file's folder
  int clusters = 3;       ///< clusters: k (k × k clusters)
  int test_samples = 0;   ///< teacher, clusters: a test set of this size from the same distribution (0: none)
  int modes = 4;          ///< deconvolution: the Dirichlet kernel's Fourier modes n (per axis)
  int axes = 1;           ///< deconvolution: 1 (the circle T¹) or 2 (the torus T², points in R⁴)

  Eigen::MatrixXd teacher_neurons;  ///< k × (1 + d) rows (a, b); empty with random_teacher; an activation
                                    ///< teacher: k × (2 + d) rows (a, b, c)
  /// [teacher] activation: ReLU teachers are measures (μ* = Σ a‖b‖ δ_{b/‖b‖}); any other labels plain
  /// network data sets as the network f*(x) = Σ_i a_i σ(b_i·x + c_i) (make_teacher_network).
  Activation teacher_activation = Activation::relu;
  int random_teacher = 0;           ///< k random unit neurons, weights ±1 (an activation teacher: drawn into teacher_neurons)
  double teacher_scale = 1.0;       ///< an activation teacher's random neurons: ‖b‖ and the biases' standard deviation
  unsigned long teacher_seed = 1;
  bool has_teacher = false;
};

/// Who reads [data]: a case on measures (the population of a ReLU teacher through the closed-form
/// kernel, deconvolution, data sets; the population by default), or a plain network case (data
/// sets by default; the population of a smooth-activation teacher through the quadrature kernel,
/// Gaussian inputs, network/population_risk.hpp).
enum class DataUse { measures, plain_network };

/// Reads [data] and [teacher] for inputs in R^d. Errors (CaseError) name the file, line and key.
DataSpec read_data_spec(const TomlSection& data, const TomlSection& teacher, Loss loss, int d, DataUse use);

/// The teacher measure, if the case has a ReLU teacher.
std::optional<Measure> make_teacher(const DataSpec& spec, int d);
/// A teacher of another activation as a network with a bias input whose prediction is
/// Σ_i a_i σ(b_i·x + c_i) (its output weights are k a_i: PlainNetwork divides by its width k);
/// nullopt for a ReLU teacher or none.
std::optional<PlainNetwork> make_teacher_network(const DataSpec& spec, int d);
/// The data set of a "teacher" or "file" spec (a file of another dimension: std::runtime_error
/// naming the file and line).
DataSet make_data_set(const DataSpec& spec, Loss loss, int d, const std::optional<Measure>& teacher);

/// The test set of a "teacher" or "clusters" spec with test_samples > 0 (drawn with a seed
/// derived from the data's, so it is not the training set), else an empty data set.
DataSet make_test_set(const DataSpec& spec, Loss loss, int d, const std::optional<Measure>& teacher);

/// The objective of a spec: the population (closed-form kernel, square loss) or its data set.
/// This rank's share of the data set of a run split across MPI ranks (all of it on one rank):
/// samples rank_share(samples, rank, ranks) of a teacher's data set, drawn without storing the others, or
/// part rank of a data file, read without parsing the rest. `first` gets the number of samples
/// before the share, `total` the data set's size. Collective: an error on any rank (its
/// message names the file's line) stops every rank.
DataSet make_data_share(const DataSpec& spec, Loss loss, int d, const std::optional<Measure>& teacher, long& first,
                        long& total);

std::unique_ptr<Objective> make_objective(const DataSpec& spec, Loss loss, int d);

}  // namespace mf
