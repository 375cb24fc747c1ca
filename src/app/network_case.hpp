#pragma once
// The case file of a network run: the gradient flow of a two-layer ReLU network's neuron
// measure on a mesh (a case with a [model] table). README.md, "Network case files", is the
// reference; examples/ holds cases to copy.

#include <Eigen/Core>
#include <string>
#include <vector>

#include "app/case_common.hpp"
#include "app/data_spec.hpp"
#include "flows/network_flow.hpp"
#include "particles/conic_particles.hpp"

namespace mf {

enum class SignDensity { uniform, von_mises, zero };
const NameTable<SignDensity>& name_table(SignDensity);
enum class ParticleInit { random, centroids, file };
const NameTable<ParticleInit>& name_table(ParticleInit);

/// The initial density of μ⁺ or μ⁻.
struct SignInitial {
  SignDensity type = SignDensity::uniform;
  double mass = 1.0;             ///< total mass (uniform, von_mises)
  double center_lon_deg = 0.0, center_lat_deg = 0.0, kappa = 10.0;  ///< von_mises
};

/// [particles]: the particle run of the same case (`measureflow run --particles`).
struct ParticleSpec {
  ParticleInit init = ParticleInit::random;
  std::string file;             ///< init = "file": CSV theta1..thetad,mass,sign (resolved against the case's folder)
  int count = 1000;             ///< random: particles per sign
  unsigned long seed = 1;
  bool discrete = false;                    ///< stepper = "gd": discrete steps with retractions
  StepperKind stepper = StepperKind::dopri5;  ///< otherwise the continuous-time flow
  double dt = 0.0;                          ///< rk4, ssprk3: fixed step
  double abs_tol = 1e-8, rel_tol = 1e-8;    ///< dopri5
  double step = 0.01;                       ///< gd: η, the mean-field time of one step
  MassRetraction retraction = MassRetraction::exp;  ///< gd
};

struct NetworkCase {
  std::string file, name;
  MeshSpec mesh;
  int dimension = 3;  ///< d: 2 on the circle, 3 on the sphere
  GridSolverOptions solver;
  GridPotentialOptions potential;  ///< [scheme] potential, potential_tolerance
  double end_time = 1.0;
  OutputSpec output;

  Loss loss = Loss::square;
  DataSpec data;  ///< [data] and [teacher]

  NetworkFlowOptions flow;
  SignInitial plus, minus;
  std::string initial_file;  ///< CSV of cell densities (cell,density_plus,density_minus)
  ParticleSpec particles;
};

NetworkCase read_network_case(const TomlDocument& doc);

}  // namespace mf
