#include "app/algorithm_case.hpp"

#include <algorithm>
#include <filesystem>
#include <random>

#include "particles/particle_file.hpp"

namespace mf {

using namespace ranges;

const NameTable<AtomSigns>& name_table(AtomSigns) {
  static const NameTable<AtomSigns> table("atom signs", {
      {AtomSigns::alternating, "alternating", "+, −, +, … in the order drawn"},
      {AtomSigns::random, "random", "fair random signs (seed)"},
      {AtomSigns::positive, "positive", "all +"},
  });
  return table;
}

namespace {

/// What [data] needs first: the dimension and the loss.
void read_problem(const TomlSection& s, AlgorithmCase& c) {
  if (!s.present()) s.fail("methods", "the [algorithm] table is required");
  c.dimension = s.integer("dimension", 2, 100000);
  c.loss = s.option("loss", Loss::square);
  if (!has_curvature_bound(c.loss))
    s.fail("loss", "the exponential loss has no smoothness bound, which the algorithms on measures need for their "
                   "steps; use \"logistic\" (or a [network] case for a plain network)");
  if (s.has("method") == s.has("methods"))
    s.fail("methods", "give exactly one of algorithm.method (a name) or algorithm.methods (a list of names)");
  c.methods = s.has("method") ? std::vector<MeasureMethod>{s.option<MeasureMethod>("method")}
                              : s.options<MeasureMethod>("methods");
  for (auto m : c.methods)
    if ((m == MeasureMethod::random_features || m == MeasureMethod::frank_wolfe ||
         m == MeasureMethod::sliding_frank_wolfe) && c.loss != Loss::square)
      s.fail("methods", to_string(m) + " fits the weights on its support by (penalized) least squares and needs loss = "
                        "\"square\", not \"" + to_string(c.loss) + "\"");
}

void read_algorithm(const TomlSection& s, AlgorithmCase& c) {
  const bool torus = c.data.type == DataSource::deconvolution && c.data.axes == 2;
  c.iterations = s.integer("iterations", 1, 1000000000);
  c.smoothness = s.number("smoothness", 0.0, kNonNegative);
  c.options.seed = static_cast<unsigned long>(s.integer("seed", 1, 0, 2147483647));
  bool conic = false;
  for (auto m : c.methods) conic |= m == MeasureMethod::modified_prox_tv_conic || m == MeasureMethod::conic_gd;
  if (conic) {
    c.options.conic_step = s.number("conic_step", kPositive);
    c.options.retraction = s.option("retraction", MassRetraction::exp);
    c.options.conic_alpha = s.number("conic_alpha", 1.0, kNonNegative);
    c.options.conic_beta = s.number("conic_beta", 1.0, kNonNegative);
    if (c.options.conic_alpha == 0.0 && c.options.conic_beta == 0.0)
      s.fail("conic_beta", "conic_alpha = conic_beta = 0 leaves the atoms where they are; give one of them > 0");
  }
  for (auto m : c.methods)
    if (m == MeasureMethod::conic_gd) c.options.conic_tv = s.boolean("conic_tv", false);
  for (auto m : c.methods)
    if (m == MeasureMethod::modified_prox_tv_conic) c.options.conic_every = s.integer("conic_every", 10, 1, 1000000);
  bool frank_wolfe = false, sliding = false;
  for (auto m : c.methods) {
    frank_wolfe |= m == MeasureMethod::frank_wolfe || m == MeasureMethod::sliding_frank_wolfe;
    sliding |= m == MeasureMethod::sliding_frank_wolfe;
  }
  if (frank_wolfe) {
    if (torus) c.options.oracle.grid_points = s.integer("oracle_points", 16384, 16, 100000000);
    else if (c.dimension <= 3) c.options.oracle.grid_points = s.integer("oracle_points", c.dimension == 2 ? 4096 : 16384, 16, 100000000);
    else c.options.oracle.starts = s.integer("oracle_starts", 64, 1, 1000000);
  }
  if (sliding) c.options.slide_steps = s.integer("slide_steps", 1000, 1, 100000000);
  s.finish();
}

void read_penalty(const TomlSection& s, AlgorithmCase& c) {
  c.options.tv = s.number("tv", 0.0, kNonNegative);
  c.options.kernel.lambda = s.number("kernel", 0.0, kNonNegative);
  bool conic_gd = false;
  for (auto m : c.methods) conic_gd |= m == MeasureMethod::conic_gd;
  if (c.options.kernel.active()) {
    if (!conic_gd) s.fail("kernel", "the kernel penalty acts on conic_gd only; add \"conic_gd\" to algorithm.methods");
    c.options.kernel.kind = s.option("kernel_type", PenaltyKernel::attractive);
    c.options.kernel.width = s.number("width", 0.5, kPositive);
  }
  c.options.merge_distance = s.number("merge_distance", 0.0, Range{0.0, 3.141592653589793});
  if (c.options.merge_distance > 0.0 && !conic_gd)
    s.fail("merge_distance", "merging acts on conic_gd only; add \"conic_gd\" to algorithm.methods");
  if (c.data.type == DataSource::deconvolution && c.data.axes == 2)
    for (const char* key : {"kernel", "merge_distance"})
      if (s.has(key))
        s.fail(key, std::string("penalty.") + key + " is defined for atoms on the sphere, not on the torus T² of this case");
  s.finish();
}

void read_init(const TomlSection& s, AlgorithmCase& c) {
  if (!needs_initial_atoms(c)) {
    if (s.present())
      s.fail("atoms", "[init] sets the atoms of prox_tv_fixed_support, conic_gd and random_features, and the case runs none "
                      "(the other methods start from the empty measure)");
    return;
  }
  if (!s.present()) s.fail("atoms", "prox_tv_fixed_support, conic_gd and random_features start from atoms: give [init] atoms = m (or file)");
  if (s.has("file") == s.has("atoms")) s.fail("atoms", "give exactly one of init.atoms (a count) or init.file (a particle CSV)");
  if (s.has("file")) {
    c.init.file = read_input_file(s, "file");
  } else {
    c.init.atoms = s.integer("atoms", 1, 100000000);
    c.init.mass = s.number("mass", 1.0, kPositive);
    c.init.signs = s.option("signs", AtomSigns::alternating);
    c.init.seed = static_cast<unsigned long>(s.integer("seed", 1, 0, 2147483647));
  }
  s.finish();
}

void read_algorithm_output(const TomlSection& s, AlgorithmCase& c) {
  c.directory = read_output_directory(s);
  c.vtk = s.boolean("vtk", true);
  c.frames = s.integer("frames", 10, 0, 100000);
  c.every = s.integer("every", 1, 1, 1000000000);
  c.plot = s.boolean("plot", true);
  s.finish();
}

}  // namespace

AlgorithmCase read_algorithm_case(const TomlDocument& doc) {
  const TomlSection root = doc.root();
  AlgorithmCase c;
  c.file = doc.file();
  c.name = std::filesystem::path(c.file).stem().string();
  const TomlSection algorithm = root.section("algorithm");
  read_problem(algorithm, c);
  c.data = read_data_spec(root.section("data"), root.section("teacher"), c.loss, c.dimension, DataUse::measures);
  read_algorithm(algorithm, c);
  read_penalty(root.section("penalty"), c);
  read_init(root.section("init"), c);
  read_algorithm_output(root.section("output"), c);
  root.finish();
  return c;
}

bool needs_initial_atoms(const AlgorithmCase& c) {
  return std::any_of(c.methods.begin(), c.methods.end(), starts_from_atoms);
}

Measure initial_atoms(const AtomsInit& init, const Domain& domain) {
  if (!init.file.empty()) return read_particles_csv(init.file, domain).measure();
  std::mt19937_64 points(init.seed);
  Measure mu = domain.is_torus() ? Measure{domain.uniform(init.atoms, points), Eigen::VectorXd(init.atoms)}
                                 : random_teacher(domain.dimension(), init.atoms, init.seed);
  std::mt19937_64 rng(init.seed + 7919);
  for (int j = 0; j < init.atoms; ++j) {
    const double s = init.signs == AtomSigns::positive ? 1.0 : init.signs == AtomSigns::alternating ? (j % 2 ? -1.0 : 1.0)
                                                                                  : ((rng() & 1u) ? 1.0 : -1.0);
    mu.weights[j] = s * init.mass / init.atoms;
  }
  return mu;
}

}  // namespace mf
