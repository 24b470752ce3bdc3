// Class-balanced, seeded sampling: k items per class, the same indices for the same seed on every machine.
#pragma once

#include <cstdint>
#include <vector>

#include "core/common/result.h"

namespace ms::data {

struct SamplingOptions {
  int64_t per_class = 50;
  uint64_t seed = 0;
  // A class with fewer than per_class items: use all of them (true) or report an error naming the class (false).
  bool allow_fewer = true;
  // Classes with fewer items than this are reported as errors whatever allow_fewer says (GLUE needs >= 1).
  int64_t min_per_class = 1;
};

// labels  n class ids in [0, num_classes). Returns indices into labels, grouped by class (class 0 first), each group
// in ascending index order.
Result<std::vector<int64_t>> sample_per_class(const std::vector<int32_t>& labels, int num_classes,
                                              const SamplingOptions& options);

}  // namespace ms::data
