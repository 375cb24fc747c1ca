#include "app/network_case.hpp"

#include "objective/activation.hpp"

#include <cmath>
#include <filesystem>
#include <numbers>

namespace mf {

using namespace ranges;

const NameTable<SignDensity>& name_table(SignDensity) {
  static const NameTable<SignDensity> table("initial density", {
      {SignDensity::uniform, "uniform", "constant density with total mass `mass`"},
      {SignDensity::von_mises, "von_mises", "e^{κ u·c} around (center_lon_deg, center_lat_deg), total mass `mass`"},
      {SignDensity::zero, "zero", "no mass of this sign"},
  });
  return table;
}

const NameTable<ParticleInit>& name_table(ParticleInit) {
  static const NameTable<ParticleInit> table("particle initialization", {
      {ParticleInit::random, "random", "`count` directions per sign, uniform, weighted by the initial density"},
      {ParticleInit::centroids, "centroids", "one particle per cell centroid with the cell's mass"},
      {ParticleInit::file, "file", "read from particles.file (theta1..thetad, mass, sign)"},
  });
  return table;
}

namespace {

void read_model(const TomlSection& s, NetworkCase& c) {
  if (!s.present()) s.fail("loss", "the [model] table is required for a network case");
  const Activation activation = s.option("activation", Activation::relu);
  if (activation != Activation::relu)
    s.fail("activation", "\"" + to_string(activation) + "\" is not positively 1-homogeneous, so the network is not a "
                         "measure on the sphere and the grid flows do not apply; use \"relu\" (or a [network] case)");
  c.loss = s.option("loss", Loss::square);
  if (!has_curvature_bound(c.loss))
    s.fail("loss", "the exponential loss has no smoothness bound, which the grid flows need for their "
                   "steps; use \"logistic\" (or a [network] case for a plain network)");
  if (s.has("dimension")) {
    const int d = s.integer("dimension", 2, 1000);
    if (d != c.dimension)
      s.fail("dimension", "d = " + std::to_string(d) + " does not match the mesh: " +
                              (c.dimension == 2   ? "a circle mesh is S¹, d = 2"
                               : c.dimension == 4 ? "a torus mesh is T², d = 4"
                                                  : "a sphere mesh is S², d = 3"));
  }
  s.finish();
}

void read_flow(const TomlSection& s, NetworkCase& c) {
  if (!s.present()) s.fail("type", "the [flow] table is required (type = \"w\", \"fr\", \"wfr\" or \"l2\")");
  c.flow.geometry = s.option<FlowGeometry>("type");
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
    c.flow.kernel.kind = s.option("kernel_type", PenaltyKernel::attractive);
    c.flow.kernel.width = s.number("width", 0.5, kPositive);
  }
  s.finish();
}

SignInitial read_sign(const TomlSection& s, bool circle, bool torus, bool allow_zero) {
  SignInitial i;
  if (!s.present()) s.fail("type", "is required (a table like { type = \"uniform\", mass = 1.0 })");
  i.type = s.option<SignDensity>("type");
  if (i.type == SignDensity::zero && !allow_zero) s.fail("type", "must not be \"zero\" here");
  if (i.type != SignDensity::zero) i.mass = s.number("mass", 1.0, kNonNegative);
  if (i.type == SignDensity::von_mises && torus)
    s.fail("type", "von_mises is a density on the circle and the sphere; on the torus use \"uniform\" (or [initial] file)");
  if (i.type == SignDensity::von_mises) {
    i.center_lon_deg = s.number("center_lon_deg", 0.0, kLongitude);
    if (!circle) i.center_lat_deg = s.number("center_lat_deg", 0.0, kLatitude);
    i.kappa = s.number("kappa", 10.0, kNonNegative);
  }
  s.finish();
  return i;
}

void read_initial(const TomlSection& s, NetworkCase& c) {
  if (!s.present()) s.fail("plus", "the [initial] table is required ([initial.plus] and [initial.minus], or file)");
  const bool circle = c.mesh.circle();
  if (s.has("file")) {
    c.initial_file = read_input_file(s, "file");
  } else {
    c.plus = read_sign(s.section("plus"), circle, c.mesh.torus(), true);
    c.minus = read_sign(s.section("minus"), circle, c.mesh.torus(), true);
  }
  s.finish();
}

void read_particles(const TomlSection& s, NetworkCase& c) {
  if (!s.present()) return;
  if (c.flow.geometry == FlowGeometry::l2) s.fail("init", "the L2 flow has no particles");
  ParticleSpec& p = c.particles;
  p.init = s.option("init", ParticleInit::random);
  if (p.init == ParticleInit::file) {
    p.file = read_input_file(s, "file");
  } else if (p.init == ParticleInit::random) {
    p.count = s.integer("count", 1000, 1, 10000000);
    p.seed = static_cast<unsigned long>(s.integer("seed", 1, 0, 2147483647));
  }
  // A continuous-time stepper, or "gd": discrete steps with retractions.
  std::vector<std::string> steppers = name_table(StepperKind{}).names();
  steppers.push_back("gd");
  const std::string stepper = s.choice("stepper", steppers, to_string(StepperKind::dopri5));
  p.discrete = stepper == steppers.back();
  if (p.discrete) {
    p.step = s.number("step", Range{0.0, c.end_time, true, false});
    p.retraction = s.option("mass_retraction", MassRetraction::exp);
    require_whole_steps(s, "step", c.end_time, p.step, "particles.step");
    s.finish();
    return;
  }
  read_flow_stepper(s, parse_name<StepperKind>(stepper), Range{0.0, c.end_time, true, false}, p.stepper, p.dt, p.abs_tol, p.rel_tol);
  s.finish();
}

}  // namespace

