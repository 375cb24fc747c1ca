#include "flows/grid_potential.hpp"

#include <fftw3.h>

#include <cmath>
#include <mutex>
#include <numbers>
#include <sstream>
#include <stdexcept>

#include "base/fftw_planner.hpp"
#include "mesh/mesh_embedding.hpp"
#include "objective/kernel_sums.hpp"
#include "objective/relu_kernel.hpp"
#include "potential/zonal_potential.hpp"

namespace mf {

const NameTable<PotentialMethod>& name_table(PotentialMethod) {
  static const NameTable<PotentialMethod> table("potential method", {
      {PotentialMethod::automatic, "auto", "harmonic on S² from 2000 cells with a population kernel, else direct"},
      {PotentialMethod::direct, "direct", "the direct sum over cell pairs, O(N²) (fast κ, |Δκ| ≤ 5e-9)"},
      {PotentialMethod::harmonic, "harmonic",
       "S², population kernel: spherical harmonics by non-uniform FFTs far, stored pairs near, about O(N^1.2), error ≤ potential_tolerance"},
  });
  return table;
}

Measure grid_measure(const SphereMesh& mesh, const Eigen::VectorXd& weights, int d) {
  Measure mu;
  mu.directions = embedded_points(mesh, mesh.center, d);
  mu.weights = weights;
  return mu;
}

Eigen::MatrixXd embedded_face_normals(const SphereMesh& mesh, int d) {
  Eigen::MatrixXd n(d, mesh.n_faces());
  for (int f = 0; f < mesh.n_faces(); ++f) n.col(f) = embedded_tangent(mesh, mesh.face_midpoint[f], mesh.face_normal[f], d);
  return n;
}

namespace {

// True for build_circle_mesh(2πk/N) layouts: equal arcs, vertex k at angle 2πk/N.
bool is_uniform_circle(const SphereMesh& m) {
  if (m.manifold != Manifold::circle) return false;
  const int n = m.n_cells();
  for (int k = 0; k < n; ++k) {
    const double a = 2.0 * std::numbers::pi * k / n;
    if ((m.vertices[k] - Vec3(std::cos(a), std::sin(a), 0.0)).norm() > 1e-12) return false;
  }
  return true;
}

}  // namespace

// Circular convolutions on the uniform circle: V_i = Σ_j w_j kc[i − j], G_f = Σ_j w_j kg[f − j].
struct GridPotential::Fft {
  int n;
  std::vector<std::complex<double>> kc_hat, kg_hat, w_hat, work;
  std::vector<double> real_in, real_out;
  fftw_plan forward = nullptr, backward = nullptr;

