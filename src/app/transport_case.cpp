#include "app/transport_case.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>

namespace mf {

using namespace ranges;

const NameTable<InitialField>& name_table(InitialField) {
  static const NameTable<InitialField> table("initial field", {
      {InitialField::cosine_bell, "cosine_bell", "Williamson's cosine bell (radius, height, background)"},
      {InitialField::gaussian_hills, "gaussian_hills", "Nair–Lauritzen's two Gaussian hills (S² only)"},
      {InitialField::von_mises, "von_mises", "height · e^{κ (u·c − 1)} + background"},
      {InitialField::constant, "constant", "the constant `value`"},
  });
  return table;
}

const NameTable<PrescribedFlowKind>& name_table(PrescribedFlowKind) {
  static const NameTable<PrescribedFlowKind> table("prescribed flow", {
      {PrescribedFlowKind::none, "none", "no motion"},
      {PrescribedFlowKind::solid_body_rotation, "solid_body_rotation", "rotation with speed u0 about a tilted axis"},
      {PrescribedFlowKind::nair_lauritzen, "nair_lauritzen", "Nair & Lauritzen's deformational flow (S² only)"},
  });
  return table;
}

const NameTable<NairLauritzenVariant>& name_table(NairLauritzenVariant) {
  static const NameTable<NairLauritzenVariant> table("Nair–Lauritzen variant", {
      {NairLauritzenVariant::nondivergent, "nondivergent", "case 4 (k = 2)"},
      {NairLauritzenVariant::divergent, "divergent", "the divergent case with background flow (k = 1)"},
  });
  return table;
}

const NameTable<PrescribedReaction>& name_table(PrescribedReaction) {
  static const NameTable<PrescribedReaction> table("reaction", {
      {PrescribedReaction::none, "none", "no growth"},
      {PrescribedReaction::constant, "constant", "g = rate"},
      {PrescribedReaction::linear, "linear", "g = rate + slope (e·x)"},
  });
  return table;
}

namespace {

InitialSpec read_initial(const TomlSection& s, bool circle) {
  InitialSpec i;
  if (!s.present()) s.fail("type", "the [initial] table is required");
  i.type = s.option<InitialField>("type");
  if (circle && i.type == InitialField::gaussian_hills) s.fail("type", "gaussian_hills is an S² field; on the circle use von_mises, cosine_bell or constant");
  auto center = [&] {
    i.center_lon_deg = s.number("center_lon_deg", i.center_lon_deg, kLongitude);
    if (!circle) i.center_lat_deg = s.number("center_lat_deg", i.center_lat_deg, kLatitude);
  };
  if (i.type == InitialField::cosine_bell) {
    center();
    i.radius = s.number("radius", i.radius, Range{0.0, 3.14159, true, false});
    i.height = s.number("height", i.height, kNonNegative);
    i.background = s.number("background", 0.0, kNonNegative);
  } else if (i.type == InitialField::von_mises) {
    center();
    i.kappa = s.number("kappa", i.kappa, kNonNegative);
    i.height = s.number("height", 1.0, kNonNegative);
    i.background = s.number("background", 0.0, kNonNegative);
  } else if (i.type == InitialField::gaussian_hills) {
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
  f.type = s.option<PrescribedFlowKind>("type");
  if (f.type == PrescribedFlowKind::solid_body_rotation) {
    f.speed = s.number("speed", kAny);
    if (!circle) f.tilt_deg = s.number("tilt_deg", 0.0, Range{-180.0, 180.0});
  } else if (f.type == PrescribedFlowKind::nair_lauritzen) {
    if (circle) s.fail("type", "nair_lauritzen is an S² flow; on the circle use solid_body_rotation");
    f.variant = s.option<NairLauritzenVariant>("variant");
    f.period = s.number("period", 5.0, kPositive);
    f.amplitude = s.number("amplitude", f.variant == NairLauritzenVariant::divergent ? 1.0 : 2.0, kAny);
  }
  s.finish();
  return f;
}

ReactionSpec read_reaction(const TomlSection& s, bool circle) {
  ReactionSpec r;
  if (!s.present()) return r;
  r.type = s.option<PrescribedReaction>("type");
  if (r.type == PrescribedReaction::constant) {
    r.rate = s.number("rate", kAny);
  } else if (r.type == PrescribedReaction::linear) {
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

TransportCase read_transport_case(const std::string& path) { return read_transport_case(TomlDocument(path)); }

TransportCase read_transport_case(const TomlDocument& doc) {
  const TomlSection root = doc.root();
  TransportCase c;
  c.file = doc.file();
  c.name = std::filesystem::path(c.file).stem().string();
  c.mesh = read_mesh(root.section("mesh"));
  if (c.mesh.torus())
    root.section("mesh").fail("type", "the prescribed fields of transport cases (rotations, Nair–Lauritzen, cosine "
                                      "bells) live on the circle and the sphere; the torus mesh carries network cases of "
                                      "deconvolution on T² ([data] type = \"deconvolution\", axes = 2)");
  const bool circle = c.mesh.circle();
  read_scheme(root.section("scheme"), c.solver);
  read_time(root, c.solver, c.end_time, c.output.times);
  c.initial = read_initial(root.section("initial"), circle);
  c.flow = read_flow(root.section("flow"), circle);
  c.reaction = read_reaction(root.section("reaction"), circle);
  read_output(root.section("output"), c.output);
  root.finish();
  c.solver.step_hint = "the prescribed velocities and rates set the step: reduce flow.speed / flow.amplitude or "
                       "reaction.rate / reaction.slope";
  return c;
}

}  // namespace mf
