#include "core/data/label_checks.h"

#include <cmath>

#include "core/data/dataset.h"

namespace ms::data {

// Formats without class names can still not declare a million classes by one corrupt byte.
constexpr int kMaxClasses = 100000;

Result<CheckedLabels> check_labels(const std::vector<float>& raw, const std::string& where,
                                   std::vector<std::string> class_names) {
  CheckedLabels out;
  out.labels.reserve(raw.size());
  int max_label = -1;
  for (size_t i = 0; i < raw.size(); ++i) {
    float value = raw[i];
    if (!std::isfinite(value) || value != std::floor(value) || value < 0 || value >= kMaxClasses)
      return make_error(where + ": label " + std::to_string(i) + " is " + std::to_string(value) +
                        ", not a class id in [0, " + std::to_string(kMaxClasses) + ")");
    int label = static_cast<int>(value);
    if (!class_names.empty() && label >= static_cast<int>(class_names.size()))
      return make_error(where + ": label " + std::to_string(i) + " is " + std::to_string(label) + " but only " +
                        std::to_string(class_names.size()) + " classes exist");
    max_label = std::max(max_label, label);
    out.labels.push_back(label);
  }
  out.class_names = class_names.empty() ? numbered_class_names(max_label + 1) : std::move(class_names);
  return out;
}

}  // namespace ms::data
