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

/// Σ_{|k| ≤ n} c_k e^{ikθ} for the coefficients c_0 … c_n of a real measure (c_{−k} = conj c_k),
/// and its derivative in θ, at the unit columns of points.
void evaluate(const Eigen::VectorXcd& c, const Eigen::MatrixXd& points, Eigen::VectorXd& value,
              Eigen::MatrixXd* grad) {
  const int n = static_cast<int>(c.size()) - 1;
  const Eigen::Index P = points.cols();
  value.resize(P);
  if (grad) grad->resize(2, P);
  for (Eigen::Index p = 0; p < P; ++p) {
    const Complex z = unit_phase(points(0, p), points(1, p));
    Complex power = 1.0;
    double v = c[0].real(), dv = 0.0;
    for (int k = 1; k <= n; ++k) {
      power *= z;
      const Complex term = c[k] * power;
      v += 2.0 * term.real();
      dv -= 2.0 * k * term.imag();
    }
    value[p] = v;
    if (grad) grad->col(p) << -dv * z.imag(), dv * z.real();  // V'(θ) times the unit tangent (−sin θ, cos θ)
  }
}

/// ½ Σ_{|k| ≤ n} |c_k|².
double half_energy(const Eigen::VectorXcd& c) {
  double sum = 0.5 * std::norm(c[0]);
  for (Eigen::Index k = 1; k < c.size(); ++k) sum += std::norm(c[k]);
  return sum;
}

}  // namespace

Eigen::VectorXcd fourier_coefficients(const Measure& mu, int n) {
  check_measure(mu, 2, "a measure on the circle");
  Eigen::VectorXcd c = Eigen::VectorXcd::Zero(n + 1);
  for (int j = 0; j < mu.size(); ++j) {
    const Complex conj_z = std::conj(unit_phase(mu.directions(0, j), mu.directions(1, j)));
    Complex power = 1.0;
    c[0] += mu.weights[j];
    for (int k = 1; k <= n; ++k) {
      power *= conj_z;
      c[k] += mu.weights[j] * power;
    }
  }
  return c;
}

DeconvolutionObjective::DeconvolutionObjective(int modes, Measure spikes) : modes_(modes), spikes_(std::move(spikes)) {
  if (modes_ < 1) throw std::invalid_argument("deconvolution needs at least 1 Fourier mode, not " + std::to_string(modes_));
  if (spikes_.dimension() != 2)
    throw std::invalid_argument("deconvolution spikes live on the circle (dimension 2), not in dimension " +
                                std::to_string(spikes_.dimension()));
  spikes_hat_ = fourier_coefficients(spikes_, modes_);
}

double DeconvolutionObjective::loss(const Measure& mu) const {
  return half_energy(fourier_coefficients(mu, modes_) - spikes_hat_);
}

void DeconvolutionObjective::potential(const Measure& mu, const Eigen::MatrixXd& points, Eigen::VectorXd& V,
                                       Eigen::MatrixXd* grad) const {
  evaluate(fourier_coefficients(mu, modes_) - spikes_hat_, points, V, grad);
}

double DeconvolutionObjective::distance(const Measure& mu, const Measure& nu) const {
  return std::sqrt(2.0 * half_energy(fourier_coefficients(mu, modes_) - fourier_coefficients(nu, modes_)));
}

Eigen::VectorXd DeconvolutionObjective::signal(const Measure& mu, const Eigen::MatrixXd& points) const {
  Eigen::VectorXd f;
  evaluate(fourier_coefficients(mu, modes_), points, f, nullptr);
  return f;
}

}  // namespace mf
