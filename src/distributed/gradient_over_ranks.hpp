#pragma once
// Plain-network training with the data set split across MPI ranks: each rank holds a
// contiguous share of the samples, packed with PackedBatch::normalizer = the whole set's n
// (or the mini-batch's size), computes the fused kernels' loss and gradient over its share,
// and the shares' sums are added in rank order (distributed/rank_sums.hpp: one sum of
// m(d̃ + 1) + 1 doubles per step). Every rank then takes the same step, so the weights stay
// the same on all ranks; the result equals the 1-rank gradient up to the order of the sums
// over points (round-off).

#include "network/network_gradient.hpp"

namespace mf {

/// out.loss, out.a, out.b: summed over ranks; out.prediction: f at this rank's points only.
/// A rank with no points (a small mini-batch) contributes zeros.
void gradient_over_ranks(const PlainNetwork& net, const PackedBatch& share, Loss loss, NetworkGradient& out);

}  // namespace mf
