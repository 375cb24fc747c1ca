#include "flows/prescribed_flow.hpp"

#include <array>
#include <cmath>
#include <numbers>
#include <stdexcept>

#include "base/parallel_threshold.hpp"

namespace mf {

PrescribedFlow::PrescribedFlow(const SphereMesh& mesh, PrescribedFields fields, bool steady)
    : mesh_(mesh), fields_(std::move(fields)), steady_(steady) {
  if (mesh_.manifold == Manifold::circle && fields_.stream && !fields_.velocity)
    throw std::invalid_argument("a flow on S¹ needs its velocity (a stream function has no meaning there)");
  if (mesh_.manifold == Manifold::torus && !fields_.stream && fields_.velocity) {
    // 3-point Gauss–Legendre nodes on [0, 1] along each straight edge a → b, once.
    const std::array<double, 3> node = {0.5 - std::sqrt(0.15), 0.5, 0.5 + std::sqrt(0.15)};
    quadrature_points_.resize(3 * static_cast<std::size_t>(mesh_.n_faces()));
    for (int f = 0; f < mesh_.n_faces(); ++f) {
      const Vec3& a = mesh_.vertices[mesh_.face_vertices[f][0]];
      const Vec3& b = mesh_.vertices[mesh_.face_vertices[f][1]];
      for (int q = 0; q < 3; ++q) quadrature_points_[3 * f + q] = (1.0 - node[q]) * a + node[q] * b;
    }
  }
  if (mesh_.manifold == Manifold::sphere && !fields_.stream && fields_.velocity) {
    // 3-point Gauss–Legendre nodes on [0, 1] along each arc a → b, once.
    const std::array<double, 3> node = {0.5 - std::sqrt(0.15), 0.5, 0.5 + std::sqrt(0.15)};
    quadrature_points_.resize(3 * static_cast<std::size_t>(mesh_.n_faces()));
    for (int f = 0; f < mesh_.n_faces(); ++f) {
      const Vec3& a = mesh_.vertices[mesh_.face_vertices[f][0]];
      const Vec3& b = mesh_.vertices[mesh_.face_vertices[f][1]];
      const double len = mesh_.face_length[f];
      for (int q = 0; q < 3; ++q)  // slerp
        quadrature_points_[3 * f + q] = (std::sin((1.0 - node[q]) * len) * a + std::sin(node[q] * len) * b) / std::sin(len);
    }
  }
  if (steady_) {
    if (has_transport()) compute_fluxes(0.0, cached_phi_);
    if (has_reaction()) {
      cached_g_.resize(mesh_.n_cells());
      for (int c = 0; c < mesh_.n_cells(); ++c) cached_g_[c] = fields_.growth(mesh_.center[c], 0.0);
    }
  }
}

void PrescribedFlow::compute_fluxes(double t, Eigen::VectorXd& phi) const {
  const int nf = mesh_.n_faces();
  phi.resize(nf);
  if (mesh_.manifold == Manifold::circle) {
    const SpatialVector u = fields_.velocity(t);
    for (int f = 0; f < nf; ++f) phi[f] = u(mesh_.face_midpoint[f]).dot(mesh_.face_normal[f]);  // the face is a point
    return;
  }
  if (fields_.stream) {
    // ψ at the vertices once, then differences along the edges.
    const SpatialScalar stream = fields_.stream(t);
    Eigen::VectorXd psi(mesh_.n_vertices());
#pragma omp parallel for schedule(dynamic, parallel::dynamic_chunk(mesh_.n_vertices())) \
    if (parallel::worth_parallel(static_cast<std::size_t>(mesh_.n_vertices()), parallel::kWindEvaluations))
    for (int v = 0; v < mesh_.n_vertices(); ++v) psi[v] = stream(mesh_.vertices[v]);
    for (int f = 0; f < nf; ++f) phi[f] = psi[mesh_.face_vertices[f][1]] - psi[mesh_.face_vertices[f][0]];
    return;
  }
  const std::array<double, 3> weight = {5.0 / 18.0, 8.0 / 18.0, 5.0 / 18.0};
  const SpatialVector u = fields_.velocity(t);
#pragma omp parallel for schedule(dynamic, parallel::dynamic_chunk(nf)) \
    if (parallel::worth_parallel(3 * static_cast<std::size_t>(nf), parallel::kWindEvaluations))
  for (int f = 0; f < nf; ++f) {
    double sum = 0.0;
    for (int q = 0; q < 3; ++q) sum += weight[q] * u(quadrature_points_[3 * f + q]).dot(mesh_.face_normal[f]);
    phi[f] = mesh_.face_length[f] * sum;
  }
}

void PrescribedFlow::face_fluxes(double t, const Eigen::VectorXd&, Eigen::VectorXd& phi) const {
  // The winds do not depend on the state: steady ones are computed once, unsteady ones once
  // per time asked for (a step's stability check and its first stage ask for the same t).
  if (!steady_ && t != cached_time_) {
    compute_fluxes(t, cached_phi_);
    cached_time_ = t;
  }
  phi = cached_phi_;
}

void PrescribedFlow::growth_rates(double t, const Eigen::VectorXd&, Eigen::VectorXd& g) const {
  if (steady_) {
    g = cached_g_;
    return;
  }
  g.resize(mesh_.n_cells());
  for (int c = 0; c < mesh_.n_cells(); ++c) g[c] = fields_.growth(mesh_.center[c], t);
}

bool PrescribedFlow::cell_velocities(double t, const Eigen::VectorXd&, Eigen::MatrixX3d& v) const {
  if (!fields_.velocity) return false;
  const SpatialVector u = fields_.velocity(t);
  v.resize(mesh_.n_cells(), 3);
  for (int c = 0; c < mesh_.n_cells(); ++c) v.row(c) = u(mesh_.center[c]).transpose();
  return true;
}

Vec3 rotate(const Vec3& x, const Vec3& axis, double angle) {
  const double c = std::cos(angle), s = std::sin(angle);
  return c * x + s * axis.cross(x) + (1.0 - c) * axis.dot(x) * axis;
}

PrescribedFields solid_body_rotation(double u0, double tilt) {
  const Vec3 omega = u0 * Vec3(-std::sin(tilt), 0.0, std::cos(tilt));
  PrescribedFields f;
  f.stream = [omega](double) { return SpatialScalar([omega](const Vec3& x) { return omega.dot(x); }); };
  f.velocity = [omega](double) { return SpatialVector([omega](const Vec3& x) { return Vec3(omega.cross(x)); }); };
  return f;
}

namespace {

// Sines and cosines of latitude θ and shifted longitude λ' = λ − 2πt/T at x, from Cartesian
// coordinates and the per-time shift, without trigonometric calls (the deformational flows
// are evaluated at every quadrature point of every edge at every stage).
struct LatLon {
  double cos_lat, sin_lat, cos_lam, sin_lam;  // of θ and λ'
  Vec3 east, north;
};

LatLon lat_lon(const Vec3& x, double cos_shift, double sin_shift) {
  LatLon p;
  p.cos_lat = std::sqrt(x.x() * x.x() + x.y() * x.y());  // unit x: no overflow guard needed
  p.sin_lat = x.z();
  const double cl = p.cos_lat > 0.0 ? x.x() / p.cos_lat : 1.0;  // λ undefined at a pole: any value
  const double sl = p.cos_lat > 0.0 ? x.y() / p.cos_lat : 0.0;
  p.cos_lam = cl * cos_shift + sl * sin_shift;  // cos(λ − s)
  p.sin_lam = sl * cos_shift - cl * sin_shift;  // sin(λ − s)
  p.east = Vec3(-sl, cl, 0.0);
  p.north = Vec3(-p.sin_lat * cl, -p.sin_lat * sl, p.cos_lat);
  return p;
}

}  // namespace

// The per-time constants of the deformational flows: the longitude shift 2πt/T and cos(πt/T).
struct DeformationTime {
  double cos_shift, sin_shift, ct;
  DeformationTime(double t, double period)
      : cos_shift(std::cos(2.0 * std::numbers::pi * t / period)),
        sin_shift(std::sin(2.0 * std::numbers::pi * t / period)),
        ct(std::cos(std::numbers::pi * t / period)) {}
};

PrescribedFields nair_lauritzen_nondivergent(double period, double k) {
  const double background = 2.0 * std::numbers::pi / period;
  PrescribedFields f;
  f.stream = [=](double t) {
    const DeformationTime s(t, period);
    return SpatialScalar([=](const Vec3& x) {
      const LatLon p = lat_lon(x, s.cos_shift, s.sin_shift);
      return -k * p.sin_lam * p.sin_lam * p.cos_lat * p.cos_lat * s.ct + background * p.sin_lat;
    });
  };
  f.velocity = [=](double t) {
    const DeformationTime s(t, period);
    return SpatialVector([=](const Vec3& x) {
      const LatLon p = lat_lon(x, s.cos_shift, s.sin_shift);
      const double u = k * p.sin_lam * p.sin_lam * 2.0 * p.sin_lat * p.cos_lat * s.ct + background * p.cos_lat;
      const double v = k * 2.0 * p.sin_lam * p.cos_lam * p.cos_lat * s.ct;
      return Vec3(u * p.east + v * p.north);
    });
  };
  return f;
}

PrescribedFields nair_lauritzen_divergent(double period, double k) {
  const double background = 2.0 * std::numbers::pi / period;
  PrescribedFields f;
  f.velocity = [=](double t) {
    const DeformationTime s(t, period);
    return SpatialVector([=](const Vec3& x) {
      const LatLon p = lat_lon(x, s.cos_shift, s.sin_shift);
      const double c = p.cos_lat;
      const double half_sin_sq = 0.5 * (1.0 - p.cos_lam);  // sin²(λ'/2)
      const double u = -k * half_sin_sq * 2.0 * p.sin_lat * c * c * c * s.ct + background * c;
      const double v = 0.5 * k * p.sin_lam * c * c * c * s.ct;
      return Vec3(u * p.east + v * p.north);
    });
  };
  return f;
}

ScalarField linear_growth(double rate0, double rate1, const Vec3& direction) {
  const Vec3 e = direction.normalized();
  return [=](const Vec3& x, double) { return rate0 + rate1 * e.dot(x); };
}

}  // namespace mf
