#pragma once
// Flows with prescribed winds and growth rates: the transport test cases of the finite-volume
// engine (solid-body rotation, Nair–Lauritzen deformational flows, rotation plus decay).
//
// Face fluxes Φ_f = ∫_f u·n dl:
//  - from a stream function ψ when the wind is non-divergent, u = ∇ψ × x (x the position on
//    the unit sphere): Φ_f = ψ(b) − ψ(a) for the edge a → b, so the discrete divergence of
//    every cell is exactly zero (telescoping sum);
//  - otherwise from the velocity by 3-point Gauss–Legendre quadrature along the great-circle
//    edge (the edge normal is constant along it); on S¹ the face is a point: Φ_f = u·n there.

#include <functional>
#include <limits>
#include <vector>
#include <memory>

#include "grid/flow.hpp"
#include "mesh/sphere_mesh.hpp"

namespace mf {

using ScalarField = std::function<double(const Vec3& x, double t)>;
/// A wind at one time: its time-dependent constants are computed once per slice, not once per
/// point (the fluxes evaluate it at every quadrature point of every edge at every stage).
using SpatialScalar = std::function<double(const Vec3& x)>;
using SpatialVector = std::function<Vec3(const Vec3& x)>;
using StreamSlices = std::function<SpatialScalar(double t)>;
using VelocitySlices = std::function<SpatialVector(double t)>;

struct PrescribedFields {
  StreamSlices stream;      ///< ψ(·, t) (optional): u = ∇ψ × x; fluxes from ψ when set
  VelocitySlices velocity;  ///< u(·, t) (tangent; optional): output, and fluxes when no ψ
  ScalarField growth;       ///< g (optional): ∂_t ρ = … + g ρ
};

class PrescribedFlow : public Flow {
 public:
  /// Keeps a reference to `mesh`. `steady` winds/growth are evaluated once and cached.
  PrescribedFlow(const SphereMesh& mesh, PrescribedFields fields, bool steady);

  bool has_transport() const override { return bool(fields_.stream) || bool(fields_.velocity); }
  bool has_reaction() const override { return bool(fields_.growth); }
  void face_fluxes(double t, const Eigen::VectorXd& masses, Eigen::VectorXd& phi) const override;
  void growth_rates(double t, const Eigen::VectorXd& masses, Eigen::VectorXd& g) const override;
  bool cell_velocities(double t, const Eigen::VectorXd& masses, Eigen::MatrixX3d& v) const override;

  const PrescribedFields& fields() const { return fields_; }

 private:
  void compute_fluxes(double t, Eigen::VectorXd& phi) const;
  const SphereMesh& mesh_;
  PrescribedFields fields_;
  bool steady_;
  std::vector<Vec3> quadrature_points_;  // 3 per face, when fluxes come from the velocity
  mutable Eigen::VectorXd cached_phi_, cached_g_;
  mutable double cached_time_ = std::numeric_limits<double>::quiet_NaN();
};

/// Solid-body rotation with equatorial speed u0 about the axis tilted by `tilt` (radians) from
/// the pole towards −x (Williamson 1992 test 1: u = u0 (cos θ cos α + sin θ cos λ sin α),
/// v = −u0 sin λ sin α): angular velocity Ω = u0 (−sin α, 0, cos α), ψ = Ω·x, u = Ω × x.
PrescribedFields solid_body_rotation(double u0, double tilt);
/// Rotation of a point by angle `angle` about the unit axis (Rodrigues).
Vec3 rotate(const Vec3& x, const Vec3& axis, double angle);

/// Nair & Lauritzen (2010) non-divergent deformational flow with background rotation, period T,
/// amplitude k (case 4: k = 2); λ' = λ − 2πt/T:
///   u = k sin²λ' sin 2θ cos(πt/T) + 2π cos θ / T,   v = k sin 2λ' cos θ cos(πt/T),
///   ψ = −k sin²λ' cos²θ cos(πt/T) + 2π sin θ / T   (u = ∇ψ × x).
PrescribedFields nair_lauritzen_nondivergent(double period, double k);

/// Nair & Lauritzen (2010) divergent flow with background rotation (k = 1):
///   u = −k sin²(λ'/2) sin 2θ cos²θ cos(πt/T) + 2π cos θ / T,   v = (k/2) sin λ' cos³θ cos(πt/T).
PrescribedFields nair_lauritzen_divergent(double period, double k);

/// Growth g(x) = rate0 + rate1 (e·x) for a unit direction e.
ScalarField linear_growth(double rate0, double rate1, const Vec3& direction);

}  // namespace mf
