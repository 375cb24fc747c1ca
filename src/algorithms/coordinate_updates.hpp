#pragma once
// The one-atom updates of coordinate descent and proximal total-variation steps on measures.
//
// F(μ) = J(μ) + λ |μ|_TV, V = V[μ] the first variation of J, L the smoothness of J with
// respect to TV: for every atom u and mass t,
//   J(μ + t δ_u) ≤ J(μ) + t V(u) + (L/2) t²                       (an equality, with L = k(u, u),
//                                                                   for the square loss)
// Each update minimizes this upper bound of F over the mass of one atom, so F never increases.
//   new atom u (mass 0 before):    c = S_{λ/L}(−V(u)/L)
//   existing atom j (mass c_j):    c_j ← S_{λ/L}(c_j − V(u_j)/L)
// with S_τ(z) = sign(z) max(0, |z| − τ) the soft threshold. The second is the issue's
// c_j + t*, t* = −c_j + (c_j − V/L) max(0, 1 − λ/|V − L c_j|). λ = 0 gives plain coordinate
// descent, c = −V/L.

#include <cmath>

namespace mf {

/// S_τ(z) = sign(z) max(0, |z| − τ); exactly 0 when |z| ≤ τ.
inline double soft_threshold(double z, double tau) {
  if (z > tau) return z - tau;
  if (z < -tau) return z + tau;
  return 0.0;
}

/// The mass of a new atom where the potential is V: the minimizer of t V + (L/2) t² + λ|t|.
inline double prox_new_atom_mass(double V, double L, double lambda) { return soft_threshold(-V / L, lambda / L); }

/// The new mass of an atom of mass c where the potential is V: the minimizer over c' of
/// (c' − c) V + (L/2)(c' − c)² + λ|c'|.
inline double prox_existing_atom_mass(double c, double V, double L, double lambda) {
  return soft_threshold(c - V / L, lambda / L);
}

}  // namespace mf
