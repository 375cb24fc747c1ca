#include "app/network_case.hpp"

#include <cmath>
#include <filesystem>
#include <numbers>

namespace mf {

using namespace ranges;

namespace {

void read_model(const TomlSection& s, NetworkCase& c) {
  if (!s.present()) s.fail("loss", "the [model] table is required for a network case");
  const std::string activation = s.choice("activation", {"relu", "sigmoid", "tanh"}, "relu");
  if (activation != "relu")
    s.fail("activation", "\"" + activation + "\" is not positively 1-homogeneous, so the network is not a measure on "
                         "the sphere and the grid flows do not apply; use \"relu\" (or the particle solver)");
  c.loss = parse_loss(s.choice("loss", {"square", "logistic"}, "square"));
  if (s.has("dimension")) {
    const int d = s.integer("dimension", 2, 1000);
    if (d != c.dimension)
      s.fail("dimension", "d = " + std::to_string(d) + " does not match the mesh: " +
                              (c.dimension == 2 ? "a circle mesh is S¹, d = 2" : "a sphere mesh is S², d = 3"));
  }
  s.finish();
}

void read_flow(const TomlSection& s, NetworkCase& c) {
  if (!s.present()) s.fail("type", "the [flow] table is required (type = \"w\", \"fr\", \"wfr\" or \"l2\")");
  c.flow.geometry = parse_flow_geometry(s.choice("type", {"wfr", "w", "fr", "l2"}));
  if (c.flow.geometry == FlowGeometry::l2) {
    c.flow.gamma = s.number("gamma", 1.0, kPositive);
  } else {
    if (c.flow.geometry != FlowGeometry::fr) c.flow.alpha = s.number("alpha", 1.0, kPositive);
    if (c.flow.geometry != FlowGeometry::w) c.flow.beta = s.number("beta", 1.0, kPositive);
  }
  s.finish();
}

void read_penalty(const TomlSection& s, NetworkCase& c) {
  if (!s.present()) return;
  if (c.flow.geometry == FlowGeometry::l2) s.fail("tv", "the L2 flow takes no penalties");
  c.flow.tv = s.number("tv", 0.0, kNonNegative);
  c.flow.kernel.lambda = s.number("kernel", 0.0, kNonNegative);
  if (c.flow.kernel.active()) {
    c.flow.kernel.kind = parse_penalty_kernel(s.choice("kernel_type", {"attractive", "repulsive"}, "attractive"));
    c.flow.kernel.width = s.number("width", 0.5, kPositive);
  }
  s.finish();
}

SignInitial read_sign(const TomlSection& s, bool circle, bool allow_zero) {
  SignInitial i;
  if (!s.present()) s.fail("type", "is required (a table like { type = \"uniform\", mass = 1.0 })");
  std::vector<std::string> types = {"uniform", "von_mises"};
  if (allow_zero) types.push_back("zero");
  i.type = s.choice("type", types);
  if (i.type != "zero") i.mass = s.number("mass", 1.0, kNonNegative);
  if (i.type == "von_mises") {
    i.center_lon_deg = s.number("center_lon_deg", 0.0, kLongitude);
    if (!circle) i.center_lat_deg = s.number("center_lat_deg", 0.0, kLatitude);
    i.kappa = s.number("kappa", 10.0, kNonNegative);
  }
  s.finish();
  return i;
}

void read_initial(const TomlSection& s, NetworkCase& c) {
  if (!s.present()) s.fail("plus", "the [initial] table is required ([initial.plus] and [initial.minus], or file)");
  const bool circle = c.mesh.type == "circle";
  if (s.has("file")) {
    const std::string f = s.string("file");
    const auto path = std::filesystem::path(s.file()).parent_path() / f;
    if (!std::filesystem::is_regular_file(path)) s.fail("file", "no such file: " + path.string());
    c.initial_file = path.string();
  } else {
    c.plus = read_sign(s.section("plus"), circle, true);
    c.minus = read_sign(s.section("minus"), circle, true);
  }
  s.finish();
}

void read_particles(const TomlSection& s, NetworkCase& c) {
  if (!s.present()) return;
  if (c.flow.geometry == FlowGeometry::l2) s.fail("init", "the L2 flow has no particles");
  ParticleSpec& p = c.particles;
  p.init = s.choice("init", {"random", "centroids", "file"}, "random");
  if (p.init == "file") {
    const auto path = std::filesystem::path(s.file()).parent_path() / s.string("file");
    if (!std::filesystem::is_regular_file(path)) s.fail("file", "no such file: " + path.string());
    p.file = path.string();
  } else if (p.init == "random") {
    p.count = s.integer("count", 1000, 1, 10000000);
    p.seed = static_cast<unsigned long>(s.integer("seed", 1, 0, 2147483647));
  }
  const std::string stepper = s.choice("stepper", {"dopri5", "rk4", "ssprk3", "gd"}, "dopri5");
  p.discrete = stepper == "gd";
  if (p.discrete) {
    p.step = s.number("step", Range{0.0, c.end_time, true, false});
    p.retraction = parse_mass_retraction(s.choice("mass_retraction", {"exp", "linear"}, "exp"));
    require_whole_steps(s, "step", c.end_time, p.step, "particles.step");
    s.finish();
    return;
  }
  read_flow_stepper(s, stepper, Range{0.0, c.end_time, true, false}, p.stepper, p.dt, p.abs_tol, p.rel_tol);
  s.finish();
}

}  // namespace

NetworkCase read_network_case(const TomlDocument& doc) {
  const TomlSection root = doc.root();
  NetworkCase c;
  c.file = doc.file();
  c.name = std::filesystem::path(c.file).stem().string();
  c.mesh = read_mesh(root.section("mesh"));
  c.dimension = c.mesh.type == "circle" ? 2 : 3;
  read_model(root.section("model"), c);
  c.data = read_data_spec(root.section("data"), root.section("teacher"), c.loss, c.dimension, true);
  read_flow(root.section("flow"), c);
  read_penalty(root.section("penalty"), c);
  read_scheme(root.section("scheme"), c.solver);
  read_time(root, c.solver, c.end_time, c.output.times);
  read_initial(root.section("initial"), c);
  read_particles(root.section("particles"), c);
  read_output(root.section("output"), c.output);
  root.finish();
  return c;
}

}  // namespace mf
