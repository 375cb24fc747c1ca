#pragma once
// The two-class data of the implicit-bias studies (Chizat & Bach 2020, "Implicit bias of
// gradient descent for wide two-layer neural networks trained with the logistic loss", their
// scripts' setting): k × k clusters in the plane, centres c_{p,q} = (Δ(1 + 3p) − ½, Δ(1 + 3q) − ½)
// for p, q = 0 … k − 1 with Δ = 1/(3k − 1), half of the clusters (⌊k²/2⌋, chosen with the seed)
// labelled −1 and the others +1. A sample picks a cluster uniformly and lies at c + R(cos T, sin T)
// with T uniform in [0, 2π) and R uniform in [0, Δ) — so two clusters are at least Δ apart —
// followed by d − 2 coordinates uniform in [−½, ½] that carry no information. (Their inputs also
// hold a constant coordinate: here the network's bias input.)

#include "base/index_range.hpp"
#include "objective/data_set.hpp"

namespace mf {

/// Δ = 1/(3k − 1), the clusters' radius and the least distance between two of them.
double cluster_spacing(int k);

/// The ±1 label of each of the k² clusters (cluster p + k·q at column p, row q), from the seed.
Eigen::VectorXi cluster_labels(int k, unsigned long seed);

/// Samples share.begin … share.end − 1 of n samples in R^d (d ≥ 2) of the distribution of seed
/// `seed` (the same labels for every `sample_seed`); `sample_seed` draws the points (a test set
/// takes another one). All samples: share = {0, n}.
DataSet cluster_data(int k, int d, int n, unsigned long seed, unsigned long sample_seed, IndexRange share);

}  // namespace mf
