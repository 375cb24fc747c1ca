// The double-Fourier-sphere harmonic transforms against the definitions with Boost.Math's
// spherical harmonics (Condon–Shortley phase): analysis C_ℓm = Σ w_i conj Y_ℓ^m(x_i) and the
// synthesis of a real function, at scattered points with the poles among them.

#include <gtest/gtest.h>

#include <boost/math/special_functions/spherical_harmonic.hpp>

#include <cmath>
#include <random>

#include "potential/fast_spherical_transform.hpp"
#include "test_support.hpp"

namespace mf {
namespace {

Eigen::Matrix3Xd points_with_poles(int n, unsigned seed) {
  Eigen::Matrix3Xd p = random_sphere_points(n, seed);
  p.col(0) = Eigen::Vector3d::UnitZ();
  p.col(1) = -Eigen::Vector3d::UnitZ();
  return p;
}

std::complex<double> harmonic(int l, int m, const Eigen::Vector3d& x) {
  return boost::math::spherical_harmonic(l, m, std::atan2(std::hypot(x[0], x[1]), x[2]), std::atan2(x[1], x[0]));
}

TEST(FastSphericalTransform, AnalysisIsTheSumOfConjugateHarmonics) {
  const int L = 17, n = 120;
  const Eigen::Matrix3Xd p = points_with_poles(n, 1);
  const Eigen::VectorXd w = Eigen::VectorXd::Random(n);
  const FastSphericalTransform t(p, L, 1e-13);
  FastSphericalTransform::Coefficients c;
  t.analyse(w, c);
  ASSERT_EQ(c.size(), t.size());
  for (int l = 0; l <= L; ++l)
    for (int m = 0; m <= l; ++m) {
      std::complex<double> direct = 0.0;
      for (int i = 0; i < n; ++i) direct += w[i] * std::conj(harmonic(l, m, p.col(i)));
      EXPECT_LT(std::abs(c[t.index(l, m)] - direct), 1e-11 * w.lpNorm<1>()) << "l " << l << " m " << m;
    }
}

TEST(FastSphericalTransform, SynthesisIsTheRealFunctionOfTheCoefficients) {
  const int L = 15, n = 90;
  const Eigen::Matrix3Xd p = points_with_poles(n, 2);
  const FastSphericalTransform t(p, L, 1e-13);
  std::mt19937_64 rng(3);
  std::normal_distribution<double> g;
  FastSphericalTransform::Coefficients f(t.size()), f2(t.size());
  for (int l = 0; l <= L; ++l)
    for (int m = 0; m <= l; ++m) {
      f[t.index(l, m)] = m == 0 ? std::complex<double>(g(rng), 0.0) : std::complex<double>(g(rng), g(rng));
      f2[t.index(l, m)] = f[t.index(l, m)] * static_cast<double>(l + 1);
    }
  Eigen::MatrixXd values;
  t.synthesise({&f, &f2}, values);
  ASSERT_EQ(values.rows(), n);
  ASSERT_EQ(values.cols(), 2);
  for (int i = 0; i < n; ++i) {
    std::complex<double> direct = 0.0, direct2 = 0.0;
    for (int l = 0; l <= L; ++l)
      for (int m = -l; m <= l; ++m) {
        // F_ℓ,−m = (−1)^m conj F_ℓm
        const std::complex<double> fm = m >= 0 ? f[t.index(l, m)] : (m % 2 ? -1.0 : 1.0) * std::conj(f[t.index(l, -m)]);
        direct += fm * harmonic(l, m, p.col(i));
        direct2 += fm * static_cast<double>(l + 1) * harmonic(l, m, p.col(i));
      }
    EXPECT_LT(std::abs(direct.imag()), 1e-11);
    EXPECT_NEAR(values(i, 0), direct.real(), 1e-10) << "point " << i;
    EXPECT_NEAR(values(i, 1), direct2.real(), 1e-9) << "point " << i;
  }
}

TEST(FastSphericalTransform, SeriesCoefficientsBoundTheLegendreFunctions) {
  const FastSphericalTransform t(points_with_poles(4, 4), 30, 1e-8);
  for (int l = 0; l <= 30; l += 3)
    for (int m = 0; m <= l; m += 2)
      for (double theta : {0.0, 0.3, 1.2, 2.9}) {
        const double value = std::abs(boost::math::spherical_harmonic_r(l, m, theta, 0.0));
        EXPECT_LE(value, t.coefficient_sum(l, m) * (1 + 1e-12) + 1e-300);
      }
}

}  // namespace
}  // namespace mf
