#pragma once
// Conic particles as CSV, one atom per line (README.md, "CSV files"):
//   theta1,…,thetad,mass,sign
// θ_j (put on its domain when read and written: normalized on a sphere, each (cos, sin) pair
// normalized on the torus T², objective/domain.hpp), mass c_j ≥ 0 and sign s_j = ±1 of μ = Σ_j s_j c_j δ_{θ_j}. A run
// writes one file per output time; [particles] init = "file" starts a run from one.

#include <string>

#include "objective/domain.hpp"
#include "particles/conic_particles.hpp"

namespace mf {

/// Throws InputError "path:line: …" (io/input_error.hpp): a wrong header for d, non-numbers, a
/// zero direction, a negative mass, a sign other than ±1 (the last three name the particle).
ConicParticles read_particles_csv(const std::string& path, const Domain& domain);
/// On the sphere S^{d−1}.
ConicParticles read_particles_csv(const std::string& path, int d);
void write_particles_csv(const ConicParticles& p, const std::string& path, const Domain& domain);
/// On the sphere of the particles' dimension.
void write_particles_csv(const ConicParticles& p, const std::string& path);

}  // namespace mf
