#pragma once
// A plain network as CSV, one neuron per line (README.md, "CSV files"):
//   a,b1,…,bd         without a bias input,
//   a,b1,…,bd,bias    with one,
// in the network's own scaling f(x) = (1/m) Σ_j a_j σ(b_j·x + bias_j). Any other program can
// write such a file to start measureflow from its state, or read measureflow's to compare.

#include <string>
#include <vector>

#include "network/plain_network.hpp"

namespace mf {

std::vector<std::string> network_columns(int d, bool bias);
/// Throws InputError (io/input_error.hpp) naming the file, line and column (wrong header for d
/// and bias, non-numbers, no neurons) or a file it cannot read.
PlainNetwork read_network_csv(const std::string& path, int d, bool bias, Activation activation);
void write_network_csv(const PlainNetwork& net, const std::string& path);

}  // namespace mf
