#pragma once
// Initializations of a plain network (m neurons, d̃ input weights each, scale s):
//   gaussian:  a_j ~ N(0, s²), every coordinate of b̃_j ~ N(0, s²/d̃);
//   sphere:    the whole neuron (a_j, b̃_j) uniform on the sphere of radius s in R^{d̃+1};
//   cone:      on the cone |a_j| = ‖b̃_j‖ = s: b̃_j = s θ_j with θ_j uniform on S^{d̃−1},
//              a_j = ±s with fair signs (the start of conic particle descent);
//   symmetric: m/2 Gaussian neurons and their mirror images (−a_j, b̃_j), so f₀ = 0;
//   file:      read from a CSV (network/network_file.hpp), not drawn here.

#include <string>

#include "base/name_table.hpp"
#include "network/plain_network.hpp"

namespace mf {

enum class NetworkInit { gaussian, sphere, cone, symmetric, file };
const NameTable<NetworkInit>& name_table(NetworkInit);

/// Throws std::invalid_argument for symmetric with an odd m, std::logic_error for file.
PlainNetwork initial_network(NetworkInit init, Activation activation, bool bias, int d, int m, double scale,
                             unsigned long seed);

}  // namespace mf
