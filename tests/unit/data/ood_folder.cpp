#include "tests/unit/data/ood_folder.h"

#include <algorithm>
#include <vector>

#include "core/data/dataset_registry.h"
#include "tests/unit/data/test_files.h"

namespace ms::test {
namespace {

const data::Dataset& fashion_test() {
  static const data::Dataset dataset = [] {
    auto opened = data::open_dataset("fashion-mnist:test");
    return opened ? std::move(opened).value() : data::Dataset{};
  }();
  return dataset;
}

void write_labels(const std::string& path, const std::vector<int64_t>& labels) {
  write_bytes(path, npy_bytes(npy_header("<i8", {static_cast<int64_t>(labels.size())}), le_bytes(labels)));
}

}  // namespace

std::string write_fashion_corruption(const std::string& dir, const std::string& name, int64_t per_block) {
  const data::Dataset& fashion = fashion_test();
  const int64_t count = 5 * per_block;
  if (fashion.count() < count) return "Fashion-MNIST's test split is not installed or too small";
  std::vector<unsigned char> pixels;
  std::vector<int64_t> labels;
  for (int64_t i = 0; i < count; ++i) {
    // One channel: NHWC and CHW have the same byte order.
    for (int64_t j = 0; j < fashion.item_size(); ++j) pixels.push_back(static_cast<unsigned char>(fashion.item(i)[j]));
    labels.push_back(fashion.labels[static_cast<size_t>(i)]);
  }
  write_bytes(dir + "/" + name + ".npy", npy_bytes(npy_header("|u1", {count, 28, 28, 1}), pixels));
  write_labels(dir + "/labels.npy", labels);
  return {};
}

data::Dataset fashion_rows(int64_t first, int64_t count) {
  const data::Dataset& fashion = fashion_test();
  data::Dataset rows;
  rows.name = "fashion rows";
  rows.element_type = fashion.element_type;
  rows.item_shape = fashion.item_shape;
  rows.class_names = fashion.class_names;
  rows.values.assign(fashion.item(first), fashion.item(first) + count * fashion.item_size());
  rows.labels.assign(fashion.labels.begin() + first, fashion.labels.begin() + first + count);
  return rows;
}

void write_blank_images(const std::string& dir, const std::string& name, int64_t count, int h, int w, int c,
                        int classes) {
  std::vector<unsigned char> pixels(static_cast<size_t>(count * h * w * c), 0);
  write_bytes(dir + "/" + name + ".npy", npy_bytes(npy_header("|u1", {count, h, w, c}), pixels));
  std::vector<int64_t> labels;
  for (int64_t i = 0; i < count; ++i) labels.push_back(i % classes);
  write_labels(dir + "/" + name + "_labels.npy", labels);
}

}  // namespace ms::test
