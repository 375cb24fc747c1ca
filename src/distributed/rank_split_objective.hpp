#pragma once
// An objective whose potential is computed by the ranks of mpirun together, for the conic
// particle flows with their particles split across ranks. Every rank holds the whole state
// (all directions and masses); the potential V[μ] at the particles is what a right-hand side
// needs, and
//   population kernel: rank r evaluates V at its share of the points against all atoms
//     (O(m²d/P)); the shares are gathered (m(d + 1) doubles) — each value is computed exactly
//     as on one rank;
//   any other objective (deconvolution): the same, V at its share of the points;
//   data set: rank r predicts f with its share of the atoms at every data input, the parts
//     of f are added in rank order (n doubles), then it evaluates V at its share of the
//     points (O(nmd/P) each) and the shares are gathered.
// J, D and the teacher come from the wrapped objective, on every rank (once per frame).

#include <memory>

#include "objective/objective.hpp"

namespace mf {

class RankSplitObjective : public Objective {
 public:
  /// Keeps a reference to `inner`.
  explicit RankSplitObjective(const Objective& inner);
  int dimension() const override { return inner_.dimension(); }
  Domain domain() const override { return inner_.domain(); }
  double loss(const Measure& mu) const override { return inner_.loss(mu); }
  void potential(const Measure& mu, const Eigen::MatrixXd& points, Eigen::VectorXd& V,
                 Eigen::MatrixXd* grad) const override;
  double distance(const Measure& mu, const Measure& nu) const override { return inner_.distance(mu, nu); }
  const Measure* teacher() const override { return inner_.teacher(); }
  double smoothness() const override { return inner_.smoothness(); }

 private:
  const Objective& inner_;
};

/// A RankSplitObjective of `inner` on more than one rank; null on one.
std::unique_ptr<Objective> split_over_ranks(const Objective& inner);

}  // namespace mf
