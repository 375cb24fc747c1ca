// Time steppers: observed orders of convergence, and dopri5 meeting its tolerance.

#include <gtest/gtest.h>

#include <cmath>

#include "time/ode_stepper.hpp"

namespace mf {
namespace {

// y' = −y cos t (non-autonomous, so stage times matter): y(t) = y0 e^{−sin t}.
const OdeRhs kRhs = [](const Eigen::VectorXd& y, Eigen::VectorXd& dydt, double t) { dydt = -y * std::cos(t); };

double error_with_steps(StepperKind kind, int n) {
  OdeStepper stepper(kind);
  Eigen::VectorXd y = Eigen::VectorXd::Constant(2, 1.0);
  const double T = 2.0, dt = T / n;
  for (int k = 0; k < n; ++k) stepper.do_step(kRhs, y, k * dt, dt);
  return std::abs(y[0] - std::exp(-std::sin(T)));
}

class FixedStepperOrder : public ::testing::TestWithParam<StepperKind> {};

TEST_P(FixedStepperOrder, MatchesTheNominalOrder) {
  const StepperKind kind = GetParam();

  const double coarse = error_with_steps(kind, 40), fine = error_with_steps(kind, 80);
  const double order = std::log2(coarse / fine);

  EXPECT_NEAR(order, stepper_order(kind), 0.15) << to_string(kind) << ": errors " << coarse << " → " << fine;
}

INSTANTIATE_TEST_SUITE_P(Steppers, FixedStepperOrder, ::testing::Values(StepperKind::ssprk3, StepperKind::rk4),
                         [](const auto& p) { return to_string(p.param); });

TEST(AdaptiveStepper, Dopri5MeetsItsTolerance) {
  OdeStepper stepper(StepperKind::dopri5, 1e-10, 1e-10);
  Eigen::VectorXd y = Eigen::VectorXd::Constant(1, 1.0);
  double t = 0.0, dt = 0.1;
  int steps = 0;
  while (t < 2.0) {
    double try_dt = std::min(dt, 2.0 - t);
    if (stepper.try_step(kRhs, y, t, try_dt)) ++steps;
    dt = try_dt;
  }
  EXPECT_NEAR(y[0], std::exp(-std::sin(2.0)), 1e-8);
  EXPECT_LT(steps, 200);
}

TEST(StepperNames, ParseRejectsUnknownNamesListingTheValidOnes) {
  EXPECT_EQ(parse_name<StepperKind>("ssprk3"), StepperKind::ssprk3);
  try {
    parse_name<StepperKind>("euler");
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("\"rk4\""), std::string::npos);
  }
}

}  // namespace
}  // namespace mf
