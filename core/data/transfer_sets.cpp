#include "core/data/transfer_sets.h"

#include <algorithm>

#include "core/data/image_ops.h"

namespace ms::data {

Result<Dataset> select_classes(const Dataset& dataset, const std::vector<int>& classes) {
  std::vector<int> new_label(dataset.num_classes(), -1);
  Dataset subset;
  for (size_t k = 0; k < classes.size(); ++k) {
    const int c = classes[k];
    if (c < 0 || c >= dataset.num_classes())
      return make_error(dataset.name + ": no class " + std::to_string(c) + " to select");
    if (new_label[c] >= 0) return make_error(dataset.name + ": class " + std::to_string(c) + " selected twice");
    new_label[c] = static_cast<int>(k);
    subset.class_names.push_back(dataset.class_names[c]);
  }
  subset.source = dataset.source;
  subset.element_type = dataset.element_type;
  subset.item_shape = dataset.item_shape;
  std::string suffix;
  for (int c : classes) suffix += (suffix.empty() ? "" : ",") + std::to_string(c);
  subset.name = dataset.name + "[classes " + suffix + "]";
  const int64_t size = dataset.item_size();
  for (int64_t i = 0; i < dataset.count(); ++i) {
    if (new_label[dataset.labels[i]] < 0) continue;
    subset.labels.push_back(new_label[dataset.labels[i]]);
    subset.values.insert(subset.values.end(), dataset.item(i), dataset.item(i) + size);
  }
  return subset;
}

Result<Dataset> resize_images(const Dataset& dataset, int height, int width, float target_max) {
  if (!dataset.is_image()) return make_error(dataset.name + ": only images can be resized");
  if (height < 1 || width < 1) return make_error(dataset.name + ": cannot resize to an empty image");
  const float source_max = std::max(1e-12f, summarize(dataset).max_value);
  Dataset resized = dataset;
  resized.item_shape = {dataset.item_shape[0], height, width};
  resized.element_type = target_max == 255.0f ? "uint8" : "float32";
  resized.name = dataset.name + "@" + std::to_string(height) + "x" + std::to_string(width);
  resized.values.clear();
  Image image{static_cast<int>(dataset.item_shape[0]), static_cast<int>(dataset.item_shape[1]),
              static_cast<int>(dataset.item_shape[2]), {}};
  for (int64_t i = 0; i < dataset.count(); ++i) {
    image.values.assign(dataset.item(i), dataset.item(i) + dataset.item_size());
    Image out = resize_bilinear(image, height, width);
    for (float v : out.values) resized.values.push_back(v / source_max * target_max);
  }
  return resized;
}

}  // namespace ms::data
