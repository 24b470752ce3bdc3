// Shards: I/N parsing with clear errors, and slices that are disjoint, cover the list and ignore the given order.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "core/pipeline/shard.h"

namespace ms::pipeline {
namespace {

TEST(Shard, ParsesIOverNAndRefusesTheRest) {
  auto shard = parse_shard("3/8");
  ASSERT_TRUE(shard.ok()) << shard.error();
  EXPECT_EQ(shard->index, 3);
  EXPECT_EQ(shard->count, 8);
  EXPECT_TRUE(parse_shard("0/1").ok());
  for (const char* bad : {"8/8", "1/0", "-1/4", "a/4", "3", "3/", "/4", "1/4/2", " 1/4"}) {
    auto refused = parse_shard(bad);
    ASSERT_FALSE(refused.ok()) << bad;
    EXPECT_NE(refused.error().find("expected I/N with 0 <= I < N"), std::string::npos) << refused.error();
  }
}

TEST(Shard, SlicesAreDisjointCoverTheListAndIgnoreTheOrderGiven) {
  const std::vector<std::string> files{"z/e.pt", "a/b.pt", "a/a.pt", "c.pt", "b/x.pt", "d.pt", "a/c.pt"};
  std::vector<std::string> reversed(files.rbegin(), files.rend());
  std::multiset<std::string> covered;
  for (int i = 0; i < 3; ++i) {
    const std::vector<std::string> slice = shard_files(files, {i, 3});
    EXPECT_EQ(slice, shard_files(reversed, {i, 3})) << "shard " << i;
    EXPECT_GE(slice.size(), 2u);
    covered.insert(slice.begin(), slice.end());
  }
  EXPECT_EQ(covered, std::multiset<std::string>(files.begin(), files.end()));
  EXPECT_EQ(shard_files(files, {0, 3}), (std::vector<std::string>{"a/a.pt", "b/x.pt", "z/e.pt"}));
  EXPECT_TRUE(shard_files(files, {9, 10}).empty()) << "more shards than files: the last are empty";
  EXPECT_EQ(shard_files(files, {0, 1}).size(), files.size());
}

}  // namespace
}  // namespace ms::pipeline
