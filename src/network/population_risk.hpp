#pragma once
// The population risk of a plain network against a teacher network, without sampling:
//   R = ½ E_x (f(x) − f*(x))²,  x ~ N(0, I_d),
// f = (1/m) Σ_j a_j σ(b̃_j·x̃) and f* likewise (bias inputs x̃ = (x, 1)): with the combined output
// weights α = (a/m, −a*/m*) over both sets of neurons, R = ½ Σ_ij α_i α_j k(w_i, w_j), the kernel of
// objective/activation_kernel.hpp (exact to its 1e-13). O((m + m*)²) kernel values.

#include "network/plain_network.hpp"
#include "objective/activation_kernel.hpp"

namespace mf {

/// std::invalid_argument when the networks lack a bias input, differ in activation or input
/// dimension, or use another activation than the kernel's.
double population_risk(const PlainNetwork& f, const PlainNetwork& teacher, const ActivationKernel& kernel);

}  // namespace mf
