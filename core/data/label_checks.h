// Shared validation of label arrays read from any format.
#pragma once

#include <string>
#include <vector>

#include "core/common/result.h"

namespace ms::data {

struct CheckedLabels {
  std::vector<int32_t> labels;
  std::vector<std::string> class_names;
};

// Labels must be whole numbers in [0, class count). With no class names given, the class count is max label + 1
// and classes are numbered. `where` names the file in error messages.
Result<CheckedLabels> check_labels(const std::vector<float>& raw, const std::string& where,
                                   std::vector<std::string> class_names);

}  // namespace ms::data
