#include "app/transport_setup.hpp"

#include <cmath>
#include <numbers>

#include "io/vtu_mesh.hpp"
#include "mesh/mesh_generators.hpp"

namespace mf {

SphereMesh make_mesh(const MeshSpec& s) { return s.family ? s.family->generate(s.size) : read_mesh_vtu(s.file); }

Vec3 point_from_degrees(double lon_deg, double lat_deg) {
  const double d = std::numbers::pi / 180.0;
  return from_lon_lat(lon_deg * d, lat_deg * d);
}

namespace {

DensityField make_initial(const InitialSpec& i, bool circle) {
  const Vec3 center = point_from_degrees(i.center_lon_deg, circle ? 0.0 : i.center_lat_deg);
  if (i.type == InitialField::cosine_bell) return cosine_bell(center, i.radius, i.height, i.background);
  if (i.type == InitialField::von_mises) return von_mises(center, i.kappa, i.height, i.background);
  if (i.type == InitialField::gaussian_hills) {
    std::vector<Vec3> centers;
    for (std::size_t k = 0; k < i.centers_lon_deg.size(); ++k)
      centers.push_back(point_from_degrees(i.centers_lon_deg[k], i.centers_lat_deg[k]));
    return gaussian_hills(centers, i.height, i.width);
  }
  const double v = i.value;
  return [v](const Vec3&) { return v; };
}

}  // namespace

TransportProblem make_problem(const TransportCase& c) {
  TransportProblem p;
  p.mesh = std::make_shared<const SphereMesh>(make_mesh(c.mesh));
  const bool circle = p.mesh->manifold == Manifold::circle;
  p.initial = make_initial(c.initial, circle);

  PrescribedFields fields;
  bool steady = true;
  const double tilt = c.flow.tilt_deg * std::numbers::pi / 180.0;
  if (c.flow.type == PrescribedFlowKind::solid_body_rotation) {
    fields = solid_body_rotation(c.flow.speed, tilt);
  } else if (c.flow.type == PrescribedFlowKind::nair_lauritzen) {
    fields = c.flow.variant == NairLauritzenVariant::divergent ? nair_lauritzen_divergent(c.flow.period, c.flow.amplitude)
                                           : nair_lauritzen_nondivergent(c.flow.period, c.flow.amplitude);
    steady = false;
  }
  if (c.reaction.type == PrescribedReaction::constant) {
    const double k = c.reaction.rate;
    fields.growth = [k](const Vec3&, double) { return k; };
  } else if (c.reaction.type == PrescribedReaction::linear) {
    const auto& d = c.reaction.direction;
    fields.growth = linear_growth(c.reaction.rate, c.reaction.slope, Vec3(d[0], d[1], d[2]));
  }
  p.flow = std::make_unique<PrescribedFlow>(*p.mesh, fields, steady);

  // Exact solutions, where the case has one.
  const DensityField rho0 = p.initial;
  const ScalarField growth = fields.growth;
  if (c.flow.type == PrescribedFlowKind::none) {
    // ρ(x, t) = ρ0(x) e^{g(x) t}.
    p.exact = [rho0, growth](const Vec3& x, double t) { return rho0(x) * (growth ? std::exp(growth(x, 0.0) * t) : 1.0); };
    p.exact_at = [](double) { return true; };
  } else if (c.flow.type == PrescribedFlowKind::solid_body_rotation) {
    // Characteristics are rotations about Ω; a growth rate constant along them (uniform, or
    // linear along the axis) gives ρ(x, t) = ρ0(R(−|Ω| t) x) e^{g(x) t}.
    const Vec3 omega = c.flow.speed * Vec3(-std::sin(tilt), 0.0, std::cos(tilt));
    const double rate = omega.norm();
    const Vec3 axis = rate > 0.0 ? Vec3(omega / rate) : Vec3::UnitZ();
    bool invariant_growth = c.reaction.type != PrescribedReaction::linear || c.reaction.slope == 0.0;
    if (!invariant_growth) {
      const auto& d = c.reaction.direction;
      invariant_growth = Vec3(d[0], d[1], d[2]).normalized().cross(axis).norm() < 1e-12;
    }
    if (invariant_growth) {
      p.exact = [rho0, growth, axis, rate](const Vec3& x, double t) {
        return rho0(rotate(x, axis, -rate * t)) * (growth ? std::exp(growth(x, 0.0) * t) : 1.0);
      };
      p.exact_at = [](double) { return true; };
    }
  } else if (c.flow.type == PrescribedFlowKind::nair_lauritzen && c.reaction.type == PrescribedReaction::none) {
    // The flow reverses: the field returns to the initial one at multiples of the period.
    const double period = c.flow.period;
    p.exact = [rho0](const Vec3& x, double) { return rho0(x); };
    p.exact_at = [period](double t) {
      const double k = std::round(t / period);
      return std::abs(t - k * period) <= 1e-12 * std::max(1.0, t);
    };
  }
  return p;
}

}  // namespace mf
