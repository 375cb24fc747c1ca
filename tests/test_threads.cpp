// When OpenMP regions run on the team (base/parallel_threshold.hpp).

#include <gtest/gtest.h>

#include "base/parallel_threshold.hpp"

namespace mf {
namespace {

TEST(ParallelThreshold, SerialBelowTheThresholdUnlessForced) {
  EXPECT_FALSE(parallel::worth_parallel(999, 1000));
  EXPECT_TRUE(parallel::worth_parallel(1000, 1000));
  {
    const parallel::ForceParallel force;
    EXPECT_TRUE(parallel::worth_parallel(1, 1000));
    {
      const parallel::ForceParallel nested;
      EXPECT_TRUE(parallel::worth_parallel(1, 1000));
    }
    EXPECT_TRUE(parallel::worth_parallel(1, 1000));
  }
  EXPECT_FALSE(parallel::worth_parallel(1, 1000));
}

TEST(ParallelThreshold, DynamicChunksAreAboutSixtyFourAndNeverZero) {
  EXPECT_EQ(parallel::dynamic_chunk(0), 1);
  EXPECT_EQ(parallel::dynamic_chunk(100), 1);
  EXPECT_EQ(parallel::dynamic_chunk(6400), 100);
}

}  // namespace
}  // namespace mf
