// Algorithm case files: what they read and how they name what is wrong, what a run writes, how
// a run that blows up stops; and the data set's smoothness bound.

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "app/algorithm_case.hpp"
#include "app/algorithm_run.hpp"
#include "io/number_table.hpp"
#include "io/pvd_reader.hpp"
#include "objective/objective.hpp"
#include "particles/particle_file.hpp"
#include "test_support.hpp"

namespace mf {
namespace {

const std::string kCase = R"(# a small comparison
[algorithm]
dimension = 4
methods = ["coordinate_descent", "modified_prox_tv", "prox_tv_fixed_support", "conic_gd"]
iterations = 40
conic_step = 0.1

[data]
type = "population"
distribution = "gaussian"

[teacher]
random = 3
seed = 2

[penalty]
tv = 0.01

[init]
atoms = 20

[output]
frames = 4
every = 2
plot = false
)";

std::string case_error(const std::string& text) {
  const TempDir dir;
  try {
    read_algorithm_case(TomlDocument(dir.write("alg.toml", text)));
    return "";
  } catch (const std::exception& e) {
    return e.what();
  }
}

TEST(AlgorithmCase, ReadsAndNamesWhatIsWrong) {
  EXPECT_EQ(case_error(kCase), "");
  const std::string unknown = case_error(replace(kCase, "\"conic_gd\"]", "\"conic_descent\"]"));
  EXPECT_NE(unknown.find("alg.toml:4: key 'algorithm.methods': element 3: unknown value \"conic_descent\"; valid: "),
            std::string::npos) << unknown;
  const std::string twice = case_error(replace(kCase, "\"conic_gd\"]", "\"conic_gd\", \"conic_gd\"]"));
  EXPECT_NE(twice.find("listed twice"), std::string::npos) << twice;
  const std::string no_init = case_error(replace(kCase, "[init]\natoms = 20\n", ""));
  EXPECT_NE(no_init.find("key 'init.atoms': prox_tv_fixed_support, conic_gd and random_features start from atoms"), std::string::npos)
      << no_init;
  const std::string step = case_error(replace(kCase, "conic_step = 0.1\n", ""));
  EXPECT_NE(step.find("key 'algorithm.conic_step': is required"), std::string::npos) << step;
  const std::string kernel = case_error(replace(replace(replace(kCase, "\"conic_gd\"]", "\"prox_tv\"]"), "conic_step = 0.1\n", ""),
                                                 "tv = 0.01", "tv = 0.01\nkernel = 0.1"));
  EXPECT_NE(kernel.find("key 'penalty.kernel': the kernel penalty acts on conic_gd only"), std::string::npos) << kernel;
  const std::string both = case_error(replace(kCase, "iterations = 40", "iterations = 40\nmethod = \"prox_tv\""));
  EXPECT_NE(both.find("give exactly one of algorithm.method"), std::string::npos) << both;
  const std::string negative = case_error(replace(kCase, "tv = 0.01", "tv = -0.01"));
  EXPECT_NE(negative.find("key 'penalty.tv'"), std::string::npos) << negative;
  // Frank–Wolfe and random features fit weights by least squares: the logistic loss is refused.
  const std::string logistic = case_error(replace(replace(replace(kCase, "\"conic_gd\"]", "\"sliding_frank_wolfe\"]"),
                                                          "conic_step = 0.1\n", ""),
                                                  "[algorithm]\n", "[algorithm]\nloss = \"logistic\"\n"));
  EXPECT_NE(logistic.find("key 'algorithm.methods': sliding_frank_wolfe fits the weights"), std::string::npos) << logistic;
  const std::string starts = case_error(replace(replace(kCase, "\"conic_gd\"]", "\"frank_wolfe\"]"),
                                                "conic_step = 0.1\n", "oracle_starts = 0\n"));
  EXPECT_NE(starts.find("key 'algorithm.oracle_starts'"), std::string::npos) << starts;
}

TEST(AlgorithmRun, WritesCurvesFramesAndFinalAtoms) {
  const TempDir dir;
  const std::string file = dir.write("alg.toml", kCase);
  RunOptions o;
  o.output_directory = (dir.path / "r").string();
  o.progress = false;
  std::ostringstream out, err;
  const AlgorithmCase c = read_algorithm_case(TomlDocument(file));
  ASSERT_EQ(run_algorithm_case(c, o, out, err), 0) << err.str();
  const std::vector<std::string> columns = {"iteration", "penalized_objective", "objective", "atoms", "tv_norm", "time"};
  for (MeasureMethod m : c.methods) {
    const auto sub = dir.path / "r" / to_string(m);
    const Eigen::MatrixXd t = read_number_table((sub / "iterations.csv").string(), columns, "iterations");
    ASSERT_EQ(t.rows(), 21);  // every 2 of 40 iterations, 0 included
    EXPECT_EQ(t(20, 0), 40.0);
    if (m == MeasureMethod::coordinate_descent) {
      EXPECT_EQ(t(20, 3), 40.0);
    }
    if (m == MeasureMethod::prox_tv_fixed_support) {
      EXPECT_LE(t(20, 3), 20.0);
    }
    EXPECT_EQ(read_pvd((sub / (to_string(m) + ".pvd")).string()).size(), 5u);
    const ConicParticles p = read_particles_csv((sub / "atoms_final.csv").string(), 4);
    EXPECT_EQ(p.size(), static_cast<int>(t(20, 3)));
    // The final atoms reproduce the last row's J and TV.
    const PopulationObjective obj(4, InputDistribution::gaussian, random_teacher(4, 3, 2), SumVariant::reference);
    EXPECT_NEAR(obj.loss(p.measure()), t(20, 2), 1e-8 * (1.0 + t(20, 2)));
    EXPECT_NEAR(p.mass.sum(), t(20, 4), 1e-12);
  }
  std::ifstream summary(dir.path / "r" / "summary.txt");
  std::stringstream s;
  s << summary.rdbuf();
  EXPECT_NE(s.str().find("status: complete"), std::string::npos);
  EXPECT_NE(s.str().find("[conic_gd]"), std::string::npos);
}

TEST(AlgorithmRun, AStepTooLargeStopsWithAMessageAndKeepsWhatWasWritten) {
  const TempDir dir;
  const std::string text = replace(replace(kCase, "conic_step = 0.1", "conic_step = 1e3\nretraction = \"linear\""),
                                   "methods = [\"coordinate_descent\", \"modified_prox_tv\", \"prox_tv_fixed_support\", \"conic_gd\"]",
                                   "methods = [\"conic_gd\", \"prox_tv\"]");
  RunOptions o;
  o.output_directory = (dir.path / "r").string();
  o.progress = false;
  std::ostringstream out, err;
  EXPECT_EQ(run_algorithm_case(read_algorithm_case(TomlDocument(dir.write("big.toml", text))), o, out, err), 3);
  EXPECT_NE(err.str().find("conic_gd: the linear mass retraction made the mass of atom"), std::string::npos) << err.str();
  EXPECT_NE(err.str().find("reduce conic_step"), std::string::npos) << err.str();
  EXPECT_EQ(read_pvd((dir.path / "r" / "conic_gd" / "conic_gd.pvd").string()).size(), 1u);  // iteration 0
  // The next method still ran.
  const Eigen::MatrixXd t = read_number_table((dir.path / "r" / "prox_tv" / "iterations.csv").string(),
                                              {"iteration", "penalized_objective", "objective", "atoms", "tv_norm", "time"}, "");
  EXPECT_EQ(t(t.rows() - 1, 0), 40.0);
}

TEST(DataObjective, SmoothnessBoundsTheKernelOnTheDiagonal) {
  const Measure teacher = random_teacher(6, 3, 1);
  for (Loss loss : {Loss::square, Loss::logistic}) {
    const DataObjective obj(teacher_data(teacher, loss, InputDistribution::gaussian, 400, 0.0, 3), loss, teacher);
    const Measure probes = random_teacher(6, 500, 9);
    double sup = 0.0;
    for (int p = 0; p < probes.size(); ++p) {
      double k = 0.0;
      for (int l = 0; l < obj.data().size(); ++l) {
        const double s = std::max(0.0, probes.directions.col(p).dot(obj.data().X.col(l)));
        k += s * s;
      }
      sup = std::max(sup, k / obj.data().size());
    }
    const double scale = loss == Loss::logistic ? 0.25 : 1.0;
    EXPECT_LE(scale * sup, obj.smoothness());
    EXPECT_GE(scale * sup, 0.3 * obj.smoothness());  // and not a loose bound (σ halves ⟨(u·x)²⟩)
  }
}

}  // namespace
}  // namespace mf
