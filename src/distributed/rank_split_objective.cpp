#include "distributed/rank_split_objective.hpp"

#include <vector>

#include "distributed/rank_sums.hpp"

namespace mf {

RankSplitObjective::RankSplitObjective(const Objective& inner) : inner_(inner) {}

void RankSplitObjective::potential(const Measure& mu, const Eigen::MatrixXd& points, Eigen::VectorXd& V,
                                   Eigen::MatrixXd* grad) const {
  const int ranks = ranks_of_this_run(), rank = rank_of_this_process(), d = static_cast<int>(points.rows());
  const long count = points.cols();
  const RankShare mine = rank_share(count, rank, ranks);
  const Eigen::MatrixXd my_points = points.middleCols(mine.begin, mine.size());
  Eigen::VectorXd my_V;
  Eigen::MatrixXd my_grad;
  if (const DataObjective* data = inner_.as_data_set()) {
    const RankShare atoms = rank_share(mu.size(), rank, ranks);
    const Measure part{mu.directions.middleCols(atoms.begin, atoms.size()), mu.weights.segment(atoms.begin, atoms.size())};
    Eigen::VectorXd f = atoms.size() > 0 ? data->predict(part) : Eigen::VectorXd::Zero(data->data().size());
    sum_over_ranks(f.data(), f.size());
    if (mine.size() > 0) data->potential_at_prediction(f, my_points, my_V, grad ? &my_grad : nullptr);
  } else if (mine.size() > 0) {
    inner_.potential(mu, my_points, my_V, grad ? &my_grad : nullptr);
  }
  std::vector<long> counts(static_cast<std::size_t>(ranks)), grad_counts(counts.size());
  for (int r = 0; r < ranks; ++r) {
    counts[static_cast<std::size_t>(r)] = rank_share(count, r, ranks).size();
    grad_counts[static_cast<std::size_t>(r)] = d * counts[static_cast<std::size_t>(r)];
  }
  V.resize(count);
  if (mine.size() > 0) V.segment(mine.begin, mine.size()) = my_V;
  gather_blocks(V.data(), counts);
  if (!grad) return;
  grad->resize(d, count);
  if (mine.size() > 0) grad->middleCols(mine.begin, mine.size()) = my_grad;
  gather_blocks(grad->data(), grad_counts);
}

std::unique_ptr<Objective> split_over_ranks(const Objective& inner) {
  if (ranks_of_this_run() == 1) return nullptr;
  return std::make_unique<RankSplitObjective>(inner);
}

}  // namespace mf
