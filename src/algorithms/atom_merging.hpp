#pragma once
// Merging of close atoms, the companion of kernel penalties on particles: two atoms of the same
// sign whose directions are closer than ε on the sphere (geodesic distance arccos(θ_i·θ_j) < ε)
// become one atom with the sum of their masses at the mass-weighted normalized mean
// (c_i θ_i + c_j θ_j)/‖c_i θ_i + c_j θ_j‖. Atoms of opposite signs are never merged.

#include "particles/conic_particles.hpp"

namespace mf {

/// Merges until no same-sign pair is closer than eps (a merged atom may come within ε of a
/// third one, which is then merged too). Returns the number of merges (atoms removed). Sweeps
/// atoms in their order, so the result is deterministic. O(m² d) per sweep.
int merge_close_atoms(ConicParticles& particles, double eps);

}  // namespace mf
