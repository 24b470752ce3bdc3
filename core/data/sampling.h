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

// At most `total` items, stratified by class: every class gets the same share, except that a class smaller than its
// share gives all it has and the rest is shared by the others; where `total` does not divide evenly, the classes that
// get one more are drawn with `seed`. So the counts of classes with items to spare differ by at most one. Each class's
// items are drawn as in sample_per_class (same seed, same streams). Returns indices grouped by class, each group in
// ascending order; every index when total >= labels.size().
Result<std::vector<int64_t>> sample_stratified(const std::vector<int32_t>& labels, int num_classes, int64_t total,
                                               uint64_t seed);

}  // namespace ms::data
