// The 2-D non-uniform FFTs against their direct sums: within 10^{1−w} relative (Σ|w| for type 1,
// Σ|H| for type 2) for several precisions, point sets touching the period's ends included.

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <random>

#include "potential/nonuniform_fft.hpp"

namespace mf {
namespace {

struct Points {
  Eigen::VectorXd t1, t2;
};

Points random_points(int n, unsigned seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0.0, 2.0 * std::numbers::pi);
  Points p{Eigen::VectorXd(n), Eigen::VectorXd(n)};
  for (int j = 0; j < n; ++j) {
    p.t1[j] = u(rng);
    p.t2[j] = u(rng);
  }
  p.t1[0] = 0.0;  // the ends of the period, and a point given outside it
  p.t2[0] = 2.0 * std::numbers::pi;
  p.t1[1] = -0.3;
  p.t2[1] = 7.0;
  return p;
}

TEST(NonuniformFft, TypeOneMatchesTheDirectSum) {
  const Points p = random_points(500, 1);
  std::mt19937_64 rng(2);
  std::normal_distribution<double> g;
  Eigen::VectorXd w(500);
  for (auto& x : w) x = g(rng);
  for (int K : {0, 7, 20})
    for (double precision : {1e-4, 1e-8, 1e-12}) {
      const NonuniformFft2 nufft(p.t1, p.t2, K, precision);
      EXPECT_LE(nufft.error_bound(), precision * 10.0 + 1e-300);
      NonuniformFft2::Modes out;
      nufft.adjoint(w, out);
      ASSERT_EQ(out.rows(), 2 * K + 1);
      ASSERT_EQ(out.cols(), K + 1);
      double worst = 0.0;
      for (int k1 = -K; k1 <= K; ++k1)
        for (int k2 = 0; k2 <= K; ++k2) {
          std::complex<double> direct = 0.0;
          for (int j = 0; j < w.size(); ++j) direct += w[j] * std::polar(1.0, -(k1 * p.t1[j] + k2 * p.t2[j]));
          worst = std::max(worst, std::abs(out(k1 + K, k2) - direct));
        }
      EXPECT_LE(worst, nufft.error_bound() * w.lpNorm<1>()) << "K " << K << " precision " << precision;
    }
}

TEST(NonuniformFft, TypeTwoMatchesTheDirectSumOfARealFunction) {
  const Points p = random_points(300, 3);
  std::mt19937_64 rng(4);
  std::normal_distribution<double> g;
  const int K = 12;
  std::vector<NonuniformFft2::Modes> h(2, NonuniformFft2::Modes(2 * K + 1, K + 1));
  for (auto& m : h) {
    for (int k1 = 0; k1 < 2 * K + 1; ++k1)
      for (int k2 = 0; k2 <= K; ++k2) m(k1, k2) = {g(rng), g(rng)};
    m(K, 0) = m(K, 0).real();
    for (int k1 = 1; k1 <= K; ++k1) m(K - k1, 0) = std::conj(m(K + k1, 0));  // a real function
  }
  for (double precision : {1e-6, 1e-11}) {
    const NonuniformFft2 nufft(p.t1, p.t2, K, precision);
    Eigen::MatrixXd values;
    nufft.forward({&h[0], &h[1]}, values);
    ASSERT_EQ(values.rows(), 300);
    ASSERT_EQ(values.cols(), 2);
    for (int c = 0; c < 2; ++c) {
      double worst = 0.0, total = 0.0;
      const auto mode = [&](int k1, int k2) {  // the full spectrum of the real function
        return k2 >= 0 ? h[c](K + k1, k2) : std::conj(h[c](K - k1, -k2));
      };
      for (int k1 = -K; k1 <= K; ++k1)
        for (int k2 = -K; k2 <= K; ++k2) total += std::abs(mode(k1, k2));
      for (int j = 0; j < 300; ++j) {
        std::complex<double> direct = 0.0;
        for (int k1 = -K; k1 <= K; ++k1)
          for (int k2 = -K; k2 <= K; ++k2) {
            direct += mode(k1, k2) * std::polar(1.0, k1 * p.t1[j] + k2 * p.t2[j]);
          }
        EXPECT_LT(std::abs(direct.imag()), 1e-10 * total);
        worst = std::max(worst, std::abs(values(j, c) - direct.real()));
      }
      EXPECT_LE(worst, nufft.error_bound() * total) << "precision " << precision;
    }
  }
}

TEST(NonuniformFft, RefusesBadArguments) {
  const Points p = random_points(5, 5);
  EXPECT_THROW(NonuniformFft2(p.t1, p.t2, -1, 1e-6), std::invalid_argument);
  EXPECT_THROW(NonuniformFft2(p.t1, p.t2, 4, 0.0), std::invalid_argument);
  EXPECT_THROW(NonuniformFft2(p.t1, p.t2, 4, 0.5), std::invalid_argument);
  Eigen::VectorXd bad = p.t1;
  bad[2] = std::nan("");
  EXPECT_THROW(NonuniformFft2(bad, p.t2, 4, 1e-6), std::invalid_argument);
}

}  // namespace
}  // namespace mf
