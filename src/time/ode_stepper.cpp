// Odeint needs its Eigen adaptor included right after it (without it the program compiles and
// then crashes: odeint never resizes its temporaries).
#include <boost/numeric/odeint.hpp>
#include <boost/numeric/odeint/external/eigen/eigen.hpp>

#include "time/ode_stepper.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "base/precondition.hpp"

namespace mf {

namespace odeint = boost::numeric::odeint;
using State = Eigen::VectorXd;

namespace {

// SSPRK3 (Shu–Osher) as a generic explicit RK: c = (0, 1, 1/2), a21 = 1, a31 = a32 = 1/4,
// b = (1/6, 1/6, 2/3). Odeint 1.74 has no SSP stepper; coefficient containers must be
// boost::array.
class Ssprk3 : public odeint::explicit_generic_rk<3, 3, State, double, State, double, odeint::vector_space_algebra> {
  using Base = odeint::explicit_generic_rk<3, 3, State, double, State, double, odeint::vector_space_algebra>;

 public:
  Ssprk3() : Base(coefficients_a(), coefficients_b(), coefficients_c()) {}

 private:
  static Base::coef_a_type coefficients_a() {
    const boost::array<double, 1> a1 = {{1.0}};
    const boost::array<double, 2> a2 = {{0.25, 0.25}};
    return fusion_a(a1, a2);
  }
  static Base::coef_b_type coefficients_b() { return {{1.0 / 6.0, 1.0 / 6.0, 2.0 / 3.0}}; }
  static Base::coef_c_type coefficients_c() { return {{0.0, 1.0, 0.5}}; }
  template <class A1, class A2>
  static Base::coef_a_type fusion_a(const A1& a1, const A2& a2) {
    return boost::fusion::make_vector(a1, a2);
  }
};

using Rk4 = odeint::runge_kutta4<State, double, State, double, odeint::vector_space_algebra>;
using Dopri5 = odeint::runge_kutta_dopri5<State, double, State, double, odeint::vector_space_algebra>;
using ControlledDopri5 = odeint::controlled_runge_kutta<Dopri5>;

// The right-hand side as odeint calls it; in debug builds it checks OdeRhs's contract (dxdt
// sized like x on return), once per evaluation.
auto checked_system(const OdeRhs& f) {
  return [&f](const State& y, State& dydt, double time) {
    f(y, dydt, time);
    MF_PRECONDITION(dydt.size() == y.size(), "the right-hand side returned " + std::to_string(dydt.size()) +
                                                 " derivatives for a state of " + std::to_string(y.size()));
  };
}

// A step's dt: finite and positive (the steppers integrate forward in time).
void check_step([[maybe_unused]] double dt) {
  MF_PRECONDITION(std::isfinite(dt) && dt > 0.0, "dt = " + std::to_string(dt) + " (finite and > 0)");
}

}  // namespace

struct OdeStepper::Impl {
  Rk4 rk4;
  Ssprk3 ssprk3;
  ControlledDopri5 dopri5;
  Impl(double abs_tol, double rel_tol)
      : dopri5(odeint::default_error_checker<double, odeint::vector_space_algebra, odeint::default_operations>(
            abs_tol, rel_tol)) {}
};

const NameTable<StepperKind>& name_table(StepperKind) {
  static const NameTable<StepperKind> table("stepper", {
      {StepperKind::ssprk3, "ssprk3", "Shu–Osher SSP Runge–Kutta 3, fixed step (positivity under the CFL condition)"},
      {StepperKind::rk4, "rk4", "classical Runge–Kutta 4, fixed step"},
      {StepperKind::dopri5, "dopri5", "Dormand–Prince 5(4), adaptive (abs_tol, rel_tol)"},
  });
  return table;
}

int stepper_order(StepperKind k) {
  switch (k) {
    case StepperKind::rk4: return 4;
    case StepperKind::ssprk3: return 3;
    case StepperKind::dopri5: return 5;
  }
  return 0;
}

bool is_adaptive(StepperKind k) { return k == StepperKind::dopri5; }

OdeStepper::OdeStepper(StepperKind kind, double abs_tol, double rel_tol)
    : kind_(kind), impl_(std::make_unique<Impl>(abs_tol, rel_tol)) {}
OdeStepper::~OdeStepper() = default;
OdeStepper::OdeStepper(OdeStepper&&) noexcept = default;
OdeStepper& OdeStepper::operator=(OdeStepper&&) noexcept = default;

void OdeStepper::do_step(const OdeRhs& f, State& x, double t, double dt) {
  check_step(dt);
  auto system = checked_system(f);
  switch (kind_) {
    case StepperKind::rk4: impl_->rk4.do_step(system, x, t, dt); break;
    case StepperKind::ssprk3: impl_->ssprk3.do_step(system, x, t, dt); break;
    case StepperKind::dopri5:
      impl_->dopri5.stepper().reset();  // first-same-as-last: x may have changed since the last step
      impl_->dopri5.stepper().do_step(system, x, t, dt);
      break;
  }
}

bool OdeStepper::try_step(const OdeRhs& f, State& x, double& t, double& dt) {
  if (kind_ != StepperKind::dopri5) {
    do_step(f, x, t, dt);
    t += dt;
    return true;
  }
  check_step(dt);
  auto system = checked_system(f);
  // The controlled dopri5 reuses the derivative of its last step (first-same-as-last); the
  // caller may have changed x since (a reaction half step), so start afresh: one extra
  // right-hand side per step, in exchange for never integrating from a stale derivative.
  impl_->dopri5.reset();
  return impl_->dopri5.try_step(system, x, t, dt) == odeint::success;
}

bool OdeStepper::advance(const OdeRhs& f, State& x, double& t, double t_end, double& dt,
                         const std::function<void(double)>& on_step) {
  while (t_end - t > 1e-13 * std::max(1.0, std::abs(t_end))) {
    double step = std::min(dt, t_end - t);
    if (kind_ == StepperKind::dopri5) {
      const bool accepted = try_step(f, x, t, step);
      if (!accepted && step < 1e-14 * std::max(1.0, std::abs(t))) return false;
      dt = step;  // the controller's proposal (after a success) or its smaller retry
      if (!accepted) continue;
    } else {
      do_step(f, x, t, step);
      t += step;
    }
    if (on_step) on_step(t);
  }
  t = t_end;
  return true;
}

}  // namespace mf
