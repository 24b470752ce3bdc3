// Dataset: n labelled items (images or feature vectors) held in memory, whatever file format they came from.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace ms::data {

// The largest image a dataset holds: 16 megapixels (4096 x 4096, 192 MB as RGB floats). Image files beyond it are
// refused before decoding (a header may claim any size), resize specs beyond it before resizing.
constexpr int64_t kMaxImagePixels = int64_t{1} << 24;

struct Dataset {
  std::string name;         // "fashion-mnist:test", or the file it was read from
  std::string source;       // the file or folder it was read from
  std::string element_type; // storage type in the file: "uint8", "float32", ...
  // Shape of one item: {channels, height, width} for images, {d} for feature vectors.
  std::vector<int64_t> item_shape;
  std::vector<float> values;            // count() * item_size() values, item-major, in the file's units
  std::vector<int32_t> labels;          // count() labels in [0, class_names.size())
  std::vector<std::string> class_names; // one per class id

  int64_t count() const { return static_cast<int64_t>(labels.size()); }
  int64_t item_size() const;
  int num_classes() const { return static_cast<int>(class_names.size()); }
  bool is_image() const { return item_shape.size() == 3; }
  const float* item(int64_t i) const { return values.data() + i * item_size(); }
};

struct DatasetSummary {
  int64_t count = 0;
  std::vector<int64_t> item_shape;
  std::vector<int64_t> class_counts;  // per class id
  float min_value = 0, max_value = 0;
};

DatasetSummary summarize(const Dataset& dataset);

// The items `rows` of `dataset` (indices in [0, count()), in that order), with its name, source, type and classes.
Dataset take_rows(const Dataset& dataset, const std::vector<int64_t>& rows);

// "1x28x28" for images, "512" for vectors.
std::string shape_string(const std::vector<int64_t>& shape);

// Class names 0..n-1 as strings, for formats that carry no names.
std::vector<std::string> numbered_class_names(int n);

}  // namespace ms::data
