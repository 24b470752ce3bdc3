#include "core/data/idx_reader.h"

#include <gtest/gtest.h>
#include <sys/resource.h>

#include "tests/unit/data/test_files.h"

namespace ms::data {
namespace {

std::vector<unsigned char> ramp(size_t n) {
  std::vector<unsigned char> bytes(n);
  for (size_t i = 0; i < n; ++i) bytes[i] = static_cast<unsigned char>(i % 251);
  return bytes;
}

TEST(IdxReader, ReadsRawAndGzipIdentically) {
  const std::string dir = test::scratch_dir("idx_raw_gz");
  test::write_idx(dir + "/a.idx", 0x08, {3, 2, 4}, ramp(24), false);
  test::write_idx(dir + "/a.idx.gz", 0x08, {3, 2, 4}, ramp(24), true);
  auto raw = read_idx_file(dir + "/a.idx");
  auto gz = read_idx_file(dir + "/a.idx.gz");
  ASSERT_TRUE(raw.ok()) << raw.error();
  ASSERT_TRUE(gz.ok()) << gz.error();
  EXPECT_EQ(raw->dims, (std::vector<int64_t>{3, 2, 4}));
  EXPECT_EQ(raw->values, gz->values);
  EXPECT_EQ(raw->values[23], 23.0f);
  EXPECT_EQ(raw->element_type, "uint8");
}

TEST(IdxReader, DecodesBigEndianWideTypes) {
  const std::string dir = test::scratch_dir("idx_wide");
  // int32 values 1 and -2, big-endian.
  test::write_idx(dir + "/i.idx", 0x0C, {2}, {0, 0, 0, 1, 0xFF, 0xFF, 0xFF, 0xFE}, false);
  auto array = read_idx_file(dir + "/i.idx");
  ASSERT_TRUE(array.ok()) << array.error();
  EXPECT_EQ(array->values, (std::vector<float>{1.0f, -2.0f}));
}

TEST(IdxReader, TruncatedPayloadNamesFileAndDefect) {
  const std::string dir = test::scratch_dir("idx_truncated");
  for (bool gz : {false, true}) {
    const std::string path = dir + (gz ? "/t.idx.gz" : "/t.idx");
    test::write_idx(path, 0x08, {10, 28, 28}, ramp(10 * 784 - 100), gz);
    auto array = read_idx_file(path);
    ASSERT_FALSE(array.ok());
    EXPECT_NE(array.error().find(path), std::string::npos) << array.error();
    EXPECT_NE(array.error().find("truncated"), std::string::npos) << array.error();
  }
}

long peak_rss_mb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;
}

// Found by fuzz_idx: a header declaring 2 GB before a few bytes of data made the reader allocate (and zero) 2 GB.
TEST(IdxReader, AHeaderClaimingGigabytesCostsOnlyWhatTheFileHolds) {
  const std::string dir = test::scratch_dir("idx_claims");
  for (bool gz : {false, true}) {
    const std::string path = dir + (gz ? "/claim.idx.gz" : "/claim.idx");
    test::write_idx(path, 0x08, {1u << 15, 1u << 8, 1u << 8}, ramp(1000), gz);
    const long before = peak_rss_mb();
    auto array = read_idx_file(path);
    ASSERT_FALSE(array.ok());
    EXPECT_NE(array.error().find("truncated"), std::string::npos) << array.error();
    EXPECT_LT(peak_rss_mb() - before, 256) << "the reader reserved the declared 2 GB";
  }
}

// Found by fuzz_idx: extents whose product overflows 64 bits.
TEST(IdxReader, ExtentsWhoseProductOverflowsAreRefused) {
  const std::string dir = test::scratch_dir("idx_overflow");
  test::write_idx(dir + "/o.idx", 0x0D, {0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu}, ramp(12), false);
  auto array = read_idx_file(dir + "/o.idx");
  ASSERT_FALSE(array.ok());
  EXPECT_NE(array.error().find("implausibly large"), std::string::npos) << array.error();
}

TEST(IdxReader, TruncatedGzipStreamIsAnError) {
  const std::string dir = test::scratch_dir("idx_cut_stream");
  test::write_idx(dir + "/full.gz", 0x08, {100, 28, 28}, ramp(78400), true);
  auto bytes = test::read_bytes(dir + "/full.gz");
  bytes.resize(bytes.size() / 2);
  test::write_bytes(dir + "/cut.gz", bytes);
  auto array = read_idx_file(dir + "/cut.gz");
  ASSERT_FALSE(array.ok());
  EXPECT_NE(array.error().find("cut.gz"), std::string::npos);
}

TEST(IdxReader, WrongMagicIsRejected) {
  const std::string dir = test::scratch_dir("idx_magic");
  test::write_bytes(dir + "/bad.idx", {0x50, 0x4B, 0x03, 0x04, 1, 2, 3, 4});
  auto array = read_idx_file(dir + "/bad.idx");
  ASSERT_FALSE(array.ok());
  EXPECT_NE(array.error().find("bad magic number 50 4b 03 04"), std::string::npos) << array.error();
  test::write_idx(dir + "/type.idx", 0x07, {1}, {0}, false);  // 0x07 is no IDX type
  EXPECT_FALSE(read_idx_file(dir + "/type.idx").ok());
}

TEST(IdxReader, TrailingBytesAreRejected) {
  const std::string dir = test::scratch_dir("idx_trailing");
  test::write_idx(dir + "/x.idx", 0x08, {4}, ramp(6), false);
  EXPECT_FALSE(read_idx_file(dir + "/x.idx").ok());
}

TEST(IdxReader, MissingFileIsAnError) {
  auto array = read_idx_file("/nonexistent/dir/file.idx");
  ASSERT_FALSE(array.ok());
  EXPECT_NE(array.error().find("/nonexistent/dir/file.idx"), std::string::npos);
}

TEST(IdxDataset, MismatchedCountsAndBadLabelsAreErrors) {
  const std::string dir = test::scratch_dir("idx_dataset");
  test::write_idx(dir + "/images", 0x08, {4, 2, 2}, ramp(16), false);
  test::write_idx(dir + "/labels3", 0x08, {3}, {0, 1, 2}, false);
  test::write_idx(dir + "/labels_ok", 0x08, {4}, {0, 1, 2, 1}, false);
  test::write_idx(dir + "/labels_range", 0x08, {4}, {0, 1, 7, 1}, false);

  auto mismatched = read_idx_dataset(dir + "/images", dir + "/labels3");
  ASSERT_FALSE(mismatched.ok());
  EXPECT_NE(mismatched.error().find("3 labels for 4 images"), std::string::npos) << mismatched.error();

  auto out_of_range = read_idx_dataset(dir + "/images", dir + "/labels_range", {"a", "b", "c"});
  ASSERT_FALSE(out_of_range.ok());
  EXPECT_NE(out_of_range.error().find("label 2 is 7"), std::string::npos) << out_of_range.error();

  auto ok = read_idx_dataset(dir + "/images", dir + "/labels_ok");
  ASSERT_TRUE(ok.ok()) << ok.error();
  EXPECT_EQ(ok->item_shape, (std::vector<int64_t>{1, 2, 2}));
  EXPECT_EQ(ok->num_classes(), 3);
  EXPECT_EQ(ok->item(3)[0], 12.0f);
}

}  // namespace
}  // namespace ms::data
