#include "core/data/sampling.h"

#include <gtest/gtest.h>

namespace ms::data {
namespace {

std::vector<int32_t> labels_with_counts(const std::vector<int>& counts) {
  std::vector<int32_t> labels;
  // Interleave classes so that groups are not contiguous in the input.
  for (int round = 0; round < 1000; ++round)
    for (size_t c = 0; c < counts.size(); ++c)
      if (round < counts[c]) labels.push_back(static_cast<int32_t>(c));
  return labels;
}

TEST(Sampling, BalancedDeterministicAndSeedDependent) {
  auto labels = labels_with_counts({100, 80, 120});
  SamplingOptions options{30, 7, true, 1};
  auto first = sample_per_class(labels, 3, options);
  auto again = sample_per_class(labels, 3, options);
  ASSERT_TRUE(first.ok()) << first.error();
  EXPECT_EQ(*first, *again);
  ASSERT_EQ(first->size(), 90u);
  for (size_t i = 0; i < first->size(); ++i) EXPECT_EQ(labels[(*first)[i]], static_cast<int32_t>(i / 30));
  options.seed = 8;
  EXPECT_NE(*sample_per_class(labels, 3, options), *first);
}

TEST(Sampling, EveryItemIsEquallyLikely) {
  // 10 of 20 items, 4000 seeds: each item is chosen with probability 1/2 (binomial sd ~32, tolerance 5 sd).
  std::vector<int32_t> labels(20, 0);
  std::vector<int> hits(20, 0);
  for (uint64_t seed = 0; seed < 4000; ++seed)
    for (int64_t index : *sample_per_class(labels, 1, {10, seed, true, 1})) ++hits[index];
  for (int h : hits) EXPECT_NEAR(h, 2000, 160);
}

TEST(Sampling, SmallClassesFollowThePolicy) {
  auto labels = labels_with_counts({10, 3});
  auto fewer = sample_per_class(labels, 2, {5, 1, true, 1});
  ASSERT_TRUE(fewer.ok());
  EXPECT_EQ(fewer->size(), 8u);
  auto strict = sample_per_class(labels, 2, {5, 1, false, 1});
  ASSERT_FALSE(strict.ok());
  EXPECT_NE(strict.error().find("class 1 has 3 items"), std::string::npos) << strict.error();
  auto empty = sample_per_class(labels, 3, {5, 1, true, 1});  // class 2 has no items at all
  ASSERT_FALSE(empty.ok());
  EXPECT_NE(empty.error().find("class 2 has 0 items"), std::string::npos) << empty.error();
}

}  // namespace
}  // namespace ms::data
