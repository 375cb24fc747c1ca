#include "distributed/gradient_over_ranks.hpp"

#include <cmath>
#include <vector>

#include "distributed/rank_sums.hpp"

namespace mf {

void gradient_over_ranks(const PlainNetwork& net, const PackedBatch& share, Loss loss, NetworkGradient& out) {
  if (share.n > 0) {
    network_gradient::fused::compute(net, share, loss, out);
  } else {
    out.loss = 0.0;
    out.prediction.resize(0);
    out.a.setZero(net.width());
    out.b.setZero(net.b.rows(), net.width());
  }
  if (ranks_of_this_run() == 1) return;
  if (share.centre_loss_exponent) {
    // Each rank's sums are e^{s_r} times its share's; all are brought to the least s over ranks
    // (e^{s − s_r} ≤ 1) before they are added. A rank without points has s_r = +∞ and zeros.
    const double own = share.n > 0 ? out.loss_exponent_shift : HUGE_VAL;
    const double s = min_over_ranks(own);
    const double factor = share.n > 0 ? std::exp(s - own) : 0.0;
    out.loss *= factor;
    out.a *= factor;
    out.b *= factor;
    out.loss_exponent_shift = s;
  }
  const long m = out.a.size(), nb = out.b.size();
  std::vector<double> sums(static_cast<std::size_t>(1 + m + nb));
  sums[0] = out.loss;
  std::copy(out.a.data(), out.a.data() + m, sums.begin() + 1);
  std::copy(out.b.data(), out.b.data() + nb, sums.begin() + 1 + m);
  sum_over_ranks(sums.data(), static_cast<long>(sums.size()));
  out.loss = sums[0];
  std::copy(sums.begin() + 1, sums.begin() + 1 + m, out.a.data());
  std::copy(sums.begin() + 1 + m, sums.end(), out.b.data());
}

}  // namespace mf
