#include "algorithms/atom_merging.hpp"

#include <cmath>
#include <vector>

#include "objective/relu_kernel.hpp"

namespace mf {

int merge_close_atoms(ConicParticles& p, double eps) {
  const int m = p.size();
  if (m < 2 || !(eps > 0.0)) return 0;
  const double cos_eps = std::cos(eps);  // angle < ε ⇔ θ_i·θ_j > cos ε (ε ≤ π)
  std::vector<char> alive(static_cast<std::size_t>(m), 1);
  int merges = 0;
  for (bool changed = true; changed;) {
    changed = false;
    for (int i = 0; i < m; ++i) {
      if (!alive[static_cast<std::size_t>(i)]) continue;
      for (int j = i + 1; j < m; ++j) {
        if (!alive[static_cast<std::size_t>(j)] || p.sign[j] != p.sign[i]) continue;
        if (clamp_cosine(p.theta.col(i).dot(p.theta.col(j))) <= cos_eps) continue;
        const Eigen::VectorXd mean = p.mass[i] * p.theta.col(i) + p.mass[j] * p.theta.col(j);
        const double norm = mean.norm();
        if (norm > 0.0) p.theta.col(i) = mean / norm;  // both masses 0: keep θ_i
        p.mass[i] += p.mass[j];
        alive[static_cast<std::size_t>(j)] = 0;
        ++merges;
        changed = true;
      }
    }
  }
  if (merges == 0) return 0;
  int kept = 0;
  for (int j = 0; j < m; ++j) {
    if (!alive[static_cast<std::size_t>(j)]) continue;
    p.theta.col(kept) = p.theta.col(j);
    p.mass[kept] = p.mass[j];
    p.sign[kept] = p.sign[j];
    ++kept;
  }
  p.theta.conservativeResize(Eigen::NoChange, kept);
  p.mass.conservativeResize(kept);
  p.sign.conservativeResize(kept);
  return merges;
}

}  // namespace mf
