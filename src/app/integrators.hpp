#pragma once
// The integrators of the particle and plain-network modes as run-pipeline stages, each with
// its stop messages written once: the state turning NaN/infinite, a step that collapsed (the
// run would take over 10^10 steps), dopri5 failing its tolerances.

#include <Eigen/Core>
#include <functional>
#include <string>

#include "app/run_pipeline.hpp"
#include "time/ode_stepper.hpp"

namespace mf {

/// The case keys a stop message tells the user to change.
struct StepKeys {
  std::string dt;          ///< e.g. "particles.dt" (fixed-step steppers)
  std::string tolerances;  ///< e.g. "particles.abs_tol / rel_tol" (dopri5)
  std::string what;        ///< e.g. "the particle state"
};

/// A continuous-time flow dx/dt = rhs(x) integrated by `stepper` (all referenced objects
/// outlive the stage); `steps` counts accepted steps, `dt_next` carries the step between calls;
/// `after_step` (may be empty) runs after each accepted step.
AdvanceFunction ode_advance(OdeStepper& stepper, OdeRhs rhs, Eigen::VectorXd& state, long& steps, double& dt_next,
                            StepKeys keys, std::function<void()> after_step = {});

/// Discrete steps: step k ends at time k·eta; the output is the last iterate at or before t_out.
/// `step(k, t)` takes step k (ending at t = k·eta) and throws RunError when it fails.
AdvanceFunction discrete_advance(std::function<void(long k, double t)> step, double eta, long& steps);
/// Iterations of step sizes eta(k), k = 1, 2, …: iteration k ends at time t_k = Σ_{i ≤ k} eta(i)
/// (kept in `time`); the advance to t_out stops at the last iteration with t_k ≤ t_out (so
/// an output is at that iteration's time, at most one step before t_out).
AdvanceFunction scheduled_advance(std::function<void(long k, double t)> step, std::function<double(long k)> eta,
                                  long& steps, double& time);

}  // namespace mf