  Fft(int n_cells, double factor) : n(n_cells), kc_hat(n / 2 + 1), kg_hat(n / 2 + 1), w_hat(n / 2 + 1), work(n / 2 + 1),
                                    real_in(n), real_out(n) {
    {
      std::lock_guard<std::mutex> lock(fftw_planner_mutex());
      forward = fftw_plan_dft_r2c_1d(n, real_in.data(), reinterpret_cast<fftw_complex*>(w_hat.data()), FFTW_ESTIMATE);
      backward = fftw_plan_dft_c2r_1d(n, reinterpret_cast<fftw_complex*>(work.data()), real_out.data(), FFTW_ESTIMATE);
    }
    const double h = 2.0 * std::numbers::pi / n;
    // Centre i minus centre j is (i − j) h; face f (vertex f) minus centre j is (f − j − ½) h.
    // d/dθ κ(cos(θ − θ_j)) = −κ'(cos(θ − θ_j)) sin(θ − θ_j), the tangent being counter-clockwise.
    for (int k = 0; k < n; ++k) real_in[k] = factor * relu_kappa(std::cos(k * h));
    transform(kc_hat);
    for (int k = 0; k < n; ++k) {
      const double a = (k - 0.5) * h;
      real_in[k] = -factor * relu_kappa_derivative(std::cos(a)) * std::sin(a);
    }
    transform(kg_hat);
  }
  ~Fft() {
    std::lock_guard<std::mutex> lock(fftw_planner_mutex());
    fftw_destroy_plan(forward);
    fftw_destroy_plan(backward);
  }
  void transform(std::vector<std::complex<double>>& out) {
    fftw_execute_dft_r2c(forward, real_in.data(), reinterpret_cast<fftw_complex*>(out.data()));
  }
  void convolve(const std::vector<std::complex<double>>& kernel_hat, double* out) {
    for (std::size_t k = 0; k < work.size(); ++k) work[k] = w_hat[k] * kernel_hat[k];
    fftw_execute_dft_c2r(backward, reinterpret_cast<fftw_complex*>(work.data()), real_out.data());
    for (int i = 0; i < n; ++i) out[i] = real_out[i] / n;  // FFTW's transforms are unnormalized
  }
};

GridPotential::GridPotential(const SphereMesh& mesh, const Objective& objective, GridPotentialOptions options)
    : mesh_(mesh), objective_(objective), population_(objective.as_population()),
      d_(objective.dimension()) {
  const int expected = mesh.manifold == Manifold::torus ? 4 : mesh.manifold_dimension() + 1;
  if (d_ != expected)
    throw std::invalid_argument("the objective's dimension d = " + std::to_string(d_) + " does not match the mesh: " +
                                (mesh.manifold == Manifold::circle  ? "a circle mesh needs d = 2"
                                 : mesh.manifold == Manifold::torus ? "a torus mesh needs d = 4 (deconvolution on T²)"
                                                                    : "a sphere mesh needs d = 3"));
  centers_ = embedded_points(mesh, mesh.center, d_);
  faces_ = embedded_points(mesh, mesh.face_midpoint, d_);
  normals_ = embedded_face_normals(mesh, d_);
  if (population_) {
    // The teacher's part of V = K(μ − μ*) does not change: once, with the exact κ.
    Eigen::VectorXd v;
    Eigen::MatrixXd g;
    const double factor = population_->kernel_factor();
    kernel_sums::reference::potential(factor, *population_->teacher(), centers_, teacher_v_center_, nullptr);
    kernel_sums::reference::potential(factor, *population_->teacher(), faces_, v, &g);
    teacher_v_center_ = -teacher_v_center_;
    teacher_dvdn_face_.resize(mesh.n_faces());
    for (int f = 0; f < mesh.n_faces(); ++f) teacher_dvdn_face_[f] = -g.col(f).dot(normals_.col(f));
    if (is_uniform_circle(mesh)) fft_ = std::make_unique<Fft>(mesh.n_cells(), population_->kernel_factor());
  }
  const bool sphere = mesh.manifold == Manifold::sphere;
  if (options.method == PotentialMethod::harmonic && (!sphere || !population_))
    throw std::invalid_argument(std::string("scheme.potential = \"harmonic\" needs ") +
                                (sphere ? "a population objective ([data] type = \"population\")" : "a sphere mesh") +
                                "; use \"direct\" or \"auto\"");
  const bool harmonic = options.method == PotentialMethod::harmonic ||
                        (options.method == PotentialMethod::automatic && sphere && population_ &&
                         mesh.n_cells() >= GridPotentialOptions::kHarmonicFromCells);
  if (harmonic) zonal_ = std::make_unique<ZonalPotential>(centers_, options.tolerance);
}

GridPotential::~GridPotential() = default;

std::string GridPotential::description() const {
  if (!population_) return objective_.as_data_set() ? "sums over the data set" : "the objective's closed form at centroids and faces (exact)";
  if (fft_) return "FFT (uniform circle), exact to round-off";
  if (!zonal_) return "direct sum over cell pairs (fast κ, |Δκ| ≤ 5e-9)";
  std::ostringstream s;
  s << "harmonic: degree " << zonal_->degree() << ", near angle " << zonal_->near_angle() << ", |ΔV| ≤ "
    << zonal_->value_bound() << " ‖μ‖, |Δ∇V| ≤ " << std::sqrt(3.0) * zonal_->derivative_bound() << " ‖μ‖";
  return s.str();
}

void GridPotential::evaluate(const Eigen::VectorXd& w, Eigen::VectorXd& v_center, Eigen::VectorXd& dvdn_face) const {
  const int nc = mesh_.n_cells(), nf = mesh_.n_faces();
  v_center.resize(nc);
  dvdn_face.resize(nf);
  if (fft_) {
    std::copy(w.data(), w.data() + nc, fft_->real_in.data());
    fftw_execute_dft_r2c(fft_->forward, fft_->real_in.data(), reinterpret_cast<fftw_complex*>(fft_->w_hat.data()));
    fft_->convolve(fft_->kc_hat, v_center.data());
    fft_->convolve(fft_->kg_hat, dvdn_face.data());
    v_center += teacher_v_center_;
    dvdn_face += teacher_dvdn_face_;
    return;
  }
  Eigen::MatrixXd grad;
  if (!population_ && !objective_.as_data_set()) {  // a closed form (deconvolution): exact at the faces too
    const Measure mu = grid_measure(mesh_, w, d_);
    objective_.potential(mu, centers_, v_center, nullptr);
    Eigen::VectorXd v_face;
    objective_.potential(mu, faces_, v_face, &grad);
    for (int f = 0; f < nf; ++f) dvdn_face[f] = grad.col(f).dot(normals_.col(f));
    return;
  }
  // V and ∇_S V at the centroids; at a face, the mean of its two cells' gradients projected on
  // the face normal (second order, like the scheme). The teacher's part at faces is exact.
  centroid_potential(w, v_center, grad);
  for (int f = 0; f < nf; ++f) {
    const auto [l, r] = mesh_.face_cells[f];
    dvdn_face[f] = 0.5 * (grad.col(l) + grad.col(r)).dot(normals_.col(f));
  }
  if (population_) {
    v_center += teacher_v_center_;
    dvdn_face += teacher_dvdn_face_;
  }
}

void GridPotential::centroid_potential(const Eigen::VectorXd& w, Eigen::VectorXd& v, Eigen::MatrixXd& grad) const {
  if (zonal_) {  // K μ only
    Eigen::Matrix3Xd g;
    zonal_->evaluate(w, v, g);
    const double factor = population_->kernel_factor();
    v *= factor;
    grad = factor * g;
    return;
  }
  const Measure mu = grid_measure(mesh_, w, d_);
  if (population_) kernel_sums::omp::self_potential(population_->kernel_factor(), mu, v, &grad);  // K μ only
  else objective_.potential(mu, centers_, v, &grad);
}

void GridPotential::evaluate_centers(const Eigen::VectorXd& w, Eigen::VectorXd& v_center,
                                     Eigen::Matrix3Xd& grad_center) const {
  Eigen::MatrixXd g;
  if (zonal_) {  // an exact sum would cost N² at each output (at level 7 more than the run's steps)
    centroid_potential(w, v_center, g);
    Eigen::VectorXd vt;
    Eigen::MatrixXd gt;
    kernel_sums::reference::potential(population_->kernel_factor(), *population_->teacher(), centers_, vt, &gt);
    v_center -= vt;
    g -= gt;
  } else {
    objective_.potential(grid_measure(mesh_, w, d_), centers_, v_center, &g);  // at outputs only
  }
  grad_center.resize(3, mesh_.n_cells());  // as tangents of the mesh
  for (int c = 0; c < mesh_.n_cells(); ++c) grad_center.col(c) = mesh_tangent(mesh_, centers_.col(c), g.col(c));
}

std::optional<double> GridPotential::own_energy(const Eigen::VectorXd& w, const Eigen::VectorXd& v_center) const {
  if (!population_) return std::nullopt;
  return w.dot(v_center - teacher_v_center_);  // teacher_v_center_ = −K μ*
}

}  // namespace mf
