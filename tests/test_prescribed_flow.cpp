// Prescribed winds: stream-function fluxes equal the integral of u·n along each edge, and the
// discrete divergence of a non-divergent wind is zero to round-off.

#include <gtest/gtest.h>

#include <array>
#include <cmath>

#include "flows/prescribed_flow.hpp"
#include "mesh/mesh_generators.hpp"

namespace mf {
namespace {

// ∫_edge u·n dl by composite Simpson with 64 intervals (independent of the flow's own rule;
// accurate to ~1e-11 on level-2 edges).
double edge_flux_by_quadrature(const SphereMesh& m, int f, const VelocitySlices& velocity, double t) {
  const SpatialVector u = velocity(t);
  const Vec3& a = m.vertices[m.face_vertices[f][0]];
  const Vec3& b = m.vertices[m.face_vertices[f][1]];
  const double len = m.face_length[f];
  const int n = 64;
  double sum = 0.0;
  for (int k = 0; k <= n; ++k) {
    const double s = static_cast<double>(k) / n;
    const Vec3 x = (std::sin((1 - s) * len) * a + std::sin(s * len) * b) / std::sin(len);
    const double w = (k == 0 || k == n) ? 1.0 : (k % 2 ? 4.0 : 2.0);
    sum += w * u(x).dot(m.face_normal[f]);
  }
  return sum * len / (3.0 * n);
}

void expect_stream_fluxes_match_velocity(const PrescribedFields& fields, double t) {
  const SphereMesh m = icosahedral_mesh(2);
  const PrescribedFlow flow(m, fields, false);
  Eigen::VectorXd phi;

  flow.face_fluxes(t, Eigen::VectorXd(), phi);

  for (int f = 0; f < m.n_faces(); ++f)
    ASSERT_NEAR(phi[f], edge_flux_by_quadrature(m, f, fields.velocity, t), 1e-9) << "face " << f;
  // Telescoping: zero net flux out of every cell.
  for (int c = 0; c < m.n_cells(); ++c) {
    double net = 0.0;
    for (int e = m.cell_face_offsets[c]; e < m.cell_face_offsets[c + 1]; ++e) net += m.cell_face_sign[e] * phi[m.cell_faces[e]];
    ASSERT_NEAR(net, 0.0, 1e-15);
  }
}

TEST(PrescribedFlow, SolidBodyStreamFunctionMatchesItsVelocity) {
  expect_stream_fluxes_match_velocity(solid_body_rotation(2.0, 0.7), 0.0);
}

TEST(PrescribedFlow, NairLauritzenStreamFunctionMatchesItsVelocity) {
  const PrescribedFields f = nair_lauritzen_nondivergent(5.0, 2.0);
  for (double t : {0.0, 0.8, 2.5}) expect_stream_fluxes_match_velocity(f, t);
}

// Worst flux error of the Gauss path against the fine rule on icosahedral levels 2 and 3.
std::array<double, 2> gauss_flux_errors(const PrescribedFields& fields, double t) {
  std::array<double, 2> worst{};
  for (int level : {2, 3}) {
    const SphereMesh m = icosahedral_mesh(level);
    const PrescribedFlow flow(m, fields, false);
    Eigen::VectorXd phi;
    flow.face_fluxes(t, Eigen::VectorXd(), phi);
    for (int f = 0; f < m.n_faces(); ++f)
      worst[level - 2] = std::max(worst[level - 2], std::abs(phi[f] - edge_flux_by_quadrature(m, f, fields.velocity, t)));
  }
  return worst;
}

// The 3-point Gauss rule along an edge is exact to degree 5: for a smooth wind its error per
// edge falls like L⁷, by about 2⁷ per level. The non-divergent Nair–Lauritzen wind is smooth;
// given without its stream function it takes the quadrature path.
TEST(PrescribedFlow, GaussQuadratureFluxesConvergeWithOrderSevenForASmoothWind) {
  PrescribedFields fields = nair_lauritzen_nondivergent(5.0, 2.0);
  fields.stream = nullptr;

  const auto [coarse, fine] = gauss_flux_errors(fields, 1.3);

  EXPECT_GT(coarse / fine, 100.0) << coarse << " → " << fine;
  EXPECT_LT(fine, 1e-9);
}

// The divergent wind has terms like cos³θ · sin λ', which are not smooth at the poles (r·xy
// in Cartesian coordinates): the worst edge error falls only like L⁴ there (measured: 16×
// per level from 2 to 3).
TEST(PrescribedFlow, GaussQuadratureFluxesOfTheDivergentWindConverge) {
  const auto [coarse, fine] = gauss_flux_errors(nair_lauritzen_divergent(5.0, 1.0), 1.3);

  EXPECT_GT(coarse / fine, 14.0) << coarse << " → " << fine;
  EXPECT_LT(fine, 1e-7);
}

TEST(PrescribedFlow, VelocityIsTangentAndSolidBodyRotatesCounterClockwiseAboutItsAxis) {
  const PrescribedFields f = solid_body_rotation(1.0, 0.0);
  const Vec3 x = Vec3::UnitX();
  const Vec3 u = f.velocity(0.0)(x);
  EXPECT_NEAR(u.dot(x), 0.0, 1e-15);
  EXPECT_NEAR((u - Vec3::UnitY()).norm(), 0.0, 1e-15);  // eastward at the equator
}

TEST(PrescribedFlow, CircleFluxIsTheTangentialVelocity) {
  const SphereMesh m = circle_mesh(8);
  const PrescribedFlow flow(m, solid_body_rotation(3.0, 0.0), true);
  Eigen::VectorXd phi;
  flow.face_fluxes(0.0, Eigen::VectorXd(), phi);
  for (int f = 0; f < m.n_faces(); ++f) EXPECT_NEAR(phi[f], 3.0, 1e-14);
}

}  // namespace
}  // namespace mf
