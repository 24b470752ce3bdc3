#include "core/data/idx_reader.h"

#include <zlib.h>

#include <algorithm>
#include <cstring>
#include <memory>

#include "core/data/label_checks.h"

namespace ms::data {
namespace {

struct GzCloser {
  void operator()(gzFile_s* file) const { gzclose(file); }
};
using GzFile = std::unique_ptr<gzFile_s, GzCloser>;

// Reads exactly `size` bytes; gzread also reads uncompressed files as they are.
bool read_exact(gzFile file, void* out, size_t size) {
  auto* cursor = static_cast<unsigned char*>(out);
  while (size > 0) {
    unsigned chunk = static_cast<unsigned>(std::min<size_t>(size, 1u << 30));
    int got = gzread(file, cursor, chunk);
    if (got <= 0) return false;
    cursor += got;
    size -= static_cast<size_t>(got);
  }
  return true;
}

// Reads up to `size` bytes, growing the buffer only as data arrives: a short file that declares gigabytes costs
// what it holds, not what it claims.
std::vector<unsigned char> read_up_to(gzFile file, size_t size) {
  constexpr size_t kFirstStep = size_t{1} << 20;
  std::vector<unsigned char> bytes;
  size_t have = 0;
  while (have < size) {
    if (bytes.size() == have) bytes.resize(have + std::min(std::max(kFirstStep, have), size - have));
    const auto want = static_cast<unsigned>(std::min<size_t>(bytes.size() - have, 1u << 30));
    const int got = gzread(file, bytes.data() + have, want);
    if (got <= 0) break;
    have += static_cast<size_t>(got);
  }
  bytes.resize(have);
  return bytes;
}

struct TypeInfo {
  const char* name;
  int bytes;
};

bool type_info(unsigned char code, TypeInfo* info) {
  switch (code) {
    case 0x08: *info = {"uint8", 1}; return true;
    case 0x09: *info = {"int8", 1}; return true;
    case 0x0B: *info = {"int16", 2}; return true;
    case 0x0C: *info = {"int32", 4}; return true;
    case 0x0D: *info = {"float32", 4}; return true;
    case 0x0E: *info = {"float64", 8}; return true;
    default: return false;
  }
}

// IDX stores multi-byte values big-endian.
template <class T>
T load_big_endian(const unsigned char* bytes) {
  unsigned char swapped[sizeof(T)];
  for (size_t i = 0; i < sizeof(T); ++i) swapped[i] = bytes[sizeof(T) - 1 - i];
  T value;
  std::memcpy(&value, swapped, sizeof(T));
  return value;
}

float convert(unsigned char code, const unsigned char* bytes) {
  switch (code) {
    case 0x08: return static_cast<float>(bytes[0]);
    case 0x09: return static_cast<float>(static_cast<int8_t>(bytes[0]));
    case 0x0B: return static_cast<float>(load_big_endian<int16_t>(bytes));
    case 0x0C: return static_cast<float>(load_big_endian<int32_t>(bytes));
    case 0x0D: return load_big_endian<float>(bytes);
    default: return static_cast<float>(load_big_endian<double>(bytes));
  }
}

}  // namespace

Result<IdxArray> read_idx_file(const std::string& path) {
  GzFile file(gzopen(path.c_str(), "rb"));
  if (!file) return make_error(path + ": cannot open (" + std::strerror(errno) + ")");

  unsigned char magic[4];
  if (!read_exact(file.get(), magic, 4)) return make_error(path + ": file too short for an IDX header");
  TypeInfo type{};
  if (magic[0] != 0 || magic[1] != 0 || !type_info(magic[2], &type) || magic[3] == 0 || magic[3] > 4) {
    char hex[32];
    std::snprintf(hex, sizeof hex, "%02x %02x %02x %02x", magic[0], magic[1], magic[2], magic[3]);
    return make_error(path + ": not an IDX file (bad magic number " + hex + ")");
  }

  IdxArray array;
  array.element_type = type.name;
  int64_t total = 1;
  for (int d = 0; d < magic[3]; ++d) {
    unsigned char raw[4];
    if (!read_exact(file.get(), raw, 4)) return make_error(path + ": truncated IDX header");
    auto extent = static_cast<int64_t>(load_big_endian<uint32_t>(raw));
    if (extent == 0) return make_error(path + ": dimension " + std::to_string(d) + " is zero");
    array.dims.push_back(extent);
    constexpr int64_t kMaxValues = int64_t{1} << 34;
    if (extent > kMaxValues / total) return make_error(path + ": declared size is implausibly large");
    total *= extent;
  }

  const size_t declared = static_cast<size_t>(total) * type.bytes;
  std::vector<unsigned char> payload = read_up_to(file.get(), declared);
  if (payload.size() < declared) {
    int64_t have = gztell(file.get()) - 4 - 4 * magic[3];
    return make_error(path + ": truncated: header declares " + std::to_string(total) + " values (" +
                      std::to_string(declared) + " bytes) but only about " + std::to_string(std::max<int64_t>(have, 0)) +
                      " bytes of data follow");
  }
  unsigned char extra;
  if (gzread(file.get(), &extra, 1) > 0) return make_error(path + ": trailing data after the declared payload");

  array.values.resize(static_cast<size_t>(total));
  for (int64_t i = 0; i < total; ++i) array.values[i] = convert(magic[2], payload.data() + i * type.bytes);
  return array;
}

Result<Dataset> read_idx_dataset(const std::string& images_path, const std::string& labels_path,
                                 std::vector<std::string> class_names) {
  auto images = read_idx_file(images_path);
  if (!images) return make_error(images.error());
  auto labels = read_idx_file(labels_path);
  if (!labels) return make_error(labels.error());

  const auto& dims = images->dims;
  if (dims.size() != 3 && dims.size() != 4)
    return make_error(images_path + ": expected images of shape [n, h, w] or [n, c, h, w], found " +
                      shape_string(dims));
  if (labels->dims.size() != 1) return make_error(labels_path + ": expected labels of shape [n], found " +
                                                  shape_string(labels->dims));
  if (labels->dims[0] != dims[0])
    return make_error(labels_path + ": " + std::to_string(labels->dims[0]) + " labels for " +
                      std::to_string(dims[0]) + " images in " + images_path);

  Dataset dataset;
  dataset.source = images_path;
  dataset.name = images_path;
  dataset.element_type = images->element_type;
  dataset.item_shape = dims.size() == 3 ? std::vector<int64_t>{1, dims[1], dims[2]}
                                        : std::vector<int64_t>{dims[1], dims[2], dims[3]};
  dataset.values = std::move(images->values);
  auto checked = check_labels(labels->values, labels_path, std::move(class_names));
  if (!checked) return make_error(checked.error());
  dataset.labels = std::move(checked->labels);
  dataset.class_names = std::move(checked->class_names);
  return dataset;
}

}  // namespace ms::data
