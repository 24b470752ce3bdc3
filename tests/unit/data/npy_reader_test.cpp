// .npy arrays, datasets from them (CIFAR-10-C's layout and its severity specs), and ImageNet-C's severity folders,
// on small files written here (and, when Debian's numpy is installed, by numpy itself).
#include <gtest/gtest.h>
#include <stb_image_write.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "core/data/dataset_registry.h"
#include "core/data/npy_dataset.h"
#include "core/data/npy_reader.h"
#include "tests/unit/data/test_files.h"

namespace ms::data {
namespace {

namespace fs = std::filesystem;

// A fresh folder named after the running test: CTest runs every case as its own process, in parallel.
std::string test_dir() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  return test::scratch_dir(std::string("npy_") + info->test_suite_name() + "_" + info->name());
}

void write_npy(const std::string& path, const std::string& descr, const std::vector<int64_t>& shape,
               const std::vector<unsigned char>& payload, int major = 1) {
  test::write_bytes(path, test::npy_bytes(test::npy_header(descr, shape), payload, major));
}

void write_labels(const std::string& path, const std::vector<int64_t>& labels) {
  write_npy(path, "<i8", {static_cast<int64_t>(labels.size())}, test::le_bytes(labels));
}

template <class T>
void expect_error(const Result<T>& result, const std::string& file, const std::string& defect) {
  ASSERT_FALSE(result.ok()) << "expected an error saying: " << defect;
  EXPECT_NE(result.error().find(file), std::string::npos) << result.error();
  EXPECT_NE(result.error().find(defect), std::string::npos) << result.error();
}

template <class T>
void check_dtype(const std::string& dir, const std::string& descr, const std::string& type, std::vector<T> values) {
  SCOPED_TRACE(descr);
  const std::string path = dir + "/" + type + ".npy";
  write_npy(path, descr, {3, 2}, test::le_bytes(values));
  auto header = read_npy_header(path);
  ASSERT_TRUE(header.ok()) << header.error();
  EXPECT_EQ(header->element_type, type);
  EXPECT_EQ(header->shape, (std::vector<int64_t>{3, 2}));
  auto rows = read_npy_rows(*header, 1, 2);  // the last two rows only
  ASSERT_TRUE(rows.ok()) << rows.error();
  EXPECT_EQ(*rows, std::vector<float>(values.begin() + 2, values.end()));
}

TEST(NpyReader, ReadsEveryDtypeByRows) {
  const std::string dir = test_dir();
  check_dtype<uint8_t>(dir, "|u1", "uint8", {0, 1, 2, 128, 254, 255});
  check_dtype<int8_t>(dir, "|i1", "int8", {-128, -1, 0, 1, 2, 127});
  check_dtype<uint16_t>(dir, "<u2", "uint16", {0, 1, 300, 65535, 7, 8});
  check_dtype<int16_t>(dir, "<i2", "int16", {-32768, -300, 0, 300, 32767, 5});
  check_dtype<uint32_t>(dir, "<u4", "uint32", {0, 1, 70000, 4000000, 5, 6});
  check_dtype<int32_t>(dir, "<i4", "int32", {-70000, -1, 0, 4000000, 5, 6});
  check_dtype<uint64_t>(dir, "<u8", "uint64", {0, 1, 1u << 20, 9, 10, 11});
  check_dtype<int64_t>(dir, "<i8", "int64", {-5, -(1 << 20), 0, 3, 4, 5});
  check_dtype<float>(dir, "<f4", "float32", {-1.5f, 0.25f, 3, 1e-3f, 7, 8});
  check_dtype<double>(dir, "<f8", "float64", {-2.5, 0.125, 1e10, 3, 4, 5});
}

TEST(NpyReader, ReadsVersions2And3AndIgnoresTrailingData) {
  const std::string dir = test_dir();
  for (int major : {2, 3}) {
    auto payload = test::le_bytes(std::vector<int32_t>{7, -8, 9});
    payload.insert(payload.end(), {1, 2, 3});  // more than declared: fine, as for NumPy
    const std::string path = dir + "/v" + std::to_string(major) + ".npy";
    write_npy(path, "<i4", {3}, payload, major);
    auto header = read_npy_header(path);
    ASSERT_TRUE(header.ok()) << header.error();
    EXPECT_EQ(header->data_offset % 64, 0);
    auto rows = read_npy_rows(*header, 0, 3);
    ASSERT_TRUE(rows.ok()) << rows.error();
    EXPECT_EQ(*rows, (std::vector<float>{7, -8, 9}));
    expect_error(read_npy_rows(*header, 2, 2), path, "rows 2..3 requested but the array has 3");
  }
}

TEST(NpyReader, FileDefectsAreErrorsNamingTheFile) {
  const std::string dir = test_dir();
  const auto six_floats = test::le_bytes(std::vector<float>{1, 2, 3, 4, 5, 6});

  test::write_bytes(dir + "/short.npy", {0x93, 'N', 'U'});
  expect_error(read_npy_header(dir + "/short.npy"), "short.npy", "too short for a .npy header");
  test::write_bytes(dir + "/magic.npy", {'P', 'K', 3, 4, 0, 0, 0, 0, 0, 0, 0, 0});
  expect_error(read_npy_header(dir + "/magic.npy"), "magic.npy", "not a .npy file");
  test::write_bytes(dir + "/v4.npy", test::npy_bytes(test::npy_header("<f4", {6}), six_floats, 4));
  expect_error(read_npy_header(dir + "/v4.npy"), "v4.npy", "unsupported .npy format version 4.0");

  auto cut_header = test::npy_bytes(test::npy_header("<f4", {6}), {});
  cut_header.resize(30);
  test::write_bytes(dir + "/cut_header.npy", cut_header);
  expect_error(read_npy_header(dir + "/cut_header.npy"), "cut_header.npy", "truncated .npy header");

  auto cut_data = test::npy_bytes(test::npy_header("<f4", {3, 2}), six_floats);
  cut_data.resize(cut_data.size() - 4);
  test::write_bytes(dir + "/cut_data.npy", cut_data);
  expect_error(read_npy_header(dir + "/cut_data.npy"), "cut_data.npy",
               "truncated: shape 3x2 of float32 needs 24 bytes of data but only 20 follow the header");

  test::write_bytes(dir + "/fortran.npy", test::npy_bytes(test::npy_header("<f4", {3, 2}, true), six_floats));
  expect_error(read_npy_header(dir + "/fortran.npy"), "fortran.npy", "fortran_order is True");

  write_npy(dir + "/big.npy", ">i4", {6}, six_floats);
  expect_error(read_npy_header(dir + "/big.npy"), "big.npy", "big-endian dtype '>i4' is not supported");

  for (const char* descr : {"<c8", "|b1", "<f2", "<U3", "|O", "=f4"}) {
    write_npy(dir + "/dtype.npy", descr, {6}, six_floats);
    expect_error(read_npy_header(dir + "/dtype.npy"), "dtype.npy", std::string("unsupported dtype '") + descr + "'");
  }
}

TEST(NpyReader, UnparsableHeadersAndOverflowingShapesAreErrors) {
  const std::string dir = test_dir();
  const std::vector<std::pair<std::string, std::string>> broken = {
      {"[1, 2]", "it does not start with '{'"},
      {"{'descr': '<f4', 'fortran_order': False}", "no 'shape'"},
      {"{'descr': '<f4' 'fortran_order': False, 'shape': (2,)}", "expected ',' or '}'"},
      {"{'descr': '<f4', 'fortran_order': Maybe, 'shape': (2,)}", "'fortran_order' is not True or False"},
      {"{'descr': '<f4', 'fortran_order': False, 'shape': (2, x)}", "'shape' is not a tuple"},
      {"{'descr': '<f4', 'fortran_order': False, 'shape': (2,", "'shape' is not a tuple"},
      {"{'descr': '<f4', 'fortran_order': False, 'shape': (99999999999999999999,)}", "extent is too large"},
      {"{'descr': '<f4', 'fortran_order': False, 'shape': (2,), 'extra': 1}", "unexpected key 'extra'"},
      {"{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (2,)}", "structured dtypes"},
      {"{'descr': '<f4', 'fortran_order': False, 'shape': (2,)} junk", "unexpected text after '}'"},
      {"{'descr: '<f4'}", "expected ':'"},
  };
  for (const auto& [header, defect] : broken) {
    SCOPED_TRACE(header);
    test::write_bytes(dir + "/bad.npy", test::npy_bytes(header, std::vector<unsigned char>(8)));
    auto parsed = read_npy_header(dir + "/bad.npy");
    expect_error(parsed, "bad.npy", defect);
    if (!parsed.ok()) {
      EXPECT_NE(parsed.error().find(".npy header does not parse: "), std::string::npos);
    }
  }

  write_npy(dir + "/huge.npy", "|u1", {int64_t{1} << 40, int64_t{1} << 40}, {});
  expect_error(read_npy_header(dir + "/huge.npy"), "huge.npy", "has more values than can be addressed");
  // A zero row count must not hide an overflowing row size.
  write_npy(dir + "/zero.npy", "|u1", {0, int64_t{1} << 40, int64_t{1} << 40}, {});
  expect_error(read_npy_header(dir + "/zero.npy"), "zero.npy", "has more values than can be addressed");
  write_npy(dir + "/bytes.npy", "<f8", {int64_t{1} << 61, 2}, {});
  expect_error(read_npy_header(dir + "/bytes.npy"), "bytes.npy", "has more bytes than can be addressed");
}

// n x h x w x 3 uint8 with value(i, y, x, c) = i*50 + y*15 + x*4 + c.
std::vector<unsigned char> nhwc_pixels(int n, int h, int w) {
  std::vector<unsigned char> bytes;
  for (int i = 0; i < n; ++i)
    for (int y = 0; y < h; ++y)
      for (int x = 0; x < w; ++x)
        for (int c = 0; c < 3; ++c) bytes.push_back(static_cast<unsigned char>(i * 50 + y * 15 + x * 4 + c));
  return bytes;
}

TEST(NpyDataset, NhwcUint8BecomesChannelMajorInFileUnits) {
  const std::string dir = test_dir();
  write_npy(dir + "/images.npy", "|u1", {4, 2, 3, 3}, nhwc_pixels(4, 2, 3));
  write_labels(dir + "/labels.npy", {0, 2, 1, 2});
  auto dataset = read_npy_dataset(dir + "/images.npy");
  ASSERT_TRUE(dataset.ok()) << dataset.error();
  EXPECT_EQ(dataset->count(), 4);
  EXPECT_EQ(dataset->item_shape, (std::vector<int64_t>{3, 2, 3}));
  EXPECT_EQ(dataset->element_type, "uint8");
  EXPECT_EQ(dataset->labels, (std::vector<int32_t>{0, 2, 1, 2}));
  EXPECT_EQ(dataset->class_names, (std::vector<std::string>{"0", "1", "2"}));
  for (int i = 0; i < 4; ++i)
    for (int c = 0; c < 3; ++c)
      for (int y = 0; y < 2; ++y)
        for (int x = 0; x < 3; ++x)
          ASSERT_EQ(dataset->item(i)[c * 6 + y * 3 + x], i * 50 + y * 15 + x * 4 + c) << i << c << y << x;
  auto by_spec = open_dataset(dir + "/images.npy");
  ASSERT_TRUE(by_spec.ok()) << by_spec.error();
  EXPECT_EQ(by_spec->values, dataset->values);
}

TEST(NpyDataset, NchwGreyAndFeatureLayouts) {
  const std::string dir = test_dir();
  std::vector<float> ramp(24);
  for (size_t i = 0; i < ramp.size(); ++i) ramp[i] = 0.5f * static_cast<float>(i);

  // The last extent (2) is not 1 or 3, the second (3) is: NCHW, values stay in order.
  write_npy(dir + "/nchw.npy", "<f4", {2, 3, 2, 2}, test::le_bytes(ramp));
  write_labels(dir + "/nchw_labels.npy", {1, 0});
  auto nchw = read_npy_dataset(dir + "/nchw.npy");
  ASSERT_TRUE(nchw.ok()) << nchw.error();
  EXPECT_EQ(nchw->item_shape, (std::vector<int64_t>{3, 2, 2}));
  EXPECT_EQ(nchw->element_type, "float32");
  EXPECT_EQ(nchw->values, ramp);

  write_npy(dir + "/mono.npy", "<f4", {3, 2, 4, 1}, test::le_bytes(ramp));
  write_labels(dir + "/mono_labels.npy", {0, 0, 1});
  auto mono = read_npy_dataset(dir + "/mono.npy");
  ASSERT_TRUE(mono.ok()) << mono.error();
  EXPECT_EQ(mono->item_shape, (std::vector<int64_t>{1, 2, 4}));
  EXPECT_EQ(mono->values, ramp);

  write_npy(dir + "/grey.npy", "<f4", {2, 3, 4}, test::le_bytes(ramp));
  write_labels(dir + "/grey_labels.npy", {0, 1});
  auto grey = read_npy_dataset(dir + "/grey.npy");
  ASSERT_TRUE(grey.ok()) << grey.error();
  EXPECT_EQ(grey->item_shape, (std::vector<int64_t>{1, 3, 4}));

  // NAME_labels.npy wins over a labels.npy in the same folder (which does not fit here).
  write_labels(dir + "/labels.npy", {0});
  write_npy(dir + "/features.npy", "<f8", {4, 6}, test::le_bytes(std::vector<double>(24, 0.25)));
  write_labels(dir + "/features_labels.npy", {3, 1, 2, 0});
  auto features = read_npy_dataset(dir + "/features.npy");
  ASSERT_TRUE(features.ok()) << features.error();
  EXPECT_EQ(features->item_shape, (std::vector<int64_t>{6}));
  EXPECT_EQ(features->element_type, "float64");
  EXPECT_EQ(features->labels, (std::vector<int32_t>{3, 1, 2, 0}));
  EXPECT_EQ(features->item(3)[5], 0.25f);

  write_npy(dir + "/cube.npy", "<f4", {2, 2, 2, 2, 1}, test::le_bytes(std::vector<float>(16)));
  expect_error(read_npy_dataset(dir + "/cube.npy"), "cube.npy", "is not [n, d], [n, h, w], [n, h, w, 1|3]");
  write_npy(dir + "/square.npy", "<f4", {1, 2, 2, 2}, test::le_bytes(std::vector<float>(8)));
  expect_error(read_npy_dataset(dir + "/square.npy"), "square.npy", "shape 1x2x2x2 is not");
  write_npy(dir + "/empty.npy", "<f4", {0, 3}, {});
  expect_error(read_npy_dataset(dir + "/empty.npy"), "empty.npy", "holds no items");
}

// A CIFAR-10-C-layout folder: fog.npy of 10 rows of 2x2x3 (5 severities of 2), value = row*10 + position, and
// labels.npy with one label per row, different in every block so the test sees which block was taken.
std::string write_small_cifar10c(const std::string& dir) {
  std::vector<unsigned char> pixels;
  for (int row = 0; row < 10; ++row)
    for (int p = 0; p < 12; ++p) pixels.push_back(static_cast<unsigned char>(row * 10 + p));
  write_npy(dir + "/fog.npy", "|u1", {10, 2, 2, 3}, pixels);
  write_labels(dir + "/labels.npy", {0, 1, 1, 2, 2, 0, 0, 0, 1, 1});
  return dir + "/fog.npy";
}

TEST(NpyDataset, SeveritySpecReadsItsBlockAndComposesWithSuffixes) {
  const std::string dir = test_dir();
  const std::string fog = write_small_cifar10c(dir);

  auto severity3 = open_dataset(fog + ":3");
  ASSERT_TRUE(severity3.ok()) << severity3.error();
  EXPECT_EQ(severity3->name, fog + ":3");
  EXPECT_EQ(severity3->count(), 2);
  EXPECT_EQ(severity3->labels, (std::vector<int32_t>{2, 0}));  // rows 4 and 5
  // Row 4's NHWC position p = (y*2 + x)*3 + c lands at CHW index c*4 + y*2 + x.
  for (int c = 0; c < 3; ++c)
    for (int yx = 0; yx < 4; ++yx) EXPECT_EQ(severity3->item(0)[c * 4 + yx], 40 + yx * 3 + c);
  EXPECT_EQ(severity3->item(1)[0], 50);

  auto whole = open_dataset(fog);
  ASSERT_TRUE(whole.ok()) << whole.error();
  EXPECT_EQ(whole->count(), 10);

  auto subset = open_dataset(fog + ":3[0,2]");
  ASSERT_TRUE(subset.ok()) << subset.error();
  EXPECT_EQ(subset->labels, (std::vector<int32_t>{1, 0}));
  auto resized = open_dataset(fog + ":3@4x4");
  ASSERT_TRUE(resized.ok()) << resized.error();
  EXPECT_EQ(resized->item_shape, (std::vector<int64_t>{3, 4, 4}));
  auto shifted = open_dataset(fog + ":3+contrast:2");
  ASSERT_TRUE(shifted.ok()) << shifted.error();
  EXPECT_EQ(shifted->count(), 2);
  auto all_three = open_dataset(fog + ":5[1]@3x3+fog:1");  // a shift comes last, as for every dataset
  ASSERT_TRUE(all_three.ok()) << all_three.error();
  EXPECT_EQ(all_three->count(), 2);  // rows 8 and 9 are both class 1
  EXPECT_EQ(all_three->item_shape, (std::vector<int64_t>{3, 3, 3}));

  // One label per block row (not per file row) serves every severity.
  write_labels(dir + "/labels.npy", {1, 0});
  auto short_labels = open_dataset(fog + ":4");
  ASSERT_TRUE(short_labels.ok()) << short_labels.error();
  EXPECT_EQ(short_labels->labels, (std::vector<int32_t>{1, 0}));
  EXPECT_EQ(short_labels->item(0)[0], 60);
}

TEST(NpyDataset, SpecAndLabelDefectsAreErrors) {
  const std::string dir = test_dir();
  const std::string fog = write_small_cifar10c(dir);
  expect_error(open_dataset(fog + ":0"), "fog.npy", "severity '0' is not 1..5");
  expect_error(open_dataset(fog + ":6"), "fog.npy", "severity '6' is not 1..5");
  expect_error(open_dataset(fog + ":high"), "fog.npy", "severity 'high' is not 1..5");
  expect_error(read_npy_dataset(fog, 6), "fog.npy", "severity 6 is not 1..5");

  write_npy(dir + "/seven.npy", "|u1", {7, 2, 2, 3}, std::vector<unsigned char>(84));
  write_labels(dir + "/seven_labels.npy", {0, 1, 0, 1, 0, 1, 0});
  ASSERT_TRUE(open_dataset(dir + "/seven.npy").ok());
  expect_error(open_dataset(dir + "/seven.npy:2"), "seven.npy", "7 rows do not split into 5 equal severity blocks");

  write_labels(dir + "/labels.npy", {0, 1, 2});
  expect_error(open_dataset(fog), "labels.npy", "3 labels do not match the 10 rows read from " + fog);
  // 4 labels are a multiple of a block's 2 but do not reach rows 8..9.
  write_labels(dir + "/labels.npy", {0, 1, 2, 3});
  expect_error(open_dataset(fog + ":5"), "labels.npy", "covering rows 8..9");

  write_labels(dir + "/labels.npy", {0, 1, 1, 2, 2, -1, 0, 0, 1, 1});
  expect_error(open_dataset(fog + ":3"), "labels.npy", "label 1 is -1");
  write_labels(dir + "/labels.npy", {0, 1, 1, 2, 2, 200000, 0, 0, 1, 1});
  expect_error(open_dataset(fog + ":3"), "labels.npy", "not a class id");
  write_npy(dir + "/labels.npy", "<f4", {10}, test::le_bytes(std::vector<float>(10, 1.0f)));
  expect_error(open_dataset(fog + ":3"), "labels.npy", "labels must be an integer vector [n], found shape 10 of float32");
  write_npy(dir + "/labels.npy", "<i8", {10, 1}, test::le_bytes(std::vector<int64_t>(10, 1)));
  expect_error(open_dataset(fog + ":3"), "labels.npy", "found shape 10x1 of int64");
  test::write_bytes(dir + "/labels.npy", {'n', 'o'});
  expect_error(open_dataset(fog + ":3"), "labels.npy", "too short");

  fs::remove(dir + "/labels.npy");
  expect_error(open_dataset(fog + ":3"), fog, "no labels file (expected fog_labels.npy or labels.npy beside it)");
  expect_error(open_dataset(dir + "/absent.npy:3"), "absent.npy", "cannot open");
}

TEST(NpyDataset, Cifar10cLayoutGetsCifar10ClassNames) {
  // Full size (50000x32x32x3, 150 MB) but sparse: only the header is written, the rest reads as zeros.
  const std::string dir = test_dir();
  test::write_bytes(dir + "/fog.npy", test::npy_bytes(test::npy_header("|u1", {50000, 32, 32, 3}), {}));
  fs::resize_file(dir + "/fog.npy", fs::file_size(dir + "/fog.npy") + int64_t{50000} * 3072);
  std::vector<int64_t> labels(50000);
  for (size_t i = 0; i < labels.size(); ++i) labels[i] = static_cast<int64_t>(i % 10);
  write_labels(dir + "/labels.npy", labels);
  auto severity2 = open_dataset(dir + "/fog.npy:2");
  ASSERT_TRUE(severity2.ok()) << severity2.error();
  EXPECT_EQ(severity2->count(), 10000);
  EXPECT_EQ(severity2->item_shape, (std::vector<int64_t>{3, 32, 32}));
  ASSERT_EQ(severity2->num_classes(), 10);
  EXPECT_EQ(severity2->class_names.front(), "airplane");
  EXPECT_EQ(severity2->class_names.back(), "truck");
  EXPECT_EQ(severity2->labels[3], 3);
}

bool numpy_available() { return std::system("/usr/bin/python3 -c 'import numpy' >/dev/null 2>&1") == 0; }

TEST(NpyDataset, ReadsACifar10cFolderWrittenByNumpy) {
  if (!numpy_available()) GTEST_SKIP() << "/usr/bin/python3 with numpy is not installed";
  const std::string dir = test_dir();
  // 5 severities x 20 images of 32x32x3 uint8 with known pixels; labels differ per block to show which is taken.
  // fog_v2/fog_v3 are the same array in .npy format versions 2.0 and 3.0.
  std::ofstream(dir + "/make.py") << R"(import sys
import numpy as np
d = sys.argv[1]
r = np.arange(100).reshape(100, 1, 1, 1)
y = np.arange(32).reshape(1, 32, 1, 1)
x = np.arange(32).reshape(1, 1, 32, 1)
c = np.arange(3).reshape(1, 1, 1, 3)
images = ((r * 7 + y * 3 + x * 5 + c * 11) % 256).astype(np.uint8)
np.save(d + '/fog.npy', images)
rows = np.arange(100)
np.save(d + '/labels.npy', ((rows * 3 + rows // 20) % 10).astype(np.int64))
for major in (2, 3):
    with open(d + '/fog_v%d.npy' % major, 'wb') as f:
        np.lib.format.write_array(f, images, version=(major, 0))
)";
  ASSERT_EQ(std::system(("/usr/bin/python3 '" + dir + "/make.py' '" + dir + "'").c_str()), 0);

  for (const char* file : {"fog.npy", "fog_v2.npy", "fog_v3.npy"}) {
    SCOPED_TRACE(file);
    auto dataset = open_dataset(dir + "/" + file + ":3");
    ASSERT_TRUE(dataset.ok()) << dataset.error();
    ASSERT_EQ(dataset->count(), 20);
    EXPECT_EQ(dataset->element_type, "uint8");
    ASSERT_EQ(dataset->item_shape, (std::vector<int64_t>{3, 32, 32}));
    int wrong_pixels = 0;
    for (int i = 0; i < 20; ++i) {
      const int row = 40 + i;
      EXPECT_EQ(dataset->labels[i], (row * 3 + row / 20) % 10) << "image " << i;
      for (int ch = 0; ch < 3; ++ch)
        for (int y = 0; y < 32; ++y)
          for (int x = 0; x < 32; ++x)
            wrong_pixels += dataset->item(i)[ch * 1024 + y * 32 + x] != (row * 7 + y * 3 + x * 5 + ch * 11) % 256;
    }
    EXPECT_EQ(wrong_pixels, 0);
  }
}

// ImageNet-C: DIR/<corruption>/<severity>/<wnid>/*.JPEG. A severity folder is an ordinary class-per-folder set.
TEST(ImageNetCFolder, SeverityFolderOpensAsAnImageFolder) {
  const std::string dir = test_dir();
  unsigned char rgb[4 * 3 * 3];
  for (int i = 0; i < 36; ++i) rgb[i] = static_cast<unsigned char>(i * 7);
  for (const char* severity : {"1", "3"})
    for (const char* wnid : {"n01443537", "n01440764"}) {
      const std::string folder = dir + "/fog/" + severity + "/" + wnid;
      fs::create_directories(folder);
      ASSERT_TRUE(stbi_write_jpg((folder + "/ILSVRC2012_val_1.JPEG").c_str(), 4, 3, 3, rgb, 95));
    }
  ASSERT_TRUE(stbi_write_jpg((dir + "/fog/3/n01443537/ILSVRC2012_val_2.JPEG").c_str(), 4, 3, 3, rgb, 95));

  auto severity3 = open_dataset(dir + "/fog/3");
  ASSERT_TRUE(severity3.ok()) << severity3.error();
  EXPECT_EQ(severity3->class_names, (std::vector<std::string>{"n01440764", "n01443537"}));
  EXPECT_EQ(severity3->labels, (std::vector<int32_t>{0, 1, 1}));
  EXPECT_EQ(severity3->item_shape, (std::vector<int64_t>{3, 3, 4}));
  auto resized = open_dataset(dir + "/fog/3@2x2");
  ASSERT_TRUE(resized.ok()) << resized.error();
  EXPECT_EQ(resized->item_shape, (std::vector<int64_t>{3, 2, 2}));
  // The corruption folder itself holds severities, not classes.
  expect_error(open_dataset(dir + "/fog"), "fog", "neither class sub-folders of images");
}

}  // namespace
}  // namespace ms::data
