#pragma once
// A contiguous range [begin, end) of indices: a rank's share of the samples or the particles
// of a run split across MPI ranks (distributed/rank_sums.hpp).

namespace mf {

struct IndexRange {
  long begin = 0, end = 0;
  long size() const { return end - begin; }
  bool contains(long i) const { return i >= begin && i < end; }
};

}  // namespace mf
