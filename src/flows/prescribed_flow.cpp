#include "flows/prescribed_flow.hpp"

#include <array>
#include <cmath>
#include <numbers>
#include <stdexcept>

namespace mf {

namespace {

// East/north unit vectors at x (x not at a pole).
Vec3 from_east_north(const Vec3& x, double u, double v) {
  Vec3 east, north;
  tangent_basis(x, east, north);
  return u * east + v * north;
}

}  // namespace

PrescribedFlow::PrescribedFlow(const SphereMesh& mesh, PrescribedFields fields, bool steady)
    : mesh_(mesh), fields_(std::move(fields)), steady_(steady) {
  if (mesh_.manifold == Manifold::circle && fields_.stream && !fields_.velocity)
    throw std::invalid_argument("a flow on S¹ needs its velocity (a stream function has no meaning there)");
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
    for (int f = 0; f < nf; ++f) {
      const Vec3& x = mesh_.face_midpoint[f];
      phi[f] = fields_.velocity(x, t).dot(mesh_.face_normal[f]);  // the face is a point
    }
    return;
  }
  if (fields_.stream) {
    // ψ at the vertices once, then differences along the edges.
    Eigen::VectorXd psi(mesh_.n_vertices());
#pragma omp parallel for schedule(static)
    for (int v = 0; v < mesh_.n_vertices(); ++v) psi[v] = fields_.stream(mesh_.vertices[v], t);
    for (int f = 0; f < nf; ++f) phi[f] = psi[mesh_.face_vertices[f][1]] - psi[mesh_.face_vertices[f][0]];
    return;
  }
  // 3-point Gauss–Legendre on [0, 1] along the arc a → b.
  const std::array<double, 3> node = {0.5 - std::sqrt(0.15), 0.5, 0.5 + std::sqrt(0.15)};
  const std::array<double, 3> weight = {5.0 / 18.0, 8.0 / 18.0, 5.0 / 18.0};
#pragma omp parallel for schedule(static)
  for (int f = 0; f < nf; ++f) {
    const Vec3& a = mesh_.vertices[mesh_.face_vertices[f][0]];
    const Vec3& b = mesh_.vertices[mesh_.face_vertices[f][1]];
    const double len = mesh_.face_length[f];
    const double s = std::sin(len);
    double sum = 0.0;
    for (int q = 0; q < 3; ++q) {
      const Vec3 x = (std::sin((1.0 - node[q]) * len) * a + std::sin(node[q] * len) * b) / s;  // slerp
      sum += weight[q] * fields_.velocity(x, t).dot(mesh_.face_normal[f]);
    }
    phi[f] = len * sum;
  }
}

void PrescribedFlow::face_fluxes(double t, const Eigen::VectorXd&, Eigen::VectorXd& phi) const {
  if (steady_) phi = cached_phi_;
  else compute_fluxes(t, phi);
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
  v.resize(mesh_.n_cells(), 3);
  for (int c = 0; c < mesh_.n_cells(); ++c) v.row(c) = fields_.velocity(mesh_.center[c], t).transpose();
  return true;
}

Vec3 rotate(const Vec3& x, const Vec3& axis, double angle) {
  const double c = std::cos(angle), s = std::sin(angle);
  return c * x + s * axis.cross(x) + (1.0 - c) * axis.dot(x) * axis;
}

PrescribedFields solid_body_rotation(double u0, double tilt) {
  const Vec3 omega = u0 * Vec3(-std::sin(tilt), 0.0, std::cos(tilt));
  PrescribedFields f;
  f.stream = [omega](const Vec3& x, double) { return omega.dot(x); };
  f.velocity = [omega](const Vec3& x, double) { return Vec3(omega.cross(x)); };
  return f;
}

PrescribedFields nair_lauritzen_nondivergent(double period, double k) {
  const double pi = std::numbers::pi;
  PrescribedFields f;
  f.stream = [=](const Vec3& x, double t) {
    const double lam = longitude(x) - 2.0 * pi * t / period, th = latitude(x);
    const double s = std::sin(lam), c = std::cos(th);
    return -k * s * s * c * c * std::cos(pi * t / period) + 2.0 * pi * std::sin(th) / period;
  };
  f.velocity = [=](const Vec3& x, double t) {
    const double lam = longitude(x) - 2.0 * pi * t / period, th = latitude(x);
    const double ct = std::cos(pi * t / period), s = std::sin(lam);
    const double u = k * s * s * std::sin(2.0 * th) * ct + 2.0 * pi * std::cos(th) / period;
    const double v = k * std::sin(2.0 * lam) * std::cos(th) * ct;
    return from_east_north(x, u, v);
  };
  return f;
}

PrescribedFields nair_lauritzen_divergent(double period, double k) {
  const double pi = std::numbers::pi;
  PrescribedFields f;
  f.velocity = [=](const Vec3& x, double t) {
    const double lam = longitude(x) - 2.0 * pi * t / period, th = latitude(x);
    const double ct = std::cos(pi * t / period), c = std::cos(th), s = std::sin(0.5 * lam);
    const double u = -k * s * s * std::sin(2.0 * th) * c * c * ct + 2.0 * pi * c / period;
    const double v = 0.5 * k * std::sin(lam) * c * c * c * ct;
    return from_east_north(x, u, v);
  };
  return f;
}

ScalarField linear_growth(double rate0, double rate1, const Vec3& direction) {
  const Vec3 e = direction.normalized();
  return [=](const Vec3& x, double) { return rate0 + rate1 * e.dot(x); };
}

}  // namespace mf
