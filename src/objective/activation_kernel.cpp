#include "objective/activation_kernel.hpp"

#include <stdexcept>

namespace mf {

double activation_second_derivative(Activation a, double z) {
  switch (a) {
    case Activation::sigmoid: {
      const double s = 1.0 / (1.0 + std::exp(-z));
      return s * (1.0 - s) * (1.0 - 2.0 * s);
    }
    case Activation::tanh: {
      const double t = std::tanh(z);
      return -2.0 * t * (1.0 - t * t);
    }
    case Activation::softplus: {
      const double s = 1.0 / (1.0 + std::exp(-z));
      return s * (1.0 - s);
    }
    case Activation::relu: break;
  }
  throw std::invalid_argument("ReLU has no second derivative (σ'' is a Dirac mass): its kernel gradient is the closed "
                              "form's");
}

double analytic_strip(Activation a) {
  switch (a) {
    case Activation::sigmoid: return std::numbers::pi;       // poles at iπ(2k + 1)
    case Activation::softplus: return std::numbers::pi;      // branch points at iπ(2k + 1)
    case Activation::tanh: return 0.5 * std::numbers::pi;    // poles at iπ(k + ½)
    case Activation::relu: return 0.0;
  }
  return 0.0;
}

ActivationKernel::ActivationKernel(Activation activation, double spacing_scale)
    : activation_(activation), spacing_scale_(spacing_scale) {
  if (!(spacing_scale > 0.0 && spacing_scale <= 1.0))
    throw std::invalid_argument("the kernel's spacing scale must be in (0, 1]");
}

namespace {

struct PairLaw {
  double m1, s1, m2, s2, rho;
};

PairLaw law_of(const Eigen::VectorXd& u, const Eigen::VectorXd& v) {
  if (u.size() != v.size() || u.size() < 2)
    throw std::invalid_argument("kernel neurons (b, c) of sizes " + std::to_string(u.size()) + " and " +
                                std::to_string(v.size()) + ": both need d + 1 ≥ 2 coordinates");
  const Eigen::Index d = u.size() - 1;
  const double s1 = u.head(d).norm(), s2 = v.head(d).norm();
  const double rho = s1 > 0.0 && s2 > 0.0 ? u.head(d).dot(v.head(d)) / (s1 * s2) : 0.0;
  return {u[d], s1, v[d], s2, rho};
}

}  // namespace

double ActivationKernel::value(const Eigen::VectorXd& u, const Eigen::VectorXd& v) const {
  const PairLaw p = law_of(u, v);
  const Activation a = activation_;
  const auto sigma = [a](double z) { return activation_value(a, z); };
  return gaussian_pair_expectation(sigma, sigma, p.m1, p.s1, p.m2, p.s2, p.rho, analytic_strip(a), spacing_scale_);
}

double ActivationKernel::value_and_gradient(const Eigen::VectorXd& u, const Eigen::VectorXd& v,
                                            Eigen::VectorXd& grad_u) const {
  const Activation a = activation_;
  if (a == Activation::relu) activation_second_derivative(a, 0.0);  // throws: no σ''
  const PairLaw p = law_of(u, v);
  const double strip = analytic_strip(a);
  const auto s0 = [a](double z) { return activation_value(a, z); };
  const auto s1 = [a](double z) { return activation_derivative(a, z); };
  const auto s2 = [a](double z) { return activation_second_derivative(a, z); };
  const double k = gaussian_pair_expectation(s0, s0, p.m1, p.s1, p.m2, p.s2, p.rho, strip, spacing_scale_);
  const double e20 = gaussian_pair_expectation(s2, s0, p.m1, p.s1, p.m2, p.s2, p.rho, strip, spacing_scale_);
  const double e11 = gaussian_pair_expectation(s1, s1, p.m1, p.s1, p.m2, p.s2, p.rho, strip, spacing_scale_);
  const double e10 = gaussian_pair_expectation(s1, s0, p.m1, p.s1, p.m2, p.s2, p.rho, strip, spacing_scale_);
  const Eigen::Index d = u.size() - 1;
  grad_u.resize(d + 1);
  grad_u.head(d) = e20 * u.head(d) + e11 * v.head(d);
  grad_u[d] = e10;
  return k;
}

}  // namespace mf
