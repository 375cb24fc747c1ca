// Debug preconditions (base/precondition.hpp): with MEASUREFLOW_DEBUG_CHECKS (Debug builds and
// -DMEASUREFLOW_SANITIZE=ON) a call with wrong sizes throws mf::PreconditionError naming file,
// line and the failed condition; in Release the checks are compiled out and these tests skip.

#include <gtest/gtest.h>

#include <string>

#include "base/precondition.hpp"
#include "flows/initial_fields.hpp"
#include "flows/prescribed_flow.hpp"
#include "grid/grid_solver.hpp"
#include "mesh/mesh_generators.hpp"
#include "network/network_gradient.hpp"
#include "objective/kernel_sums.hpp"
#include "objective/measure.hpp"
#include "time/ode_stepper.hpp"

namespace mf {
namespace {

// The what() of the PreconditionError that `call` throws ("" if it throws none).
template <class Call>
std::string precondition_message(Call&& call) {
  try {
    call();
  } catch (const PreconditionError& e) {
    return e.what();
  }
  return "";
}

class Preconditions : public ::testing::Test {
 protected:
  void SetUp() override {
    if constexpr (!debug_checks)
      GTEST_SKIP() << "debug preconditions are compiled out in this build (MEASUREFLOW_DEBUG_CHECKS is defined "
                      "only in Debug builds and with -DMEASUREFLOW_SANITIZE=ON)";
  }
};

TEST(PreconditionMacro, EvaluatesTheConditionOnlyWhenChecksAreOn) {
  int evaluations = 0;

  const auto count = [&] { return ++evaluations > 0; };
  MF_PRECONDITION(count(), "never fails");

  EXPECT_EQ(evaluations, debug_checks ? 1 : 0);
}

TEST_F(Preconditions, MessageNamesFileLineConditionAndMessage) {
  const int line = __LINE__ + 1;
  const std::string what = precondition_message([] { MF_PRECONDITION(1 + 1 == 3, "arithmetic"); });

  EXPECT_EQ(what, std::string(__FILE__) + ":" + std::to_string(line) + ": precondition '1 + 1 == 3' failed: arithmetic");
}

TEST_F(Preconditions, GridSolverRejectsAStateOfTheWrongSize) {
  const SphereMesh m = icosahedral_mesh(1);
  const PrescribedFlow flow(m, solid_body_rotation(1.0, 0.3), true);
  GridSolver solver(m, flow, GridSolverOptions{});
  Eigen::VectorXd masses = Eigen::VectorXd::Ones(m.n_cells() - 1);
  double t = 0.0;

  const std::string what = precondition_message([&] { solver.advance(masses, t, 0.1); });

  EXPECT_NE(what.find("grid_solver.cpp:"), std::string::npos) << what;
  EXPECT_NE(what.find("m.size() == static_cast<Eigen::Index>(flow_.n_species()) * mesh_.n_cells()"), std::string::npos)
      << what;
  EXPECT_NE(what.find("the state has 79 entries, not 1 species × 80 cells"), std::string::npos) << what;
}

TEST_F(Preconditions, NeighbourRejectsACellNotOnTheFace) {
  const SphereMesh m = icosahedral_mesh(1);
  const auto [l, r] = m.face_cells[0];
  int other = 0;
  while (other == l || other == r) ++other;

  const std::string what = precondition_message([&] { static_cast<void>(m.neighbour(other, 0)); });

  EXPECT_NE(what.find("sphere_mesh.hpp:"), std::string::npos) << what;
  EXPECT_NE(what.find("face_cells[f][0] == c || face_cells[f][1] == c"), std::string::npos) << what;
}

TEST_F(Preconditions, KernelSumsRejectPointsOfAnotherDimension) {
  const Measure mu = random_teacher(3, 5, 1);
  const Eigen::MatrixXd points = Eigen::MatrixXd::Ones(4, 2);  // R^4, the measure lives on S²
  Eigen::VectorXd V;

  for (const bool omp : {false, true}) {
    const std::string what = precondition_message([&] {
      if (omp) kernel_sums::omp::potential(1.0, mu, points, V, nullptr);
      else kernel_sums::reference::potential(1.0, mu, points, V, nullptr);
    });

    EXPECT_NE(what.find("precondition 'mu.dimension() == d' failed"), std::string::npos) << what;
    EXPECT_NE(what.find("has dimension 3, not 4"), std::string::npos) << what;
  }
}

TEST_F(Preconditions, FusedNetworkGradientRejectsABatchOfAnotherShape) {
  DataSet data;
  data.X = Eigen::MatrixXd::Ones(3, 10);
  data.y = Eigen::VectorXd::Ones(10);
  PackedBatch batch;
  batch.pack(data, true);  // d̃ = 4
  PlainNetwork net;
  net.a = Eigen::VectorXd::Ones(6);
  net.b = Eigen::MatrixXd::Ones(3, 6);  // no bias row
  NetworkGradient g;

  const std::string what = precondition_message([&] { network_gradient::fused::compute(net, batch, Loss::square, g); });

  EXPECT_NE(what.find("network_gradient_fused.cpp:"), std::string::npos) << what;
  EXPECT_NE(what.find("'net.b.rows() == batch.d_lifted'"), std::string::npos) << what;
}

TEST_F(Preconditions, OdeStepperRejectsARightHandSideOfTheWrongSize) {
  OdeStepper stepper(StepperKind::rk4);
  Eigen::VectorXd x = Eigen::VectorXd::Ones(3);
  const OdeRhs f = [](const Eigen::VectorXd& y, Eigen::VectorXd& dydt, double) { dydt = -y.head(2); };

  const std::string what = precondition_message([&] { stepper.do_step(f, x, 0.0, 0.1); });

  EXPECT_NE(what.find("'dydt.size() == y.size()'"), std::string::npos) << what;
  EXPECT_NE(what.find("returned 2 derivatives for a state of 3"), std::string::npos) << what;
}

}  // namespace
}  // namespace mf
