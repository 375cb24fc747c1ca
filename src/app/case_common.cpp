#include "app/case_common.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <sstream>

namespace mf {

using namespace ranges;

MeshSpec read_mesh(const TomlSection& s) {
  MeshSpec m;
  if (!s.present()) s.fail("type", "the [mesh] table is required");
  m.type = s.choice("type", {"circle", "icosahedral", "hexagonal", "cubed_sphere", "file"});
  if (m.type == "icosahedral" || m.type == "hexagonal") m.level = s.integer("level", 0, 9);
  else if (m.type == "circle") m.n = s.integer("n", 3, 1 << 24);
  else if (m.type == "cubed_sphere") m.n = s.integer("n", 1, 1024);
  else {
    m.file = s.string("file");
    const auto path = std::filesystem::path(s.file()).parent_path() / m.file;
    if (!std::filesystem::is_regular_file(path)) s.fail("file", "no such file: " + path.string());
    m.file = path.string();
  }
  s.finish();
  return m;
}

void read_scheme(const TomlSection& s, GridSolverOptions& o) {
  o.scheme = parse_reconstruction(s.choice("transport", {"upwind", "limited"}, "limited"));
  o.stencil = s.choice("stencil", {"face", "vertex"}, "face") == "face" ? StencilKind::face_neighbours
                                                                      : StencilKind::vertex_neighbours;
  o.reaction = parse_reaction_mode(s.choice("reaction", {"strang", "rhs"}, "strang"));
  s.finish();
}

void read_flow_stepper(const TomlSection& s, const std::string& stepper, const Range& dt_range, StepperKind& kind,
                       double& dt, double& abs_tol, double& rel_tol) {
  kind = parse_stepper(stepper);
  if (kind == StepperKind::dopri5) {
    abs_tol = s.number("abs_tol", 1e-8, kPositive);
    rel_tol = s.number("rel_tol", 1e-8, kPositive);
  } else {
    dt = s.number("dt", dt_range);
  }
}

void require_whole_steps(const TomlSection& s, std::string_view key, double end_time, double step,
                         const std::string& step_name) {
  const double steps = end_time / step;
  if (std::abs(steps - std::round(steps)) <= 1e-9 * steps) return;
  std::ostringstream m;
  m << "time.end = " << end_time << " is not a whole number of steps of " << step_name << " = " << step << " ("
    << steps << " steps; each step advances mean-field time by the step)";
  s.fail(key, m.str());
}

void read_output_times(const TomlSection& time, double end_time, std::vector<double>& times) {
  times.clear();
  if (time.has("output_times") && time.has("outputs"))
    time.fail("outputs", "give either time.outputs (a count) or time.output_times (a list), not both");
  if (time.has("output_times")) {
    times = time.numbers("output_times", Range{0.0, end_time});
    if (!std::is_sorted(times.begin(), times.end()) || std::adjacent_find(times.begin(), times.end()) != times.end())
      time.fail("output_times", "must increase strictly");
  } else {
    const int n = time.integer("outputs", 10, 1, 100000);
    for (int k = 0; k <= n; ++k) times.push_back(end_time * k / n);
  }
  if (times.front() > 0.0) times.insert(times.begin(), 0.0);
  if (times.back() < end_time) times.push_back(end_time);
}

void read_time(const TomlSection& root, GridSolverOptions& solver, double& end_time, std::vector<double>& times) {
  const TomlSection time = root.section("time");
  if (!time.present()) root.fail("time", "the [time] table is required (at least time.end)");
  solver.stepper = parse_stepper(time.choice("stepper", {"ssprk3", "rk4", "dopri5"}, "ssprk3"));
  end_time = time.number("end", kPositive);
  if (time.has("cfl") && time.has("dt")) time.fail("dt", "give either time.cfl or time.dt, not both");
  if (time.has("dt")) {
    solver.dt = time.number("dt", Range{0.0, end_time, true, false});
  } else {
    solver.cfl = time.number("cfl", 0.5, Range{0.0, courant_limit(solver.scheme), true, false});
  }
  if (solver.stepper == StepperKind::dopri5) {
    solver.abs_tol = time.number("abs_tol", 1e-8, kPositive);
    solver.rel_tol = time.number("rel_tol", 1e-8, kPositive);
  }
  read_output_times(time, end_time, times);
  time.finish();
}

void read_output(const TomlSection& out, OutputSpec& spec) {
  spec.directory = out.string("directory", "");
  spec.vtk = out.boolean("vtk", true);
  out.finish();
}

}  // namespace mf
