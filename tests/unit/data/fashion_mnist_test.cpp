// The embedded default dataset, read from Debian's dataset-fashion-mnist package.
#include <gtest/gtest.h>

#include "core/data/dataset_registry.h"

namespace ms::data {
namespace {

TEST(FashionMnist, IsKnownAndInstalled) {
  auto known = known_datasets();
  ASSERT_FALSE(known.empty());
  EXPECT_EQ(known.front().name, "fashion-mnist");
  EXPECT_TRUE(known.front().available) << "install dataset-fashion-mnist (packaging/install-deps.sh)";
}

TEST(FashionMnist, SplitsHaveTheirPublishedSizes) {
  for (auto [split, count] : {std::pair<const char*, int64_t>{"train", 60000}, {"test", 10000}}) {
    auto dataset = open_dataset(std::string("fashion-mnist:") + split);
    ASSERT_TRUE(dataset.ok()) << dataset.error();
    auto summary = summarize(*dataset);
    EXPECT_EQ(summary.count, count);
    EXPECT_EQ(dataset->item_shape, (std::vector<int64_t>{1, 28, 28}));
    ASSERT_EQ(dataset->num_classes(), 10);
    EXPECT_EQ(dataset->class_names[9], "Ankle boot");
    for (int64_t per_class : summary.class_counts) EXPECT_EQ(per_class, count / 10);  // balanced by construction
    EXPECT_EQ(summary.min_value, 0.0f);
    EXPECT_EQ(summary.max_value, 255.0f);
  }
}

TEST(FashionMnist, FirstTestItemIsAnAnkleBoot) {
  // Label 9 of the first t10k image is part of the dataset's published order.
  auto dataset = open_dataset("fashion-mnist:test");
  ASSERT_TRUE(dataset.ok()) << dataset.error();
  EXPECT_EQ(dataset->labels[0], 9);
  EXPECT_EQ(dataset->labels[1], 2);
}

TEST(Registry, UnknownNamesAndSplitsAreClearErrors) {
  auto missing = open_dataset("no-such-dataset");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().find("no-such-dataset"), std::string::npos);
  auto bad_split = open_dataset("fashion-mnist:validation");
  ASSERT_FALSE(bad_split.ok());
  EXPECT_NE(bad_split.error().find("validation"), std::string::npos);
  EXPECT_EQ(expand_splits("fashion-mnist").size(), 2u);
}

// Found by fuzz_dataset_spec: "@8x666668" resized every image to 5 megapixels (on Fashion-MNIST's test split,
// 213 GB as floats: std::bad_alloc ended the program).
TEST(Registry, ResizesBeyondWhatMemoryHoldsAreRefused) {
  for (const char* size : {"@0x28", "@28x-3", "@100000x100000", "@4097x4097"}) {
    auto resized = open_dataset(std::string("fashion-mnist:test") + size);
    ASSERT_FALSE(resized.ok()) << size;
    EXPECT_NE(resized.error().find("at most 16 megapixels"), std::string::npos) << resized.error();
  }
  auto huge = open_dataset("fashion-mnist:test@8x666668");
  ASSERT_FALSE(huge.ok());
  EXPECT_NE(huge.error().find("resizing 10000 images to 8x666668 needs 213 GB"), std::string::npos) << huge.error();
  EXPECT_TRUE(open_dataset("fashion-mnist:test[0,1]@32x32").ok());
}

}  // namespace
}  // namespace ms::data
