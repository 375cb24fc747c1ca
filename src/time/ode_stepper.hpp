#pragma once
// Time steppers for the method of lines, backed by Boost.Odeint on Eigen vectors. The odeint
// headers stay inside ode_stepper.cpp (they are heavy and add operators to namespace Eigen).
//
//   rk4     classical Runge–Kutta, order 4, fixed step (not SSP).
//   ssprk3  Shu–Osher strong-stability-preserving RK3, order 3, fixed step, SSP coefficient 1:
//           positivity of forward Euler at Courant ≤ C carries over at Courant ≤ C.
//   dopri5  Dormand–Prince 5(4) with step-size control (abs/rel tolerance), order 5.

#include <Eigen/Core>
#include <functional>
#include <memory>
#include <string>

#include "base/name_table.hpp"

namespace mf {

enum class StepperKind { rk4, ssprk3, dopri5 };
const NameTable<StepperKind>& name_table(StepperKind);

int stepper_order(StepperKind k);
bool is_adaptive(StepperKind k);

/// dxdt = f(x, t). Must overwrite dxdt (sized like x).
using OdeRhs = std::function<void(const Eigen::VectorXd& x, Eigen::VectorXd& dxdt, double t)>;

class OdeStepper {
 public:
  /// abs_tol / rel_tol are used by dopri5 only.
  explicit OdeStepper(StepperKind kind, double abs_tol = 1e-8, double rel_tol = 1e-8);
  ~OdeStepper();
  OdeStepper(OdeStepper&&) noexcept;
  OdeStepper& operator=(OdeStepper&&) noexcept;

  StepperKind kind() const { return kind_; }

  /// One step of exactly dt from t (fixed-step steppers; dopri5 takes its 5th-order solution).
  void do_step(const OdeRhs& f, Eigen::VectorXd& x, double t, double dt);

  /// Adaptive attempt: on success advances x and t by the dt tried, sets dt to a proposed next
  /// step and returns true; on failure leaves x and t, shrinks dt and returns false.
  /// Fixed-step steppers always succeed and leave dt unchanged.
  bool try_step(const OdeRhs& f, Eigen::VectorXd& x, double& t, double& dt);

  /// Advances x from t to t_end (t = t_end on return). Fixed-step steppers take steps of at most
  /// dt, the last one shortened to land on t_end; dopri5 starts from dt and controls it (dt holds
  /// its proposal for the next call). on_step(t) runs after every accepted step and may throw to
  /// stop. Returns false, leaving x and t at the last accepted step, when dopri5's step fell
  /// below 1e-14·max(1, t) without meeting the tolerances.
  bool advance(const OdeRhs& f, Eigen::VectorXd& x, double& t, double t_end, double& dt,
               const std::function<void(double)>& on_step = {});

 private:
  struct Impl;
  StepperKind kind_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace mf
