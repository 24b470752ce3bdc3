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

Dataset take_rows(const Dataset& dataset, const std::vector<int64_t>& rows) {
  Dataset subset;
  subset.name = dataset.name;
  subset.source = dataset.source;
  subset.element_type = dataset.element_type;
  subset.item_shape = dataset.item_shape;
  subset.class_names = dataset.class_names;
  const int64_t size = dataset.item_size();
  subset.values.resize(rows.size() * static_cast<size_t>(size));
  subset.labels.resize(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    std::copy_n(dataset.item(rows[i]), size, subset.values.begin() + static_cast<std::ptrdiff_t>(i * size));
    subset.labels[i] = dataset.labels[static_cast<size_t>(rows[i])];
  }
  return subset;
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
