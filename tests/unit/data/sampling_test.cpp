#include "core/data/sampling.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

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

std::vector<int64_t> class_counts(const std::vector<int32_t>& labels, const std::vector<int64_t>& rows, int classes) {
  std::vector<int64_t> counts(classes, 0);
  for (int64_t row : rows) ++counts[labels[row]];
  return counts;
}

TEST(StratifiedSampling, AtMostTheLimitWithClassCountsWithinOne) {
  auto labels = labels_with_counts({100, 80, 120, 90});
  for (int64_t total : {25, 40, 101, 320}) {  // up to 4 x the smallest class, 80: every class has items to spare
    auto rows = sample_stratified(labels, 4, total, 3);
    ASSERT_TRUE(rows.ok()) << rows.error();
    ASSERT_EQ(static_cast<int64_t>(rows->size()), total);
    const auto counts = class_counts(labels, *rows, 4);
    EXPECT_LE(*std::max_element(counts.begin(), counts.end()) - *std::min_element(counts.begin(), counts.end()), 1)
        << total;
    std::set<int64_t> unique(rows->begin(), rows->end());
    EXPECT_EQ(unique.size(), rows->size());
    EXPECT_EQ(*sample_stratified(labels, 4, total, 3), *rows) << "the same seed gives the same sample";
  }
  EXPECT_NE(*sample_stratified(labels, 4, 25, 4), *sample_stratified(labels, 4, 25, 3));
}

TEST(StratifiedSampling, SmallClassesGiveAllAndTheOthersShareTheRest) {
  auto labels = labels_with_counts({3, 50, 50, 0});
  auto rows = sample_stratified(labels, 4, 40, 1);
  ASSERT_TRUE(rows.ok()) << rows.error();
  // 40 over 4 classes: class 3 has nothing, class 0 gives its 3, classes 1 and 2 share 37 as 19 and 18.
  auto counts = class_counts(labels, *rows, 4);
  EXPECT_EQ(counts[0], 3);
  EXPECT_EQ(counts[3], 0);
  EXPECT_EQ(counts[1] + counts[2], 37);
  EXPECT_EQ(std::abs(counts[1] - counts[2]), 1);
  // A limit beyond the set takes every item; a bad label is an error that names it.
  EXPECT_EQ(sample_stratified(labels, 4, 1000, 1)->size(), labels.size());
  auto bad = sample_stratified({0, 1, 7}, 2, 2, 0);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().find("label 7 at index 2"), std::string::npos) << bad.error();
}

}  // namespace
}  // namespace ms::data
