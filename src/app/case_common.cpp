#include "app/case_common.hpp"

#include "app/run_directory.hpp"
#include "io/input_error.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <sstream>

namespace mf {

using namespace ranges;

std::string read_input_file(const TomlSection& s, std::string_view key) {
  const auto path = std::filesystem::path(s.file()).parent_path() / s.string(key);
  if (!std::filesystem::is_regular_file(path)) s.fail(key, "no such file: " + quote_excerpt(path.string()));
  return path.string();
}

MeshSpec MeshSpec::generated(std::string_view family, int size) {
  MeshSpec m;
  m.family = &mesh_family(family);
  m.size = size;
  return m;
}

MeshSpec read_mesh(const TomlSection& s) {
  MeshSpec m;
  if (!s.present()) s.fail("type", "the [mesh] table is required");
  std::vector<std::string> types = mesh_family_names();
  types.push_back("file");
  const std::string type = s.choice("type", types);
  if (type == types.back()) {
    m.file = read_input_file(s, "file");
  } else {
    m.family = &mesh_family(type);
    const std::string& key = m.family->size_key;
    m.size = s.integer(key, m.family->min_size, m.family->max_size);
    try {
      m.family->check_fits_in_memory(m.size, "mesh." + key);
    } catch (const std::runtime_error& e) {
      s.fail(key, e.what());
    }
  }
  s.finish();
  return m;
}

void read_scheme(const TomlSection& s, GridSolverOptions& o, GridPotentialOptions* potential) {
  o.scheme = s.option("transport", Reconstruction::limited);
  o.stencil = s.option("stencil", StencilKind::face_neighbours);
  o.reaction = s.option("reaction", ReactionMode::automatic);
  if (potential) {
    potential->method = s.option("potential", PotentialMethod::automatic);
    potential->tolerance = s.number("potential_tolerance", 1e-10, Range{1e-13, 1e-3});
  }
  s.finish();
}

void read_flow_stepper(const TomlSection& s, StepperKind stepper, const Range& dt_range, StepperKind& kind,
                       double& dt, double& abs_tol, double& rel_tol) {
  kind = stepper;
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
    if (time.has("first_output"))
      time.fail("first_output", "spaces time.outputs geometrically; with time.output_times give the times themselves");
  } else {
    const int n = time.integer("outputs", 10, 1, 100000);
    if (time.has("first_output")) {
      // t = 0, then n times from first_output to end in geometric progression (iterations
      // geometrically spaced, for a constant or a decaying step alike).
      const double first = time.number("first_output", Range{0.0, end_time, true, true});
      if (n < 2) time.fail("first_output", "needs time.outputs >= 2 (the first output and the end)");
      for (int k = 0; k < n; ++k) times.push_back(first * std::pow(end_time / first, static_cast<double>(k) / (n - 1)));
      times.back() = end_time;
    } else {
      for (int k = 0; k <= n; ++k) times.push_back(end_time * k / n);
    }
  }
  if (times.front() > 0.0) times.insert(times.begin(), 0.0);
  if (times.back() < end_time) times.push_back(end_time);
}

void read_time(const TomlSection& root, GridSolverOptions& solver, double& end_time, std::vector<double>& times) {
  const TomlSection time = root.section("time");
  if (!time.present()) root.fail("time", "the [time] table is required (at least time.end)");
  solver.stepper = time.option("stepper", StepperKind::ssprk3);
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

std::string read_output_directory(const TomlSection& out) {
  const std::string directory = out.string("directory", "");
  try {
    check_path_length(directory, "output.directory");
  } catch (const std::runtime_error& e) {
    out.fail("directory", e.what());
  }
  return directory;
}

void read_output(const TomlSection& out, OutputSpec& spec) {
  spec.directory = read_output_directory(out);
  spec.vtk = out.boolean("vtk", true);
  spec.plot = out.boolean("plot", true);
  spec.lifted = out.option("lifted", LiftedScale::linear);
  out.finish();
}

}  // namespace mf
