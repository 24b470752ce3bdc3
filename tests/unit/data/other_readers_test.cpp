// CIFAR binary batches, image folders and HDF5 arrays, on small files written here.
#include <H5Cpp.h>
#include <gtest/gtest.h>
#include <stb_image_write.h>

#include <zlib.h>

#include <filesystem>

#include "core/data/cifar_reader.h"
#include "core/data/dataset_registry.h"
#include "core/data/hdf5_array_reader.h"
#include "core/data/image_folder_reader.h"
#include "tests/unit/data/test_files.h"

namespace ms::data {
namespace {

std::vector<unsigned char> cifar10_records(const std::vector<unsigned char>& labels) {
  std::vector<unsigned char> bytes;
  for (size_t r = 0; r < labels.size(); ++r) {
    bytes.push_back(labels[r]);
    for (int p = 0; p < 3072; ++p) bytes.push_back(static_cast<unsigned char>((p + r) % 256));
  }
  return bytes;
}

TEST(CifarReader, ReadsRecordsChannelMajor) {
  const std::string dir = test::scratch_dir("cifar_ok");
  test::write_bytes(dir + "/data_batch_1.bin", cifar10_records({3, 7}));
  test::write_bytes(dir + "/data_batch_2.bin", cifar10_records({0}));
  auto dataset = read_cifar_batches({dir + "/data_batch_1.bin", dir + "/data_batch_2.bin"}, CifarVariant::cifar10);
  ASSERT_TRUE(dataset.ok()) << dataset.error();
  EXPECT_EQ(dataset->count(), 3);
  EXPECT_EQ(dataset->labels, (std::vector<int32_t>{3, 7, 0}));
  EXPECT_EQ(dataset->item_shape, (std::vector<int64_t>{3, 32, 32}));
  EXPECT_EQ(dataset->item(1)[1024], 1025.0f - 1024 + 0);  // green plane of record 1 starts at (1024+1)%256 = 1
  EXPECT_EQ(dataset->num_classes(), 10);
  auto via_folder = open_dataset(dir);
  ASSERT_TRUE(via_folder.ok()) << via_folder.error();
  EXPECT_EQ(via_folder->count(), 3);
}

TEST(CifarReader, TruncatedAndOutOfRangeAreErrors) {
  const std::string dir = test::scratch_dir("cifar_bad");
  auto bytes = cifar10_records({1, 2});
  bytes.resize(bytes.size() - 10);
  test::write_bytes(dir + "/cut.bin", bytes);
  auto cut = read_cifar_batches({dir + "/cut.bin"}, CifarVariant::cifar10);
  ASSERT_FALSE(cut.ok());
  EXPECT_NE(cut.error().find("cut.bin"), std::string::npos);
  EXPECT_NE(cut.error().find("3073-byte"), std::string::npos) << cut.error();

  test::write_bytes(dir + "/label.bin", cifar10_records({1, 12}));
  auto label = read_cifar_batches({dir + "/label.bin"}, CifarVariant::cifar10);
  ASSERT_FALSE(label.ok());
  EXPECT_NE(label.error().find("label 1 is 12"), std::string::npos) << label.error();
}

TEST(ImageFolderReader, ReadsClassesInNameOrder) {
  const std::string dir = test::scratch_dir("image_folder");
  for (const char* cls : {"cat", "ant"}) std::filesystem::create_directories(dir + "/" + cls);
  unsigned char rgb[4 * 3 * 3];
  for (int i = 0; i < 36; ++i) rgb[i] = static_cast<unsigned char>(i * 7);
  ASSERT_TRUE(stbi_write_png((dir + "/cat/a.png").c_str(), 4, 3, 3, rgb, 12));
  ASSERT_TRUE(stbi_write_png((dir + "/cat/b.png").c_str(), 4, 3, 3, rgb, 12));
  ASSERT_TRUE(stbi_write_jpg((dir + "/ant/c.jpg").c_str(), 4, 3, 3, rgb, 95));
  auto dataset = read_image_folder(dir);
  ASSERT_TRUE(dataset.ok()) << dataset.error();
  EXPECT_EQ(dataset->class_names, (std::vector<std::string>{"ant", "cat"}));
  EXPECT_EQ(dataset->labels, (std::vector<int32_t>{0, 1, 1}));
  EXPECT_EQ(dataset->item_shape, (std::vector<int64_t>{3, 3, 4}));
  // PNG is lossless: pixel (0,1) green = rgb[1*3+1], stored channel-major.
  EXPECT_EQ(dataset->item(1)[12 + 1], rgb[4]);

  unsigned char small[2 * 2 * 3] = {};
  ASSERT_TRUE(stbi_write_png((dir + "/cat/z_small.png").c_str(), 2, 2, 3, small, 6));
  auto mixed = read_image_folder(dir);
  ASSERT_FALSE(mixed.ok());
  EXPECT_NE(mixed.error().find("z_small.png"), std::string::npos) << mixed.error();

  test::write_bytes(dir + "/cat/z_small.png", {'n', 'o', 't'});
  auto corrupt = read_image_folder(dir);
  ASSERT_FALSE(corrupt.ok());
  EXPECT_NE(corrupt.error().find("z_small.png"), std::string::npos) << corrupt.error();
}

void append_png_chunk(std::vector<unsigned char>& png, const char* type, const std::vector<unsigned char>& data) {
  for (int shift : {24, 16, 8, 0}) png.push_back(static_cast<unsigned char>(data.size() >> shift));
  std::vector<unsigned char> chunk(type, type + 4);
  chunk.insert(chunk.end(), data.begin(), data.end());
  const uLong crc = crc32(0, chunk.data(), static_cast<uInt>(chunk.size()));
  png.insert(png.end(), chunk.begin(), chunk.end());
  for (int shift : {24, 16, 8, 0}) png.push_back(static_cast<unsigned char>(crc >> shift));
}

// A PNG whose header declares width x height, followed by an empty IDAT chunk: no image data.
std::vector<unsigned char> png_header_only(uint32_t width, uint32_t height) {
  std::vector<unsigned char> png = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  std::vector<unsigned char> header;
  for (uint32_t v : {width, height})
    for (int shift : {24, 16, 8, 0}) header.push_back(static_cast<unsigned char>(v >> shift));
  header.insert(header.end(), {8, 2, 0, 0, 0});  // 8-bit RGB, deflate, no filter, no interlace
  append_png_chunk(png, "IHDR", header);
  append_png_chunk(png, "IDAT", {});
  return png;
}

// Found by fuzz_image_folder: a header may declare any size, and decoding allocates what it declares.
TEST(ImageFolderReader, AnImageDeclaringGigapixelsIsRefusedBeforeDecoding) {
  const std::string dir = test::scratch_dir("image_folder_huge");
  std::filesystem::create_directories(dir + "/cat");
  test::write_bytes(dir + "/cat/huge.png", png_header_only(10000, 10000));
  auto dataset = read_image_folder(dir);
  ASSERT_FALSE(dataset.ok());
  EXPECT_NE(dataset.error().find("huge.png"), std::string::npos) << dataset.error();
  EXPECT_NE(dataset.error().find("16-megapixel"), std::string::npos) << dataset.error();
}

// Found by fuzz_image_folder (UndefinedBehaviorSanitizer): a PNG whose first IDAT chunk is empty — legal — makes
// stb_image copy zero bytes to a null buffer. The file reads, pixel for pixel; stb's translation unit is compiled
// without that one check (core/data/CMakeLists.txt), so the sanitizer builds read it too.
TEST(ImageFolderReader, APngWhoseFirstDataChunkIsEmptyReads) {
  const std::string dir = test::scratch_dir("image_folder_empty_idat");
  std::filesystem::create_directories(dir + "/cat");
  std::vector<unsigned char> png = png_header_only(6, 6);  // IHDR (6x6 RGB) and an empty IDAT
  std::vector<unsigned char> rows;                          // each row: filter 0, then 6 RGB pixels
  for (int y = 0; y < 6; ++y) {
    rows.push_back(0);
    for (int x = 0; x < 18; ++x) rows.push_back(static_cast<unsigned char>(40 * y + x));
  }
  std::vector<unsigned char> deflated(compressBound(static_cast<uLong>(rows.size())));
  uLongf size = static_cast<uLongf>(deflated.size());
  ASSERT_EQ(compress(deflated.data(), &size, rows.data(), static_cast<uLong>(rows.size())), Z_OK);
  deflated.resize(size);
  append_png_chunk(png, "IDAT", deflated);
  append_png_chunk(png, "IEND", {});
  test::write_bytes(dir + "/cat/split.png", png);
  auto dataset = read_image_folder(dir);
  ASSERT_TRUE(dataset.ok()) << dataset.error();
  EXPECT_EQ(dataset->item_shape, (std::vector<int64_t>{3, 6, 6}));
  EXPECT_EQ(dataset->item(0)[2 * 36 + 1 * 6 + 4], 40 * 1 + 4 * 3 + 2);  // blue of pixel (x 4, y 1), channel-major
}

// Found by fuzz_image_folder: Debian's stb_image 2.27 wrote past its Huffman table for a JPEG segment declaring more
// than 256 codes (AddressSanitizer: heap overflow). The vendored stb_image refuses the file.
TEST(ImageFolderReader, AJpegDeclaringMoreThan256HuffmanCodesIsAnError) {
  const std::string dir = test::scratch_dir("image_folder_dht");
  std::filesystem::create_directories(dir + "/cat");
  std::vector<unsigned char> jpeg = {0xFF, 0xD8, 0xFF, 0xC4, 0x00, 0x13, 0x00};  // SOI, DHT of 19 bytes, class 0
  jpeg.insert(jpeg.end(), 16, 0xFF);                                               // 16 x 255 codes
  jpeg.insert(jpeg.end(), 4096, 0x01);
  jpeg.insert(jpeg.end(), {0xFF, 0xD9});
  test::write_bytes(dir + "/cat/dht.jpg", jpeg);
  auto dataset = read_image_folder(dir);
  ASSERT_FALSE(dataset.ok());
  EXPECT_NE(dataset.error().find("dht.jpg"), std::string::npos) << dataset.error();
}

void write_hdf5(const std::string& path, int n, int d, const std::vector<float>& labels) {
  H5::H5File file(path, H5F_ACC_TRUNC);
  std::vector<double> values(static_cast<size_t>(n) * d);
  for (size_t i = 0; i < values.size(); ++i) values[i] = 0.5 * static_cast<double>(i);
  hsize_t dims[2] = {static_cast<hsize_t>(n), static_cast<hsize_t>(d)};
  file.createDataSet("features", H5::PredType::NATIVE_DOUBLE, H5::DataSpace(2, dims))
      .write(values.data(), H5::PredType::NATIVE_DOUBLE);
  hsize_t count = labels.size();
  file.createDataSet("labels", H5::PredType::NATIVE_FLOAT, H5::DataSpace(1, &count))
      .write(labels.data(), H5::PredType::NATIVE_FLOAT);
}

TEST(Hdf5ArrayReader, ReadsFeaturesAndLabels) {
  const std::string dir = test::scratch_dir("hdf5_arrays");
  write_hdf5(dir + "/f.h5", 4, 3, {0, 1, 1, 2});
  auto dataset = read_hdf5_arrays(dir + "/f.h5", "features", "labels");
  ASSERT_TRUE(dataset.ok()) << dataset.error();
  EXPECT_EQ(dataset->item_shape, (std::vector<int64_t>{3}));
  EXPECT_EQ(dataset->element_type, "float64");
  EXPECT_FLOAT_EQ(dataset->item(3)[2], 5.5f);
  EXPECT_EQ(dataset->num_classes(), 3);
  auto by_spec = open_dataset(dir + "/f.h5");  // finds "features" when there is no "images"
  ASSERT_TRUE(by_spec.ok()) << by_spec.error();
  auto by_paths = open_dataset(dir + "/f.h5:features:labels");  // ':' after .h5 names datasets, not a severity
  ASSERT_TRUE(by_paths.ok()) << by_paths.error();
  EXPECT_EQ(by_paths->count(), 4);
}

TEST(Hdf5ArrayReader, ShapeAndTypeProblemsAreErrors) {
  const std::string dir = test::scratch_dir("hdf5_bad");
  write_hdf5(dir + "/count.h5", 4, 3, {0, 1, 1});
  auto count = read_hdf5_arrays(dir + "/count.h5", "features", "labels");
  ASSERT_FALSE(count.ok());
  EXPECT_NE(count.error().find("expected 4 labels"), std::string::npos) << count.error();

  write_hdf5(dir + "/frac.h5", 2, 3, {0, 0.5f});
  EXPECT_FALSE(read_hdf5_arrays(dir + "/frac.h5", "features", "labels").ok());

  auto missing = read_hdf5_arrays(dir + "/count.h5", "nope", "labels");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().find("no dataset at 'nope'"), std::string::npos);

  // Found by fuzz_hdf5_arrays: a dataset declaring 2^36 values that were never written (chunked, no chunk stored)
  // made the reader allocate 256 GB.
  {
    H5::H5File file(dir + "/unwritten.h5", H5F_ACC_TRUNC);
    hsize_t dims[2] = {hsize_t{1} << 30, 64}, chunk[2] = {64, 1};
    H5::DSetCreatPropList chunked;
    chunked.setChunk(2, chunk);
    file.createDataSet("features", H5::PredType::NATIVE_FLOAT, H5::DataSpace(2, dims), chunked);
  }
  auto unwritten = read_hdf5_arrays(dir + "/unwritten.h5", "features", "labels");
  ASSERT_FALSE(unwritten.ok());
  EXPECT_NE(unwritten.error().find("never written, or damaged"), std::string::npos) << unwritten.error();

  test::write_bytes(dir + "/garbage.h5", {'x', 'y', 'z'});
  auto garbage = read_hdf5_arrays(dir + "/garbage.h5", "features", "labels");
  ASSERT_FALSE(garbage.ok());
  EXPECT_NE(garbage.error().find("not an HDF5 file"), std::string::npos);
}

}  // namespace
}  // namespace ms::data
