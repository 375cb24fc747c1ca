// The objective: kernel, sums (blocked against plain), potential as the first variation of J,
// tangent gradient against finite differences, distances, data files.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <optional>
#include <random>
#include <set>

#include "base/parallel_threshold.hpp"
#include "io/input_error.hpp"
#include "objective/cluster_data.hpp"
#include "objective/data_set.hpp"
#include "objective/data_sums.hpp"
#include "objective/kernel_penalty.hpp"
#include "objective/kernel_sums.hpp"
#include "objective/objective.hpp"
#include "objective/relu_kernel.hpp"
#include "test_support.hpp"

namespace mf {
namespace {

Measure random_measure(int d, int m, unsigned seed) {
  Measure mu = random_teacher(d, m, seed);
  std::mt19937_64 rng(seed + 1);
  std::uniform_real_distribution<double> u(-1.0, 1.0);
  for (int j = 0; j < m; ++j) mu.weights[j] = u(rng);
  return mu;
}

Eigen::MatrixXd random_points(int d, int p, unsigned seed) {
  return sample_inputs(InputDistribution::sphere, d, p, seed);
}

TEST(ReluKernel, ValuesAndFastApproximationBound) {
  EXPECT_NEAR(relu_kappa(1.0), 0.5, 1e-16);
  EXPECT_NEAR(relu_kappa(-1.0), 0.0, 1e-16);
  EXPECT_NEAR(relu_kappa(0.0), 1.0 / (2.0 * std::numbers::pi), 1e-16);
  double worst_acos = 0.0, worst_k = 0.0, worst_dk = 0.0;
  for (int i = 0; i <= 2000000; ++i) {
    const double t = -1.0 + 2.0 * i / 2000000.0;
    double k, dk;
    relu_kappa_fast(t, k, dk);
    worst_acos = std::max(worst_acos, std::abs(fast_acos(t) - std::acos(t)));
    worst_k = std::max(worst_k, std::abs(k - relu_kappa(t)));
    worst_dk = std::max(worst_dk, std::abs(dk - relu_kappa_derivative(t)));
  }
  EXPECT_LT(worst_acos, 2.2e-8);  // A&S state 2e-8 for exact coefficients; 10-digit ones give 2.18e-8
  EXPECT_LT(worst_k, 5e-9);  // the bound documented in relu_kernel.hpp
  EXPECT_LT(worst_dk, 5e-9);
}

TEST(ReluKernel, MatchesMonteCarloExpectation) {
  // E[σ(u·x)σ(v·x)] for x ~ N(0, I_3), 10⁶ samples: within 4 standard errors.
  const Eigen::Vector3d u = Eigen::Vector3d(1, 0.2, -0.3).normalized(), v = Eigen::Vector3d(-0.4, 1, 0.5).normalized();
  std::mt19937_64 rng(5);
  std::normal_distribution<double> g(0.0, 1.0);
  const int n = 1000000;
  double sum = 0.0, sum_sq = 0.0;
  for (int i = 0; i < n; ++i) {
    const Eigen::Vector3d x(g(rng), g(rng), g(rng));
    const double s = std::max(0.0, u.dot(x)) * std::max(0.0, v.dot(x));
    sum += s;
    sum_sq += s * s;
  }
  const double mean = sum / n, se = std::sqrt((sum_sq / n - mean * mean) / n);
  EXPECT_NEAR(mean, relu_kappa(u.dot(v)), 4.0 * se);
}

// Each blocked kernel below its size threshold (one thread) and with the team forced on.
// Why the S¹ minimizer is not unique (README, Figures): κ(cos φ) has no odd Fourier modes
// beyond the first, since σ(t) = (t + |t|)/2 and |cos| is π-periodic in φ (the trapezoidal
// rule on 4096 points: the odd modes ≥ 3 vanish to round-off, the first and the even ones not).
TEST(ReluKernel, OnTheCircleHasNoOddFourierModesAboveTheFirst) {
  const int n = 4096;
  auto mode = [&](int k) {
    double s = 0.0;
    for (int i = 0; i < n; ++i) {
      const double phi = 2.0 * std::numbers::pi * i / n;
      s += relu_kappa(std::cos(phi)) * std::cos(k * phi);
    }
    return s / n;
  };
  EXPECT_GT(std::abs(mode(1)), 0.1);
  for (int k : {0, 2, 4, 6}) EXPECT_GT(std::abs(mode(k)), 1e-4) << "mode " << k;
  for (int k : {3, 5, 7, 9, 11}) EXPECT_LT(std::abs(mode(k)), 1e-12) << "mode " << k;
}

TEST(KernelSums, BlockedMatchesReference) {
  for (const bool threaded : {false, true})
  for (int d : {2, 3, 7}) {
    std::optional<parallel::ForceParallel> force;
    if (threaded) force.emplace();
    const Measure mu = random_measure(d, 700, 3);
    const Eigen::MatrixXd P = random_points(d, 300, 4);
    Eigen::VectorXd Va, Vb;
    Eigen::MatrixXd Ga, Gb;

    kernel_sums::reference::potential(0.7, mu, P, Va, &Ga);
    kernel_sums::omp::potential(0.7, mu, P, Vb, &Gb);

    const double scale = 0.7 * mu.weights.cwiseAbs().sum();
    EXPECT_LT((Va - Vb).cwiseAbs().maxCoeff(), 5e-9 * scale) << "d = " << d << " threaded " << threaded;
    EXPECT_LT((Ga - Gb).cwiseAbs().maxCoeff(), 5e-9 * scale) << "d = " << d << " threaded " << threaded;
  }
}

TEST(DataSums, BlockedMatchesReference) {
  for (const bool threaded : {false, true})
  for (int d : {2, 3, 5}) {  // d = 2, 3: four points per pass, then the remainder one by one
    std::optional<parallel::ForceParallel> force;
    if (threaded) force.emplace();
    const Measure mu = random_measure(d, 333, 6);
    const Eigen::MatrixXd X = sample_inputs(InputDistribution::gaussian, d, 1111, 7);
    const Eigen::MatrixXd P = random_points(d, 77, 8);
    Eigen::VectorXd fa, fb, Va, Vb, Vc;
    Eigen::MatrixXd Ga, Gb;

    data_sums::reference::predict(mu, X, fa);
    data_sums::omp::predict(mu, X, fb);
    data_sums::reference::potential(X, fa, P, Va, &Ga);
    data_sums::omp::potential(X, fa, P, Vb, &Gb);
    data_sums::omp::potential(X, fa, P, Vc, nullptr);

    const std::string what = "d = " + std::to_string(d) + (threaded ? " threaded" : " serial");
    EXPECT_LT((fa - fb).cwiseAbs().maxCoeff(), 1e-12 * fa.cwiseAbs().maxCoeff()) << what;
    EXPECT_LT((Va - Vb).cwiseAbs().maxCoeff(), 1e-12 * Va.cwiseAbs().maxCoeff()) << what;
    EXPECT_LT((Va - Vc).cwiseAbs().maxCoeff(), 1e-12 * Va.cwiseAbs().maxCoeff()) << what;
    EXPECT_LT((Ga - Gb).cwiseAbs().maxCoeff(), 1e-12 * Ga.cwiseAbs().maxCoeff()) << what;
  }
}

// The kernel penalty's loop on the team (forced) equals the plain serial loop: each point's sum
// is computed by one thread in the same order.
TEST(KernelPenalty, ThreadedLoopEqualsTheSerialOne) {
  Measure mu = random_measure(3, 200, 5);
  mu.weights = mu.weights.cwiseAbs();
  const Eigen::MatrixXd P = random_points(3, 150, 6);
  const KernelPenalty penalty{0.01, PenaltyKernel::attractive, 0.3};
  Eigen::VectorXd Pa, Pb;
  Eigen::MatrixXd Ga, Gb;

  penalty.first_variation(mu, P, Pa, &Ga, false);
  {
    const parallel::ForceParallel force;
    penalty.first_variation(mu, P, Pb, &Gb, true);
  }

  EXPECT_EQ(Pa, Pb);
  EXPECT_EQ(Ga, Gb);
}

// V is the first variation: J(μ + ε δ_u) − J(μ − ε δ_u) = 2ε V(u) + O(ε³).
void expect_potential_is_first_variation(const Objective& obj, const Measure& mu) {
  const Eigen::MatrixXd P = random_points(obj.dimension(), 5, 9);
  Eigen::VectorXd V;
  obj.potential(mu, P, V, nullptr);
  const double eps = 1e-4;
  for (int p = 0; p < P.cols(); ++p) {
    Measure plus = mu, minus = mu;
    for (Measure* m : {&plus, &minus}) {
      m->directions.conservativeResize(Eigen::NoChange, mu.size() + 1);
      m->directions.col(mu.size()) = P.col(p);
      m->weights.conservativeResize(mu.size() + 1);
    }
    plus.weights[mu.size()] = eps;
    minus.weights[mu.size()] = -eps;
    const double fd = (obj.loss(plus) - obj.loss(minus)) / (2.0 * eps);
    EXPECT_NEAR(fd, V[p], 1e-7 * (1.0 + std::abs(V[p])));
  }
}

// ∇_S V by centred differences along tangent directions.
void expect_gradient_matches_finite_differences(const Objective& obj, const Measure& mu) {
  const int d = obj.dimension();
  const Eigen::MatrixXd P = random_points(d, 5, 10);
  Eigen::VectorXd V;
  Eigen::MatrixXd G;
  obj.potential(mu, P, V, &G);
  std::mt19937_64 rng(11);
  std::normal_distribution<double> g(0.0, 1.0);
  const double h = 1e-5;
  for (int p = 0; p < P.cols(); ++p) {
    Eigen::VectorXd e(d);
    for (int r = 0; r < d; ++r) e[r] = g(rng);
    e -= e.dot(P.col(p)) * P.col(p);
    e.normalize();
    Eigen::MatrixXd pts(d, 2);
    pts.col(0) = (P.col(p) + h * e).normalized();
    pts.col(1) = (P.col(p) - h * e).normalized();
    Eigen::VectorXd Vh;
    obj.potential(mu, pts, Vh, nullptr);
    const double fd = (Vh[0] - Vh[1]) / (2.0 * std::atan(h));
    EXPECT_NEAR(fd, G.col(p).dot(e), 1e-6 * (1.0 + G.col(p).norm())) << "point " << p;
    EXPECT_NEAR(G.col(p).dot(P.col(p)), 0.0, 1e-12);  // tangent
  }
}

TEST(PopulationObjective, PotentialIsTheFirstVariationAndGradientIsTangent) {
  for (InputDistribution dist : {InputDistribution::gaussian, InputDistribution::sphere}) {
    const PopulationObjective obj(3, dist, random_teacher(3, 4, 1), SumVariant::reference);
    const Measure mu = random_measure(3, 20, 2);
    expect_potential_is_first_variation(obj, mu);
    expect_gradient_matches_finite_differences(obj, mu);
  }
}

TEST(PopulationObjective, TeacherHasZeroLossAndLossIsHalfSquaredDistance) {
  const Measure teacher = random_teacher(2, 5, 3);
  const PopulationObjective obj(2, InputDistribution::sphere, teacher);
  const Measure mu = random_measure(2, 30, 4);
  EXPECT_NEAR(obj.loss(teacher), 0.0, 1e-15);
  EXPECT_NEAR(obj.loss(mu), 0.5 * std::pow(obj.distance(mu, *obj.teacher()), 2), 1e-12);
  // Against a copy of the teacher, D takes the general path, whose teacher terms use the fast κ
  // of the blocked sums (|Δκ| ≤ 5e-9) where J uses the exact one.
  EXPECT_NEAR(obj.loss(mu), 0.5 * std::pow(obj.distance(mu, teacher), 2), 1e-8 * obj.loss(mu));
  Eigen::VectorXd V;
  obj.potential(teacher, random_points(2, 10, 5), V, nullptr);
  EXPECT_LT(V.cwiseAbs().maxCoeff(), 1e-8);
  EXPECT_DOUBLE_EQ(obj.smoothness(), 0.25);  // κ(1)/d = 1/4 for d = 2 on the sphere
}

// J(0) = ½ Σ_ij w_i w_j ‖b_i‖‖b_j‖ κ(cos∠)·factor, written out here with std::acos: the
// teacher–teacher part of J is exact (not the fast κ of the blocked sums), on S¹ and S², for
// both input distributions, with both sum variants.
TEST(PopulationObjective, LossAtZeroIsTheClosedFormToRoundOff) {
  const auto kappa = [](double t) {
    t = std::clamp(t, -1.0, 1.0);
    return (std::sqrt(1.0 - t * t) + t * (std::numbers::pi - std::acos(t))) / (2.0 * std::numbers::pi);
  };
  for (int d : {2, 3})
    for (InputDistribution dist : {InputDistribution::sphere, InputDistribution::gaussian})
      for (SumVariant sums : {SumVariant::reference, SumVariant::omp}) {
        const Measure teacher = random_teacher(d, 5, 11);
        const PopulationObjective obj(d, dist, teacher, sums);
        const double factor = dist == InputDistribution::sphere ? 1.0 / d : 1.0;
        double closed = 0.0;
        for (int i = 0; i < teacher.size(); ++i)
          for (int j = 0; j < teacher.size(); ++j)
            closed += teacher.weights[i] * teacher.weights[j] *
                      kappa(teacher.directions.col(i).dot(teacher.directions.col(j)));
        closed *= 0.5 * factor;
        const Measure zero{Eigen::MatrixXd(d, 0), Eigen::VectorXd(0)};

        const double J0 = obj.loss(zero);

        EXPECT_NEAR(J0, closed, 1e-14 * closed) << "d = " << d << " " << to_string(dist);
        EXPECT_NEAR(obj.distance(zero, *obj.teacher()), std::sqrt(2.0 * closed), 1e-14 * std::sqrt(closed));
      }
}

TEST(DataObjective, PotentialIsTheFirstVariationForBothLosses) {
  const Measure teacher = random_teacher(3, 3, 12);
  for (Loss loss : {Loss::square, Loss::logistic}) {
    DataSet data = teacher_data(teacher, loss, InputDistribution::gaussian, 400, 0.1, 13);
    const DataObjective obj(data, loss, teacher, SumVariant::reference);
    const Measure mu = random_measure(3, 15, 14);
    expect_potential_is_first_variation(obj, mu);
    expect_gradient_matches_finite_differences(obj, mu);
  }
}

TEST(DataObjective, ManyGaussianSamplesApproachThePopulation) {
  const Measure teacher = random_teacher(3, 3, 15);
  const DataObjective data(teacher_data(teacher, Loss::square, InputDistribution::gaussian, 200000, 0.0, 16),
                           Loss::square, teacher);
  const PopulationObjective population(3, InputDistribution::gaussian, teacher);
  const Measure mu = random_measure(3, 10, 17);
  EXPECT_NEAR(data.loss(mu), population.loss(mu), 0.02 * population.loss(mu));
}

TEST(ClusterData, SamplesLieInTheirLabelledClustersAndSharesAreSlices) {
  // k × k clusters of radius Δ = 1/(3k − 1) at Δ(1 + 3p) − ½: every point within Δ of one
  // centre, labelled as that cluster; ⌊k²/2⌋ clusters labelled −1; uninformative coordinates in
  // [−½, ½]; points of different clusters at least Δ apart; a share is a slice of the whole.
  for (int k : {2, 3, 4}) {
    const double delta = cluster_spacing(k);
    const Eigen::VectorXi labels = cluster_labels(k, 7);
    EXPECT_EQ((labels.array() == -1).count(), k * k / 2);
    EXPECT_EQ((labels.array() == 1).count(), k * k - k * k / 2);
    const int d = 5, n = 400;
    const DataSet data = cluster_data(k, d, n, 7, 11, IndexRange{0, n});
    ASSERT_EQ(data.size(), n);
    std::vector<int> cluster_of(n);
    std::set<int> seen;
    for (int l = 0; l < n; ++l) {
      int found = -1;
      for (int c = 0; c < k * k; ++c) {
        const Eigen::Vector2d centre(delta * (1 + 3 * (c % k)) - 0.5, delta * (1 + 3 * (c / k)) - 0.5);
        if ((data.X.col(l).head(2) - centre).norm() < delta) {
          EXPECT_EQ(found, -1) << "point " << l << " in two clusters";
          found = c;
        }
      }
      ASSERT_GE(found, 0) << "point " << l << " in no cluster";
      cluster_of[l] = found;
      seen.insert(found);
      EXPECT_EQ(data.y[l], labels[found]);
      EXPECT_LE(data.X.col(l).tail(d - 2).cwiseAbs().maxCoeff(), 0.5);
    }
    EXPECT_EQ(static_cast<int>(seen.size()), k * k);  // 400 draws visit every cluster
    for (int l = 0; l < n; ++l)
      for (int q = l + 1; q < n; ++q)
        if (cluster_of[l] != cluster_of[q]) {
          ASSERT_GE((data.X.col(l).head(2) - data.X.col(q).head(2)).norm(), delta);
        }
    const DataSet part = cluster_data(k, d, n, 7, 11, IndexRange{150, 275});
    EXPECT_EQ(part.X, data.X.middleCols(150, 125));
    EXPECT_EQ(part.y, data.y.segment(150, 125));
    const DataSet other = cluster_data(k, d, n, 7, 12, IndexRange{0, n});  // another draw, same labels
    EXPECT_NE(other.X, data.X);
  }
}

TEST(DataSetFile, RoundTripsAndNamesBadLinesAndColumns) {
  const TempDir dir;
  const DataSet data = teacher_data(random_teacher(2, 3, 1), Loss::square, InputDistribution::sphere, 50, 0.0, 2);
  const std::string path = (dir.path / "data.csv").string();
  write_data_csv(data, path);
  const DataSet back = read_data_csv(path, 2);
  EXPECT_EQ(back.X, data.X);
  EXPECT_EQ(back.y, data.y);

  auto error_of = [&](const std::string& text, int d) {
    try {
      read_data_csv(dir.write("bad.csv", text), d);
      return std::string();
    } catch (const InputError& e) {  // a bad user file: the program exits 2
      return std::string(e.what());
    }
  };
  EXPECT_NE(error_of("x1,x2,y\n1,2\n", 2).find("bad.csv:2: has 2 columns; expected 3 (x1..x2, y)"), std::string::npos);
  EXPECT_NE(error_of("x1,x2,x3,y\n1,2,3,4\n", 2).find("bad.csv:1: header is 'x1,x2,x3,y'; expected 'x1,x2,y'"),
            std::string::npos);
  EXPECT_NE(error_of("x1,x2,y\n1,abc,3\n", 2).find("bad.csv:2: column 2 is 'abc', not a finite number"), std::string::npos);
  EXPECT_NE(error_of("x1,x2,y\n1,nan,3\n", 2).find("bad.csv:2: column 2 is 'nan', not a finite number"), std::string::npos);
  EXPECT_THROW(read_data_csv((dir.path / "none.csv").string(), 2), InputError);
  EXPECT_NE(error_of("x1,x3,y\n1,2,3\n", 2).find("(x1..x2, y): column 2 is 'x3', expected 'x2'"), std::string::npos);
}

TEST(DataSetFile, PartsReassembleTheFileAndNameTheLineOfABadRow) {
  // A rank reads the rows starting in its byte range only: for any number of parts (more parts
  // than rows too), the parts in order are the whole file, blank lines and a last line without
  // a newline included; an error in any part names the line in the whole file.
  const TempDir dir;
  std::string text = "x1,x2,y\n";
  for (int i = 0; i < 23; ++i) {
    text += std::to_string(i) + ".5," + std::to_string(-i * i) + "e-3," + std::to_string(i % 3) + "\n";
    if (i % 7 == 3) text += "\n";
  }
  text += "1e300,2,3";  // no final newline
  const std::string path = dir.write("rows.csv", text);
  const DataSet whole = read_data_csv(path, 2);
  ASSERT_EQ(whole.size(), 24);
  for (int parts : {1, 2, 3, 5, 24, 40}) {
    Eigen::MatrixXd X(2, 0);
    Eigen::VectorXd y(0);
    for (int part = 0; part < parts; ++part) {
      const DataSet p = read_data_csv_part(path, 2, part, parts);
      X.conservativeResize(2, X.cols() + p.size());
      X.rightCols(p.size()) = p.X;
      y.conservativeResize(y.size() + p.size());
      y.tail(p.size()) = p.y;
    }
    EXPECT_EQ(X, whole.X) << parts << " parts";
    EXPECT_EQ(y, whole.y) << parts << " parts";
  }
  // Line 27 of the file (the header is line 1; three blank lines come before it) is bad.
  std::string bad = text;
  const std::size_t at = bad.find("22.5,");
  ASSERT_NE(at, std::string::npos);
  bad.replace(at, 4, "22.x");
  const std::string bad_path = dir.write("bad_rows.csv", bad);
  for (int parts : {1, 2, 3, 7}) {
    int failures = 0;
    for (int part = 0; part < parts; ++part) {
      try {
        read_data_csv_part(bad_path, 2, part, parts);
      } catch (const InputError& e) {
        ++failures;
        EXPECT_NE(std::string(e.what()).find("bad_rows.csv:27: column 1 is '22.x'"), std::string::npos) << e.what();
      }
    }
    EXPECT_EQ(failures, 1) << parts << " parts";
  }
}

TEST(DataSetFile, QuotesAtMost200CharactersOfABadCellOrHeader) {
  const TempDir dir;
  auto error_of = [&](const std::string& text) {
    try {
      read_data_csv(dir.write("long.csv", text), 2);
      return std::string();
    } catch (const InputError& e) {
      return std::string(e.what());
    }
  };
  const std::string cell(10000, '7');

  const std::string bad_cell = error_of("x1,x2,y\n1,2," + cell + "z\n");
  const std::string bad_header = error_of("x1,x2,y" + cell + "\n1,2,3\n");

  EXPECT_LT(bad_cell.size(), 400u) << bad_cell;
  EXPECT_NE(bad_cell.find("long.csv:2: column 3 is '" + cell.substr(0, 200) + "…' (10001 characters)"), std::string::npos)
      << bad_cell;
  EXPECT_LT(bad_header.size(), 800u) << bad_header;  // the header and its first differing name, each cut
  EXPECT_NE(bad_header.find("long.csv:1: header is 'x1,x2,y" + cell.substr(0, 193) + "…' (10007 characters)"),
            std::string::npos)
      << bad_header;
  EXPECT_NE(bad_header.find("column 3 is 'y" + cell.substr(0, 199) + "…' (10001 characters), expected 'y'"),
            std::string::npos)
      << bad_header;
}

TEST(DataObjective, LogisticLossRefusesLabelsOtherThanPlusMinusOne) {
  DataSet data = teacher_data(random_teacher(2, 3, 1), Loss::square, InputDistribution::sphere, 10, 0.0, 2);
  EXPECT_THROW(DataObjective(data, Loss::logistic, std::nullopt), std::invalid_argument);
}

}  // namespace
}  // namespace mf
