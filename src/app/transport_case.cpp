#include "app/transport_case.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>

#include "io/toml_reader.hpp"

namespace mf {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
const Range kPositive{0.0, kInf, true, true};
const Range kNonNegative{0.0, kInf, false, true};
const Range kAny{-kInf, kInf, true, true};
const Range kLongitude{-360.0, 360.0};
const Range kLatitude{-90.0, 90.0};

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

GridSolverOptions read_scheme(const TomlSection& s, GridSolverOptions o) {
  o.scheme = parse_reconstruction(s.choice("transport", {"upwind", "limited"}, "limited"));
  o.stencil = s.choice("stencil", {"face", "vertex"}, "face") == "face" ? StencilKind::face_neighbours
                                                                      : StencilKind::vertex_neighbours;
  o.reaction = parse_reaction_mode(s.choice("reaction", {"strang", "rhs"}, "strang"));
  s.finish();
  return o;
}

InitialSpec read_initial(const TomlSection& s, bool circle) {
  InitialSpec i;
  if (!s.present()) s.fail("type", "the [initial] table is required");
  i.type = s.choice("type", {"cosine_bell", "gaussian_hills", "von_mises", "constant"});
  if (circle && i.type == "gaussian_hills") s.fail("type", "gaussian_hills is an S² field; on the circle use von_mises, cosine_bell or constant");
  auto center = [&] {
    i.center_lon_deg = s.number("center_lon_deg", i.center_lon_deg, kLongitude);
    if (!circle) i.center_lat_deg = s.number("center_lat_deg", i.center_lat_deg, kLatitude);
  };
  if (i.type == "cosine_bell") {
    center();
    i.radius = s.number("radius", i.radius, Range{0.0, 3.14159, true, false});
    i.height = s.number("height", i.height, kNonNegative);
    i.background = s.number("background", 0.0, kNonNegative);
  } else if (i.type == "von_mises") {
    center();
    i.kappa = s.number("kappa", i.kappa, kNonNegative);
    i.height = s.number("height", 1.0, kNonNegative);
    i.background = s.number("background", 0.0, kNonNegative);
  } else if (i.type == "gaussian_hills") {
    i.height = s.number("height", 0.95, kNonNegative);
    i.width = s.number("width", i.width, kPositive);
    if (s.has("centers_lon_deg") || s.has("centers_lat_deg")) {
      i.centers_lon_deg = s.numbers("centers_lon_deg", kLongitude);
      i.centers_lat_deg = s.numbers("centers_lat_deg", kLatitude);
      if (i.centers_lon_deg.size() != i.centers_lat_deg.size())
        s.fail("centers_lat_deg", "has " + std::to_string(i.centers_lat_deg.size()) + " elements but centers_lon_deg has " +
                                      std::to_string(i.centers_lon_deg.size()));
    }
  } else {
    i.value = s.number("value", kNonNegative);
  }
  s.finish();
  return i;
}

FlowSpec read_flow(const TomlSection& s, bool circle) {
  FlowSpec f;
  if (!s.present()) return f;
  f.type = s.choice("type", {"none", "solid_body_rotation", "nair_lauritzen"});
  if (f.type == "solid_body_rotation") {
    f.speed = s.number("speed", kAny);
    if (!circle) f.tilt_deg = s.number("tilt_deg", 0.0, Range{-180.0, 180.0});
  } else if (f.type == "nair_lauritzen") {
    if (circle) s.fail("type", "nair_lauritzen is an S² flow; on the circle use solid_body_rotation");
    f.variant = s.choice("variant", {"nondivergent", "divergent"});
    f.period = s.number("period", 5.0, kPositive);
    f.amplitude = s.number("amplitude", f.variant == "divergent" ? 1.0 : 2.0, kAny);
  }
  s.finish();
  return f;
}

ReactionSpec read_reaction(const TomlSection& s, bool circle) {
  ReactionSpec r;
  if (!s.present()) return r;
  r.type = s.choice("type", {"none", "constant", "linear"});
  if (r.type == "constant") {
    r.rate = s.number("rate", kAny);
  } else if (r.type == "linear") {
    r.rate = s.number("rate", 0.0, kAny);
    r.slope = s.number("slope", kAny);
    r.direction = circle ? std::vector<double>{1.0, 0.0, 0.0} : std::vector<double>{0.0, 0.0, 1.0};
    if (s.has("direction")) {
      r.direction = s.numbers("direction", kAny, circle ? 2 : 3);
      if (r.direction.size() != (circle ? 2u : 3u))
        s.fail("direction", circle ? "needs 2 components on the circle" : "needs 3 components");
      r.direction.resize(3, 0.0);
      if (std::hypot(r.direction[0], r.direction[1], r.direction[2]) == 0.0) s.fail("direction", "must not be zero");
    }
  }
  s.finish();
  return r;
}

}  // namespace

TransportCase read_transport_case(const std::string& path) {
  const TomlDocument doc(path);
  const TomlSection root = doc.root();
  TransportCase c;
  c.file = path;
  c.name = std::filesystem::path(path).stem().string();
  c.mesh = read_mesh(root.section("mesh"));
  const bool circle = c.mesh.type == "circle";
  c.solver = read_scheme(root.section("scheme"), c.solver);

  const TomlSection time = root.section("time");
  if (!time.present()) root.fail("time", "the [time] table is required (at least time.end)");
  c.solver.stepper = parse_stepper(time.choice("stepper", {"ssprk3", "rk4", "dopri5"}, "ssprk3"));
  c.end_time = time.number("end", kPositive);
  if (time.has("cfl") && time.has("dt")) time.fail("dt", "give either time.cfl or time.dt, not both");
  if (time.has("dt")) {
    c.solver.dt = time.number("dt", Range{0.0, c.end_time, true, false});
  } else {
    c.solver.cfl = time.number("cfl", 0.5, Range{0.0, courant_limit(c.solver.scheme), true, false});
  }
  if (c.solver.stepper == StepperKind::dopri5) {
    c.solver.abs_tol = time.number("abs_tol", 1e-8, kPositive);
    c.solver.rel_tol = time.number("rel_tol", 1e-8, kPositive);
  }
  std::vector<double> times;
  if (time.has("output_times") && time.has("outputs"))
    time.fail("outputs", "give either time.outputs (a count) or time.output_times (a list), not both");
  if (time.has("output_times")) {
    times = time.numbers("output_times", Range{0.0, c.end_time});
    if (!std::is_sorted(times.begin(), times.end()) || std::adjacent_find(times.begin(), times.end()) != times.end())
      time.fail("output_times", "must increase strictly");
  } else {
    const int n = time.integer("outputs", 10, 1, 100000);
    for (int k = 0; k <= n; ++k) times.push_back(c.end_time * k / n);
  }
  if (times.front() > 0.0) times.insert(times.begin(), 0.0);
  if (times.back() < c.end_time) times.push_back(c.end_time);
  c.output.times = times;
  time.finish();

  c.initial = read_initial(root.section("initial"), circle);
  c.flow = read_flow(root.section("flow"), circle);
  c.reaction = read_reaction(root.section("reaction"), circle);

  const TomlSection out = root.section("output");
  c.output.directory = out.string("directory", "");
  c.output.vtk = out.boolean("vtk", true);
  out.finish();

  root.finish();
  return c;
}

}  // namespace mf
