#include "model/network_diagnostics.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <ostream>
#include <sstream>

#include "time/run_error.hpp"

namespace mf {

int support_size(const Eigen::VectorXd& abs_mass, double fraction) {
  std::vector<double> sorted(abs_mass.data(), abs_mass.data() + abs_mass.size());
  std::sort(sorted.begin(), sorted.end(), std::greater<>());
  const double total = abs_mass.sum();
  double running = 0.0;
  int count = 0;
  for (double m : sorted) {
    if (running >= fraction * total) break;
    running += m;
    ++count;
  }
  return count;
}

void set_cell_masses(const Eigen::VectorXd& plus, const Eigen::VectorXd& minus, NetworkDiagnostics& d) {
  d.mass_plus = plus.sum();
  d.mass_minus = minus.sum();
  d.tv_norm = d.mass_plus + d.mass_minus;
  d.net_tv_norm = (plus - minus).cwiseAbs().sum();
  d.support_cells = support_size(plus + minus);
}

const std::vector<std::string>& network_diagnostic_columns() {
  static const std::vector<std::string> columns = {
      "time",        "step",          "loss",         "penalized_loss",    "mass_plus",       "mass_minus",
      "tv_norm",     "net_tv_norm",   "support_cells", "max_abs_potential", "teacher_distance"};
  return columns;
}

std::vector<double> network_diagnostic_row(double t, long step, const NetworkDiagnostics& d) {
  return {t,         static_cast<double>(step), d.loss,          d.penalized_loss,
          d.mass_plus, d.mass_minus,            d.tv_norm,       d.net_tv_norm,
          static_cast<double>(d.support_cells), d.max_abs_potential, d.teacher_distance};
}

void check_diagnostics(const NetworkDiagnostics& d, double t, long step) {
  if (std::isfinite(d.loss) && std::isfinite(d.penalized_loss)) return;
  std::ostringstream s;
  s << "the objective became " << (std::isnan(d.loss) || std::isnan(d.penalized_loss) ? "NaN" : "infinite")
    << " at t = " << t << " (step " << step << "); reduce the step (time.cfl / time.dt, particles.dt or "
    << "particles.step) or check the sizes of [data]";
  throw RunError(s.str());
}

void write_network_summary(std::ostream& s, const NetworkDiagnostics& first, const NetworkDiagnostics& last) {
  s << "loss_initial: " << first.loss << "\nloss_final: " << last.loss << "\npenalized_loss_final: "
    << last.penalized_loss << "\nmass_plus_final: " << last.mass_plus << "\nmass_minus_final: " << last.mass_minus
    << "\nsupport_cells_final: " << last.support_cells << "\nteacher_distance_final: " << last.teacher_distance << "\n";
}

std::string number_text(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.10g", v);
  return buf;
}

}  // namespace mf
