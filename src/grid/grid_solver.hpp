#pragma once
// Time integration of a Flow on a mesh: method of lines with the transport operator and an
// Odeint stepper, the reaction either integrated exactly per cell with Strang splitting
//   M ← e^{g dt/2} M;  transport step dt;  M ← e^{g dt/2} M
// or added to the right-hand side (dM/dt = −div + g M).
//
// Orders in dt: `strang` is exact for the reaction and second order overall when g is
// prescribed, but first order when g depends on the state (the network flows: g = −2βG^s[μ] is
// frozen over each half step). `rhs` has the stepper's order (SSPRK3: 3, RK4: 4) for any g.
// `automatic` (the default) takes strang for prescribed rates and rhs for state-dependent ones.
//
// Step size: dt = cfl · stable_dt, or a fixed dt; either is shortened to land exactly on the
// requested end time. stable_dt is the forward-Euler positivity bound (see
// TransportOperator::stable_dt); with the reaction in the right-hand side it includes the
// decay, 1 / max_i (outflow_i / A_i + max(0, −g_i)), and the growth, dt · max g ≤ 1. An SSP
// stepper (SSPRK3) is a convex combination of forward-Euler steps, so with the upwind scheme the
// masses stay ≥ 0 for Courant ≤ 1, the reaction included (the limited scheme: courant_limit). A fixed dt whose Courant number exceeds the scheme's limit, or a state
// that turns NaN/Inf, stops the run with a RunError that says where and what to change.

#include <Eigen/Core>
#include <functional>
#include <string>
#include <stdexcept>

#include "base/name_table.hpp"
#include "grid/flow.hpp"
#include "time/run_error.hpp"
#include "grid/transport_operator.hpp"
#include "time/ode_stepper.hpp"

namespace mf {

enum class ReactionMode { automatic, strang, rhs };
const NameTable<ReactionMode>& name_table(ReactionMode);

struct GridSolverOptions {
  Reconstruction scheme = Reconstruction::limited;
  StencilKind stencil = StencilKind::face_neighbours;
  StepperKind stepper = StepperKind::ssprk3;
  ReactionMode reaction = ReactionMode::automatic;
  double cfl = 0.5;      ///< Courant number, used when dt == 0
  double dt = 0.0;       ///< fixed (largest) step; 0 = from cfl
  double abs_tol = 1e-8; ///< dopri5
  double rel_tol = 1e-8; ///< dopri5
  KernelVariant kernels = KernelVariant::omp;
  /// What to change when the step collapses (the case keys that set the speeds and rates),
  /// appended to that RunError's message.
  std::string step_hint = "reduce the velocities or growth rates of the flow";
};

class GridSolver {
 public:
  /// Keeps references to mesh and flow, which must outlive the solver.
  GridSolver(const SphereMesh& mesh, const Flow& flow, GridSolverOptions options);

  /// Advances `masses` from t to t_end (t is set to t_end on return). Throws RunError.
  void advance(Eigen::VectorXd& masses, double& t, double t_end);

  /// dM/dt of the method of lines (reaction included when with_reaction).
  void rhs(const Eigen::VectorXd& masses, Eigen::VectorXd& dmdt, double t, bool with_reaction) const;

  /// Called after every step with (t, step count); for progress reporting.
  void set_step_callback(std::function<void(double, long)> cb) { step_callback_ = std::move(cb); }

  long steps() const { return steps_; }
  long rejected_steps() const { return rejected_; }
  double max_courant() const { return max_courant_; }  ///< largest Courant number of any step
  const TransportOperator& transport() const { return transport_; }
  const GridSolverOptions& options() const { return options_; }
  /// The reaction mode in use: options().reaction with `automatic` resolved for this flow.
  ReactionMode reaction_mode() const { return reaction_; }

 private:
  double stable_dt(double t, const Eigen::VectorXd& masses) const;  // transport and explicit reaction
  void react(Eigen::VectorXd& masses, double t, double dt) const;   // exact e^{g dt}
  void check_finite(const Eigen::VectorXd& masses, double t) const;

  const SphereMesh& mesh_;
  const Flow& flow_;
  GridSolverOptions options_;
  ReactionMode reaction_;
  TransportOperator transport_;
  OdeStepper stepper_;
  mutable Eigen::VectorXd phi_, growth_, source_, decay_;
  std::function<void(double, long)> step_callback_;
  long steps_ = 0, rejected_ = 0;
  double max_courant_ = 0.0;
  double adaptive_dt_ = 0.0;
};

}  // namespace mf
