#include "kernels/linearized_network.hpp"

#include <Eigen/Eigenvalues>
#include <cmath>
#include <stdexcept>

#include "kernels/tangent_kernel.hpp"

namespace mf {

LinearizedNetwork::LinearizedNetwork(const PlainNetwork& w0, const NetworkScaling& scaling, TrainedLayers layers,
                                     const DataSet& train, Loss loss)
    : w0_(w0), scaling_(scaling), layers_(layers), X_(train.X), y_(train.y), loss_(loss),
      K0_(tangent_kernel_gram(w0, scaling, layers, train.X, train.X)),
      u0_(scaled_network(w0, scaling).predict(train.X)), c_(Eigen::VectorXd::Zero(train.size())), u_(u0_) {}

void LinearizedNetwork::set_coefficients(const Eigen::VectorXd& c) {
  c_ = c;
  u_ = prediction_at(c_);
}

double LinearizedNetwork::loss() const { return mean_loss(loss_, y_, u_); }

Eigen::VectorXd LinearizedNetwork::loss_derivatives(const Eigen::VectorXd& u) const {
  Eigen::VectorXd d(u.size());
  for (Eigen::Index l = 0; l < u.size(); ++l) d[l] = loss_derivative(loss_, y_[l], u[l]);
  return d;
}

void LinearizedNetwork::rhs(const Eigen::VectorXd& c, Eigen::VectorXd& dc) const {
  const double factor = w0_.width() / (scaling_.alpha * static_cast<double>(c.size()));
  dc = -factor * loss_derivatives(prediction_at(c));
}

void LinearizedNetwork::gd_step(double eta) {
  Eigen::VectorXd dc;
  rhs(c_, dc);
  set_coefficients(c_ + eta * dc);
}

Eigen::VectorXd LinearizedNetwork::square_loss_flow(double t) {
  if (loss_ != Loss::square) throw std::logic_error("the linearized flow is in closed form for the square loss only");
  const double n = static_cast<double>(y_.size()), m = w0_.width();
  if (V_.size() == 0 && n > 0) {
    const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eigen((m / n) * 0.5 * (K0_ + K0_.transpose()));
    lambda_ = eigen.eigenvalues().cwiseMax(0.0);  // K₀ is positive semi-definite: round-off only
    V_ = eigen.eigenvectors();
    projected_residual_ = V_.transpose() * (u0_ - y_);
  }
  Eigen::VectorXd weights(lambda_.size());
  for (Eigen::Index i = 0; i < lambda_.size(); ++i) {
    const double z = lambda_[i] * t;
    weights[i] = z > 1e-300 ? -std::expm1(-z) / lambda_[i] : t;  // t φ(λ t)
  }
  if (n == 0) return Eigen::VectorXd();
  return -(m / (scaling_.alpha * n)) * (V_ * weights.cwiseProduct(projected_residual_));
}

PlainNetwork LinearizedNetwork::displacement(const Eigen::VectorXd& v) const {
  PlainNetwork w = w0_;
  const Eigen::MatrixXd Xt = lifted_inputs(X_, w0_.bias);
  const Eigen::MatrixXd z = w0_.b.transpose() * Xt;  // m × n
  const double inverse_N = 1.0 / scaling_.normalizer(w0_.width());
  w.a = inverse_N * (z.unaryExpr([this](double t) { return activation_value(w0_.activation, t); }) * v);
  if (layers_ == TrainedLayers::both) {
    const Eigen::MatrixXd slopes = z.unaryExpr([this](double t) { return activation_derivative(w0_.activation, t); });
    w.b = inverse_N * (Xt * (v.asDiagonal() * slopes.transpose())) * w0_.a.asDiagonal();
  } else {
    w.b.setZero();
  }
  return w;
}

PlainNetwork LinearizedNetwork::weights() const {
  PlainNetwork w = displacement(c_);
  w.a += w0_.a;
  w.b += w0_.b;
  return w;
}

double LinearizedNetwork::distance() const { return std::sqrt(std::max(c_.dot(K0_ * c_), 0.0)); }

Eigen::VectorXd linearized_predict(const PlainNetwork& w0, const PlainNetwork& w, const NetworkScaling& scaling,
                                   const Eigen::MatrixXd& Z) {
  const Eigen::MatrixXd Zt = lifted_inputs(Z, w0.bias);
  const Eigen::MatrixXd z = w0.b.transpose() * Zt;  // m × p
  const Eigen::VectorXd da = w.a - w0.a;
  const Eigen::MatrixXd db = w.b - w0.b;
  const Eigen::MatrixXd values = z.unaryExpr([&w0](double v) { return activation_value(w0.activation, v); });
  const Eigen::MatrixXd slopes = z.unaryExpr([&w0](double v) { return activation_derivative(w0.activation, v); });
  // h₀ + δh: (1/N) Σ_j [ (a⁰_j + δa_j) σ(z_j) + a⁰_j σ'(z_j) δb̃_j·z̃ ]
  const Eigen::VectorXd h = values.transpose() * w.a +
                            (slopes.cwiseProduct(db.transpose() * Zt)).transpose() * w0.a;
  return (scaling.alpha / scaling.normalizer(w0.width())) * h;
}

}  // namespace mf
