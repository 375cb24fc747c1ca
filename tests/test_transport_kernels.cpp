// The OpenMP kernels against the plain reference kernels on the same input, below their size
// threshold (one thread) and above it (the team, forced on these small meshes); conservation and
// positivity of the transport operator.

#include <gtest/gtest.h>

#include <omp.h>

#include <cmath>
#include <optional>
#include <random>

#include "base/parallel_threshold.hpp"
#include "grid/transport_operator.hpp"
#include "mesh/mesh_generators.hpp"

namespace mf {
namespace {

struct Input {
  Eigen::VectorXd masses, phi;
};

Input random_input(const SphereMesh& m, unsigned seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0.0, 1.0), s(-1.0, 1.0);
  Input in;
  in.masses.resize(m.n_cells());
  for (int c = 0; c < m.n_cells(); ++c) in.masses[c] = m.area[c] * (0.1 + u(rng));
  in.phi.resize(m.n_faces());
  for (int f = 0; f < m.n_faces(); ++f) in.phi[f] = s(rng) * m.face_length[f];
  return in;
}

class KernelsOnMeshes : public ::testing::TestWithParam<int> {
 protected:
  SphereMesh mesh() const {
    switch (GetParam()) {
      case 0: return icosahedral_mesh(3);
      case 1: return hexagonal_mesh(3);
      case 2: return cubed_sphere_mesh(10);
      default: return circle_mesh(101);
    }
  }
};

TEST_P(KernelsOnMeshes, OpenMpMatchesReference) {
  const SphereMesh m = mesh();
  const Input in = random_input(m, 11);
  for (Reconstruction r : {Reconstruction::upwind, Reconstruction::limited})
    for (StencilKind s : {StencilKind::face_neighbours, StencilKind::vertex_neighbours}) {
      const TransportOperator reference(m, r, s, KernelVariant::reference);
      const TransportOperator omp(m, r, s, KernelVariant::omp);
      Eigen::VectorXd a(m.n_cells()), b(m.n_cells());

      reference.apply(in.masses.data(), in.phi.data(), a.data());
      omp.apply(in.masses.data(), in.phi.data(), b.data());

      EXPECT_LE((a - b).cwiseAbs().maxCoeff(), 1e-14 * a.cwiseAbs().maxCoeff()) << m.description << " " << to_string(r);
      if (m.n_cells() < static_cast<int>(parallel::kTransportCells)) {  // one thread: every face in order
        EXPECT_EQ(a, b) << m.description << " " << to_string(r) << " below the threshold";
      }
    }
}

TEST_P(KernelsOnMeshes, OpenMpMatchesReferenceForAnyThreadCount) {
  const SphereMesh m = mesh();
  const Input in = random_input(m, 21);
  const int saved = omp_get_max_threads();
  const parallel::ForceParallel force;  // the team at every thread count, whatever the mesh size
  for (Reconstruction r : {Reconstruction::upwind, Reconstruction::limited}) {
    const TransportOperator reference(m, r, StencilKind::face_neighbours, KernelVariant::reference);
    const TransportOperator omp(m, r, StencilKind::face_neighbours, KernelVariant::omp);
    Eigen::VectorXd a(m.n_cells()), b(m.n_cells());
    reference.apply(in.masses.data(), in.phi.data(), a.data());
    for (int threads : {1, 2, 3, 5}) {
      omp_set_num_threads(threads);

      omp.apply(in.masses.data(), in.phi.data(), b.data());

      EXPECT_LE((a - b).cwiseAbs().maxCoeff(), 1e-14 * a.cwiseAbs().maxCoeff())
          << m.description << " " << to_string(r) << " threads " << threads;
    }
  }
  omp_set_num_threads(saved);
}

TEST_P(KernelsOnMeshes, FluxFormConservesMassToRoundOff) {
  const SphereMesh m = mesh();
  const Input in = random_input(m, 12);
  for (Reconstruction r : {Reconstruction::upwind, Reconstruction::limited}) {
    const TransportOperator op(m, r);
    Eigen::VectorXd d(m.n_cells());

    op.apply(in.masses.data(), in.phi.data(), d.data());

    EXPECT_LE(std::abs(d.sum()), 1e-14 * d.cwiseAbs().sum()) << m.description << " " << to_string(r);
  }
}

TEST_P(KernelsOnMeshes, UpwindForwardEulerStaysPositiveUpToCourantOne) {
  const SphereMesh m = mesh();
  Input in = random_input(m, 13);
  const TransportOperator op(m, Reconstruction::upwind);
  // The hardest case: all mass in the cell that sets the stable step, zero elsewhere.
  int critical = 0;
  double smallest = INFINITY;
  for (int c = 0; c < m.n_cells(); ++c) {
    double outflow = 0.0;
    for (int e = m.cell_face_offsets[c]; e < m.cell_face_offsets[c + 1]; ++e)
      outflow += std::max(0.0, m.cell_face_sign[e] * in.phi[m.cell_faces[e]]);
    if (outflow > 0.0 && m.area[c] / outflow < smallest) {
      smallest = m.area[c] / outflow;
      critical = c;
    }
  }
  in.masses.setZero();
  in.masses[critical] = 1.0;
  Eigen::VectorXd d(m.n_cells());
  const double dt = op.stable_dt(in.phi.data());  // Courant number exactly 1

  op.apply(in.masses.data(), in.phi.data(), d.data());
  const Eigen::VectorXd next = in.masses + dt * d;

  EXPECT_GE(next.minCoeff(), -1e-15);
  // And above Courant 1 it is not: positivity is lost in the emptied cell.
  const Eigen::VectorXd beyond = in.masses + 1.5 * dt * d;
  EXPECT_LT(beyond.minCoeff(), 0.0);
}

TEST_P(KernelsOnMeshes, LimitedSchemeReproducesConstantsAndKeepsBounds) {
  const SphereMesh m = mesh();
  const Input in = random_input(m, 14);
  const TransportOperator op(m, Reconstruction::limited);
  // A constant density moved by a divergence-free-in-mean flux: dM/dt equals the upwind one.
  Eigen::VectorXd masses(m.n_cells());
  for (int c = 0; c < m.n_cells(); ++c) masses[c] = 2.0 * m.area[c];
  const TransportOperator upwind(m, Reconstruction::upwind);
  Eigen::VectorXd a(m.n_cells()), b(m.n_cells());

  op.apply(masses.data(), in.phi.data(), a.data());
  upwind.apply(masses.data(), in.phi.data(), b.data());

  EXPECT_LE((a - b).cwiseAbs().maxCoeff(), 1e-12);
}

INSTANTIATE_TEST_SUITE_P(Meshes, KernelsOnMeshes, ::testing::Values(0, 1, 2, 3));

}  // namespace
}  // namespace mf