NetworkCase read_network_case(const TomlDocument& doc) {
  const TomlSection root = doc.root();
  NetworkCase c;
  c.file = doc.file();
  c.name = std::filesystem::path(c.file).stem().string();
  c.mesh = read_mesh(root.section("mesh"));
  c.dimension = c.mesh.torus() ? 4 : c.mesh.circle() ? 2 : 3;
  read_model(root.section("model"), c);
  const TomlSection data = root.section("data");
  if (c.mesh.torus() && data.option("type", DataSource::population) != DataSource::deconvolution)
    data.fail("type", "a torus mesh carries spike deconvolution on T²: [data] type = \"deconvolution\", axes = 2");
  c.data = read_data_spec(data, root.section("teacher"), c.loss, c.dimension, DataUse::measures);
  read_flow(root.section("flow"), c);
  read_penalty(root.section("penalty"), c);
  if (c.mesh.torus() && c.flow.kernel.active())
    root.section("penalty").fail("kernel", "the kernel penalty is defined for atoms on the sphere, not on the torus T²");
  const TomlSection scheme = root.section("scheme");
  read_scheme(scheme, c.solver, &c.potential);
  if (c.potential.method == PotentialMethod::harmonic && (c.mesh.circle() || c.data.type != DataSource::population))
    scheme.fail("potential", std::string("\"harmonic\" needs ") +
                                 (c.mesh.circle() ? "a sphere mesh (the circle's population potential is by FFT)"
                                                  : "[data] type = \"population\" (a data set is summed over its samples)") +
                                 "; use \"auto\" or \"direct\"");
  read_time(root, c.solver, c.end_time, c.output.times);
  c.solver.step_hint = "the potential's gradient sets the step: check the scale of the inputs and labels of [data] "
                       "and [teacher], or reduce flow.alpha / flow.beta";
  read_initial(root.section("initial"), c);
  read_particles(root.section("particles"), c);
  read_output(root.section("output"), c.output);
  root.finish();
  return c;
}

}  // namespace mf
