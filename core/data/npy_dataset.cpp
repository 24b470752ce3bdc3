#include "core/data/npy_dataset.h"

#include <algorithm>
#include <filesystem>

#include "core/data/label_checks.h"
#include "core/data/npy_reader.h"

namespace ms::data {
namespace fs = std::filesystem;
namespace {

constexpr int kSeverities = 5;
constexpr int64_t kCifar10cRows = 50000;

std::vector<std::string> cifar10_classes() {
  return {"airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"};
}

std::string shape_text(const NpyHeader& header) {
  return header.shape.empty() ? "()" : shape_string(header.shape);
}

struct Layout {
  std::vector<int64_t> item_shape;  // {c, h, w} or {d}
  bool channels_last = false;       // stored NHWC with c > 1: items need reordering to CHW
};

Result<Layout> layout_of(const NpyHeader& header) {
  const auto& s = header.shape;
  auto is_channels = [](int64_t extent) { return extent == 1 || extent == 3; };
  if (s.size() == 2) return Layout{{s[1]}, false};
  if (s.size() == 3) return Layout{{1, s[1], s[2]}, false};
  // The last extent decides first: NumPy image arrays are usually NHWC.
  if (s.size() == 4 && is_channels(s[3])) return Layout{{s[3], s[1], s[2]}, s[3] > 1};
  if (s.size() == 4 && is_channels(s[1])) return Layout{{s[1], s[2], s[3]}, false};
  return make_error(header.path + ": shape " + shape_text(header) +
                    " is not [n, d], [n, h, w], [n, h, w, 1|3] or [n, 1|3, h, w]");
}

// HWC -> CHW item by item, in place through one item of scratch space (a block is never held twice).
void to_channel_major(std::vector<float>* values, const std::vector<int64_t>& chw) {
  const int64_t channels = chw[0], plane = chw[1] * chw[2], size = channels * plane;
  std::vector<float> item(static_cast<size_t>(size));
  for (size_t start = 0; start < values->size(); start += static_cast<size_t>(size)) {
    float* data = values->data() + start;
    std::copy(data, data + size, item.begin());
    for (int64_t c = 0; c < channels; ++c)
      for (int64_t p = 0; p < plane; ++p) data[c * plane + p] = item[p * channels + c];
  }
}

// NAME_labels.npy beside NAME.npy, else labels.npy in its folder; "" when neither exists.
std::string labels_file_for(const fs::path& file) {
  std::error_code ec;
  for (const fs::path& candidate :
       {file.parent_path() / (file.stem().string() + "_labels.npy"), file.parent_path() / "labels.npy"})
    if (fs::is_regular_file(candidate, ec)) return candidate.string();
  return "";
}

// Labels of rows [first, first + count) of `path`: the labels file holds `count` labels, or a multiple of that
// many (CIFAR-10-C: one per row of the whole file), then read at the same rows.
Result<CheckedLabels> read_labels(const std::string& labels_path, const std::string& path, int64_t first,
                                  int64_t count) {
  auto header = read_npy_header(labels_path);
  if (!header) return make_error(header.error());
  if (!header->is_integer() || header->shape.size() != 1)
    return make_error(labels_path + ": labels must be an integer vector [n], found shape " + shape_text(*header) +
                      " of " + header->element_type);
  const int64_t n = header->rows();
  int64_t from = 0;
  if (n != count) {
    if (n % count != 0 || first + count > n)
      return make_error(labels_path + ": " + std::to_string(n) + " labels do not match the " + std::to_string(count) +
                        " rows read from " + path + " (expected " + std::to_string(count) +
                        ", or a multiple of it covering rows " + std::to_string(first) + ".." +
                        std::to_string(first + count - 1) + ")");
    from = first;
  }
  auto raw = read_npy_rows(*header, from, count);
  if (!raw) return make_error(raw.error());
  return check_labels(*raw, labels_path, {});
}

}  // namespace

Result<Dataset> read_npy_dataset(const std::string& path, int severity) {
  if (severity < 0 || severity > kSeverities)
    return make_error(path + ": severity " + std::to_string(severity) + " is not 1..5");
  auto header = read_npy_header(path);
  if (!header) return make_error(header.error());
  auto layout = layout_of(*header);
  if (!layout) return make_error(layout.error());
  const int64_t rows = header->rows();
  if (rows == 0 || header->row_size() == 0) return make_error(path + ": shape " + shape_text(*header) + " holds no items");

  int64_t first = 0, count = rows;
  if (severity > 0) {
    if (rows % kSeverities != 0)
      return make_error(path + ": " + std::to_string(rows) + " rows do not split into 5 equal severity blocks " +
                        "(CIFAR-10-C layout), so severity " + std::to_string(severity) + " cannot be picked");
    count = rows / kSeverities;
    first = (severity - 1) * count;
  }

  // Labels first: a labels problem is reported without reading the (possibly large) values.
  const std::string labels_path = labels_file_for(path);
  if (labels_path.empty())
    return make_error(path + ": no labels file (expected " + fs::path(path).stem().string() +
                      "_labels.npy or labels.npy beside it)");
  auto labels = read_labels(labels_path, path, first, count);
  if (!labels) return make_error(labels.error());
  auto values = read_npy_rows(*header, first, count);
  if (!values) return make_error(values.error());
  if (layout->channels_last) to_channel_major(&*values, layout->item_shape);

  Dataset dataset;
  dataset.name = severity > 0 ? path + ":" + std::to_string(severity) : path;
  dataset.source = path;
  dataset.element_type = header->element_type;
  dataset.item_shape = layout->item_shape;
  dataset.values = std::move(*values);
  dataset.labels = std::move(labels->labels);
  dataset.class_names = std::move(labels->class_names);
  const bool cifar10c = fs::path(labels_path).filename() == "labels.npy" && rows == kCifar10cRows &&
                        dataset.item_shape == std::vector<int64_t>{3, 32, 32} && dataset.num_classes() == 10;
  if (cifar10c) dataset.class_names = cifar10_classes();
  return dataset;
}

}  // namespace ms::data
