#include "app/integrators.hpp"

#include <sstream>

namespace mf {

AdvanceFunction ode_advance(OdeStepper& stepper, OdeRhs rhs, Eigen::VectorXd& state, long& steps, double& dt_next,
                            StepKeys keys, std::function<void()> after_step) {
  return [&stepper, rhs = std::move(rhs), &state, &steps, &dt_next, keys = std::move(keys),
          after_step = std::move(after_step)](double& t, double t_out, const ProgressFunction& report) {
    const bool adaptive = stepper.kind() == StepperKind::dopri5;
    const std::string change = adaptive ? "tighten " + keys.tolerances : "reduce " + keys.dt;
    const double span = t_out - t;
    double previous = t;
    const bool met = stepper.advance(rhs, state, t, t_out, dt_next, [&](double now) {
      ++steps;
      if (!state.allFinite()) {
        std::ostringstream s;
        s << keys.what << " became NaN/infinite at t = " << now << " (step " << steps << "); " << change;
        throw RunError(s.str());
      }
      if (adaptive && now - previous < 1e-10 * span && t_out - now > 1e-10 * span) {
        std::ostringstream s;
        s << "the time step collapsed to " << now - previous << " at t = " << now << " (step " << steps
          << "): reaching t = " << t_out << " would take more than 10^10 steps; the flow's speeds are extreme — "
          << "check the scales of the case's inputs, or " << change;
        throw RunError(s.str());
      }
      previous = now;
      if (after_step) after_step();
      report(now, steps);
    });
    if (!met)
      throw RunError("dopri5 could not meet its tolerances at t = " + std::to_string(t) + "; loosen " +
                     keys.tolerances + " or use a fixed-step stepper");
  };
}

AdvanceFunction discrete_advance(std::function<void(long k, double t)> step, double eta, long& steps) {
  return [step = std::move(step), eta, &steps](double& t, double t_out, const ProgressFunction& report) {
    while (static_cast<double>(steps + 1) * eta <= t_out * (1.0 + 1e-12)) {
      const long k = steps + 1;
      step(k, static_cast<double>(k) * eta);
      steps = k;
      t = static_cast<double>(k) * eta;
      report(t, steps);
    }
  };
}

AdvanceFunction scheduled_advance(std::function<void(long k, double t)> step, std::function<double(long k)> eta,
                                  long& steps, double& time) {
  return [step = std::move(step), eta = std::move(eta), &steps, &time](double& t, double t_out,
                                                                       const ProgressFunction& report) {
    while (time + eta(steps + 1) <= t_out * (1.0 + 1e-12)) {
      const long k = steps + 1;
      const double next = time + eta(k);
      step(k, next);
      steps = k;
      time = next;
      t = next;
      report(t, steps);
    }
  };
}

}  // namespace mf
