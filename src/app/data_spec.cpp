#include "app/data_spec.hpp"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <random>

#include "app/case_common.hpp"
#include "distributed/rank_sums.hpp"
#include "io/input_error.hpp"
#include "io/teacher_file.hpp"
#include "objective/cluster_data.hpp"
#include "objective/deconvolution.hpp"
#include "mesh/mesh_families.hpp"

namespace mf {

using namespace ranges;

const NameTable<DataSource>& name_table(DataSource) {
  static const NameTable<DataSource> table("data", {
      {DataSource::population, "population",
       "the input distribution itself, no sampling: the closed-form ReLU kernel (measures), the quadrature kernel "
       "(plain sigmoid, tanh, softplus networks)"},
      {DataSource::teacher, "teacher", "`samples` inputs drawn with `seed`, labelled by the teacher (+ noise)"},
      {DataSource::file, "file", "a CSV of inputs and labels (x1..xd, y)"},
      {DataSource::clusters, "clusters",
       "`clusters` × `clusters` clusters in the plane with random ±1 labels, d − 2 uninformative coordinates"},
      {DataSource::deconvolution, "deconvolution",
       "spike deconvolution on the circle (or the torus T², axes = 2): the teacher's atoms observed through the "
       "Dirichlet kernel of `modes` Fourier modes per axis (no sampling)"},
  });
  return table;
}

namespace {

void read_data(const TomlSection& s, DataSpec& c, Loss loss, int d, DataUse use) {
  c.type = s.option("type", use == DataUse::measures ? DataSource::population : DataSource::teacher);
  if (c.type == DataSource::deconvolution && use == DataUse::plain_network)
    s.fail("type", "deconvolution is an objective on measures (a grid or [algorithm] case); a plain network case "
                   "trains on \"population\" (smooth activations), \"teacher\", \"clusters\" or \"file\" data");
  if (c.type == DataSource::deconvolution) {
    c.axes = s.integer("axes", 1, 1, 2);
    if (d != 2 * c.axes)
      s.fail(c.axes == 1 ? "type" : "axes",
             c.axes == 1 ? "deconvolution on the circle T¹ needs a circle mesh (d = 2), not d = " + std::to_string(d) +
                               " (axes = 2 is the torus T²: a torus mesh, or an [algorithm] case with dimension = 4)"
                         : "deconvolution on the torus T² has points (cos θ₁, sin θ₁, cos θ₂, sin θ₂): it needs "
                           "d = 4 (a torus mesh, or an [algorithm] case with dimension = 4), not " + std::to_string(d));
    if (loss != Loss::square)
      s.fail("type", "deconvolution's objective is ½‖Φμ − y‖² (the square loss), not the " + to_string(loss) + " loss");
    c.modes = s.integer("modes", 4, 1, 100000);
  }
  if (c.type == DataSource::teacher || c.type == DataSource::population)
    c.distribution = s.option("distribution", InputDistribution::sphere);
  if (c.type == DataSource::clusters) {
    if (d < 2) s.fail("type", "cluster data lie in the plane: they need d ≥ 2 inputs, not " + std::to_string(d));
    c.clusters = s.integer("clusters", 3, 2, 1000);
  }
  if (c.type == DataSource::population && use == DataUse::plain_network &&
      c.distribution != InputDistribution::gaussian)
    s.fail("distribution", "a plain network's population risk integrates over x ~ N(0, I_d) (the quadrature "
                           "kernel): set distribution = \"gaussian\"");
  if (c.type == DataSource::population && !has_population_form(loss))
    s.fail("type", "the " + to_string(loss) + " loss has no closed-form population kernel; use type = \"teacher\" "
                   "(a sampled data set) or \"file\"");
  if (c.type == DataSource::teacher || c.type == DataSource::clusters) {
    c.samples = s.integer("samples", 1000, 1, 100000000);
    // About twice the measured peak per sample (inputs, labels, packed copies, predictions:
    // 380 bytes at d = 10, 140 at d = 2 with 10^6 samples).
    const double need = 80.0 * (d + 2) * c.samples, have = available_memory_bytes();
    if (need > have) {
      char text[200];
      std::snprintf(text, sizeof text, "%d samples in d = %d need about %.1f GiB; this machine has %.1f GiB available",
                    c.samples, d, need / 1073741824.0, have / 1073741824.0);
      s.fail("samples", text);
    }
    c.seed = static_cast<unsigned long>(s.integer("seed", 1, 0, 2147483647));
    if (c.type == DataSource::teacher) c.noise = s.number("noise", 0.0, kNonNegative);
    c.test_samples = s.integer("test_samples", 0, 0, 100000000);
  } else if (c.type == DataSource::file) {
    c.file = read_input_file(s, "file");
  }
  s.finish();
}

void read_teacher(const TomlSection& s, DataSpec& c, int d) {
  if (!s.present()) {
    if (c.type == DataSource::deconvolution)
      s.fail("angles", "deconvolution needs its ground-truth spikes: a [teacher] table with angles (radians) and weights");
    if (c.type != DataSource::file && c.type != DataSource::clusters)
      s.fail("neurons", "a [teacher] table is required to label the data");
    return;
  }
  if (c.type == DataSource::clusters)
    s.fail(s.has("neurons") ? "neurons" : "random",
           "cluster data are labelled by their clusters: remove the [teacher] table");
  c.has_teacher = true;
  c.teacher_activation = s.option("activation", Activation::relu);
  if (c.teacher_activation != Activation::relu) {
    for (const char* key : {"angles", "file"})
      if (s.has(key))
        s.fail(key, "a " + to_string(c.teacher_activation) + " teacher is given by teacher.neurons, rows [a, b1, …, bd, "
                    "c], or teacher.random = k");
    if (s.has("random") == s.has("neurons"))
      s.fail("neurons", "give exactly one of teacher.neurons (rows [a, b1, …, bd, c]) and teacher.random (k random "
                        "neurons)");
    if (s.has("random")) {  // k neurons: b of norm `scale` in uniform directions, c ~ N(0, scale²), a = ±1 alternating
      c.random_teacher = s.integer("random", 1, 100000);
      c.teacher_seed = static_cast<unsigned long>(s.integer("seed", 1, 0, 2147483647));
      c.teacher_scale = s.number("scale", 1.0, kPositive);
      std::mt19937_64 rng(c.teacher_seed);
      std::normal_distribution<double> g(0.0, 1.0);
      c.teacher_neurons.resize(c.random_teacher, d + 2);
      for (int i = 0; i < c.random_teacher; ++i) {
        Eigen::VectorXd b(d);
        for (int k = 0; k < d; ++k) b[k] = g(rng);
        c.teacher_neurons(i, 0) = i % 2 == 0 ? 1.0 : -1.0;
        c.teacher_neurons.row(i).segment(1, d) = (c.teacher_scale / b.norm()) * b.transpose();
        c.teacher_neurons(i, d + 1) = c.teacher_scale * g(rng);
      }
      s.finish();
      return;
    }
    const auto rows = s.rows("neurons");
    c.teacher_neurons.resize(static_cast<Eigen::Index>(rows.size()), d + 2);
    for (std::size_t i = 0; i < rows.size(); ++i) {
      if (static_cast<int>(rows[i].size()) != d + 2)
        s.fail("neurons", "neuron " + std::to_string(i + 1) + " has " + std::to_string(rows[i].size()) + " numbers; a " +
                              to_string(c.teacher_activation) + " teacher's neuron is [a, b1, …, b" + std::to_string(d) +
                              ", c] (" + std::to_string(d + 2) + " numbers): f*(x) = Σ a σ(b·x + c)");
      for (int k = 0; k < d + 2; ++k) c.teacher_neurons(static_cast<Eigen::Index>(i), k) = rows[i][static_cast<std::size_t>(k)];
    }
    s.finish();
    return;
  }
  if (c.type == DataSource::deconvolution && c.axes == 2 && !s.has("angles"))
    s.fail(s.has("neurons") ? "neurons" : s.has("random") ? "random" : "file",
           "the spikes on the torus T² are given by teacher.angles = [[θ₁, θ₂], …] (radians) and teacher.weights");
  const int given = int(s.has("neurons")) + int(s.has("angles")) + int(s.has("random")) + int(s.has("file"));
  if (given != 1)
    s.fail("neurons", "give exactly one of teacher.neurons, teacher.angles (+ weights, on S¹), teacher.random or "
                      "teacher.file (a teacher.csv a run wrote)");
  if (s.has("file")) {
    c.teacher_neurons = read_teacher_csv(read_input_file(s, "file"), d);
  } else if (s.has("random")) {
    c.random_teacher = s.integer("random", 1, 100000);
    c.teacher_seed = static_cast<unsigned long>(s.integer("seed", 1, 0, 2147483647));
  } else if (s.has("angles") && c.type == DataSource::deconvolution && c.axes == 2) {
    const auto rows = s.rows("angles");
    const auto weights = s.numbers("weights", kAny);
    if (weights.size() != rows.size())
      s.fail("weights", "has " + std::to_string(weights.size()) + " elements but teacher.angles has " + std::to_string(rows.size()));
    c.teacher_neurons.resize(static_cast<Eigen::Index>(rows.size()), 5);
    for (std::size_t i = 0; i < rows.size(); ++i) {
      if (rows[i].size() != 2)
        s.fail("angles", "spike " + std::to_string(i + 1) + " has " + std::to_string(rows[i].size()) +
                             " angles; a point of the torus T² is [θ₁, θ₂] (radians)");
      c.teacher_neurons.row(static_cast<Eigen::Index>(i)) << weights[i], std::cos(rows[i][0]), std::sin(rows[i][0]),
          std::cos(rows[i][1]), std::sin(rows[i][1]);
    }
  } else if (s.has("angles")) {
    if (d != 2) s.fail("angles", "teacher.angles (radians on the circle) needs inputs in d = 2; use teacher.neurons");
    const auto angles = s.numbers("angles", kAny);
    const auto weights = s.numbers("weights", kAny);
    if (weights.size() != angles.size())
      s.fail("weights", "has " + std::to_string(weights.size()) + " elements but teacher.angles has " + std::to_string(angles.size()));
    c.teacher_neurons.resize(static_cast<Eigen::Index>(angles.size()), 3);
    for (std::size_t i = 0; i < angles.size(); ++i)
      c.teacher_neurons.row(static_cast<Eigen::Index>(i)) << weights[i], std::cos(angles[i]), std::sin(angles[i]);
  } else {
    const auto rows = s.rows("neurons");
    c.teacher_neurons.resize(static_cast<Eigen::Index>(rows.size()), d + 1);
    for (std::size_t i = 0; i < rows.size(); ++i) {
      if (static_cast<int>(rows[i].size()) != d + 1)
        s.fail("neurons", "neuron " + std::to_string(i + 1) + " has " + std::to_string(rows[i].size()) +
                              " numbers; on this mesh (d = " + std::to_string(d) + ") a neuron is [a, b1, …, b" +
                              std::to_string(d) + "] (" + std::to_string(d + 1) + " numbers)");
      double b = 0.0;
      for (int k = 0; k <= d; ++k) c.teacher_neurons(static_cast<Eigen::Index>(i), k) = rows[i][k];
      for (int k = 1; k <= d; ++k) b += rows[i][k] * rows[i][k];
      if (b == 0.0) s.fail("neurons", "neuron " + std::to_string(i + 1) + " has b = 0 (no direction)");
    }
  }
  s.finish();
}

}  // namespace

DataSpec read_data_spec(const TomlSection& data, const TomlSection& teacher, Loss loss, int d, DataUse use) {
  DataSpec spec;
  read_data(data, spec, loss, d, use);
  read_teacher(teacher, spec, d);
  if (spec.teacher_activation != Activation::relu && use == DataUse::measures)
    teacher.fail("activation", "a " + to_string(spec.teacher_activation) + " teacher labels the data of plain network "
                               "cases ([network]); the measures of this case need a ReLU teacher (activation = \"relu\")");
  if (spec.type == DataSource::population && use == DataUse::plain_network && spec.teacher_activation == Activation::relu)
    teacher.fail("activation", "a plain network's population risk needs a smooth-activation teacher (sigmoid, tanh, "
                               "softplus: the quadrature kernel); the population of a ReLU teacher is a case on "
                               "measures ([algorithm] or a grid case: the closed-form kernel)");
  return spec;
}

std::optional<Measure> make_teacher(const DataSpec& spec, int d) {
  if (!spec.has_teacher || spec.teacher_activation != Activation::relu) return std::nullopt;
  if (spec.type == DataSource::deconvolution && spec.axes == 2)  // spikes on T²: rows (w, point)
    return Measure{spec.teacher_neurons.rightCols(d).transpose(), spec.teacher_neurons.col(0)};
  return spec.random_teacher > 0 ? random_teacher(d, spec.random_teacher, spec.teacher_seed)
                                 : measure_from_neurons(spec.teacher_neurons);
}

std::optional<PlainNetwork> make_teacher_network(const DataSpec& spec, int d) {
  if (!spec.has_teacher || spec.teacher_activation == Activation::relu) return std::nullopt;
  PlainNetwork net;
  net.activation = spec.teacher_activation;
  net.bias = true;
  const Eigen::Index k = spec.teacher_neurons.rows();
  net.a = static_cast<double>(k) * spec.teacher_neurons.col(0);
  net.b = spec.teacher_neurons.rightCols(d + 1).transpose();
  return net;
}

namespace {
// Seeds derived from the case's: the cluster points (the labels take the seed itself) and the
// test set, so neither repeats the training set's stream (splitmix64's finalizer).
unsigned long derived_seed(unsigned long seed, unsigned long salt) {
  std::uint64_t z = static_cast<std::uint64_t>(seed) + salt * 0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return static_cast<unsigned long>(z ^ (z >> 31));
}
constexpr unsigned long kPointsSalt = 1, kTestSalt = 2;

DataSet data_of(const DataSpec& spec, Loss loss, int d, const std::optional<Measure>& teacher, int n,
                unsigned long salt, IndexRange share) {
  if (spec.type == DataSource::clusters)
    return cluster_data(spec.clusters, d, n, spec.seed, derived_seed(spec.seed, salt), share);
  const unsigned long seed = salt == kTestSalt ? derived_seed(spec.seed, salt) : spec.seed;
  if (const std::optional<PlainNetwork> net = make_teacher_network(spec, d))
    return labelled_data([&](const Eigen::MatrixXd& X, Eigen::VectorXd& y) { y = net->predict(X); }, d, loss,
                         spec.distribution, n, spec.noise, seed, share);
  return teacher_data(*teacher, loss, spec.distribution, n, spec.noise, seed, share);
}
}  // namespace

DataSet make_test_set(const DataSpec& spec, Loss loss, int d, const std::optional<Measure>& teacher) {
  if (spec.test_samples == 0) return DataSet{Eigen::MatrixXd(d, 0), Eigen::VectorXd(0)};
  return data_of(spec, loss, d, teacher, spec.test_samples, kTestSalt, IndexRange{0, spec.test_samples});
}

DataSet make_data_set(const DataSpec& spec, Loss loss, int d, const std::optional<Measure>& teacher) {
  if (spec.type == DataSource::teacher || spec.type == DataSource::clusters)
    return data_of(spec, loss, d, teacher, spec.samples, kPointsSalt, IndexRange{0, spec.samples});
  DataSet data = read_data_csv(spec.file, d);
  try {
    check_labels(data, loss);
  } catch (const std::invalid_argument& e) {
    throw InputError(spec.file + ": " + e.what());
  }
  return data;
}

DataSet make_data_share(const DataSpec& spec, Loss loss, int d, const std::optional<Measure>& teacher, long& first,
                        long& total) {
  const int ranks = ranks_of_this_run(), rank = rank_of_this_process();
  if (ranks == 1) {
    DataSet data = make_data_set(spec, loss, d, teacher);
    first = 0;
    total = data.size();
    return data;
  }
  DataSet data;
  if (spec.type == DataSource::teacher || spec.type == DataSource::clusters) {
    const RankShare share = rank_share(spec.samples, rank, ranks);
    together([&] { data = data_of(spec, loss, d, teacher, spec.samples, kPointsSalt, share); });
    first = share.begin;
    total = spec.samples;
    return data;
  }
  together([&] { data = read_data_csv_part(spec.file, d, rank, ranks); });
  std::vector<double> counts(static_cast<std::size_t>(ranks), 0.0);
  counts[static_cast<std::size_t>(rank)] = data.size();
  gather_blocks(counts.data(), std::vector<long>(counts.size(), 1));
  first = 0;
  total = 0;
  for (int r = 0; r < ranks; ++r) {
    if (r < rank) first += static_cast<long>(counts[static_cast<std::size_t>(r)]);
    total += static_cast<long>(counts[static_cast<std::size_t>(r)]);
  }
  together([&] {
    if (total == 0) throw InputError(spec.file + ": no rows after the header");
    try {
      check_labels(data, loss, first);
    } catch (const std::invalid_argument& e) {
      throw InputError(spec.file + ": " + e.what());
    }
  });
  return data;
}

std::unique_ptr<Objective> make_objective(const DataSpec& spec, Loss loss, int d) {
  const std::optional<Measure> teacher = make_teacher(spec, d);
  if (spec.type == DataSource::population) return std::make_unique<PopulationObjective>(d, spec.distribution, *teacher);
  if (spec.type == DataSource::deconvolution)
    return std::make_unique<DeconvolutionObjective>(spec.modes, *teacher, spec.axes);
  return std::make_unique<DataObjective>(make_data_set(spec, loss, d, teacher), loss, teacher);
}

}  // namespace mf
