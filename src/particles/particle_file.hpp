#pragma once
// Conic particles as CSV, one atom per line (README.md, "CSV files"):
//   theta1,…,thetad,mass,sign
// θ_j (normalized when read), mass c_j ≥ 0 and sign s_j = ±1 of μ = Σ_j s_j c_j δ_{θ_j}. A run
// writes one file per output time; [particles] init = "file" starts a run from one.

#include <string>

#include "particles/conic_particles.hpp"

namespace mf {

/// Throws InputError "path:line: …" (io/input_error.hpp): a wrong header for d, non-numbers, a
/// zero direction, a negative mass, a sign other than ±1 (the last three name the particle).
ConicParticles read_particles_csv(const std::string& path, int d);
void write_particles_csv(const ConicParticles& p, const std::string& path);

}  // namespace mf
