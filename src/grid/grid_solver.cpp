#include "grid/grid_solver.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

namespace mf {

namespace {
// The flows' contract (flow.hpp): the state and the growth rates and sources are n_species blocks
// of #cells, the face fluxes n_species blocks of #faces.
[[maybe_unused]] std::string sizes(const char* what, Eigen::Index got, int species, int per_species, const char* unit) {
  return std::string(what) + " has " + std::to_string(got) + " entries, not " + std::to_string(species) +
         " species × " + std::to_string(per_species) + " " + unit;
}
}  // namespace

const NameTable<ReactionMode>& name_table(ReactionMode) {
  static const NameTable<ReactionMode> table("reaction mode", {
      {ReactionMode::automatic, "auto", "strang for prescribed growth rates, rhs when they depend on the state"},
      {ReactionMode::strang, "strang",
       "exact exponential per cell, Strang splitting: order 2 for prescribed rates, 1 for state-dependent ones"},
      {ReactionMode::rhs, "rhs", "the reaction inside the stepper's right-hand side: the stepper's order for any rate"},
  });
  return table;
}

GridSolver::GridSolver(const SphereMesh& mesh, const Flow& flow, GridSolverOptions options)
    : mesh_(mesh),
      flow_(flow),
      options_(options),
      reaction_(options.reaction != ReactionMode::automatic ? options.reaction
                : flow.growth_depends_on_state()             ? ReactionMode::rhs
                                                             : ReactionMode::strang),
      transport_(mesh, options.scheme, options.stencil, options.kernels),
      stepper_(options.stepper, options.abs_tol, options.rel_tol) {
  MF_PRECONDITION(flow.n_species() >= 1, "a flow has at least one species");
}

void GridSolver::rhs(const Eigen::VectorXd& m, Eigen::VectorXd& dmdt, double t, bool with_reaction) const {
  const int nc = mesh_.n_cells(), nf = mesh_.n_faces(), ns = flow_.n_species();
  MF_PRECONDITION(m.size() == static_cast<Eigen::Index>(ns) * nc,
                  sizes("the state", m.size(), ns, nc, "cells"));
  dmdt.resize(m.size());
  if (flow_.has_transport()) {
    flow_.face_fluxes(t, m, phi_);
    MF_PRECONDITION(phi_.size() == static_cast<Eigen::Index>(ns) * nf,
                    sizes("the flow's phi", phi_.size(), ns, nf, "faces"));
    for (int s = 0; s < flow_.n_species(); ++s)
      transport_.apply(m.data() + s * nc, phi_.data() + s * nf, dmdt.data() + s * nc);
  } else {
    dmdt.setZero();
  }
  if (with_reaction && flow_.has_reaction()) {
    flow_.growth_rates(t, m, growth_);
    MF_PRECONDITION(growth_.size() == m.size(), sizes("the flow's g", growth_.size(), ns, nc, "cells"));
    dmdt += growth_.cwiseProduct(m);
  }
  if (flow_.has_source()) {
    flow_.sources(t, m, source_);
    MF_PRECONDITION(source_.size() == m.size(), sizes("the flow's source", source_.size(), ns, nc, "cells"));
    dmdt += source_;
  }
}

double GridSolver::stable_dt(double t, const Eigen::VectorXd& m) const {
  double dt = std::numeric_limits<double>::infinity();
  const int nc = mesh_.n_cells(), nf = mesh_.n_faces();
  const bool explicit_reaction = flow_.has_reaction() && reaction_ == ReactionMode::rhs;
  if (explicit_reaction) {
    flow_.growth_rates(t, m, growth_);
    MF_PRECONDITION(growth_.size() == m.size(),
                    sizes("the flow's g", growth_.size(), flow_.n_species(), nc, "cells"));
    // Growth: dt · max g ≤ 1 at Courant 1 (accuracy; it cannot make a mass negative).
    const double gmax = growth_.maxCoeff();
    if (gmax > 0.0) dt = std::min(dt, 1.0 / gmax);
    // Decay joins the outflow in the forward-Euler positivity bound below.
    decay_ = (-growth_).cwiseMax(0.0);
  }
  if (flow_.has_transport()) {
    flow_.face_fluxes(t, m, phi_);
    MF_PRECONDITION(phi_.size() == static_cast<Eigen::Index>(flow_.n_species()) * nf,
                    sizes("the flow's phi", phi_.size(), flow_.n_species(), nf, "faces"));
    for (int s = 0; s < flow_.n_species(); ++s)
      dt = std::min(dt, transport_.stable_dt(phi_.data() + s * nf, explicit_reaction ? decay_.data() + s * nc : nullptr));
  } else if (explicit_reaction) {
    const double dmax = decay_.maxCoeff();
    if (dmax > 0.0) dt = std::min(dt, 1.0 / dmax);
  }
  if (flow_.has_source() && flow_.source_rate_bound() > 0.0) dt = std::min(dt, 1.0 / flow_.source_rate_bound());
  return dt;
}

void GridSolver::react(Eigen::VectorXd& m, double t, double dt) const {
  flow_.growth_rates(t, m, growth_);
  MF_PRECONDITION(growth_.size() == m.size(),
                  sizes("the flow's g", growth_.size(), flow_.n_species(), mesh_.n_cells(), "cells"));
  m.array() *= (growth_.array() * dt).exp();
}

void GridSolver::check_finite(const Eigen::VectorXd& m, double t) const {
  if (m.allFinite()) return;
  Eigen::Index bad = 0;
  while (bad < m.size() && std::isfinite(m[bad])) ++bad;
  const int cell = static_cast<int>(bad % mesh_.n_cells());
  const Vec3& x = mesh_.center[cell];
  std::ostringstream s;
  s << "the solution became " << (std::isnan(m[bad]) ? "NaN" : "infinite") << " at t = " << t << " (step "
    << steps_ << ") in cell " << cell << " (centroid x = (" << x.x() << ", " << x.y() << ", " << x.z() << ")); ";
  if (options_.dt > 0.0) s << "reduce time.dt (now " << options_.dt << ") or use time.cfl";
  else s << "reduce time.cfl (now " << options_.cfl << "), e.g. to " << options_.cfl / 2;
  throw RunError(s.str());
}

void GridSolver::advance(Eigen::VectorXd& m, double& t, double t_end) {
  MF_PRECONDITION(m.size() == static_cast<Eigen::Index>(flow_.n_species()) * mesh_.n_cells(),
                  sizes("the state", m.size(), flow_.n_species(), mesh_.n_cells(), "cells"));
  const bool transport = flow_.has_transport();
  const bool strang = flow_.has_reaction() && reaction_ == ReactionMode::strang;
  const bool reaction_in_rhs = flow_.has_reaction() && !strang;
  const OdeRhs f = [&](const Eigen::VectorXd& x, Eigen::VectorXd& dxdt, double time) {
    rhs(x, dxdt, time, reaction_in_rhs);
  };
  const double tiny = 1e-13 * std::max(1.0, std::abs(t_end));
  while (t_end - t > tiny) {
    const double remaining = t_end - t;
    const double stable = stable_dt(t, m);
    double dt = options_.dt > 0.0 ? options_.dt : options_.cfl * stable;
    if (strang && options_.dt <= 0.0 && flow_.growth_depends_on_state()) {
      // Accuracy, not stability: the exact reaction step freezes a state-dependent g (first
      // order in dt), so keep |g| dt ≤ cfl as for growth inside the right-hand side.
      flow_.growth_rates(t, m, growth_);
      const double gmax = growth_.cwiseAbs().maxCoeff();
      if (gmax > 0.0) dt = std::min(dt, options_.cfl / gmax);
    }
    if (is_adaptive(options_.stepper) && adaptive_dt_ > 0.0) dt = std::min(dt, adaptive_dt_);
    if (!std::isfinite(dt)) dt = remaining;
    if (dt < 1e-10 * remaining) {
      // Legal but extreme inputs (speeds of 1e300): the run would take over 10^10 steps.
      std::ostringstream s;
      s << "the time step collapsed to dt = " << dt << " at t = " << t << " (step " << steps_ << "): reaching t = "
        << t_end << " would take more than 10^10 steps; " << options_.step_hint;
      throw RunError(s.str());
    }
    // Equal steps that land exactly on t_end.
    const double n = std::max(1.0, std::ceil(remaining / dt - 1e-9));
    dt = remaining / n;

    const double courant = std::isfinite(stable) ? dt / stable : 0.0;
    const double limit = transport ? transport_.courant_limit() : 1.0;
    if (courant > limit * (1.0 + 1e-9)) {
      std::ostringstream s;
      s << "CFL violation at t = " << t << " (step " << steps_ << "): dt = " << dt;
      if (transport)
        s << " has Courant number " << courant << ", above " << limit << " for the " << to_string(options_.scheme)
          << " scheme with " << to_string(options_.stepper);
      else
        s << " gives |g| dt = " << courant << " for the growth in the right-hand side, above " << limit;
      s << "; set time.dt ≤ " << limit * stable << " or use time.cfl = " << limit << " instead of a fixed dt";
      throw RunError(s.str());
    }

    if (is_adaptive(options_.stepper)) {
      // Retry until the error controller accepts; the accepted dt is what was taken.
      const Eigen::VectorXd saved = m;
      for (int attempt = 0;; ++attempt) {
        if (strang) react(m, t, 0.5 * dt);
        double t_try = t, dt_try = dt;
        if (stepper_.try_step(f, m, t_try, dt_try)) {
          if (strang) react(m, t_try, 0.5 * dt);
          t = t_try;
          adaptive_dt_ = dt_try;  // the controller's proposal for the next step
          break;
        }
        m = saved;
        ++rejected_;
        dt = dt_try;
        if (attempt > 200 || dt < 1e-14 * std::max(1.0, std::abs(t)))
          throw RunError("dopri5 could not meet its tolerances at t = " + std::to_string(t) +
                         "; loosen time.abs_tol / time.rel_tol or use a fixed-step stepper");
      }
    } else {
      if (strang) react(m, t, 0.5 * dt);
      if (transport || reaction_in_rhs || flow_.has_source()) stepper_.do_step(f, m, t, dt);
      if (strang) react(m, t + dt, 0.5 * dt);
      t = (n == 1.0) ? t_end : t + dt;
    }
    max_courant_ = std::max(max_courant_, courant);
    ++steps_;
    check_finite(m, t);
    if (step_callback_) step_callback_(t, steps_);
  }
  t = t_end;
}

}  // namespace mf
