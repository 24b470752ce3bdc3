#include "core/data/dataset.h"

#include <algorithm>
#include <functional>
#include <numeric>

namespace ms::data {

int64_t Dataset::item_size() const {
  return std::accumulate(item_shape.begin(), item_shape.end(), int64_t{1}, std::multiplies<>());
}

DatasetSummary summarize(const Dataset& dataset) {
  DatasetSummary summary;
  summary.count = dataset.count();
  summary.item_shape = dataset.item_shape;
  summary.class_counts.assign(dataset.class_names.size(), 0);
  for (int32_t label : dataset.labels) ++summary.class_counts[label];
  if (!dataset.values.empty()) {
    auto [lo, hi] = std::minmax_element(dataset.values.begin(), dataset.values.end());
    summary.min_value = *lo;
    summary.max_value = *hi;
  }
  return summary;
}

std::string shape_string(const std::vector<int64_t>& shape) {
  std::string text;
  for (size_t i = 0; i < shape.size(); ++i) text += (i ? "x" : "") + std::to_string(shape[i]);
  return text;
}

std::vector<std::string> numbered_class_names(int n) {
  std::vector<std::string> names;
  for (int i = 0; i < n; ++i) names.push_back(std::to_string(i));
  return names;
}

}  // namespace ms::data
