#include "objective/deconvolution.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

namespace mf {

namespace {

using Complex = std::complex<double>;

/// e^{iθ} of a unit column (u₁, u₂) of S¹, renormalized against round-off.
Complex unit_phase(double x, double y) {
  const double r = std::hypot(x, y);
  return {x / r, y / r};
}

/// The powers z^k, k = −n … n, of the unit phase of each axis of point p: table (2n + 1) × axes.
Eigen::MatrixXcd phase_powers(const Eigen::MatrixXd& points, Eigen::Index p, int n, int axes) {
  Eigen::MatrixXcd pw(2 * n + 1, axes);
  for (int a = 0; a < axes; ++a) {
    const Complex z = unit_phase(points(2 * a, p), points(2 * a + 1, p));
    pw(n, a) = 1.0;
    for (int k = 1; k <= n; ++k) {
      pw(n + k, a) = pw(n + k - 1, a) * z;
      pw(n - k, a) = std::conj(pw(n + k, a));
    }
  }
  return pw;
}

/// The multi-index k ∈ {−n … n}^axes of flat index i (k₁ fastest), as offsets k_a + n.
int offset(Eigen::Index i, int a, int n) {
  for (int b = 0; b < a; ++b) i /= 2 * n + 1;
  return static_cast<int>(i % (2 * n + 1));
}

/// Σ_k c_k e^{ik·θ} (real: c_{−k} = conj c_k) and its tangent gradient Σ_a ∂_a V t_a at the points.
void evaluate(const Eigen::VectorXcd& c, int n, int axes, const Eigen::MatrixXd& points, Eigen::VectorXd& value,
              Eigen::MatrixXd* grad) {
  const Eigen::Index P = points.cols();
  value.resize(P);
  if (grad) grad->resize(2 * axes, P);
  Eigen::VectorXd dv(axes);
  for (Eigen::Index p = 0; p < P; ++p) {
    const Eigen::MatrixXcd pw = phase_powers(points, p, n, axes);
    double v = 0.0;
    dv.setZero();
    for (Eigen::Index i = 0; i < c.size(); ++i) {
      Complex e = c[i];
      for (int a = 0; a < axes; ++a) e *= pw(offset(i, a, n), a);
      v += e.real();
      for (int a = 0; a < axes; ++a) dv[a] -= (offset(i, a, n) - n) * e.imag();  // Re(i k_a e)
    }
    value[p] = v;
    if (grad)
      for (int a = 0; a < axes; ++a) {
        // ∂_a V times the unit tangent (−sin θ_a, cos θ_a) of axis a.
        const Complex z = unit_phase(points(2 * a, p), points(2 * a + 1, p));
        (*grad)(2 * a, p) = -dv[a] * z.imag();
        (*grad)(2 * a + 1, p) = dv[a] * z.real();
      }
  }
}

/// ½ Σ_k |c_k|² over the whole spectrum.
double half_energy(const Eigen::VectorXcd& c) { return 0.5 * c.squaredNorm(); }

}  // namespace

DeconvolutionObjective::DeconvolutionObjective(int modes, Measure spikes, int axes)
    : modes_(modes), axes_(axes), spikes_(std::move(spikes)) {
  if (modes_ < 1) throw std::invalid_argument("deconvolution needs at least 1 Fourier mode, not " + std::to_string(modes_));
  if (axes_ != 1 && axes_ != 2)
    throw std::invalid_argument("deconvolution lives on T¹ or T² (axes 1 or 2), not on T" + std::to_string(axes_));
  if (spikes_.dimension() != 2 * axes_)
    throw std::invalid_argument("deconvolution spikes on " + domain().name() + " have " + std::to_string(2 * axes_) +
                                " coordinates, not " + std::to_string(spikes_.dimension()));
  spikes_hat_ = coefficients(spikes_);
}

Eigen::VectorXcd DeconvolutionObjective::coefficients(const Measure& mu) const {
  check_measure(mu, 2 * axes_, "a measure of the deconvolution");
  const int n = modes_;
  Eigen::VectorXcd c = Eigen::VectorXcd::Zero(static_cast<Eigen::Index>(std::pow(2 * n + 1, axes_)));
  for (int j = 0; j < mu.size(); ++j) {
    const Eigen::MatrixXcd pw = phase_powers(mu.directions, j, n, axes_);
    for (Eigen::Index i = 0; i < c.size(); ++i) {
      Complex e = mu.weights[j];
      for (int a = 0; a < axes_; ++a) e *= std::conj(pw(offset(i, a, n), a));  // e^{−ik·θ}
      c[i] += e;
    }
  }
  return c;
}

double DeconvolutionObjective::loss(const Measure& mu) const { return half_energy(coefficients(mu) - spikes_hat_); }

void DeconvolutionObjective::potential(const Measure& mu, const Eigen::MatrixXd& points, Eigen::VectorXd& V,
                                       Eigen::MatrixXd* grad) const {
  evaluate(coefficients(mu) - spikes_hat_, modes_, axes_, points, V, grad);
}

double DeconvolutionObjective::distance(const Measure& mu, const Measure& nu) const {
  return std::sqrt(2.0 * half_energy(coefficients(mu) - coefficients(nu)));
}

Eigen::VectorXd DeconvolutionObjective::signal(const Measure& mu, const Eigen::MatrixXd& points) const {
  Eigen::VectorXd f;
  evaluate(coefficients(mu), modes_, axes_, points, f, nullptr);
  return f;
}

}  // namespace mf
